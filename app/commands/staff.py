"""``casefile staff add|list|remove`` and ``casefile whoami``: the office's people."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.core.storage.workspace import Workspace

ROLES = ("attorney", "paralegal", "investigator", "supervisor", "admin")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    staff = subparsers.add_parser(
        "staff",
        help="the office's staff: add, list, remove (admins change it)",
        description="Each staff member is a PostgreSQL login with a name and an office role.",
    )
    actions = staff.add_subparsers(dest="staff_action", metavar="ACTION", required=True)
    add = actions.add_parser(
        "add",
        help="add a staff member (creates their login when the server has none)",
        description="Add or update a staff member. A login the server does not have is "
        "created (by the server, for an admin); its password, if any, is the first line "
        "of --password-file. Casefile stores no password.",
    )
    add.add_argument("login", metavar="LOGIN")
    add.add_argument("--name", required=True, metavar="NAME")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--password-file", metavar="F", type=argparse.FileType("r"))
    add.set_defaults(handler=run_add)
    listing = actions.add_parser("list", help="list the staff")
    listing.add_argument("--json", action="store_true", help="a JSON list (login, name, role)")
    listing.set_defaults(handler=run_list)
    remove = actions.add_parser("remove", help="take a login off the staff (and off every team)")
    remove.add_argument("login", metavar="LOGIN")
    remove.set_defaults(handler=run_remove)

    whoami = subparsers.add_parser(
        "whoami",
        help="who you are working as: login, name, office role",
        description="The login the database knows you by, and on an office server your "
        "name, office role and the office's policy.",
    )
    whoami.add_argument("--json", action="store_true", help="print it as JSON")
    whoami.set_defaults(handler=run_whoami)


def _password(args: argparse.Namespace) -> str | None:
    if args.password_file is None:
        return None
    with args.password_file as fh:
        return fh.readline().rstrip("\r\n")


def run_add(args: argparse.Namespace, workspace: Workspace) -> int:
    from app.core.server.staff import add_staff

    member = add_staff(
        workspace, args.login, name=args.name, role=args.role, password=_password(args)
    )
    print(f"{member.login}: {member.name}, {member.role}")
    return 0


def run_list(args: argparse.Namespace, workspace: Workspace) -> int:
    from dataclasses import asdict

    from app.core.server.staff import list_staff

    members = list_staff(workspace)
    if args.json:
        print(json.dumps([asdict(m) for m in members], indent=2, ensure_ascii=False))
        return 0
    if not members:
        print("no staff yet (add them with: casefile staff add LOGIN --name NAME --role ROLE)")
    width = max((len(m.login) for m in members), default=0)
    for member in members:
        print(f"{member.login:<{width}}  {member.role:<12}  {member.name}")
    return 0


def run_remove(args: argparse.Namespace, workspace: Workspace) -> int:
    from app.core.server.staff import remove_staff

    member = remove_staff(workspace, args.login)
    print(f"{member.login} ({member.name}) is no longer on the staff")
    return 0


def run_whoami(args: argparse.Namespace, workspace: Workspace) -> int:
    from app.core.server.staff import whoami

    me = whoami(workspace)
    if args.json:
        print(json.dumps(me.as_dict(), indent=2, ensure_ascii=False))
        return 0
    if not me.server:
        print(f"{me.login} (a workspace file: one person, no walls)")
    elif me.policy is None:
        print(f"{me.login} (this server has no office set up: one login, no walls)")
    elif me.role is None:
        print(f"{me.login} (not on the staff of this office)")
    else:
        print(f"{me.login}: {me.name}, {me.role}; office policy: {me.policy}")
    return 0
