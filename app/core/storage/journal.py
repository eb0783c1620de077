"""The journal of a restore in progress, so a restore cut short at any step is finished.

A restore (app/core/safety/restore.py) checks the backup into a staging folder beside
the workspace, then writes ``<workspace>.restore-journal`` saying what goes where, and
only then moves anything: the current database (with -wal/-shm) into
``<workspace>.before-restore-<time>/``, its attachment folder to
``<store>.before-restore-<time>``, then the staged copies into their places. Each step
is a rename that :func:`carry_out` can repeat, so the next opener of the workspace
(any command, or the app; :func:`recover`, under the exclusive lock) finishes it. Only
if the checked copy is gone (someone deleted the staging folder) does it roll back,
putting the previous workspace where it was. Either way it says which. A restore
killed before its journal changed nothing but left its checked copy of the backup
(``.<workspace>.restoring-*``): every open removes it (:func:`sweep_unjournaled`).

Storage cannot import safety, so the journal lives here, where opening a workspace can
reach it.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path

from app.core.errors import WorkspaceError
from app.core.storage import audit_witness, lock
from app.core.storage.atomic import atomic_write, fsync_dir, move_into_place
from app.core.storage.faults import fault_point

ASIDE = ".before-restore-"
RESTORING = ".restoring-"
DB_SUFFIXES = ("", "-wal", "-shm")


def journal_path(workspace_file: Path) -> Path:
    return workspace_file.with_name(workspace_file.name + ".restore-journal")


def pending(workspace_file: Path) -> bool:
    return journal_path(workspace_file).exists()


def restoring_prefix(workspace_file: Path) -> str:
    """How a restore's staging folder beside the workspace is named (before its journal)."""
    return f".{workspace_file.name}{RESTORING}"


def unjournaled(workspace_file: Path) -> list[Path]:
    """The staging folders of restores killed before their journal (or one under way)."""
    prefix = restoring_prefix(workspace_file)
    try:
        return sorted(
            p for p in workspace_file.parent.iterdir() if p.name.startswith(prefix) and p.is_dir()
        )
    except OSError:
        return []


def sweep_unjournaled(workspace_file: Path) -> list[Path]:
    """Remove the checked copies of backups left by restores killed before their journal.

    A full copy of a backup (database and attachments) must not outlive the restore
    that made it. The caller holds the workspace (shared, or alone), so no restore is
    running on it; with no journal pending, every ``.<workspace>.restoring-*`` folder is
    a leftover (a pending one's staging folder is the copy it still needs). Without
    shared locks (Windows) an open does not keep a restore out, so only the next restore
    sweeps them."""
    if not lock.ACCESS_LOCKS or pending(workspace_file):
        return []
    removed: list[Path] = []
    for left in unjournaled(workspace_file):
        if not left.is_symlink():
            shutil.rmtree(left, ignore_errors=True)
            removed.append(left)
    return removed


def aside_copies(workspace_file: Path) -> list[Path]:
    """Workspace files moved aside by restores (``X.before-restore-*/X``), newest first."""
    folder = workspace_file.parent
    if not folder.is_dir():
        return []
    found = [
        copy
        for entry in folder.glob(f"{workspace_file.name}{ASIDE}*")
        if (copy := entry / workspace_file.name).is_file() and copy.stat().st_size > 0
    ]
    return sorted(found, reverse=True)


@dataclass
class RestorePlan:
    """Where everything of one restore comes from and goes (all absolute paths)."""

    backup: str
    workspace: str
    store: str
    staging: str  # holds the checked copies: ``database`` and ``attachments``
    staged_db: str
    staged_store: str
    aside: str  # the folder the current database goes to
    aside_store: str

    @classmethod
    def make(
        cls, backup: Path, workspace: Path, store: Path, staging: Path, staged_db: Path,
        staged_store: Path, stamp: str,
    ) -> RestorePlan:  # fmt: skip
        """A plan whose aside names are free (two restores in one second keep both)."""
        n, suffix = 0, ""
        while True:
            aside = workspace.with_name(f"{workspace.name}{ASIDE}{stamp}{suffix}")
            aside_store = store.with_name(f"{store.name}{ASIDE}{stamp}{suffix}")
            if not aside.exists() and not aside_store.exists():
                break
            n += 1
            suffix = f"-{n}"
        return cls(
            str(backup), str(workspace), str(store), str(staging), str(staged_db),
            str(staged_store), str(aside), str(aside_store),
        )  # fmt: skip

    def write(self) -> None:
        """Written (and flushed to the disk) before anything is moved."""
        with atomic_write(journal_path(Path(self.workspace)), "w") as fh:
            json.dump(asdict(self), fh, indent=2)

    @classmethod
    def read(cls, workspace_file: Path) -> RestorePlan:
        path = journal_path(workspace_file)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(**{name: str(data[name]) for name in cls.__dataclass_fields__})
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise WorkspaceError(
                f"a restore into {workspace_file} was interrupted, and its journal {path} "
                f"cannot be read ({exc}); nothing was changed. Look in the folders named "
                f"{workspace_file.name}{ASIDE}* beside it for the previous workspace"
            ) from None

    def moved_aside(self) -> list[Path]:
        return [p for p in (Path(self.aside), Path(self.aside_store)) if p.exists()]


