"""A copy of the audit chain's end kept outside the database: the witness.

The chain (``app.core.storage.audit_chain``) shows an entry changed, inserted or
deleted in the middle, and the ``audit_head`` row shows the last entries deleted - but
the head sits in the same database. Someone with the database login (``sqlite3`` on
the file, the office login on PostgreSQL) can delete the last entries and set the head
to match. This module keeps what this computer last saw of the chain's end - the last
entry's id and hash, and how many entries led to it - in the user's own state folder,
which the database login cannot reach (on a server, nobody else's computer can):

* every commit that adds audit entries records the new end (:func:`saw`) - unless the
  trail no longer holds the end recorded before (:func:`holds`): then the old end is
  kept, so an ordinary change after a tampering does not launder it;
* ``casefile check`` and the History window compare it with the trail
  (:func:`problems`): the entry this computer saw must still be there, with the same
  hash, and with as many entries up to it;
* a restore rewinds the trail on purpose, and a new workspace made where an old one
  was starts a new trail, so both forget the old end (:func:`forget`).

Backups record the chain's end in their manifests too (``app.core.safety.backup``),
a second copy outside the database for ``casefile check`` to compare.

What it does not catch: an entry this computer never saw (deleted before it was
recorded here, or by a session on another computer that nobody here opened since),
and someone who can also write this computer's state folder (the same OS user).

A witness holds ids and hashes only: no client data, even for an encrypted workspace.
The last write wins: two processes committing at once may leave the older of two
ends, which is still a true prefix of the trail.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, func, select
from sqlalchemy.engine import URL

from app.core.storage import db
from app.core.storage.atomic import atomic_write
from app.core.storage.models import AuditEntry

_LOG = AuditEntry.__table__
FOLDER_NAME = "audit-heads"


@dataclass(frozen=True)
class ChainEnd:
    """Where the chain ended when it was seen: the last entry and how many led to it."""

    last_id: int
    last_hash: str
    entries: int
    seen_at: str = ""  # ISO time, for the message
    seen_by: str = ""  # where this copy was kept: "this computer", "the backup of ..."


def identity(url: URL | Path) -> str | None:
    """What names the workspace across opens: its file, or the server and database.
    None for an in-memory workspace (it has no later to compare with)."""
    path = url if isinstance(url, Path) else db.sqlite_path(url)
    if path is not None:
        return str(path.expanduser().resolve())
    if isinstance(url, Path) or db.is_sqlite(url):
        return None
    host = url.query.get("host") or url.host or "localhost"
    if isinstance(host, tuple):
        host = host[0]
    return f"postgresql://{host}:{url.port or 5432}/{url.database or ''}"


def witness_file(url: URL | Path) -> Path | None:
    name = identity(url)
    if name is None:
        return None
    import platformdirs

    folder = Path(platformdirs.user_state_dir("Casefile", appauthor=False)) / FOLDER_NAME
    return folder / (hashlib.sha256(name.encode("utf-8")).hexdigest()[:32] + ".json")


def saw(url: URL, end: ChainEnd) -> None:
    """Record ``end`` as the chain's end this computer last saw. Never fails the change
    it follows: the change is committed, and a witness not written is only a witness
    less (the next commit writes it)."""
    path = witness_file(url)
    if path is None:
        return
    record = {
        "workspace": identity(url),
        "last_id": end.last_id,
        "last_hash": end.last_hash,
        "entries": end.entries,
        "seen_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with atomic_write(path, "w") as fh:
            json.dump(record, fh)
    except OSError:
        pass


def forget(url: URL | Path) -> None:
    """The trail was rewound on purpose (a restore) or started anew: drop the old end."""
    path = witness_file(url)
    if path is not None:
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass


def last_seen(url: URL) -> ChainEnd | None:
    """The end this computer last saw, or None (never seen, or the file is unreadable)."""
    path = witness_file(url)
    if path is None or not path.is_file():
        return None
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return ChainEnd(
            int(data["last_id"]),
            str(data["last_hash"]),
            int(data["entries"]),
            str(data.get("seen_at", "")),
            "this computer",
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def compare(connection: Connection, end: ChainEnd) -> str | None:
    """What is wrong with the trail, measured against an end seen earlier (None: it
    still holds that end, so nothing seen then was removed or replaced)."""
    if end.last_id <= 0:
        return None
    when = f" on {end.seen_at[:10]}" if end.seen_at else ""
    row = connection.execute(select(_LOG.c.hash).where(_LOG.c.id == end.last_id)).first()
    if row is None:
        last = connection.scalar(select(func.max(_LOG.c.id))) or 0
        return (
            f"audit entries after {last} are missing: {end.seen_by} saw the trail reach entry "
            f"{end.last_id}{when}"
        )
    if row[0] != end.last_hash:
        return (
            f"audit entry {end.last_id} is not the one {end.seen_by} saw{when} "
            "(replaced or re-hashed)"
        )
    count = connection.scalar(select(func.count()).where(_LOG.c.id <= end.last_id)) or 0
    if count != end.entries:
        return (
            f"{end.entries - count} audit entries up to entry {end.last_id} are missing: "
            f"{end.seen_by} saw {end.entries}{when}"
        )
    return None


def holds(connection: Connection, url: URL) -> bool:
    """Whether the trail still holds the end this computer last saw (or none was seen):
    one lookup by id, cheap enough for every commit. A commit on a trail that lost that
    end must not record its own end over it - the next ordinary change would otherwise
    erase the evidence that entries were removed (``casefile check`` names them)."""
    end = last_seen(url)
    if end is None or end.last_id <= 0:
        return True
    found = connection.execute(select(_LOG.c.hash).where(_LOG.c.id == end.last_id)).first()
    return found is not None and found[0] == end.last_hash


def problems(connection: Connection, url: URL) -> list[str]:
    """The trail measured against the end this computer last saw."""
    end = last_seen(url)
    problem = compare(connection, end) if end is not None else None
    return [problem] if problem else []
