"""An encrypted workspace, taken through everything a person does with it (import, brief,
print, open a file, backup, restore, encrypt, passphrase change), killed at every fault
point of those steps along the way, leaves no readable client data anywhere on disk:
not in the workspace's folder (database, store, backups, journals, ``.in-use``), not in
the temp folder, not in the home folder.

Left out of the search, on purpose: ``outside/``, which holds what the person brought
(the plain source archive) and what the person asked for (the brief written with
``casefile brief -o``): those are theirs, readable by design.
"""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
import textwrap
import zipfile
from pathlib import Path

import docx
import pytest

from app.core.storage import crypto

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not crypto.available(), reason="SQLCipher (sqlcipher3) or cryptography is not installed"
    ),
]

from app.core.archive.transfer import export_case  # noqa: E402
from app.core.services import cases, documents, people, statements  # noqa: E402
from app.core.storage.workspace import Workspace, open_workspace  # noqa: E402
from tests.faults import REPO, casefile, child_env, run_killed  # noqa: E402

SENTENCE = "The heron crossed the quarry at dawn"
# The sentence as it may land on disk: UTF-8 (text, SQLite, JSON, PDF text) and UTF-16
# (Windows-style text files); zips are searched member by member.
NEEDLES = (SENTENCE.encode("utf-8"), SENTENCE.encode("utf-16-le"))
PASSPHRASE = "correct horse battery staple"
NEW_PASSPHRASE = "a different horse, the same battery"
UNLOCK = {"CASEFILE_PASSPHRASE": PASSPHRASE}


def _readable(data: bytes) -> list[bytes]:
    """The file's bytes, and those of each member when it is a zip (members are usually
    deflated: the sentence would not show in the raw bytes)."""
    if not data.startswith(b"PK\x03\x04"):
        return [data]
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return [data, *(zf.read(name) for name in zf.namelist())]
    except (zipfile.BadZipFile, OSError, RuntimeError):  # RuntimeError: a zip password
        return [data]


def _hits(*folders: Path) -> list[str]:
    found = []
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if not path.is_file() or path.is_symlink():
                continue
            for data in _readable(path.read_bytes()):
                found += [f"{path} ({n!r})" for n in NEEDLES if n in data]
                if data.startswith(b"%PDF"):  # a brief: its text is compressed
                    found.append(f"{path} (a readable PDF)")
    return found


def _fill(ws: Workspace, outside: Path, caption: str) -> int:
    """A case holding the sentence in a statement, an attached text file and a .docx."""
    case_id = cases.add_case(ws, caption=caption)
    speaker = people.add_person_to_case(ws, case_id, ["witness"], name="Ada Birdwatcher")
    statements.add_statement(
        ws, case_id, speaker_id=speaker, setting="interview", text=SENTENCE + ", she said."
    )
    note = outside / f"{caption[:8].strip()}-notes.txt"
    note.write_text(f"Field notes.\n{SENTENCE}.\n" * 20, encoding="utf-8")
    documents.add_document(ws, case_id, file=note, title="Field notes")
    letter = outside / f"{caption[:8].strip()}-letter.docx"
    word = docx.Document()
    word.add_paragraph(f"Dear counsel, {SENTENCE}.")
    word.save(str(letter))
    documents.add_document(ws, case_id, file=letter, title="Letter")
    return case_id


def _run(args: list[str], home: Path, passphrase: str | None) -> str:
    env = {"CASEFILE_PASSPHRASE": passphrase} if passphrase else {}
    proc = casefile(args, child_env(home, **env))
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, f"casefile {' '.join(args)} failed:\n{out}\n{err}"
    return out


