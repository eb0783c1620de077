"""``casefile team CASE [add|remove LOGIN]`` and ``casefile wall CASE on|off``."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.core.server.teams import Team
    from app.core.storage.workspace import Workspace


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    team = subparsers.add_parser(
        "team",
        help="a case's team: show it, or add or remove a login (admins)",
        description="Show the team of CASE, or (admins) add or remove a staff member. An "
        "admin names a walled case they cannot read by its id.",
    )
    team.add_argument("case", metavar="CASE", help="case id or docket number")
    team.add_argument("action", nargs="?", choices=("add", "remove"))
    team.add_argument("login", nargs="?", metavar="LOGIN")
    team.add_argument("--json", action="store_true", help="print the team as JSON")
    team.set_defaults(handler=run_team)

    wall = subparsers.add_parser(
        "wall",
        help="put up or take down an ethical wall around a case (admins)",
        description="A walled case is seen by its team alone, whatever the office policy: "
        "in the app, the command line, search, briefs, history, exports and psql.",
    )
    wall.add_argument("case", metavar="CASE", help="case id or docket number")
    wall.add_argument("state", choices=("on", "off"))
    wall.add_argument("--reason", default="", metavar="TEXT", help="why (kept in the trail)")
    wall.set_defaults(handler=run_wall)


def run_team(args: argparse.Namespace, workspace: Workspace) -> int:
    from app.core.errors import ValidationError
    from app.core.server import teams

    if args.action is None:
        if args.login is not None:
            raise ValidationError("action", "say 'add' or 'remove' before the login")
        team = teams.team_of(workspace, args.case)
    elif args.login is None:
        raise ValidationError("login", f"'team CASE {args.action}' needs a LOGIN")
    elif args.action == "add":
        team = teams.add_to_team(workspace, args.case, args.login)
    else:
        team = teams.remove_from_team(workspace, args.case, args.login)
    _show(team, args.json)
    return 0


def run_wall(args: argparse.Namespace, workspace: Workspace) -> int:
    from app.core.server.teams import set_wall

    _show(set_wall(workspace, args.case, args.state == "on", args.reason), False)
    return 0


def _show(team: Team, as_json: bool) -> None:
    if as_json:
        print(json.dumps(team.as_dict(), indent=2, ensure_ascii=False))
        return
    wall = f"walled ({team.reason})" if team.walled and team.reason else "walled"
    print(f"case {team.case_id}: {wall if team.walled else 'not walled'}")
    if not team.members:
        print("  no team yet")
    for member in team.members:
        print(f"  {member['login']}  {member['role'] or '-'}  {member['name']}{_joined(member)}")


def _joined(member: dict[str, str]) -> str:
    """Who put the member on the team and when: an admin who added themselves shows."""
    by, at = member.get("added_by"), member.get("added_at")
    if not by or not at:
        return ""
    who = "themselves" if by == member["login"] else f"by {by}"
    return f"  (added {who}, {at.replace('T', ' ')[:16]} UTC)"
