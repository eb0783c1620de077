"""``casefile timeline CASE -o FILE.svg|FILE.png|FILE.pdf``: the case on a time axis."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # keep `casefile --help` fast: no database modules at import time
    from app.core.storage.workspace import Workspace

MAX_SIDE = 20000  # drawing units (pixels in a PNG, points in a PDF)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "timeline",
        help="draw a case's events and statements on a time axis (SVG, PNG or PDF)",
        description="Draw a case's dated events, statements and court appearances on a "
        "time-scaled axis, one lane per kind or per person. A day is a point; a month, a "
        "year or an approximate date is a band over what it can mean; records without a "
        "date are in a strip of their own. The format follows the file's suffix.",
    )
    parser.add_argument("case", metavar="CASE", help="case id or docket number")
    parser.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="FILE.svg, FILE.png or FILE.pdf"
    )
    parser.add_argument(
        "--lanes",
        choices=("kind", "person"),
        default="kind",
        help="one lane per kind (default) or per person",
    )
    parser.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="first day shown")
    parser.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="last day shown")
    parser.add_argument(
        "--width", type=int, default=1600, help="width in pixels or points (default 1600)"
    )
    parser.add_argument("--height", type=int, help="height (default: as tall as the lanes need)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, workspace: Workspace) -> int:
    from app.briefs.profiles import DEFAULT_MARKING
    from app.commands.deadlines import parse_day
    from app.core.errors import ValidationError
    from app.core.timeline.layout import lay_out
    from app.core.timeline.marks import gather
    from app.core.timeline.writers import FORMATS, format_of, write

    fmt = format_of(args.output)
    if fmt is None:
        raise ValidationError("output", f"{args.output!r} must end in .{', .'.join(FORMATS)}")
    start = parse_day(args.start, "from") if args.start is not None else None
    end = parse_day(args.end, "to") if args.end is not None else None
    if start and end and start > end:
        raise ValidationError("from", f"{start} is after --to {end}")
    for name, value in (("width", args.width), ("height", args.height)):
        if value is not None and not 200 <= value <= MAX_SIDE:
            raise ValidationError(name, f"{value} is outside 200 to {MAX_SIDE}")
    timeline = gather(workspace, args.case, lanes=args.lanes, start=start, end=end)
    drawing = lay_out(timeline, width=args.width, height=args.height, marking=DEFAULT_MARKING)
    write(drawing, args.output, fmt)
    print(
        f"wrote {args.output} ({len(timeline.marks)} dated, {len(timeline.undated)} undated)",
        file=sys.stderr,
    )
    return 0
