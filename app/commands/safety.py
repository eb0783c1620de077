"""``casefile check``, ``casefile backup`` and ``casefile restore``: keeping a workspace whole."""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

from app.core.storage.workspace import Workspace


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    check = subparsers.add_parser(
        "check",
        help="check the workspace and every attachment for damage",
        description="Full integrity check of the database, its links, and every attachment "
        "(re-hashed). Reads only; exit status 2 when damage is found.",
    )
    check.set_defaults(handler=run_check, no_workspace=True)

    backup = subparsers.add_parser(
        "backup",
        help="back up the workspace and its attachments now",
        description="One zip with a consistent snapshot of the database (SQLite online "
        "backup, or pg_dump for a server) and every attachment. Without -o it goes to the "
        "backups folder beside the workspace, which keeps 7 daily, 4 weekly and 6 monthly.",
    )
    backup.add_argument("-o", "--output", metavar="FILE", type=Path, help="write the backup here")
    backup.set_defaults(handler=run_backup)

    restore = subparsers.add_parser(
        "restore",
        help="replace the workspace with a backup (the current one is kept aside)",
        description="Checks every byte of the backup, moves the current workspace and its "
        "attachments aside (never deleting them), then puts the backup in place.",
    )
    restore.add_argument("backup", metavar="BACKUP", type=Path, help="a casefile backup zip")
    restore.set_defaults(handler=run_restore, no_workspace=True)


def run_check(args: argparse.Namespace, _workspace: None) -> int:
    from app.commands.encryption import passphrases
    from app.core.safety.check import check_workspace
    from app.core.storage import db
    from app.core.storage.lock import WorkspaceAccess

    url = db.resolve_url(args.db)
    path = db.sqlite_path(url)
    with WorkspaceAccess(path, "casefile check") if path else contextlib.nullcontext() as access:
        if access is not None and path is not None and path.parent.is_dir():
            access.share()  # never mid-restore or mid-encrypt: refused, naming it, instead
        report = passphrases(args).unlocking(lambda secret: check_workspace(url, passphrase=secret))
    print(f"checked {report.workspace}: {report.attachments_checked} attachment(s) re-hashed")
    for problem in report.problems:
        print(f"  {'DAMAGE' if problem.damage else 'note'}: {problem.message}")
    if report.damaged:
        print(f"the workspace is damaged. The way out: {report.way_out}")
        return 2
    print("no damage found")
    return 0


def run_backup(args: argparse.Namespace, workspace: Workspace) -> int:
    from app.core.safety.backup import make_backup
    from app.core.safety.backup_files import rotate

    result = make_backup(workspace, args.output)
    if args.output is None and workspace.path is not None:
        rotate(workspace.path)
    print(f"backed up {workspace.describe()} to {result.path} ({result.attachments} attachment(s))")
    for problem in result.problems:
        print(f"  warning: {problem}")
    return 0


def run_restore(args: argparse.Namespace, _workspace: None) -> int:
    from app.commands.encryption import passphrases
    from app.core.errors import WorkspaceError
    from app.core.safety.restore import restore_backup
    from app.core.storage import db

    url = db.resolve_url(args.db)
    path = db.sqlite_path(url)
    if path is None:
        raise WorkspaceError(
            "restoring an office PostgreSQL server is done on the server with pg_restore; "
            "ask whoever runs it"
        )
    # An encrypted backup's database is integrity-checked when its passphrase is given.
    result = restore_backup(args.backup, path, passphrase=passphrases(args).given())
    for notice in result.notices:
        print(f"casefile: {notice}", file=sys.stderr)
    print(f"restored {args.backup} into {result.workspace} (attachments in {result.store})")
    for moved in result.moved_aside:
        print(f"  the previous copy is kept at {moved}")
    for problem in result.problems:
        print(f"  warning: {problem}")
    return 0
