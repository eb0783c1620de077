"""The one way files are written: complete after success, untouched after a failure."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from app.core.storage import atomic
from app.core.storage.atomic import atomic_write, move_into_place, staged_file


def test_a_finished_write_replaces_the_target_whole(tmp_path: Path) -> None:
    target = tmp_path / "report.bin"
    target.write_bytes(b"old")
    payload = os.urandom(3 * 1024 * 1024)
    with atomic_write(target) as fh:
        for start in range(0, len(payload), 65536):
            fh.write(payload[start : start + 65536])
        assert target.read_bytes() == b"old"  # nothing shows until the block ends
    assert target.read_bytes() == payload
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.bin"]
    assert target.stat().st_mode & 0o777 == 0o600


def test_text_mode_writes_utf8(tmp_path: Path) -> None:
    target = tmp_path / "note.txt"
    with atomic_write(target, "w") as fh:
        fh.write("Ingram – §1983\n")
    assert target.read_bytes() == "Ingram – §1983\n".encode()


def test_a_failed_write_leaves_the_target_as_it_was_and_no_temporary_file(
    tmp_path: Path,
) -> None:
    target = tmp_path / "report.bin"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError, match="stopped"), atomic_write(target, prefix=".x-") as fh:
        fh.write(b"half of the new")
        raise RuntimeError("stopped")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.bin"]


def test_a_full_disk_at_the_rename_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", refuse)
    target = tmp_path / "new.bin"
    with pytest.raises(OSError, match="No space"), atomic_write(target) as fh:
        fh.write(b"data")
    assert list(tmp_path.iterdir()) == []


def test_the_rename_is_made_durable_by_syncing_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[Path] = []
    real = atomic.fsync_dir
    monkeypatch.setattr(atomic, "fsync_dir", lambda folder: (synced.append(folder), real(folder)))
    with atomic_write(tmp_path / "a.bin") as fh:
        fh.write(b"a")
    assert synced == [tmp_path]


def test_a_staged_file_not_committed_is_discarded(tmp_path: Path) -> None:
    with staged_file(tmp_path, prefix=".incoming-") as staged:
        staged.file.write(b"duplicate")
        assert staged.path.name.startswith(".incoming-") and staged.path.parent == tmp_path
    assert list(tmp_path.iterdir()) == []


def test_a_staged_file_written_by_name_is_committed(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "brief.pdf"
    target.parent.mkdir()
    with staged_file(target.parent, suffix=".pdf") as staged:
        staged.file.close()
        staged.path.write_bytes(b"%PDF-1.4 written by another library")
        staged.commit(target)
    assert target.read_bytes() == b"%PDF-1.4 written by another library"
    assert [p.name for p in target.parent.iterdir()] == ["brief.pdf"]


def test_move_into_place_replaces_the_target(tmp_path: Path) -> None:
    source, target = tmp_path / "new.db", tmp_path / "ws.casefile"
    source.write_bytes(b"new")
    target.write_bytes(b"old")
    move_into_place(source, target)
    assert target.read_bytes() == b"new" and not source.exists()


def test_only_modes_that_make_a_new_file_are_accepted(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="'ab'"), atomic_write(tmp_path / "x", "ab"):
        pass
    assert list(tmp_path.iterdir()) == []
