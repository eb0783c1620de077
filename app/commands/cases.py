"""``casefile cases``: list the cases in the workspace."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # keep `casefile --help` fast: no database modules at import time
    from app.core.storage.workspace import Workspace

CAPTION_WIDTH = 50


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "cases",
        help="list the cases",
        description="List the cases in the workspace: id, caption, docket number, "
        "client name(s) and status.",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print a JSON list of objects (id, caption, docket_number, status, client)",
    )
    parser.set_defaults(handler=run)


def case_rows(workspace: Workspace) -> list[dict[str, Any]]:
    from sqlalchemy import select

    from app.core.storage.models import Case, Party, Person

    with workspace.reader() as session:
        cases = session.execute(
            select(Case.id, Case.caption, Case.docket_number, Case.status).order_by(
                Case.caption, Case.id
            )
        ).all()
        parties = session.execute(
            select(Party.case_id, Party.roles, Person.name)
            .join(Person, Person.id == Party.person_id)
            .order_by(Person.name, Party.id)
        ).all()
    clients: dict[int, list[str]] = {}
    for case_id, roles, name in parties:
        if "client" in (roles or []):
            clients.setdefault(case_id, []).append(name)
    return [
        {
            "id": row.id,
            "caption": row.caption,
            "docket_number": row.docket_number,
            "status": row.status,
            "client": ", ".join(clients.get(row.id, [])),
            "clients": clients.get(row.id, []),
        }
        for row in cases
    ]


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def run(args: argparse.Namespace, workspace: Workspace) -> int:
    from app.core import vocab

    rows = case_rows(workspace)
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    if not rows:
        print("no cases (add the sample case with: casefile sample)")
        return 0
    header = ("ID", "CAPTION", "DOCKET", "CLIENT", "STATUS")
    table = [
        (
            str(r["id"]),
            _clip(r["caption"], CAPTION_WIDTH),
            r["docket_number"] or "-",
            r["client"] or "-",
            vocab.label(vocab.CASE_STATUSES, r["status"]),
        )
        for r in rows
    ]
    widths = [max(len(line[i]) for line in [header, *table]) for i in range(len(header))]
    for line in [header, *table]:
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        )
    return 0
