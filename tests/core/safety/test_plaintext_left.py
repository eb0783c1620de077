"""An encrypted workspace leaves no readable client data behind: not while a file is
read for its text, not after a viewer copy, a killed backup or a killed ``encrypt``."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import select

from app.core.storage import crypto

pytestmark = pytest.mark.skipif(
    not crypto.available(), reason="SQLCipher (sqlcipher3) or cryptography is not installed"
)

from app.core.archive.transfer import export_case, import_archive  # noqa: E402
from app.core.services import cases, documents  # noqa: E402
from app.core.storage.models import Document  # noqa: E402
from app.core.storage.workspace import Workspace, open_workspace  # noqa: E402

EXHIBIT = b"The receipt numbered 99-ZEBRA-4411 was signed by Derrick Ingram\n" * 40
PASSPHRASE = "correct horse battery staple"
REPO = Path(__file__).resolve().parents[3]
REAL_KDF = crypto.WORKSPACE_KDF  # what a child process uses


@pytest.fixture(autouse=True)
def cheap_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(crypto, "WORKSPACE_KDF", crypto.KdfParams(log2_n=10))


def _scan(folder: Path, needle: bytes = b"99-ZEBRA-4411") -> list[Path]:
    return [p for p in sorted(folder.rglob("*")) if p.is_file() and needle in p.read_bytes()]


def _with_document(ws: Workspace, outside: Path) -> tuple[int, str]:
    (outside / "receipt.txt").write_bytes(EXHIBIT)
    case_id = cases.add_case(ws, caption="People v. Ingram")
    doc = documents.add_document(ws, case_id, file=outside / "receipt.txt", title="Receipt")
    return case_id, documents.get_document(ws, doc)["file_sha256"]


def test_a_decrypted_file_read_for_its_text_never_touches_the_disk(tmp_path: Path) -> None:
    home, outside = tmp_path / "home", tmp_path / "outside"
    home.mkdir(), outside.mkdir()
    ws = open_workspace(home / "w.casefile", PASSPHRASE, user="tester")
    try:
        _case, sha = _with_document(ws, outside)
        with ws.store.plain_file(sha, ".txt") as path:
            assert path.read_bytes() == EXHIBIT
            assert _scan(home) == []
    finally:
        ws.close()


def test_without_memory_files_the_decrypted_copy_is_private_and_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delattr(os, "memfd_create", raising=False)  # as on macOS and Windows
    home, outside = tmp_path / "home", tmp_path / "outside"
    home.mkdir(), outside.mkdir()
    ws = open_workspace(home / "w.casefile", PASSPHRASE, user="tester")
    try:
        _case, sha = _with_document(ws, outside)
        with ws.store.plain_file(sha, ".txt") as path:
            assert path.read_bytes() == EXHIBIT
            assert path.parent == ws.store.root / ".plain"
            assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
            assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
        assert not path.exists() and _scan(home) == []
    finally:
        ws.close()


def test_importing_into_an_encrypted_workspace_writes_no_plain_text_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.core import textextract

    home, outside = tmp_path / "home", tmp_path / "outside"
    home.mkdir(), outside.mkdir()
    source = open_workspace(outside / "source.casefile", user="tester")
    case_id, _sha = _with_document(source, outside)
    export_case(source, case_id, outside / "case.zip")
    source.close()
    seen_on_disk: list[list[Path]] = []
    extract = textextract.extract_text

    def watched(path: Path, name: str | None = None) -> textextract.Extracted:
        seen_on_disk.append(_scan(home))  # while the decrypted bytes are being read
        return extract(path, name)

    monkeypatch.setattr(textextract, "extract_text", watched)
    ws = open_workspace(home / "w.casefile", PASSPHRASE, user="tester")
    try:
        new_id = import_archive(ws, outside / "case.zip")
        with ws.reader() as session:
            (text,) = session.scalars(
                select(Document.extracted_text).where(Document.case_id == new_id)
            )
        assert "99-ZEBRA-4411" in (text or "")
    finally:
        ws.close()
    assert seen_on_disk == [[]]
    assert _scan(home) == []


def test_a_viewer_copy_is_owner_only_and_gone_when_the_process_exits(tmp_path: Path) -> None:
    home, outside = tmp_path / "home", tmp_path / "outside"
    home.mkdir(), outside.mkdir()
    ws = open_workspace(home / "w.casefile", user="tester")
    _case, sha = _with_document(ws, outside)
    ws.close()
    script = textwrap.dedent(
        f"""
        from app.core.storage.workspace import open_workspace
        ws = open_workspace({str(home / "w.casefile")!r}, user="tester", exclusive=True)
        copy = ws.store.viewing_copy({sha!r}, "receipt.txt")
        print(copy)
        ws.close()
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True
    )
    copy = Path(done.stdout.strip().splitlines()[-1])
    assert copy.name == "receipt.txt" and copy.parent.parent.name == ".plain"
    assert not copy.exists() and not copy.parent.exists()
    assert stat.S_IMODE(os.stat(copy.parent.parent).st_mode) == 0o700


