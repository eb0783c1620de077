"""``casefile conflicts NAME`` and ``casefile extract FILE``: the intake checks.

``conflicts`` looks a person up across every case in the workspace and can print
a PDF record of the check; ``extract`` lists the statements a text quotes and
changes nothing (it opens no workspace).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from app.core.storage.workspace import Workspace


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    check = subparsers.add_parser(
        "conflicts",
        help="check a name against every case for conflicts of interest",
        description="Look a person up across every case in the workspace, by name, aliases "
        "and date of birth. A match where one side is a client and the other a complainant, "
        "victim or witness is a conflict. Exit status 3 when a conflict is found.",
    )
    check.add_argument("name", metavar="NAME", help='the name as written ("Ingram, Derrick")')
    check.add_argument("--dob", metavar="DATE", help="date of birth (1992-03-04, March 1992)")
    check.add_argument(
        "--alias", action="append", default=[], metavar="NAME", help="another name (repeatable)"
    )
    check.add_argument(
        "--role",
        action="append",
        metavar="ROLE",
        help="the person's role in the new case (repeatable; default: client)",
    )
    check.add_argument("--case", metavar="CASE", help="leave out this case (id or docket)")
    check.add_argument("--json", action="store_true", help="print the matches as JSON")
    check.add_argument("--report", metavar="FILE.pdf", help="also write a printable record")
    check.set_defaults(handler=run)

    extract = subparsers.add_parser(
        "extract",
        help="list the statements quoted in a text file (changes nothing)",
        description="Propose the statements a text quotes: the words, the speaker, to whom, "
        "the setting, the date, verbatim or reported speech, and the pin cite (¶ N counts "
        "non-empty lines; a transcript's page:line, a recording's time). Use - to read "
        "standard input.",
    )
    extract.add_argument("file", metavar="FILE", help="a UTF-8 text file, or - for stdin")
    extract.add_argument("--json", action="store_true", help="print the proposals as JSON")
    extract.set_defaults(handler=run_extract, no_workspace=True)


def run(args: argparse.Namespace, workspace: Workspace) -> int:
    from app.core.errors import ValidationError
    from app.core.intake import conflicts

    dob = None
    if args.dob:
        from app.core.dates import PartialDate

        try:
            dob = PartialDate.parse(args.dob)
        except ValueError as exc:
            raise ValidationError("dob", str(exc)) from None
    roles = args.role or ["client"]
    exclude = None
    if args.case:
        from app.core.services.cases import resolve_case_id

        exclude = resolve_case_id(workspace, args.case)
    hits = conflicts.check_person(
        workspace, args.name, aliases=args.alias, dob=dob, roles=roles, exclude_case_id=exclude
    )
    searched = conflicts.count_cases(workspace)
    if args.report:
        from app.core.intake.report import CheckRecord, write_report

        record = CheckRecord(
            name=args.name,
            checked_by=workspace.user,
            cases_searched=searched,
            hits=hits,
            aliases=args.alias,
            dob=dob.display() if dob else "",
            roles=roles,
            workspace=workspace.describe(),
        )
        write_report(record, Path(args.report))
    if args.json:
        payload = {
            "name": args.name,
            "dob": dob.iso() if dob else None,
            "roles": roles,
            "cases_searched": searched,
            "checked_by": workspace.user,
            "hits": [h.as_dict() for h in hits],
        }
        print(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        _print_hits(args.name, hits, searched)
        if args.report:
            print(f"report written to {args.report}")
    return 3 if any(h.adverse for h in hits) else 0


def _print_hits(name: str, hits: list[Any], searched: int) -> None:
    if not hits:
        print(f"no matches for {name!r} in {searched} case(s)")
        return
    for hit in hits:
        if hit.screened:  # nothing of it is known but whom to ask
            print(f"CONFLICT {hit.reasons[0]}")
            continue
        flag = "CONFLICT" if hit.adverse else "info    "
        docket = f" [{hit.docket}]" if hit.docket else ""
        roles = ", ".join(hit.roles_there) or "-"
        print(
            f"{flag} {hit.score:3d}%  {hit.person_name} - {roles} in "
            f"{hit.case_caption}{docket} (case {hit.case_id}): {', '.join(hit.reasons)}"
        )


def _read_text(name: str) -> str:
    """The text of ``name`` (``-``: standard input), refused past the documented limit
    before more than that is read."""
    from app.core.errors import ValidationError
    from app.core.limits import MAX_INTAKE_TEXT_BYTES

    try:
        if name == "-":
            stream = getattr(sys.stdin, "buffer", None)  # a text-only stand-in has none
            if stream is None:
                data = sys.stdin.read(MAX_INTAKE_TEXT_BYTES + 1).encode("utf-8", "replace")
            else:
                data = stream.read(MAX_INTAKE_TEXT_BYTES + 1)
        else:
            with Path(name).open("rb") as fh:
                data = fh.read(MAX_INTAKE_TEXT_BYTES + 1)
    except OSError as exc:
        raise ValidationError("file", f"cannot read {name}: {exc.strerror or exc}") from None
    if len(data) > MAX_INTAKE_TEXT_BYTES:
        raise ValidationError(
            "file", f"{name} is more than the limit of {MAX_INTAKE_TEXT_BYTES // 2**20} MB of text"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError("file", f"{name} is not UTF-8 text") from None


def run_extract(args: argparse.Namespace, _workspace: Workspace | None) -> int:
    from app.core.intake.extract import extract

    proposals = extract(_read_text(args.file))
    if args.json:
        print(json.dumps([p.as_dict() for p in proposals], indent=2, ensure_ascii=False))
        return 0
    if not proposals:
        print("no quotations found")
    for number, p in enumerate(proposals, start=1):
        to = f" to {p.recipient}" if p.recipient else ""
        title = f" ({p.speaker_title})" if p.speaker_title else ""
        speaker = p.speaker or (f"{p.label} (a label)" if p.label else "(speaker unknown)")
        print(f"{number}. {p.pin_cite}  {speaker}{title}{to}")
        print(f"   “{p.text}”")
        print(f"   {_told(p)}")
        print(f"   [{p.how}; confidence {p.confidence:.0%}]")
    return 0


def _told(p: Any) -> str:
    """Where, when and how a proposal says the words were said, and where to cite them:
    "setting: sworn testimony · date: 2026-03-10 · verbatim · pin cite: 12:4-9"."""
    from app.core.intake.proposal import SETTINGS

    setting = p.setting.replace("_", " ") if p.setting in SETTINGS else "not stated"
    speech = "reported (in substance)" if p.speech == "reported" else "verbatim"
    return (
        f"setting: {setting} · date: {p.date or 'not stated'} · {speech} · pin cite: {p.pin_cite}"
    )
