"""``casefile history CASE``: who changed what in a case, and when."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any

from app.core.storage.workspace import Workspace


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "history",
        help="show the audit trail of a case",
        description="Every change to a case and its records (and to the people in it): "
        "who made it, when, and each field's old and new value. Exit status 2 when the "
        "trail was tampered with (changed outside Casefile; 'casefile check' names where).",
    )
    parser.add_argument("case", metavar="CASE", help="case id or docket number")
    parser.add_argument("--json", action="store_true", help="print the entries as JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, workspace: Workspace) -> int:
    """Exit status 2 when the trail was tampered with (what is left is still shown)."""
    from app.core.storage.audit import chain_problems, history_of_case

    case_id = _case_id(workspace, args.case)
    entries = history_of_case(workspace, case_id)
    problems = chain_problems(workspace)
    if problems:
        # On stderr, so --json output stays a plain list; said before the entries,
        # so nobody takes what remains for the whole story.
        print(
            f"warning: the audit trail was tampered with ({problems[0]}); what remains of "
            "it is shown, and may be incomplete or changed; run 'casefile check'",
            file=sys.stderr,
        )
    if args.json:
        print(json.dumps(entries, indent=2, ensure_ascii=False))
    elif not entries and problems:
        print(f"no changes for case {case_id} remain in the audit trail, which was tampered with")
    elif not entries:
        print(f"no recorded changes for case {case_id}")
    for entry in [] if args.json else entries:
        print(format_entry(entry))
    return 2 if problems else 0


def _case_id(workspace: Workspace, reference: str) -> int:
    """The case's id; a deleted case is still found by its id in the trail."""
    from app.core.errors import NotFoundError
    from app.core.services.cases import resolve_case_id
    from app.core.services.fields import record_id_in

    try:
        return resolve_case_id(workspace, reference)
    except NotFoundError:
        record_id = record_id_in(reference)
        if record_id is not None:
            return record_id
        raise


def format_entry(entry: dict[str, Any]) -> str:
    when = _local(entry["at"])
    what = f"{entry['table']} {entry['record_id']}"
    lines = [f"{when}  {entry['user']}  {entry['action']} {what}"]
    if entry.get("note"):
        lines.append(f"    ({entry['note']})")
    for name, (old, new) in entry["changes"].items():
        if entry["action"] == "create":
            lines.append(f"    {name}: {_show(new)}")
        elif entry["action"] == "delete":
            lines.append(f"    {name} was: {_show(old)}")
        else:
            lines.append(f"    {name}: {_show(old)} -> {_show(new)}")
    return "\n".join(lines)


def _local(at: str | None) -> str:
    if not at:
        return "?"
    return dt.datetime.fromisoformat(at).astimezone().strftime("%Y-%m-%d %H:%M:%S")


def _show(value: Any, limit: int = 120) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
