"""``casefile clock CASE``: the CPL 30.30 speedy-trial clock of a case.

Plain output is the period table and a summary line ("84 of 90 days used; 6 remain;
last day 2027-01-12"); ``--json`` one object; ``--format pdf|docx -o FILE`` the
stand-alone exhibit for a motion.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import textwrap
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # keep `casefile --help` fast: no database modules at import time
    from app.core.clock import Clock
    from app.core.storage.workspace import Workspace

WIDTH = 100
REASON_AT = 54  # the column where a period's reason starts: 12 + 12 + 6 + 12 + 10 + 2


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "clock",
        help="the speedy-trial clock (CPL 30.30) of a case",
        description="Compute the CPL 30.30 speedy-trial clock of a case from its court "
        "appearances and filings: the limit from the top charge, each period with its "
        "chargeable days and reason, the days used and remaining, and the last day while "
        "the People are not ready. The figures must be checked against the court record.",
    )
    parser.add_argument("case", metavar="CASE", help="case id or docket number")
    parser.add_argument(
        "--as-of", metavar="YYYY-MM-DD", help="compute as of this day (default: today)"
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print one JSON object (limit_days, limit_reason, commenced_on, as_of, ready_on, "
        "chargeable_days, chargeable_with_arguable, remaining_days, last_day, periods)",
    )
    parser.add_argument(
        "--format",
        choices=("pdf", "docx"),
        help="write the exhibit in this format (needs -o; default: from the file's suffix)",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write the exhibit to FILE")
    parser.set_defaults(handler=run)


def _as_of(text: str | None) -> dt.date | None:
    from app.core.errors import ValidationError

    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError("as-of", f"{text!r} is not a date like 2026-06-01") from None


def run(args: argparse.Namespace, workspace: Workspace) -> int:
    from app.briefs.clock import clock_exhibit, exhibit_format, write_clock_exhibit
    from app.core.clock import clock_to_json
    from app.core.errors import ValidationError

    as_of = _as_of(args.as_of)
    if args.format and not args.output:
        raise ValidationError("output", "--format needs -o FILE, the file to write")
    if args.output:
        exhibit_format(args.output, args.format)  # refuse a bad format before any work
    exhibit = clock_exhibit(workspace, args.case, as_of)
    if args.output:
        pages = write_clock_exhibit(exhibit, args.output, args.format)
        suffix = f" ({pages} pages)" if pages and pages > 1 else ""
        print(f"wrote {args.output}{suffix}", file=sys.stderr)
        if args.json:
            print(json.dumps(clock_to_json(exhibit.clock), indent=2, ensure_ascii=False))
        return 0
    if args.json:
        print(json.dumps(clock_to_json(exhibit.clock), indent=2, ensure_ascii=False))
    else:
        heading = exhibit.caption + (f" ({exhibit.docket})" if exhibit.docket else "")
        print(summary(exhibit.clock, heading))
    return 0


def summary(clock: Clock, heading: str = "") -> str:
    """The clock as a table a person can read in a terminal."""
    out: list[str] = []
    if heading:
        out += [heading, "=" * min(len(heading), WIDTH)]
    limit = f"{clock.limit_days} days" if clock.limit_days is not None else "none"
    facts = [
        ("Limit", f"{limit} - {clock.limit_reason}"),
        ("Commenced", clock.commenced_on.isoformat() if clock.commenced_on else "unknown"),
        ("As of", clock.as_of.isoformat()),
        ("People ready", clock.ready_on.isoformat() if clock.ready_on else "not ready"),
    ]
    for label, value in facts:
        out += textwrap.wrap(value, WIDTH, initial_indent=f"{label + ':':<14}",
                             subsequent_indent=" " * 14) or [label]  # fmt: skip
    if clock.periods:
        out += ["", f"{'From':<12}{'To':<12}{'Days':>6}{'Chargeable':>12}{'Arguable':>10}  Reason"]
        for p in clock.periods:
            figures = (
                f"{p.start.isoformat():<12}{p.end.isoformat():<12}{p.days:>6}"
                f"{p.chargeable_days:>12}{p.arguable or '':>10}  "
            )
            out += textwrap.wrap(p.reason, WIDTH, initial_indent=figures,
                                 subsequent_indent=" " * REASON_AT) or [figures]  # fmt: skip
        total = sum(p.days for p in clock.periods)
        out.append(
            f"{'Total':<24}{total:>6}{clock.chargeable_days:>12}{clock.arguable_days or '':>10}"
        )
    out += ["", clock.summary()]
    out += [f"Missing: {m}" for m in clock.missing if clock.limit_days is not None]
    for note in clock.notes:
        out += textwrap.wrap(f"Note: {note}", WIDTH, subsequent_indent="      ")
    return "\n".join(out)
