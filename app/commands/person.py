"""``casefile person NAME``: a person's statements across every case the user may see.

Plain output is the statements grouped by case, in date order, each with its date,
setting, recipient, source and pin cite; ``--json`` one object for scripts;
``--report FILE.pdf|FILE.docx`` the same as a report to print. A name several people
answer to lists them (exit status 1); so does a name nobody has, with near matches.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # keep `casefile --help` fast: no database modules at import time
    from app.core.services.person_statements import PersonStatements
    from app.core.storage.workspace import Workspace

WIDTH = 100


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "person",
        help="a person's statements across cases (an officer's prior statements)",
        description="List every statement a person made in every case you may see, "
        "grouped by case in date order, with dates, settings, recipients, sources and pin "
        "cites: the prior statements to read before cross-examining. NAME is a name or "
        "alias, a tax registry or shield number, or #ID (a person's id). Person records "
        "that share a tax registry number are read as one officer; people with similar "
        "names are listed as near matches.",
    )
    parser.add_argument("name", metavar="NAME", help="the person's name, #ID or number")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--report", metavar="FILE.pdf|FILE.docx", help="write the statements as a report"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, workspace: Workspace) -> int:
    from app.core.services.person_statements import find_person, statements_of_person

    if args.report:
        from app.briefs.person_report_export import report_format

        report_format(args.report)  # refuse a bad suffix before any work
    person = find_person(workspace, args.name)
    found = statements_of_person(workspace, person.id)
    if args.report:
        from app.briefs.person_report_export import write_person_report

        pages = write_person_report(found, args.report)
        suffix = f" ({pages} pages)" if pages and pages > 1 else ""
        print(f"wrote {args.report}{suffix}", file=sys.stderr)
    if args.json:
        print(json.dumps(found.as_dict(), indent=2, ensure_ascii=False))
    elif not args.report:
        print(summary(found))
    return 0


def summary(found: PersonStatements) -> str:
    """The statements as a person reads them in a terminal."""
    heading = found.person.describe()
    out = [heading, "=" * min(len(heading), WIDTH)]
    for other in found.same_person:
        out.append(f"Also recorded as {other.describe()}: the same tax registry number")
    cases = len(found.cases)
    out.append(
        f"{found.statement_count} statement{'' if found.statement_count == 1 else 's'} "
        f"in {cases} case{'' if cases == 1 else 's'}"
    )
    for group in found.cases:
        out += ["", group.heading]
        if group.part_text:
            out.append(f"  {group.part_text}")
        if not group.statements:
            out.append("  No statements recorded.")
        for s in group.statements:
            meta = [s.date_text, s.setting_label]
            if s.recipient:
                meta.append(f"to {s.recipient}")
            if s.sworn:
                meta.append("sworn")
            out.append("  - " + " \u00b7 ".join(m for m in meta if m))
            words = " ".join(s.text.split())
            out += textwrap.wrap(
                f"\u201c{words}\u201d", WIDTH, initial_indent="    ", subsequent_indent="     "
            )
            if s.source_text:
                out.append(f"    Source: {s.source_text}")
    if found.near:
        out += ["", "Near matches (other people, not included above):"]
        out += [f"  {n.describe()}" for n in found.near]
    return "\n".join(out)
