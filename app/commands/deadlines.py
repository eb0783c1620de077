"""``casefile deadlines CASE``: a case's deadlines, computed from the rules and added by hand."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # keep `casefile --help` fast: no database modules at import time
    from app.core.schedule.items import DeadlineItem
    from app.core.storage.workspace import Workspace

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Dates the commands accept: wide enough for any court date, narrow enough that the
# day before and the weeks after are still dates.
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2999, 12, 31)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "deadlines",
        help="list a case's deadlines",
        description="A case's deadlines: those computed from the rules (the People's "
        "discovery under CPL 245.10(1)(a), ...) and those added by hand. A date on a "
        "weekend or court holiday is flagged, never moved; a past deadline not met is "
        "overdue. An office adds rules in $CASEFILE_RULES or the rules folder of "
        "Casefile's config folder.",
    )
    parser.add_argument("case", metavar="CASE", help="case id or docket number")
    parser.add_argument(
        "--as-of", metavar="YYYY-MM-DD", help="count met and overdue as of this day (default today)"
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print a JSON list (kind, date, title, rule, case, met_on, flag, ...)",
    )
    parser.set_defaults(handler=run)


def parse_day(text: str | None, field: str, default: dt.date | None = None) -> dt.date:
    """A YYYY-MM-DD option as a date, or a ValidationError naming ``field``."""
    from app.core.errors import ValidationError

    if text is None:
        if default is None:
            raise ValidationError(field, "a date like 2026-12-01 is needed")
        return default
    problem = "write it like 2026-12-01"
    if _DAY.match(text.strip()):
        try:
            day = dt.date.fromisoformat(text.strip())
        except ValueError as exc:
            problem = str(exc)
        else:
            if FIRST_DAY <= day <= LAST_DAY:
                return day
            problem = f"dates from {FIRST_DAY} to {LAST_DAY} only"
    raise ValidationError(field, f"{text!r} is not a date ({problem})")


def run(args: argparse.Namespace, workspace: Workspace) -> int:
    from app.core.schedule.deadlines import deadlines_of_case
    from app.core.schedule.rules import load_rules
    from app.core.services.cases import find_case

    as_of = parse_day(args.as_of, "as-of", dt.date.today())
    book = load_rules()
    with workspace.reader() as session:
        case = find_case(session, args.case)
        caption, docket = case.caption, case.docket_number
        items = deadlines_of_case(session, case, as_of, book=book)
    if args.json:
        print(json.dumps([as_json(item) for item in items], indent=2, ensure_ascii=False))
        return 0
    heading = f"{caption} ({docket})" if docket else caption
    print(f"Deadlines of {heading}, as of {as_of.isoformat()}")
    if not items:
        print("  none")
    for item in items:
        print(text_line(item))
    return 0


def as_json(item: DeadlineItem) -> dict[str, Any]:
    day = item.date.isoformat() if item.date else None
    if day is None and item.partial_date is not None:
        day = item.partial_date.iso()
    return {
        "kind": item.kind,
        "date": day,
        "time": item.time,
        "title": item.title,
        "rule": item.rule,
        "citation": item.citation or None,
        "case": item.case.id,
        "case_label": item.case.label,
        "met_on": item.met_on.iso() if item.met_on else None,
        "flag": item.flag,
        "holiday": item.holiday,
        "missing": item.missing,
        "id": item.record_id,
    }


def text_line(item: DeadlineItem) -> str:
    if item.date is not None:
        when = f"{item.date.isoformat()} {item.date.strftime('%a')}"
    else:
        when = item.partial_date.iso() if item.partial_date else "not computed"
    title = f"{item.title} ({item.citation})" if item.citation else item.title
    notes = []
    if item.missing:
        notes.append(f"needs: {item.missing}")
    if item.met_on:
        notes.append(f"met {item.met_on.iso()}{item.met_late()}")
    if item.flag == "holiday":
        notes.append(f"HOLIDAY: {item.holiday}")
    elif item.flag:
        notes.append(item.flag.upper())
    if item.flag == "overdue" and item.holiday:
        notes.append(f"on a holiday: {item.holiday}")
    return f"  {when:<15} {title}" + (f"  [{'; '.join(notes)}]" if notes else "")
