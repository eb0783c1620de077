"""Encrypted workspaces from the command line, and where passphrases come from.

A passphrase comes from ``--passphrase-file FILE`` (its first line), else
``$CASEFILE_PASSPHRASE``, else a prompt when stdin is a terminal. It is never
taken as a command-line argument (other users can read those). A new passphrase
(``new-workspace --encrypt``, ``encrypt``, ``passphrase``) comes from
``--new-passphrase-file FILE``, else ``$CASEFILE_NEW_PASSPHRASE``, else two prompts;
for ``new-workspace`` and ``encrypt`` the current-passphrase sources count too.
Both variables are read once, when the command starts, and removed from the process's
environment then, so no program Casefile starts inherits them.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:  # keep `casefile --help` fast: no database modules at import time
    from app.core.storage.workspace import Workspace

ENV = "CASEFILE_PASSPHRASE"
NEW_ENV = "CASEFILE_NEW_PASSPHRASE"
HOW = f"--passphrase-file FILE or ${ENV}"
TRIES = 3
T = TypeVar("T")


def _read_file(path: str) -> str:
    from app.core.storage.crypto import EncryptionError

    try:
        text = Path(path).expanduser().read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise EncryptionError(f"cannot read the passphrase file {path}: {exc}") from None
    # The first line, as typed: only the line ending is not part of it.
    return text.splitlines()[0] if text.strip("\r\n") else ""


def _take(name: str) -> str | None:
    """The variable's value (None when unset or empty), removed from the environment."""
    return os.environ.pop(name, None) or None


def _interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


class Passphrases:
    """The passphrase sources of one command; each is read only when needed."""

    def __init__(
        self,
        file: str | None = None,
        new_file: str | None = None,
        *,
        from_env: tuple[str | None, str | None] | None = None,
    ) -> None:
        self.file, self.new_file = file, new_file
        # Read once and taken out of the environment: every process started from here
        # on (pg_dump, a viewer, a printer) would otherwise inherit the passphrase.
        self.env, self.new_env = from_env if from_env is not None else (_take(ENV), _take(NEW_ENV))

    def given(self) -> str | None:
        """The passphrase from the file or the environment, without asking anyone."""
        if self.file:
            return _read_file(self.file)
        return self.env

    def ask(self, prompt: str) -> str:
        from app.core.storage.crypto import PassphraseRequired

        if not _interactive():
            raise PassphraseRequired(f"{prompt.rstrip(': ')}: give it with {HOW}")
        import getpass

        return getpass.getpass(prompt)

    def new(self, *, also_current: bool = False) -> str:
        """A new passphrase: from a file or the environment, else typed twice."""
        from app.core.storage.crypto import EncryptionError, PassphraseRequired

        if self.new_file:
            return _read_file(self.new_file)
        if self.new_env:
            return self.new_env
        if also_current and (given := self.given()):
            return given
        if not _interactive():
            raise PassphraseRequired(
                f"give the new passphrase with --new-passphrase-file FILE or ${NEW_ENV}"
            )
        import getpass

        first = getpass.getpass("New passphrase: ")
        if getpass.getpass("The new passphrase again: ") != first:
            raise EncryptionError("the two passphrases differ; nothing was changed")
        if not first:
            raise EncryptionError("the passphrase is empty; nothing was changed")
        return first

    def unlocking(self, call: Callable[[str | None], T], what: str = "workspace") -> T:
        """``call(passphrase)``: first with the given one (or none); if the thing turns
        out to be encrypted and nothing was given, ask (up to three times)."""
        from app.core.storage.crypto import PassphraseRequired, WrongPassphrase

        given = self.given()
        try:
            return call(given)
        except PassphraseRequired:
            if given is not None or not _interactive():
                raise
        for attempt in range(TRIES):
            try:
                return call(self.ask(f"Passphrase for the {what}: "))
            except WrongPassphrase as exc:
                if attempt == TRIES - 1:
                    raise
                print(f"casefile: {exc}", file=sys.stderr)
        raise AssertionError("unreachable")


def passphrases(args: argparse.Namespace) -> Passphrases:
    found = getattr(args, "passphrases", None)
    if found is None:  # the environment is read once: keep what was read
        found = args.passphrases = Passphrases(getattr(args, "passphrase_file", None))
    return found


def open_with_passphrase(args: argparse.Namespace, **kwargs: object) -> Workspace:
    """The command's workspace (``--db``), asking for its passphrase if it needs one."""
    from app.core.storage.workspace import open_workspace

    kwargs.setdefault("purpose", f"casefile {getattr(args, 'command', None) or 'command'}")
    workspace = passphrases(args).unlocking(
        lambda secret: open_workspace(args.db, secret, **kwargs)  # type: ignore[arg-type]
    )
    tell(workspace)
    return workspace


def tell(workspace: Workspace) -> None:
    """Say what opening the workspace did besides (an interrupted restore finished)."""
    for notice in workspace.notices:
        print(f"casefile: {notice}", file=sys.stderr)


