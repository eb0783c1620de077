"""``casefile search QUERY``: search everything (or one case), grouped by kind."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # keep `casefile --help` fast
    from app.core.storage.workspace import Workspace


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "search",
        help="search all case files",
        description="Search every case (or one) for words: case details, people and "
        "aliases, statements, charges, documents and their attachments' text, events, "
        "issues, notes, court appearances, filings and deadlines. Words are matched from "
        "their start (megaph finds megaphone) and without accents (Jose finds José); put "
        "words in double quotes to find them as a phrase. Everything else is plain text.",
    )
    parser.add_argument("query", metavar="QUERY", nargs="+", help="the words to find")
    parser.add_argument("--case", metavar="CASE", help="only this case (id or docket number)")
    parser.add_argument("--limit", type=int, default=20, help="hits per kind (default 20)")
    parser.add_argument(
        "--json",
        action="store_true",
        help="print a JSON list of hits (kind, id, case, case_caption, title, snippet with "
        "the matched words in **double asterisks**, rank)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, workspace: Workspace) -> int:
    from app.core.errors import ValidationError
    from app.core.limits import MAX_SEARCH_HITS
    from app.core.search.query import KIND_LABELS, search
    from app.core.services.cases import resolve_case_id

    if args.limit > MAX_SEARCH_HITS:
        raise ValidationError("limit", f"must be at most {MAX_SEARCH_HITS:,} hits per kind")
    case_id = resolve_case_id(workspace, args.case) if args.case else None
    hits = search(workspace, " ".join(args.query), case_id=case_id, limit=max(1, args.limit))
    if args.json:
        print(json.dumps([hit.as_dict() for hit in hits], indent=2, ensure_ascii=False))
        return 0
    if not hits:
        print("No matches.")
        from app.core.search.suggest import did_you_mean

        suggestion = did_you_mean(workspace, " ".join(args.query), case_id=case_id)
        if suggestion:
            print(f"Did you mean: {suggestion}?")
        return 0
    bold = sys.stdout.isatty()
    kind = None
    for hit in hits:
        if hit.kind != kind:
            kind = hit.kind
            count = sum(1 for h in hits if h.kind == kind)
            print(f"\n{KIND_LABELS[kind]} ({count})")
        where = "" if hit.case_id is None or case_id else f"  [{hit.case_caption}]"
        print(f"  #{hit.id} {hit.title}{where}")
        snippet = hit.marked("\033[1m", "\033[0m") if bold else hit.marked("[", "]")
        print(f"      {snippet}")
    return 0
