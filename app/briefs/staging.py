"""Writing a document file whole or not at all, for the briefs, exhibits and reports."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from app.core.errors import CasefileError
from app.core.storage.atomic import staged_file

T = TypeVar("T")


def write_whole(target: Path, kind: str, fmt: str, write: Callable[[Path], T]) -> T:
    """Have ``write`` write a staged file beside ``target`` (named ``.<kind>-…``), then put
    it in place: ``target`` is whole or untouched. A refusal of the disk is told as a
    :class:`CasefileError` naming ``target`` (or the file that could not be read)."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CasefileError(f"cannot write {target}: {exc.strerror or exc}") from None
    staged_name = ""
    try:
        with staged_file(target.parent, prefix=f".{kind}-", suffix=f".{fmt}") as staged:
            staged_name = str(staged.path)
            staged.file.close()  # the writers open the file by name
            result = write(staged.path)
            staged.commit(target)
    except OSError as exc:
        # Name the file that failed: a missing template is not a full disk.
        failed = exc.filename if exc.filename not in (None, staged_name, str(target)) else None
        if failed is not None:
            raise CasefileError(f"cannot read {failed}: {exc.strerror or exc}") from None
        raise CasefileError(f"cannot write {target}: {exc.strerror or exc}") from None
    return result
