"""``casefile brief CASE --format pdf|docx -o FILE``: print a case brief to a file."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from app.briefs.profiles import ALL_SECTIONS
from app.core.storage.workspace import Workspace

PROFILE_CHOICES = ("full", "client", "co-counsel")
SECTION_NAMES = ",".join(ALL_SECTIONS)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "brief",
        help="write a case brief as PDF or Word",
        description="Write the brief of a case for a client meeting, supervision or court: "
        "cover, at a glance, charges, people, chronology, statements, legal issues, "
        "documents, notes. Profiles leave out what the audience must not see.",
    )
    parser.add_argument("case", metavar="CASE", help="case id or docket number")
    parser.add_argument(
        "--format",
        choices=("pdf", "docx"),
        help="output format (default: from the file name's suffix)",
    )
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="file to write")
    parser.add_argument(
        "--profile",
        choices=PROFILE_CHOICES,
        default="full",
        help="full (everything), client (no internal or staff-only notes, no details of "
        "privileged documents), co-counsel (no staff-only notes); default full",
    )
    parser.add_argument(
        "--sections", metavar="LIST", help=f"comma-separated sections, from: {SECTION_NAMES}"
    )
    parser.add_argument(
        "--by-issue", action="store_true", help="group statements by legal issue, not speaker"
    )
    parser.add_argument(
        "--today", metavar="YYYY-MM-DD", help="date prepared and 'next court date' reference"
    )
    toc = parser.add_mutually_exclusive_group()
    toc.add_argument(
        "--toc", dest="toc", action="store_true", default=None, help="always add a TOC"
    )
    toc.add_argument("--no-toc", dest="toc", action="store_false", help="never add a TOC")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, workspace: Workspace) -> int:
    from app.briefs.export import export_brief
    from app.core.errors import ValidationError

    today = None
    if args.today:
        try:
            today = dt.date.fromisoformat(args.today)
        except ValueError:
            raise ValidationError(
                "today", f"{args.today!r} is not a date like 2026-06-01"
            ) from None
    pages = export_brief(
        workspace,
        args.case,
        args.output,
        fmt=args.format,
        profile=args.profile,
        sections=args.sections,
        by_issue=args.by_issue,
        today=today,
        toc=args.toc,
    )
    suffix = f" ({pages} pages)" if pages else ""
    print(f"wrote {args.output}{suffix}", file=sys.stderr)
    return 0
