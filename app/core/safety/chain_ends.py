"""Where copies of the audit chain's end are kept outside the database, for the check.

Two kinds (see ``app.core.storage.audit_witness``): what this computer last saw of the
workspace's trail, and the end recorded in the manifest of every backup made since the
last restore. A restore rewinds the trail on purpose, so backups made before it - which
may hold a longer trail than the restored one - are not compared; a restore leaves its
time in the name of the folder the previous workspace was moved aside to.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy.engine import URL

from app.core.errors import WorkspaceError
from app.core.safety.backup_files import STAMP, list_backups, read_manifest
from app.core.storage import audit_witness, journal

_STAMP_LEN = len("20260101-120000")


def chain_ends(url: URL, workspace_file: Path | None) -> list[audit_witness.ChainEnd]:
    """Every copy of the chain's end to compare the trail with, newest backups first."""
    ends: list[audit_witness.ChainEnd] = []
    seen = audit_witness.last_seen(url)
    if seen is not None:
        ends.append(seen)
    if workspace_file is not None:
        ends.extend(_ends_in_backups(workspace_file))
    return ends


def _ends_in_backups(workspace_file: Path) -> list[audit_witness.ChainEnd]:
    restored = last_restore(workspace_file)
    ends = []
    for backup in list_backups(workspace_file):
        made = _made_at(backup)
        if made is None or (restored is not None and made <= restored):
            continue
        try:
            head = read_manifest(backup).get("audit_head")
            if not isinstance(head, dict):
                continue  # made before backups recorded it
            ends.append(
                audit_witness.ChainEnd(
                    int(head["last_id"]),
                    str(head["last_hash"]),
                    int(head["entries"]),
                    made.isoformat(),
                    f"the backup {backup.name}",
                )
            )
        except (WorkspaceError, KeyError, TypeError, ValueError):
            continue  # an unreadable backup is the backup check's business, not the trail's
    return ends


def last_restore(workspace_file: Path) -> dt.datetime | None:
    """When a backup was last restored into this workspace (None: never, here).

    Only a folder that holds the workspace moved aside counts, and only a time that has
    come: a folder made up with a name far in the future must not switch the backups'
    comparison off."""
    stamps = []
    prefix = workspace_file.name + journal.ASIDE
    now = dt.datetime.now()
    for copy in journal.aside_copies(workspace_file):
        try:
            stamp = dt.datetime.strptime(copy.parent.name[len(prefix) :][:_STAMP_LEN], STAMP)
        except ValueError:
            continue
        if stamp <= now:
            stamps.append(stamp)
    return max(stamps, default=None)


def _made_at(backup: Path) -> dt.datetime | None:
    body = backup.stem.split("casefile-backup-", 1)[-1][:_STAMP_LEN]
    try:
        return dt.datetime.strptime(body, STAMP)
    except ValueError:
        return None
