"""Making, converting and re-keying encrypted workspaces (the keys: app/core/storage/crypto.py).

``create_encrypted_workspace`` starts one encrypted from its first byte.
``encrypt_workspace`` converts a plain SQLite workspace: the database is copied
into a new encrypted file with ``sqlcipher_export`` and checked, every attachment
is sealed under its new name, and only then does the encrypted file replace the
plain one and the plain attachment files go. A crash before the swap leaves the
plain workspace as it was (plus harmless sealed files); after it, the encrypted
one is complete, and its next open removes the plain files left beside their sealed
copies (the store is marked while sealing: ``AttachmentStore.note_unsealed``).
``change_passphrase`` is one ``PRAGMA rekey`` (atomic in WAL mode); the attachments'
data key lives inside the database, so no file changes.

Deleting a file does not wipe its blocks from a disk (least of all an SSD), and
the backups made before ``encrypt`` are plain: ``EncryptResult.plain_backups``
names them so the person can delete them. Full-disk encryption is still advised.
"""

from __future__ import annotations

import contextlib
import hmac
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core.errors import WorkspaceError
from app.core.storage import crypto, db, hooks
from app.core.storage.atomic import move_into_place
from app.core.storage.crypto import EncryptionError, WorkspaceKey, WrongPassphrase
from app.core.storage.faults import fault_point
from app.core.storage.lock import WorkspaceAccess
from app.core.storage.store import AttachmentStore, EncryptedAttachmentStore
from app.core.storage.workspace import ATTACHMENT_KEY_SETTING, Workspace, open_workspace

BACKUP_DB_NAME = "workspace.casefile"  # the database inside a backup (backup_files.DB_NAME)


def create_encrypted_workspace(
    path: str | os.PathLike[str], passphrase: str, **kwargs: Any
) -> Workspace:
    """A new, empty workspace encrypted with ``passphrase``; refuses an existing one."""
    target = Path(path).expanduser().absolute()
    if target.exists() and target.stat().st_size > 0:
        raise WorkspaceError(f"{target} already exists; choose a new file name")
    return open_workspace(target, passphrase, **kwargs)


def change_passphrase(ws: Workspace, old: str, new: str) -> None:
    """Re-key the open workspace ``ws`` from ``old`` to ``new``.

    Other processes with the workspace open must close it first (their key is the old
    one): the re-key holds the workspace alone, and is refused naming them."""
    if ws.key is None or ws.path is None:
        raise EncryptionError(
            "this workspace is not encrypted; encrypt it first (casefile encrypt)"
        )
    current = WorkspaceKey.derive(old, ws.key.salt, ws.key.params)
    if not hmac.compare_digest(current.master, ws.key.master):
        raise WrongPassphrase("wrong passphrase: the current passphrase is needed to change it")
    # The salt stays: an interrupted rekey leaves either the old key or the new one
    # valid for every page, and the file's first bytes name the salt for both.
    new_key = WorkspaceKey.derive(new, ws.key.salt, ws.key.params)
    if ws.backup_thread is not None:
        ws.backup_thread.join()
    with ws.held_alone("changing the passphrase of"):
        ws.engine.dispose()
        failure = _rekey(ws.path, ws.key, new_key)
        # Prove it before forgetting the old key: SQLCipher answers "ok" to a rekey
        # whose writes failed (a full disk), and rolls it back.
        if not _opens_with(ws.path, new_key):
            raise _not_changed(ws.path, ws.key, failure)
        ws.key = new_key
        ws.rebind(db.make_engine(ws.url, key=new_key))


def _rekey(path: Path, old: WorkspaceKey, new: WorkspaceKey) -> str | None:
    """Re-key the file; the database's complaint if it had one (else None)."""
    module = crypto.sqlcipher()
    try:
        con = crypto.connect(path, old)
    except WrongPassphrase:
        return "the workspace could not be read"
    try:
        con.execute(new.pragma("rekey"))
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except module.Error as exc:
        return str(exc)
    finally:
        con.close()
    return None