def test_an_encrypted_workspace_leaves_no_plain_text_anywhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: object
) -> None:
    home, temp, folder, outside = (tmp_path / n for n in ("home", "tmp", "ws", "outside"))
    for made in (home, temp, folder, outside):
        made.mkdir()
    # Every temp file, this process's and every child's, lands where it is searched.
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setattr(tempfile, "tempdir", None)
    path = folder / "w.casefile"
    db = ["--db", str(path)]

    def clean(when: str) -> None:
        assert _hits(folder, temp, home) == [], f"plain text on disk {when}"

    source = open_workspace(outside / "source.casefile", user="tester")
    _fill(source, outside, "People v. Heron Quarry")
    export_case(source, 1, outside / "case.zip")
    source.close()
    ws = open_workspace(path, user="tester")
    case_id = _fill(ws, outside, "People v. Dawn Crossing")
    ws.close()

    # Encrypt, killed at each of its points; the next open finishes (or undoes) it. An
    # open of the still-plain workspace makes its daily backup, plain as the workspace
    # is: once encrypted, `encrypt --delete-plain-backups` is the documented way to
    # delete those (the killed runs never got that far).
    encrypt = [*db, "encrypt", "--delete-plain-backups"]
    new = {"CASEFILE_NEW_PASSPHRASE": PASSPHRASE}
    for point in ("encrypt:after-export", "encrypt:after-swap"):
        assert not crypto.looks_encrypted(path), f"encrypted before the kill at {point}"
        run_killed(encrypt, home, point, **new)
        _run([*db, "cases"], home, PASSPHRASE if crypto.looks_encrypted(path) else None)
    assert crypto.looks_encrypted(path)
    _run(encrypt, home, PASSPHRASE)
    clean("after encrypt (killed after its export, then after its swap)")

    # Import: killed while committing, then for real.
    run_killed([*db, "import", str(outside / "case.zip")], home, "session:before-commit", **UNLOCK)
    _run([*db, "import", str(outside / "case.zip")], home, PASSPHRASE)
    clean("after import")
    # A brief to a file the person chose (outside/, not searched).
    _run([*db, "brief", str(case_id), "-o", str(outside / "brief.pdf")], home, PASSPHRASE)
    assert (outside / "brief.pdf").stat().st_size > 0
    clean("after brief")

    # Backup: killed at each point, then for real.
    for point in ("backup:after-snapshot", "backup:mid-zip"):
        run_killed([*db, "backup"], home, point, **UNLOCK)
        _run([*db, "cases"], home, PASSPHRASE)
        clean(f"after backup killed at {point}")
    _run([*db, "backup"], home, PASSPHRASE)
    backups = sorted(path.with_name(path.name + ".backups").glob("*.zip"))
    assert backups, "no backup was made"

    # Restore: killed at each point (the next open finishes or rolls back), then for real.
    restore = [*db, "restore", str(backups[-1])]
    for point in (
        "restore:before-journal",
        "restore:after-move-aside",
        "restore:after-database-in-place",
    ):
        run_killed(restore, home, point, **UNLOCK)
        _run([*db, "cases"], home, PASSPHRASE)
        clean(f"after restore killed at {point}")
    _run(restore, home, PASSPHRASE)
    clean("after restore")

    # Passphrase change, killed at the end of its open, then for real.
    run_killed([*db, "passphrase"], home, "workspace:opened", **UNLOCK)
    proc = casefile(
        [*db, "passphrase"],
        child_env(home, CASEFILE_PASSPHRASE=PASSPHRASE, CASEFILE_NEW_PASSPHRASE=NEW_PASSPHRASE),
    )
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    clean("after the passphrase change")

    _print_and_open_in_process(path, case_id, monkeypatch)
    clean("after print preview and open file, and the app's close")

    # Open file, in a process killed while the viewer's copy is on disk.
    script = textwrap.dedent(
        f"""
        import os, signal
        from app.core.services import documents
        from app.core.storage.workspace import open_workspace
        ws = open_workspace({str(path)!r}, {NEW_PASSPHRASE!r}, user="tester")
        for doc in documents.documents_of_case(ws, {case_id}):
            assert ws.store.viewing_copy(doc.file_sha256, doc.file_name).read_bytes()
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    killed = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, env=child_env(home), capture_output=True
    )
    assert killed.returncode == -9, killed.stderr.decode()
    assert _hits(folder), "the killed viewer left no copy: the search proves nothing"
    _run([*db, "cases"], home, NEW_PASSPHRASE)  # the next open sweeps it
    clean("after open file was killed, at the next open")


def _print_and_open_in_process(path: Path, case_id: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Print preview and Open file as the desktop app does them, then its close."""
    from PySide6.QtWidgets import QApplication, QDialog

    from app.context import AppContext
    from app.gui.printing.brief_print import print_case
    from tests.gui.recording import RecordingInteraction

    previewed: list[tuple[int, list[str]]] = []

    def look(dialog: QDialog) -> int:
        dialog.show()
        dialog.sheets.repaint()  # type: ignore[attr-defined]  # pages rendered as shown
        previewed.append((dialog.page_count(), _hits(path.parent)))  # type: ignore[attr-defined]
        dialog.reject()
        return QDialog.DialogCode.Rejected

    ws = open_workspace(path, NEW_PASSPHRASE, user="tester")
    try:
        ctx = AppContext(ws, interaction=RecordingInteraction(dialogs=[look]))
        print_case(ctx, case_id, None, preview=True)
        assert ctx.tasks.wait(60)
        for _ in range(50):
            QApplication.processEvents()
            if previewed:
                break
        # The preview shows the brief's pages from memory: no copy on disk even while open.
        assert previewed and previewed[0][0] > 0 and previewed[0][1] == []
        copies = [  # Open file, on each document
            ws.store.viewing_copy(doc.file_sha256, doc.file_name)
            for doc in documents.documents_of_case(ws, case_id)
        ]
        assert len(copies) == 2
        # Both are on disk while the viewer has them, in the private folder only.
        private = ws.store.root / ".plain"
        seen = {Path(h.split(" (")[0]) for h in _hits(path.parent)}
        assert seen == set(copies)
        assert all(p.is_relative_to(private) for p in seen)
        ws.store.discard_viewer_files()  # what the app does as it closes
    finally:
        ws.close()


def test_plain_backups_asked_deleted_are_gone_after_a_killed_encrypt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home, folder, outside = (tmp_path / n for n in ("home", "ws", "outside"))
    for made in (home, folder, outside):
        made.mkdir()
    monkeypatch.setenv("TMPDIR", str(home))
    path = folder / "w.casefile"
    ws = open_workspace(path, user="tester")
    _fill(ws, outside, "People v. Dawn Crossing")
    ws.close()
    _run(["--db", str(path), "backup"], home, None)  # made while the workspace was plain
    encrypt = ["--db", str(path), "encrypt", "--delete-plain-backups"]
    run_killed(encrypt, home, "encrypt:after-swap", CASEFILE_NEW_PASSPHRASE=PASSPHRASE)
    backups = sorted((folder).rglob("*.zip"))
    assert backups, "the plain backup is there before the next open"
    _run(["--db", str(path), "cases"], home, PASSPHRASE)  # finishes the encrypt
    assert crypto.looks_encrypted(path)
    assert not any(b.exists() for b in backups)  # the plain backup asked deleted is gone
    assert _hits(folder) == []