def test_a_second_backup_in_the_same_second_is_listed_rotated_and_named_to_delete(
    tmp_path: Path,
) -> None:
    import datetime as dt

    from app.core.safety import backup
    from app.core.storage.encryption import encrypt_workspace

    outside = tmp_path / "outside"
    outside.mkdir()
    path = tmp_path / "w.casefile"
    ws = open_workspace(path, user="tester")
    _with_document(ws, outside)
    old = dt.datetime(2025, 1, 6, 9, 0, 0)
    now = dt.datetime.now().replace(microsecond=0)
    made = [backup.make_backup(ws, now=when).path for when in (old, old, now, now)]
    # Seven months after the old pair, rotation lets that second go: the -1 one with it.
    for month in range(2, 9):
        backup.make_backup(ws, now=old.replace(month=month))
    ws.close()
    assert made[1].name.endswith("-1.zip") and made[3].name.endswith("-1.zip")
    assert backup.list_backups(path)[:2] == [made[3], made[2]]
    assert backup.list_backups(path)[-2:] == [made[1], made[0]]
    assert backup.latest_backup(path) == made[3]
    removed = backup.rotate(path)
    assert made[0] in removed and made[1] in removed
    assert made[2] not in removed and made[3] not in removed
    result = encrypt_workspace(path, PASSPHRASE)
    assert made[2] in result.plain_backups and made[3] in result.plain_backups
    assert not made[1].exists()


def _workspace_with_a_case(home: Path) -> Path:
    outside = home / "outside"
    outside.mkdir(parents=True, exist_ok=True)
    path = home / "w.casefile"
    ws = open_workspace(path, user="tester")
    _with_document(ws, outside)
    ws.close()
    return path


@pytest.mark.parametrize(
    ("point", "pattern"),
    [
        ("backup:after-snapshot", ".casefile-backup-*/workspace.casefile"),
        ("backup:mid-zip", ".casefile-backup-*.zip.partial-*"),
    ],
)
def test_what_a_killed_backup_leaves_is_swept_at_the_next_open(
    tmp_path: Path, point: str, pattern: str
) -> None:
    from tests.faults import casefile, child_env, run_killed

    path = _workspace_with_a_case(tmp_path)
    backups = path.with_name(path.name + ".backups")
    run_killed(["--db", str(path), "backup"], tmp_path, point)
    assert list(backups.glob(pattern)), "the kill left nothing: the test proves nothing"
    assert _scan(backups, b"People v. Ingram") or pattern.endswith("partial-*")
    opened = casefile(["--db", str(path), "cases"], child_env(tmp_path))
    out, err = opened.communicate(timeout=120)
    assert opened.returncode == 0, err
    assert [p.name for p in backups.iterdir() if p.name.startswith(".")] == []


def test_a_backup_being_written_by_another_process_is_left_alone(tmp_path: Path) -> None:
    from app.core.safety import backup
    from tests.faults import Paused

    path = _workspace_with_a_case(tmp_path)
    backups = path.with_name(path.name + ".backups")
    ws = open_workspace(path, user="tester")
    backup.make_backup(ws)  # today's: the command below makes only the one it is asked for
    ws.close()
    running = Paused(["--db", str(path), "backup"], tmp_path, "backup:mid-zip")
    try:
        (partial,) = backups.glob(".casefile-backup-*.zip.partial-*")
        (staging,) = backups.glob(".casefile-backup-*/")
        ws = open_workspace(path, user="tester")
        try:
            backup.make_backup(ws)  # sweeps first: a live backup's files are not leftovers
        finally:
            ws.close()
        assert partial.exists() and staging.exists()
    finally:
        done = running.release()
    assert done.returncode == 0, done.stderr
    assert [p.name for p in backups.iterdir() if p.name.startswith(".")] == []


def test_an_encrypt_killed_after_its_swap_is_finished_by_the_next_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.faults import run_killed

    monkeypatch.setattr(crypto, "WORKSPACE_KDF", REAL_KDF)

    path = _workspace_with_a_case(tmp_path)
    store = path.with_name(path.name + ".attachments")
    secret = tmp_path / "new-passphrase"
    secret.write_text(PASSPHRASE + "\n")
    secret.chmod(0o600)
    run_killed(
        ["--db", str(path), "encrypt", "--new-passphrase-file", str(secret)],
        tmp_path,
        "encrypt:after-swap",
    )
    assert crypto.looks_encrypted(path)
    assert _scan(store), "the kill left no plain file: the test proves nothing"
    ws = open_workspace(path, PASSPHRASE, user="tester")
    try:
        assert _scan(store) == []
        (name,) = [p for p in store.rglob("*") if p.is_file()]  # the sealed one, readable
        (sha,) = [d["file_sha256"] for d in _documents(ws)]
        assert ws.store.read_bytes(sha) == EXHIBIT and name == ws.store.path_for(sha)
    finally:
        ws.close()


def _documents(ws: Workspace) -> list[dict[str, str]]:
    with ws.reader() as session:
        return [{"file_sha256": sha} for sha in session.scalars(select(Document.file_sha256))]


def test_check_calls_a_plain_file_in_an_encrypted_store_a_problem(tmp_path: Path) -> None:
    from app.core.safety.check import check_workspace

    outside = tmp_path / "outside"
    outside.mkdir()
    path = tmp_path / "w.casefile"
    ws = open_workspace(path, PASSPHRASE, user="tester")
    _case, sha = _with_document(ws, outside)
    ws.close()
    leaked = path.with_name(path.name + ".attachments") / sha[:2] / sha
    leaked.parent.mkdir(exist_ok=True)
    leaked.write_bytes(EXHIBIT)
    report = check_workspace(ws.url, passphrase=PASSPHRASE)
    assert report.damaged
    (problem,) = report.problems
    assert "NOT encrypted" in problem.message and str(leaked) in problem.message


def test_a_workspace_that_does_not_open_names_the_wal_file_a_hand_copy_needs(
    tmp_path: Path,
) -> None:
    path = tmp_path / "w.casefile"
    open_workspace(path, PASSPHRASE, user="tester").close()
    with pytest.raises(crypto.WrongPassphrase) as raised:
        open_workspace(path, "not the passphrase", user="tester")
    message = str(raised.value)
    assert "wrong passphrase" in message and "w.casefile-wal" in message
    assert "casefile backup" in message and "\n" not in message
