"""``casefile demo-data``: a realistic large case, for trying Casefile at scale."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.core.storage.workspace import Workspace


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "demo-data",
        help="make a large made-up case (or an archive of one)",
        description="Generate a realistic, entirely made-up case of any size: people with "
        "common (sometimes shared) names, statements of 50-500 words, documents, events. "
        "The same --seed gives the same case. With --archive, write an importable case "
        "archive instead of adding the case to the workspace. With --court-example, add "
        "instead a small made-up case with a realistic speedy-trial (CPL 30.30) ledger: "
        "court appearances, adjournments, readiness, a certificate of compliance, motions "
        "and a bench warrant (clearly labelled as made up).",
    )
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--statements", type=int, default=50000)
    parser.add_argument("--documents", type=int, default=5000)
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--archive", type=Path, metavar="FILE.zip", help="write an archive")
    parser.add_argument(
        "--court-example",
        action="store_true",
        help="add the made-up example case with a 30.30 ledger (print its id)",
    )
    parser.set_defaults(handler=run, no_workspace=True)


def run(args: argparse.Namespace, _workspace: Workspace | None) -> int:
    from app.core import demo
    from app.core.errors import ValidationError
    from app.core.limits import MAX_DEMO_RECORDS

    if args.court_example:
        return _court_example(args)
    for name in ("people", "statements", "documents", "events"):
        if getattr(args, name) < 0:
            raise ValidationError(name, "must be zero or more")
        if getattr(args, name) > MAX_DEMO_RECORDS:
            raise ValidationError(name, f"must be at most {MAX_DEMO_RECORDS:,}")
    if args.people < 1:
        raise ValidationError("people", "a case needs at least one person (the client)")
    spec = demo.DemoSpec(
        people=args.people,
        statements=args.statements,
        documents=args.documents,
        events=args.events,
        seed=args.seed,
    )
    data = demo.build_case(spec)
    if args.archive:
        demo.write_archive(data, args.archive)
        print(f"Wrote {args.archive} ({data['case']['caption']}).")
        return 0
    # Opened like every other command's workspace: with its passphrase when encrypted.
    # (The command opens it itself, after building the case: --archive needs none.)
    from sqlalchemy.exc import IntegrityError

    from app.commands.encryption import open_with_passphrase

    workspace = open_with_passphrase(args)
    try:
        _refuse_a_second_copy(workspace, data["case"]["uid"], args.seed)
        try:
            case_id = demo.insert_case(workspace, data)
        except IntegrityError:
            # Another run with this seed got in between the look above and this insert
            # (the insert is one transaction, so nothing of this run was kept).
            _refuse_a_second_copy(workspace, data["case"]["uid"], args.seed)
            raise
    finally:
        workspace.close()
    print(f"Added case {case_id}: {data['case']['caption']}.")
    return 0


def _court_example(args: argparse.Namespace) -> int:
    from app.commands.encryption import open_with_passphrase
    from app.core.court_example import add_court_example
    from app.core.errors import ValidationError

    if args.archive:
        raise ValidationError(
            "archive", "--court-example adds the case to the workspace; export it afterwards"
        )
    workspace = open_with_passphrase(args)
    try:
        case_id = add_court_example(workspace)
    finally:
        workspace.close()
    print(case_id)
    return 0


def _refuse_a_second_copy(workspace: Workspace, case_uid: str, seed: int) -> None:
    """The same seed makes the same case, uids and all: it can be added once."""
    from sqlalchemy import select

    from app.core.errors import ValidationError
    from app.core.storage.models import Case

    with workspace.reader() as session:
        if session.scalar(select(Case.id).where(Case.uid == case_uid)) is not None:
            raise ValidationError(
                "seed", f"this workspace already has the made-up case of seed {seed}; use another"
            )
