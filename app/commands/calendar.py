"""``casefile calendar``: every case's court dates and deadlines in a range of days,
as a list, JSON, or an iCalendar file for Outlook and Google Calendar."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # keep `casefile --help` fast: no database modules at import time
    from app.core.schedule.items import CalendarItem
    from app.core.storage.workspace import Workspace

DEFAULT_DAYS = 30


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "calendar",
        help="list court dates and deadlines",
        description="The office calendar: appearances, pending next court dates and "
        "deadlines of every case (or of yours, --mine: the cases whose Assigned staff "
        "names you as 'casefile history' does) from --from through --to (default: today "
        f"and the {DEFAULT_DAYS} days after).",
    )
    parser.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="first day")
    parser.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="last day")
    parser.add_argument("--mine", action="store_true", help="only the cases assigned to you")
    parser.add_argument(
        "--json", action="store_true", help="print a JSON list (date, time, kind, title, case)"
    )
    parser.add_argument(
        "--ics",
        metavar="FILE",
        type=Path,
        help="write an iCalendar file to import or subscribe to (events keep their "
        "identity across exports)",
    )
    parser.set_defaults(handler=run)


def date_range(args: argparse.Namespace, today: dt.date) -> tuple[dt.date, dt.date]:
    from app.commands.deadlines import parse_day
    from app.core.errors import ValidationError

    start = parse_day(args.start, "from", today)
    end = parse_day(args.end, "to", start + dt.timedelta(days=DEFAULT_DAYS))
    if start > end:
        raise ValidationError("from", f"{start} is after --to {end}")
    return start, end


def run(args: argparse.Namespace, workspace: Workspace) -> int:
    from app.core.errors import ValidationError
    from app.core.schedule.agenda import calendar_items
    from app.core.schedule.ics import write_ics
    from app.core.schedule.rules import load_rules

    start, end = date_range(args, dt.date.today())
    if args.ics is not None and not args.ics.parent.is_dir():
        raise ValidationError("ics", f"there is no folder {args.ics.parent}")
    book = load_rules()
    with workspace.reader() as session:
        items = calendar_items(session, start, end, mine=args.mine, book=book)
    if args.ics is not None:
        try:
            write_ics(args.ics, items, timezone=book.jurisdiction.timezone)
        except OSError as exc:  # named by the file asked for, not the temporary one
            raise ValidationError(
                "ics", f"cannot write {args.ics}: {exc.strerror or exc}"
            ) from None
        # On stderr with --json, so that stdout stays one JSON document.
        out = sys.stderr if args.json else sys.stdout
        print(f"wrote {len(items)} events to {args.ics}", file=out)
    if args.json:
        print(json.dumps([as_json(item) for item in items], indent=2, ensure_ascii=False))
    elif args.ics is None:
        print_agenda(items, start, end)
    return 0


def as_json(item: CalendarItem) -> dict[str, Any]:
    return {
        "date": item.date.isoformat(),
        "time": item.time,
        "kind": item.kind,
        "title": item.title,
        "case": item.case.id,
        "case_label": item.case.label,
        "flag": item.flag,
        "detail": item.detail or None,
    }


def print_agenda(items: list[CalendarItem], start: dt.date, end: dt.date) -> None:
    print(f"Calendar {start.isoformat()} to {end.isoformat()}")
    if not items:
        print("  nothing scheduled")
        return
    day = None
    for item in items:
        if item.date != day:
            day = item.date
            print(f"\n{day.strftime('%a')} {day.isoformat()}")
        flag = f"  [{item.flag.upper()}]" if item.flag else ""
        detail = f" ({item.detail})" if item.detail else ""
        what = f"{item.case.label}: {item.title}{detail}{flag}"
        print(f"  {item.time or '':<5}  {item.kind:<10}  {what}")