# -- the commands ------------------------------------------------------------------------


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    new = subparsers.add_parser(
        "new-workspace",
        help="create a new, empty workspace (--encrypt: protected by a passphrase)",
        description="Create a new workspace at PATH (default: --db). With --encrypt the "
        "database, its attachments, backups and exported archives are encrypted with a "
        "passphrase; without it nobody, Casefile included, can open the workspace.",
    )
    new.add_argument("path", metavar="PATH", nargs="?", help="the new workspace file")
    new.add_argument("--encrypt", action="store_true", help="protect it with a passphrase")
    _new_passphrase_option(new)
    new.set_defaults(handler=run_new_workspace, no_workspace=True)

    encrypt = subparsers.add_parser(
        "encrypt",
        help="encrypt the workspace and its attachments with a passphrase",
        description="Convert the workspace (--db) to an encrypted one, in place, with its "
        "attachments. Backups made before are NOT encrypted: they are listed, and deleted "
        "with --delete-plain-backups. Deleted files may still be recoverable from the disk; "
        "use full-disk encryption as well.",
    )
    encrypt.add_argument(
        "--delete-plain-backups",
        action="store_true",
        help="delete the unencrypted backups made before",
    )
    _new_passphrase_option(encrypt)
    encrypt.set_defaults(handler=run_encrypt, no_workspace=True)

    change = subparsers.add_parser(
        "passphrase",
        help="change the passphrase of an encrypted workspace",
        description="Change the passphrase of the encrypted workspace (--db). Close it in "
        "the desktop app first. Backups made before keep the old passphrase.",
    )
    _new_passphrase_option(change)
    change.set_defaults(handler=run_change_passphrase, no_workspace=True)


def _new_passphrase_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--new-passphrase-file",
        metavar="FILE",
        help=f"read the new passphrase from FILE (else ${NEW_ENV}, else asked twice)",
    )


def _target(args: argparse.Namespace) -> Path:
    from app.core.errors import WorkspaceError
    from app.core.storage import db

    path = db.sqlite_path(db.resolve_url(getattr(args, "path", None) or args.db))
    if path is None:
        raise WorkspaceError(
            "only a workspace file can be encrypted; an office server is protected by the "
            "server's own disk encryption and access rules"
        )
    return path


def _sources(args: argparse.Namespace) -> Passphrases:
    source = passphrases(args)
    return Passphrases(source.file, args.new_passphrase_file, from_env=(source.env, source.new_env))


def run_new_workspace(args: argparse.Namespace, _workspace: None) -> int:
    from app.core.errors import WorkspaceError
    from app.core.storage.encryption import create_encrypted_workspace
    from app.core.storage.workspace import open_workspace

    path = _target(args)
    if path.exists() and path.stat().st_size > 0:
        raise WorkspaceError(f"{path} already exists; choose a new file name")
    if args.encrypt:
        secret = _sources(args).new(also_current=True)
        create_encrypted_workspace(path, secret).close()
        print(f"created the encrypted workspace {path}")
        print("  keep the passphrase safe: without it nobody can open this workspace")
    else:
        open_workspace(path).close()
        print(f"created the workspace {path}")
    return 0


def run_encrypt(args: argparse.Namespace, _workspace: None) -> int:
    from app.core.storage.encryption import encrypt_workspace, is_encrypted

    path = _target(args)
    if args.delete_plain_backups and path.is_file() and is_encrypted(path):
        return _delete_plain_backups_only(path)
    secret = _sources(args).new(also_current=True)
    result = encrypt_workspace(path, secret, delete_plain_backups=args.delete_plain_backups)
    print(f"encrypted {result.workspace} and {result.attachments} attachment(s)")
    for problem in result.problems:
        print(f"  warning: {problem}")
    if args.delete_plain_backups:
        print(f"  deleted {len(result.deleted_backups)} unencrypted backup(s)")
    elif result.plain_backups:
        print(
            f"  warning: {len(result.plain_backups)} backup(s) made before are NOT encrypted "
            "(run again with --delete-plain-backups, or delete them yourself):"
        )
        for old in result.plain_backups:
            print(f"    {old}")
    return 0


def _delete_plain_backups_only(path: Path) -> int:
    """``encrypt --delete-plain-backups`` again, as its own hint says: the workspace is
    encrypted already, so only the backups made before that are deleted."""
    from app.core.storage.encryption import delete_plain_backups_of

    old = delete_plain_backups_of(path)
    print(f"{path} is already encrypted; deleted {len(old)} unencrypted backup(s)")
    return 0


def run_change_passphrase(args: argparse.Namespace, _workspace: None) -> int:
    from app.core.storage.encryption import change_passphrase

    sources = _sources(args)
    old: list[str] = []

    def opening(secret: str | None) -> Workspace:
        from app.core.storage.crypto import PassphraseRequired
        from app.core.storage.workspace import open_workspace

        if secret is None:
            raise PassphraseRequired(f"the current passphrase is needed: give it with {HOW}")
        workspace = open_workspace(args.db, secret, exclusive=True, purpose="casefile passphrase")
        tell(workspace)
        if workspace.key is None:
            workspace.close()
            from app.core.storage.crypto import EncryptionError

            raise EncryptionError("this workspace is not encrypted; use 'casefile encrypt'")
        old.append(secret)
        return workspace

    workspace = sources.unlocking(opening)
    try:
        change_passphrase(workspace, old[-1], sources.new())
    finally:
        workspace.close()
    print(f"changed the passphrase of {workspace.describe()}")
    print("  backups made before still open with the old passphrase")
    return 0
