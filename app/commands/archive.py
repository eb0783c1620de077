"""``casefile export`` and ``casefile import``: the portable case archive."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # keep `casefile --help` fast: no database modules at import time
    from app.core.storage.workspace import Workspace


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = subparsers.add_parser(
        "export",
        help="write a case to a portable case archive (.zip)",
        description="Write a case, with its attached files, to a case archive "
        "(docs/archive-format.md) that any Casefile workspace can import.",
    )
    export.add_argument("case", metavar="CASE", help="case id or docket number")
    export.add_argument(
        "-o", "--output", metavar="FILE.zip", required=True, help="the archive to write"
    )
    export.add_argument(
        "--plain",
        action="store_true",
        help="write an unencrypted archive even from an encrypted workspace",
    )
    export.set_defaults(handler=run_export)

    imp = subparsers.add_parser(
        "import",
        help="add a case from a case archive and print its new id",
        description="Add the case in a case archive to this workspace, all or nothing, and "
        "print its new case id. People already in the workspace (same uid) are not "
        "duplicated.",
    )
    imp.add_argument("archive", metavar="FILE.zip", help="the case archive to import")
    imp.set_defaults(handler=run_import)


def run_export(args: argparse.Namespace, workspace: Workspace) -> int:
    from app.core.archive.transfer import export_case

    print(export_case(workspace, args.case, args.output, plain=args.plain))
    return 0


def run_import(args: argparse.Namespace, workspace: Workspace) -> int:
    from app.commands.encryption import passphrases
    from app.core.archive.transfer import import_archive

    # An encrypted archive asks for its passphrase (the workspace's own archives do not).
    case_id = passphrases(args).unlocking(
        lambda secret: import_archive(workspace, args.archive, passphrase=secret), "case archive"
    )
    print(case_id)
    # The office must know at once if it is on both sides: the check never blocks the
    # import, but every hit is said (on stderr, so scripts still read just the id).
    from app.core.intake.conflicts import check_case, describe_hit

    for name, hit in check_case(workspace, case_id):
        print(f"conflict check: {describe_hit(name, hit)}", file=sys.stderr)
    return 0
