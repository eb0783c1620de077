"""Attaching reports its progress and can be stopped: nothing added, no bytes left.

``progress(done, total)`` is called per megabyte read and per file; raising from it
stops the attach. Stopped anywhere (mid-copy, or with every row inserted and not yet
committed) there is no document row and no file this attach put in the store."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.core.documents.attach import FileToAttach, attach_files
from app.core.services import cases
from app.core.storage.models import AuditEntry, Document
from app.core.storage.workspace import Workspace, open_workspace

MB = 1024 * 1024


class Stop(Exception):
    pass


def _big(path: Path, megabytes: int, word: str = "megaphone") -> Path:
    line = f"{word} the witness saw the defendant near the corner store\n".encode()
    with path.open("wb") as out:
        for _ in range(megabytes * MB // len(line) + 1):
            out.write(line)
    return path


def _rows(ws: Workspace) -> tuple[int, int]:
    with ws.reader() as session:
        documents = session.scalar(select(func.count()).select_from(Document))
        audit = session.scalar(select(func.count()).select_from(AuditEntry))
    return int(documents or 0), int(audit or 0)


def _store_files(ws: Workspace) -> list[str]:
    root = ws.store.root
    if not root.is_dir():
        return []
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


@pytest.mark.parametrize("where", ["mid-copy", "before-commit"])
def test_a_stopped_attach_leaves_no_row_and_no_new_file(
    workspace: Workspace, tmp_path: Path, where: str
) -> None:
    case = cases.add_case(workspace, caption="People v. Lopez")
    small = tmp_path / "complaint.txt"
    small.write_text("FELONY COMPLAINT")
    attach_files(workspace, case, [FileToAttach(small, "Complaint")])  # already stored
    big = _big(tmp_path / "bodycam-transcript.txt", 4)
    other = tmp_path / "dd5.txt"
    other.write_text("DD5 follow-up")
    before_rows, before_files = _rows(workspace), _store_files(workspace)
    reports: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        reports.append((done, total))
        stop = done >= total if where == "before-commit" else done > 5 * MB
        if stop:
            raise Stop

    files = [
        FileToAttach(other, "DD5"),
        FileToAttach(big, "Transcript"),
        FileToAttach(small, "Copy", "other"),
    ]
    with pytest.raises(Stop):
        attach_files(workspace, case, files, progress)
    assert _rows(workspace) == (before_rows[0], before_rows[1])
    assert _store_files(workspace) == before_files  # not even the small file copied first
    assert len(reports) > 4  # per megabyte, not once per file


def test_progress_runs_from_zero_to_the_end_per_megabyte(
    sqlite_workspace: Workspace, tmp_path: Path
) -> None:
    case = cases.add_case(sqlite_workspace, caption="People v. Lopez")
    big = _big(tmp_path / "big.txt", 3)
    reports: list[tuple[int, int]] = []
    done = attach_files(
        sqlite_workspace,
        case,
        [FileToAttach(big, "Big"), FileToAttach(tmp_path / "gone.pdf", "Gone")],
        lambda d, t: reports.append((d, t)),
    )
    assert len(done.ids) == 1
    assert done.skipped == ["gone.pdf: cannot be read (No such file or directory)"]
    values = [d for d, _ in reports]
    assert values == sorted(values) and values[-1] == reports[-1][1]
    assert len(reports) >= 6  # hashed and copied, a report per megabyte each


def test_an_encrypted_workspace_writes_no_plain_byte_while_attaching(
    tmp_path: Path, quick_keys: None
) -> None:
    ws = open_workspace(tmp_path / "sealed.casefile", "a passphrase", user="t")
    try:
        case = cases.add_case(ws, caption="People v. Lopez")
        secret = "zanzibarquokka"
        big = _big(tmp_path / "statement.txt", 2, word=secret)
        seen: list[str] = []

        def no_plain_byte() -> None:
            for path in ws.store.root.rglob("*"):
                if path.is_file():
                    seen.append(path.name)
                    assert secret.encode() not in path.read_bytes(), path

        attach_files(ws, case, [FileToAttach(big, "Statement")], lambda d, t: no_plain_byte())
        assert any(name.startswith(".incoming-") for name in seen)  # watched mid-copy
        no_plain_byte()
        assert ws.store.plain_names() == []
        plain_dir = ws.store.temporary_folder()
        assert list(plain_dir.iterdir()) == []
    finally:
        ws.close()