def _opens_with(path: Path, key: WorkspaceKey) -> bool:
    try:
        crypto.connect(path, key).close()
    except WrongPassphrase:
        return False
    return True


def _not_changed(path: Path, old: WorkspaceKey, failure: str | None) -> EncryptionError:
    # SQLCipher's own words after a failed rekey ("database table is locked") mislead.
    why = "the workspace could not be rewritten with the new key (is the disk full?)"
    if _opens_with(path, old):
        return EncryptionError(
            f"the passphrase was not changed: {why}; the workspace still opens with the "
            "old passphrase"
        )
    return EncryptionError(
        f"the passphrase change could not be confirmed ({failure or why}); the workspace "
        "opens with the old passphrase or the new one: try the old one first"
    )


@dataclass
class EncryptResult:
    workspace: Path
    attachments: int
    plain_backups: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    deleted_backups: list[Path] = field(default_factory=list)


def encrypt_workspace(
    path: str | os.PathLike[str], passphrase: str, *, delete_plain_backups: bool = False
) -> EncryptResult:
    """Convert the plain SQLite workspace at ``path`` to an encrypted one, in place; with
    ``delete_plain_backups``, also delete the backups made before (those stay readable).
    The request is written down first, so an encrypt killed half-way still honours it:
    the open that finishes the encryption deletes them (:func:`finish_asked_deletion`)."""
    workspace_file = Path(path).expanduser().absolute()
    if not workspace_file.is_file():
        raise WorkspaceError(f"there is no workspace at {workspace_file}")
    if is_encrypted(workspace_file):
        raise EncryptionError(f"{workspace_file} is already encrypted (or not a workspace)")
    # Bring the schema up to date, and find the store, with the normal code.
    plain = open_workspace(workspace_file)
    root = plain.store.root
    plain.close()
    sealed = workspace_file.with_name(workspace_file.name + ".encrypting")
    key = WorkspaceKey.new(passphrase)
    data_key = crypto.AttachmentKey.new()
    # Alone from the copy to the swap: a command writing meanwhile would write to the
    # plain file about to be replaced, and its work would be lost.
    with WorkspaceAccess(workspace_file, "casefile encrypt") as access:
        access.exclusive("encrypting")
        if delete_plain_backups:
            deletion_marker(workspace_file).touch(mode=0o600)
        _export(workspace_file, sealed, key, data_key)
        try:
            fault_point("encrypt:after-export")
            AttachmentStore(root).note_unsealed()  # the next open finishes a killed encrypt
            plain_files, problems = _seal_attachments(root, data_key)
            _swap(workspace_file, sealed)
            fault_point("encrypt:after-swap")
        except BaseException:
            with contextlib.suppress(OSError):
                sealed.unlink()
            raise
        for sha in plain_files:  # only now: the sealed workspace and its files are in place
            with contextlib.suppress(OSError):
                AttachmentStore(root).path_for(sha).unlink()
        AttachmentStore(root).sealing_done()
        deleted = delete_plain_backups_of(workspace_file) if delete_plain_backups else []
    return EncryptResult(
        workspace_file, len(plain_files), plain_backups(workspace_file), problems, deleted
    )


def deletion_marker(workspace_file: Path) -> Path:
    """Beside the workspace while an ``encrypt --delete-plain-backups`` is unfinished."""
    return workspace_file.with_name(workspace_file.name + ".delete-plain-backups")


def delete_plain_backups_of(workspace_file: Path) -> list[Path]:
    """Delete the unencrypted backups of ``workspace_file``; the request is then done."""
    deleted = plain_backups(workspace_file)
    for old in deleted:
        old.unlink(missing_ok=True)
    deletion_marker(workspace_file).unlink(missing_ok=True)
    return deleted