def carry_out(plan: RestorePlan) -> None:
    """Do the restore's moves, or those not yet done; then drop the journal and staging.

    Each move is known done by where the files are: the checked database leaves the
    staging folder only after every file of the current one is aside, and likewise the
    attachments."""
    workspace, store = Path(plan.workspace), Path(plan.store)
    staged_db, staged_store = Path(plan.staged_db), Path(plan.staged_store)
    aside, aside_store = Path(plan.aside), Path(plan.aside_store)
    if staged_db.exists():
        present = [
            f for s in DB_SUFFIXES if (f := workspace.with_name(workspace.name + s)).exists()
        ]
        if present:
            aside.mkdir(parents=True, exist_ok=True, mode=0o700)
            for f in present:  # the database with its WAL: a consistent set
                os.replace(f, aside / f.name)
            fsync_dir(aside)
        fault_point("restore:after-move-aside")
        move_into_place(staged_db, workspace)
    fault_point("restore:after-database-in-place")
    if staged_store.exists():
        if store.exists():
            if aside_store.exists():  # half a copy to another disk, cut short: copy again
                shutil.rmtree(store)
            else:
                os.replace(store, aside_store)
        store.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(staged_store), str(store))
        fsync_dir(store.parent)
    # The trail is the backup's now, shorter than the one this computer last saw.
    audit_witness.forget(workspace)
    _forget(plan)


def _forget(plan: RestorePlan) -> None:
    workspace = Path(plan.workspace)
    journal_path(workspace).unlink(missing_ok=True)
    fsync_dir(workspace.parent)
    shutil.rmtree(plan.staging, ignore_errors=True)


def roll_back(plan: RestorePlan) -> None:
    """Put the previous workspace back where it was (the checked copy is gone)."""
    workspace, store = Path(plan.workspace), Path(plan.store)
    aside, aside_store = Path(plan.aside), Path(plan.aside_store)
    for suffix in DB_SUFFIXES:
        moved = aside / (workspace.name + suffix)
        if moved.exists():
            os.replace(moved, workspace.with_name(workspace.name + suffix))
    with contextlib.suppress(OSError):
        aside.rmdir()
    if aside_store.exists() and not store.exists():
        os.replace(aside_store, store)
    fsync_dir(workspace.parent)
    _forget(plan)


def recover(workspace_file: Path) -> str | None:
    """Finish (or, failing that, undo) an interrupted restore; None if there was none.

    The caller holds the workspace exclusively. Returns what was done, to tell the person."""
    if not pending(workspace_file):
        return None
    plan = RestorePlan.read(workspace_file)
    db_ready = Path(plan.staged_db).exists() or workspace_file.exists()
    try:
        if db_ready:
            carry_out(plan)
            kept = " and ".join(str(p) for p in plan.moved_aside()) or "nowhere (there was none)"
            return (
                f"a restore of {plan.backup} into {workspace_file} was interrupted; it is "
                f"finished now. The previous workspace is kept at {kept}"
            )
        roll_back(plan)
    except OSError as exc:
        raise WorkspaceError(
            f"a restore into {workspace_file} was interrupted and cannot be finished now "
            f"({exc.strerror or exc}); nothing was lost: the previous workspace is in "
            f"{plan.aside} and the checked backup in {plan.staging}"
        ) from None
    return (
        f"a restore of {plan.backup} into {workspace_file} was interrupted and its checked "
        "copy is gone, so it was undone: the previous workspace is back in its place"
    )


__all__ = [
    "ASIDE",
    "RestorePlan",
    "aside_copies",
    "carry_out",
    "journal_path",
    "pending",
    "recover",
    "restoring_prefix",
    "roll_back",
    "sweep_unjournaled",
    "unjournaled",
]
