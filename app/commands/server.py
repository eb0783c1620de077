"""``casefile server init`` and ``casefile policy``: set up an office's PostgreSQL
server, and choose who sees the cases that are not walled."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.core.server.attachments import MovedFolder
    from app.core.storage.workspace import Workspace


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    server = subparsers.add_parser(
        "server",
        help="set up a shared PostgreSQL server for an office",
        description="Set up the office's PostgreSQL database (docs/server.md).",
    )
    actions = server.add_subparsers(dest="server_action", metavar="ACTION", required=True)
    init = actions.add_parser(
        "init",
        help="create the roles, schema and row security (as the database's owner)",
        description="As the database's owner (a login that may create roles): create the "
        "owner role that owns the tables, the staff group, the schema, its grants and the "
        "row security that keeps walled cases from everyone but their team. On a database "
        "used before without it, converts it in place; run again after upgrading Casefile.",
    )
    init.add_argument(
        "--admin",
        metavar="LOGIN",
        help="the office's first admin (their login is created if missing, with CREATEROLE)",
    )
    init.set_defaults(handler=run_init, no_workspace=True)

    policy = subparsers.add_parser(
        "policy",
        help="who sees the cases that are not walled: everyone (open) or their team (team)",
        description="'open': every staff member sees every case that is not walled. "
        "'team': people see their teams' cases, supervisors (and admins) all. A walled "
        "case is seen by its team alone either way. Admins only.",
    )
    policy.add_argument("policy", choices=("open", "team"))
    policy.set_defaults(handler=run_policy)


def run_init(args: argparse.Namespace, _workspace: None) -> int:
    from app.core.server.setup import server_init
    from app.core.storage import db

    report = server_init(db.resolve_url(args.db), admin=args.admin)
    moved = f"; {report.converted} existing objects now owned by it" if report.converted else ""
    print(f"owner role {report.roles.owner}{moved}")
    print(f"staff group {report.roles.staff}")
    print("row security on every table that holds case data")
    if report.attachments is not None and report.attachments.folder.is_dir():
        print(moved_files(report.attachments))
    if report.admin:
        print(f"admin {report.admin}")
    return 0


def moved_files(moved: MovedFolder) -> str:
    """What server init did with the folder the workspace kept its files in."""
    result = moved.result
    said = f"{result.moved} attachments moved into the database from {moved.folder}"
    if result.already:
        said += f" ({result.already} were there already)"
    if result.damaged:
        said += (
            f"; {len(result.damaged)} left out because their bytes no longer match their "
            f"name (damaged in the folder; run 'casefile check'): {', '.join(result.damaged[:5])}"
        )
    return said


def run_policy(args: argparse.Namespace, workspace: Workspace) -> int:
    from app.core.server.teams import set_policy

    print(f"office policy: {set_policy(workspace, args.policy)}")
    return 0
