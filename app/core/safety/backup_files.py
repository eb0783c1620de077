"""What a backup is on disk: the names inside its zip, where backups live, which to keep.

Automatic backups go to ``<workspace>.backups/`` beside the workspace, at most one a
day, named ``casefile-backup-<time>.zip`` (``-<n>.zip`` for
another one in the same second), and are rotated: the newest of each of the
last 7 days, 4 weeks and 6 months that have one are kept. The manifest
(``manifest.json``) says what a backup holds; :func:`read_manifest` refuses a file
that is not a backup, or one made by a newer Casefile.
"""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path
from typing import Any

from app.core.errors import WorkspaceError

FORMAT = "casefile-backup"
FORMAT_VERSION = 1
DB_NAME = "workspace.casefile"
PG_DUMP_NAME = "workspace.pgdump"
MANIFEST = "manifest.json"
PREFIX = "casefile-backup-"
STAMP = "%Y%m%d-%H%M%S"
_STAMP_LEN = len("20260101-120000")
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 6


def backups_dir(workspace_file: Path) -> Path:
    return workspace_file.with_name(workspace_file.name + ".backups")


def backup_name(stamp: dt.datetime, n: int = 0) -> str:
    """``casefile-backup-<time>.zip``; the ``n``-th other one made in the same second
    gets ``-<n>`` (a workspace's first manual backup, beside the daily one)."""
    return f"{PREFIX}{stamp.strftime(STAMP)}{f'-{n}' if n else ''}.zip"


def _order_of(path: Path) -> tuple[dt.datetime, int] | None:
    """When a backup was made, and its place among those of the same second."""
    if not (path.name.startswith(PREFIX) and path.suffix == ".zip" and path.is_file()):
        return None
    body = path.stem[len(PREFIX) :]
    stamp_text, n_text = body[:_STAMP_LEN], body[_STAMP_LEN:]
    if n_text and not (n_text.startswith("-") and n_text[1:].isdigit()):
        return None
    try:
        stamp = dt.datetime.strptime(stamp_text, STAMP)
    except ValueError:
        return None
    return stamp, int(n_text[1:]) if n_text else 0


def _stamp_of(path: Path) -> dt.datetime | None:
    order = _order_of(path)
    return order[0] if order else None


def list_backups(workspace_file: Path) -> list[Path]:
    """The rotated backups of a workspace, newest first."""
    folder = backups_dir(workspace_file)
    if not folder.is_dir():
        return []
    found = [(order, p) for p in folder.iterdir() if (order := _order_of(p)) is not None]
    return [p for _order, p in sorted(found, reverse=True)]


def latest_backup(workspace_file: Path) -> Path | None:
    backups = list_backups(workspace_file)
    return backups[0] if backups else None


def to_keep(stamps: list[dt.datetime]) -> set[dt.datetime]:
    """Newest backup of each of the last 7 days, 4 ISO weeks and 6 months that have one."""
    keep: set[dt.datetime] = set()
    for key, count in (
        (lambda s: s.date(), KEEP_DAILY),
        (lambda s: s.isocalendar()[:2], KEEP_WEEKLY),
        (lambda s: (s.year, s.month), KEEP_MONTHLY),
    ):
        seen: list[Any] = []
        for stamp in sorted(stamps, reverse=True):
            period = key(stamp)
            if period not in seen:
                seen.append(period)
                if len(seen) > count:
                    break
                keep.add(stamp)
    return keep


def rotate(workspace_file: Path) -> list[Path]:
    """Delete the backups rotation no longer keeps; returns what was deleted.

    Several made in the same second are kept or deleted together."""
    dated = {p: _stamp_of(p) for p in list_backups(workspace_file)}
    keep = to_keep([s for s in dated.values() if s is not None])
    removed = []
    for path, stamp in dated.items():
        if stamp not in keep:
            path.unlink()
            removed.append(path)
    return removed


def backup_due(workspace_file: Path, now: dt.datetime | None = None) -> bool:
    today = (now or dt.datetime.now()).date()
    latest = latest_backup(workspace_file)
    stamp = _stamp_of(latest) if latest else None
    return stamp is None or stamp.date() != today


def read_manifest(backup: Path) -> dict[str, Any]:
    try:
        with zipfile.ZipFile(backup) as zf:
            manifest = json.loads(zf.read(MANIFEST))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise WorkspaceError(f"{backup} is not a Casefile backup: {exc}") from None
    if manifest.get("format") != FORMAT:
        raise WorkspaceError(f"{backup} is not a Casefile backup")
    if int(manifest.get("format_version", 0)) > FORMAT_VERSION:
        raise WorkspaceError(f"{backup} was made by a newer Casefile; update Casefile first")
    return manifest


def private_dir(folder: Path) -> None:
    """A folder only its owner can read (backups hold every case)."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
