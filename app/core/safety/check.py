"""Is the workspace whole? The full check (``casefile check``) and the quick one on open.

The full check reads everything: SQLite's ``integrity_check`` and
``foreign_key_check``, then every attachment re-hashed against its name, rows
whose file is missing or damaged, and files no row refers to. It only reads:
nothing is repaired or dropped. Damage comes with the way out (the latest backup
and the command that restores it).

The full check also walks the audit trail's hash chain (``_check_audit_trail``,
see ``app.core.storage.audit_chain``): an entry changed, deleted or added outside
Casefile, or the last entries deleted, is damage, named by its entry number. The trail
is also compared with the copies of its end kept outside the database (what this
computer last saw, and each backup made since the last restore:
``app.core.safety.chain_ends``), so the last entries deleted together with a rewritten
head show too.

The quick check on open is ``PRAGMA quick_check`` (about 40 ms on a 28 MB
workspace with 50,000 statements). Above ``QUICK_CHECK_EVERY_OPEN_BYTES`` it runs
once a day instead, with the daily backup.

A restore cut short (its journal beside the workspace) is damage until the next
open finishes it, and so are unencrypted backups that an ``encrypt
--delete-plain-backups`` cut short was asked to delete (the next open deletes them),
and so is an empty workspace that never held anything beside copies of one that did
(an empty file made in place of the real one).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, select, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError

from app.core.errors import WorkspaceError
from app.core.progress import Progress, Stages
from app.core.safety.backup_files import backups_dir, latest_backup, list_backups
from app.core.safety.chain_ends import chain_ends
from app.core.storage import audit_witness, db, journal
from app.core.storage.models import AuditEntry, Case, Document
from app.core.storage.store import AttachmentStore, EncryptedAttachmentStore
from app.core.storage.workspace import open_store, store_root_of

if TYPE_CHECKING:
    from app.core.storage.crypto import WorkspaceKey

QUICK_CHECK_EVERY_OPEN_BYTES = 200 * 1024 * 1024
_MAX_LISTED = 50
# Each stage's share of the progress bar: the database's own check, the audit trail,
# and every attached file read back and hashed (the longest, in an office's workspace).
CHECK_WEIGHTS = {"database": 30, "trail": 10, "files": 60}


@dataclass
class Problem:
    damage: bool  # False: worth knowing, harmless (e.g. a file no row refers to)
    message: str


@dataclass
class CheckReport:
    workspace: str
    problems: list[Problem] = field(default_factory=list)
    attachments_checked: int = 0
    way_out: str = ""

    @property
    def damaged(self) -> bool:
        return any(p.damage for p in self.problems)

    def add(self, damage: bool, message: str) -> None:
        self.problems.append(Problem(damage, message))


def way_out(workspace_file: Path | None) -> str:
    if workspace_file is None:
        return (
            "restore the office server from its last good backup (pg_restore), then the "
            "attachment folder from its backup; ask whoever runs the server"
        )
    latest = latest_backup(workspace_file)
    if latest is None:
        return (
            f"no backup was found in {backups_dir(workspace_file)}; copy the workspace "
            "file somewhere safe before doing anything else, and restore one from your own "
            "backups with: casefile restore BACKUP"
        )
    return (
        f"restore the latest good backup ({latest.name}, made before the damage if the check "
        f"of that day was clean) with: casefile --db {workspace_file} restore {latest}"
    )


def quick_check_on_open(engine: Engine, url: URL, *, daily_due: bool) -> None:
    """Refuse to open a damaged SQLite workspace, saying how to get it back."""
    path = db.sqlite_path(url)
    if path is None or not path.is_file() or path.stat().st_size == 0:
        return
    if path.stat().st_size > QUICK_CHECK_EVERY_OPEN_BYTES and not daily_due:
        return
    try:
        with engine.connect() as connection:
            rows = [r[0] for r in connection.exec_driver_sql("PRAGMA quick_check").fetchall()]
    except SQLAlchemyError as exc:
        rows = [db.reason(exc)]
    if rows != ["ok"]:
        raise WorkspaceError(
            f"the workspace {path} is damaged and cannot be read safely ({rows[0]}); "
            f"run 'casefile check' for details, then {way_out(path)}"
        )


def check_workspace(
    url: URL,
    *,
    store_root: Path | None = None,
    passphrase: str | None = None,
    progress: Progress | None = None,
) -> CheckReport:
    """The full check. Reads only; never changes the workspace.

    An encrypted workspace needs its ``passphrase`` (its files are decrypted to check).
    ``progress(done, total)`` hears how far it got (it may raise to stop the check)."""
    stages = Stages(progress, CHECK_WEIGHTS)
    stages.begin("database")
    path = db.sqlite_path(url)
    report = CheckReport(str(path) if path else url.render_as_string(hide_password=True))
    key = None
    asked: Problem | None = None
    if path is not None:
        if check_interrupted_restore(path, report):
            return report
        for left in journal.unjournaled(path):
            report.add(
                False,
                f"{left} is a copy of a backup left by a restore interrupted before it changed "
                "anything; the next open of the workspace removes it",
            )
        if not path.is_file():
            raise WorkspaceError(f"there is no workspace at {path}")
        key = _encryption_key(path, passphrase)
        if not _check_sqlite(path, report, key):
            report.way_out = way_out(path)
            return report
        check_empty_replacement(path, report, key)
        asked = check_asked_deletion(path, report, key)
    engine = db.make_engine(url, key=key)
    try:
        root = store_root or store_root_of(url, engine)
        store = open_store(engine, root, key)
        with engine.connect() as connection:
            rows = connection.execute(
                select(Document.id, Document.case_id, Document.title, Document.file_sha256)
                .where(Document.file_sha256.is_not(None))
                .order_by(Document.id)
            ).all()
        # An empty file made in place of the workspace (reported above) has a new trail:
        # comparing it with the old one's ends would only say the same thing again.
        ends = [] if report.damaged else chain_ends(url, path)
        stages.finish("database")
        _check_audit_trail(engine, report, ends)
        stages.finish("trail")
    except SQLAlchemyError as exc:
        report.add(True, f"the documents cannot be read: {db.reason(exc)}")
        report.way_out = way_out(path)
        return report
    finally:
        engine.dispose()
    unsealed = _check_plain_files_of_encrypted_store(store, report)
    _check_attachments(store, rows, report, reported=unsealed, progress=stages.part("files"))
    stages.finish("files")
    if report.damaged:
        report.way_out = way_out(path)
        if asked is not None and path is not None:
            finish = _finish_deletion(path)
            alone = all(p is asked for p in report.problems if p.damage)
            report.way_out = finish if alone else f"{report.way_out}; and {finish}"
    return report


def _check_audit_trail(
    engine: Engine, report: CheckReport, ends_outside: list[audit_witness.ChainEnd]
) -> None:
    """The audit chain and its head, and the trail against every copy of its end kept
    outside the database; a workspace not yet upgraded to the chain is noted."""
    from app.core.storage import audit_chain

    try:
        with engine.connect() as connection:
            revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
            if revision is not None and revision < audit_chain.CHAIN_REVISION:
                report.add(
                    False,
                    "the audit trail is not chained yet (the workspace was made by an older "
                    "version; opening it adds the chain)",
                )
                return
            result = audit_chain.verify(connection)
            missing = audit_chain.triggers_missing(connection)
            # One finding is enough: the first copy that disagrees names the loss.
            outside = next(
                (p for end in ends_outside if (p := audit_witness.compare(connection, end))),
                None,
            )
    except SQLAlchemyError as exc:
        report.add(True, f"the audit trail cannot be read: {db.reason(exc)}")
        return
    for problem in result.problems + ([outside] if outside else []):
        report.add(True, f"the audit trail was tampered with: {problem}")
    if missing:
        report.add(
            True,
            f"the audit trail's guards were removed (database trigger {', '.join(missing)}): "
            "someone changed the database outside Casefile",
        )


def _encryption_key(path: Path, passphrase: str | None) -> WorkspaceKey | None:
    from app.core.storage import crypto

    with path.open("rb") as fh:
        if fh.read(len(crypto.SQLITE_HEADER)) == crypto.SQLITE_HEADER:
            return None
    if not crypto.looks_encrypted(path):
        return None  # not a workspace at all: the checks below say so
    if passphrase is None:
        raise crypto.PassphraseRequired(f"{path}: this workspace is encrypted: give its passphrase")
    return crypto.unlock(path, passphrase)


def _check_sqlite(path: Path, report: CheckReport, key: WorkspaceKey | None = None) -> bool:
    """integrity_check and foreign_key_check; False when the database cannot be read on."""
    try:
        if key is None:
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
        else:
            from app.core.storage import crypto

            con = crypto.connect(path, key, timeout=10)
    except sqlite3.Error as exc:
        report.add(True, f"the database cannot be opened: {exc}")
        return False
    try:
        rows = [r[0] for r in con.execute("PRAGMA integrity_check(100)").fetchall()]
        if rows != ["ok"]:
            for row in rows[:_MAX_LISTED]:
                report.add(True, f"database: {row}")
        fk_rows = con.execute("PRAGMA foreign_key_check").fetchall()
        for table, rowid, parent, _fkid in fk_rows[:_MAX_LISTED]:
            report.add(True, f"{table} row {rowid} points at a missing {parent} record")
        if len(fk_rows) > _MAX_LISTED:
            report.add(True, f"... and {len(fk_rows) - _MAX_LISTED} more rows with broken links")
        return rows == ["ok"]
    except (sqlite3.DatabaseError, _sqlcipher_errors(key)) as exc:
        report.add(True, f"the database cannot be read: {exc}")
        return False
    finally:
        con.close()


def _sqlcipher_errors(key: WorkspaceKey | None) -> Any:
    if key is None:
        return sqlite3.DatabaseError
    from app.core.storage import crypto

    return crypto.sqlcipher().DatabaseError


def _check_plain_files_of_encrypted_store(store: AttachmentStore, report: CheckReport) -> set[str]:
    """A readable file in an encrypted workspace's store is a leak, never harmless: left by
    an ``encrypt`` cut short (the next open removes those already sealed) or put there by
    hand. Returns their names (so they are not also listed as unreferenced)."""
    if not isinstance(store, EncryptedAttachmentStore):
        return set()
    found = store.plain_names()
    for name in found[:_MAX_LISTED]:
        report.add(
            True,
            f"{store.root / name[:2] / name} is NOT encrypted in this encrypted workspace: "
            "anyone who finds it can read it (put there by hand, or left by an interrupted "
            "'casefile encrypt' without its encrypted copy); delete it once you know where "
            "else its document's file is kept",
        )
    if len(found) > _MAX_LISTED:
        report.add(True, f"... and {len(found) - _MAX_LISTED} more files that are not encrypted")
    return set(found)


def _check_attachments(
    store: AttachmentStore,
    rows: list,
    report: CheckReport,  # type: ignore[type-arg]
    reported: set[str] = frozenset(),  # type: ignore[assignment]
    progress: Progress | None = None,
) -> None:
    by_hash: dict[str, list[str]] = {}
    for doc_id, case_id, title, sha in rows:
        by_hash.setdefault(sha, []).append(f"document {doc_id} {title!r} (case {case_id})")
    for done, (sha, docs) in enumerate(by_hash.items()):
        if progress is not None:
            progress(done, len(by_hash))
        who = "; ".join(docs[:3]) + (f" and {len(docs) - 3} more" if len(docs) > 3 else "")
        if not store.has(sha):  # a server's store re-reads its chunks from the database
            report.add(True, f"the file of {who} is missing from the store ({sha[:12]}…)")
            continue
        report.attachments_checked += 1
        if not store.verify(sha):
            report.add(
                True, f"the file of {who} is damaged: its bytes no longer match ({sha[:12]}…)"
            )
    referenced = {store.name_for(sha) for sha in by_hash}
    for name in store.stored_names():  # a plain store's names are the hashes
        if name not in referenced and name not in reported:
            report.add(
                False,
                f"{store.root / name[:2] / name} is not referred to by any document (left by an "
                "interrupted save or a deleted document; kept, harmless)",
            )
    if store.root.is_dir():
        for leftover in sorted(store.root.glob(".incoming-*")):
            report.add(False, f"{leftover} is an unfinished write from an interrupted save")


def check_interrupted_restore(path: Path, report: CheckReport) -> bool:
    """A restore cut short is damage until the next open finishes it; True if one was."""
    if not journal.pending(path):
        return False
    report.add(
        True,
        f"a restore into {path} was interrupted ({journal.journal_path(path).name} is beside "
        "it): the workspace may be missing or incomplete",
    )
    report.way_out = (
        f"open the workspace (any casefile command, e.g. casefile --db {path} cases, or the "
        "desktop app): that finishes the restore, or puts the previous workspace back"
    )
    return True


def check_asked_deletion(
    path: Path, report: CheckReport, key: WorkspaceKey | None
) -> Problem | None:
    """Unencrypted backups that ``encrypt --delete-plain-backups``, cut short after its
    swap, was asked to delete are still readable: damage until an open deletes them."""
    from app.core.storage.encryption import deletion_marker, holds_plain_database

    if key is None or not deletion_marker(path).exists():
        return None  # not encrypted yet: the deletion is due only once it is
    left = [copy for copy in list_backups(path) if holds_plain_database(copy)]
    if not left:
        return None
    report.add(
        True,
        f"{len(left)} unencrypted backup(s) of this workspace can still be read, though "
        "'casefile encrypt --delete-plain-backups' was asked to delete them (it was cut "
        f"short): {', '.join(str(copy) for copy in left)}",
    )
    return report.problems[-1]


def _finish_deletion(path: Path) -> str:
    return (
        f"open the workspace once (any casefile command, e.g. casefile --db {path} cases, or "
        "the desktop app): that finishes deleting them"
    )


def check_empty_replacement(path: Path, report: CheckReport, key: WorkspaceKey | None) -> None:
    """A workspace that holds nothing and never did, beside copies of one that held
    something, may be an empty file made in place of the real one: never call it healthy."""
    if _holds_anything(path, key):
        return
    copies = journal.aside_copies(path)
    backups = list_backups(path)
    if copies:
        report.add(
            True,
            "the workspace holds no cases and never did, but a copy moved aside by a restore "
            f"is at {copies[0]}; if this empty workspace took the place of yours, move that "
            f"copy back to {path}",
        )
    elif backups:
        report.add(
            True,
            f"the workspace holds no cases and never did, but {len(backups)} backup(s) of it "
            f"exist (the latest: {backups[0]}); if this empty workspace took the place of "
            "yours, restore that backup",
        )


def _holds_anything(path: Path, key: WorkspaceKey | None) -> bool:
    """Any case, or any recorded change (a workspace whose cases were deleted did hold some)."""
    try:
        if key is None:
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
        else:
            from app.core.storage import crypto

            con = crypto.connect(path, key, timeout=10)
    except sqlite3.Error:
        return True  # not readable: the integrity check has said so already
    try:
        return any(
            con.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is not None
            for table in (Case.__tablename__, AuditEntry.__tablename__)
        )
    except (sqlite3.DatabaseError, _sqlcipher_errors(key)):
        return True
    finally:
        con.close()