def finish_asked_deletion(workspace: Workspace, _background: bool) -> None:
    """After an open: an encrypt asked to delete the plain backups was cut short after
    its swap (the workspace is encrypted now): delete them, and say so."""
    path = workspace.path
    if path is None or not workspace.encrypted or not deletion_marker(path).exists():
        return
    deleted = delete_plain_backups_of(path)
    workspace.notices.append(
        f"deleted {len(deleted)} unencrypted backup(s), as the encryption that was cut "
        "short had been asked to"
    )


def is_encrypted(path: str | os.PathLike[str]) -> bool:
    """True for a workspace file that is not plain SQLite (encrypted, or not a workspace)."""
    with Path(path).open("rb") as fh:
        return fh.read(len(crypto.SQLITE_HEADER)) != crypto.SQLITE_HEADER


def plain_backups(workspace_file: Path) -> list[Path]:
    """The copies of the workspace (its backups, once safety is installed) whose database
    is not encrypted: those made before ``encrypt``. Later ones are encrypted."""
    return [copy for copy in hooks.copies_of(workspace_file) if holds_plain_database(copy)]


def holds_plain_database(copy: Path) -> bool:
    """Whether the backup ``copy`` holds a database anyone can read."""
    try:
        with zipfile.ZipFile(copy) as zf, zf.open(BACKUP_DB_NAME) as fh:
            return fh.read(len(crypto.SQLITE_HEADER)) == crypto.SQLITE_HEADER
    except (OSError, KeyError, zipfile.BadZipFile):
        return False  # not a backup this code can read: left for the person to judge


def _export(source: Path, target: Path, key: WorkspaceKey, data_key: crypto.AttachmentKey) -> None:
    with contextlib.suppress(FileNotFoundError):
        target.unlink()  # a conversion interrupted earlier
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    module = crypto.sqlcipher()
    con = module.connect(str(source), timeout=30)
    try:
        con.execute("PRAGMA cipher_log_level = NONE")
        # The file name is a bound parameter; the key literal is hex digits only.
        con.execute(f"ATTACH DATABASE ? AS sealed KEY {key.literal()}", (str(target),))
        con.execute("SELECT sqlcipher_export('sealed')")
        con.execute(
            "INSERT OR REPLACE INTO sealed.workspace_settings (key, value) VALUES (?, ?)",
            (ATTACHMENT_KEY_SETTING, data_key.hex()),
        )
        con.commit()
        con.execute("DETACH DATABASE sealed")
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except module.Error as exc:
        raise WorkspaceError(f"the workspace could not be encrypted: {exc}") from None
    finally:
        con.close()
    check = crypto.connect(target, key)
    try:
        result = check.execute("PRAGMA integrity_check").fetchall()
        check.execute("PRAGMA journal_mode = WAL")
    finally:
        check.close()
    if result != [("ok",)]:
        raise WorkspaceError(f"the encrypted copy did not check out: {result[0][0]}")


def _seal_attachments(root: Path, data_key: crypto.AttachmentKey) -> tuple[list[str], list[str]]:
    """Seal every plain file of the store beside it; returns their hashes and problems."""
    plain, sealed = AttachmentStore(root), EncryptedAttachmentStore(root, data_key)
    problems: list[str] = []
    hashes = list(plain.all_hashes())
    for sha in hashes:
        with plain.open(sha) as fh:
            stored = sealed.add_stream(fh, sha)
        if stored.sha256 != sha:
            problems.append(f"attachment {sha[:12]}… was already damaged (sealed as it was)")
    return hashes, problems


def _swap(workspace_file: Path, sealed: Path) -> None:
    # The plain WAL is empty (checkpointed); it must not sit beside the sealed file.
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            workspace_file.with_name(workspace_file.name + suffix).unlink()
    move_into_place(sealed, workspace_file)


__all__ = [
    "EncryptResult",
    "change_passphrase",
    "create_encrypted_workspace",
    "delete_plain_backups_of",
    "deletion_marker",
    "encrypt_workspace",
    "holds_plain_database",
    "is_encrypted",
    "plain_backups",
]
