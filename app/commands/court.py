"""``casefile appearance`` and ``casefile filing``: the entries of a case's court ledger.

Each records one court appearance or one off-calendar filing (readiness, certificate of
compliance, motion, decision) and prints the new record's id. Dates are given as
YYYY-MM-DD and nothing else: a court date is counted in days, and a day and month the
wrong way round must be refused, not guessed. Every error names the option it is
about; the record (and the case's custody, which follows its latest appearance) is
written in one transaction or not at all.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from app.core import vocab

if TYPE_CHECKING:  # keep `casefile --help` fast: no database modules at import time
    from app.core.storage.workspace import Workspace

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_YES_NO = {"yes": True, "no": False}

# Service field -> the option a person typed, so an error names what they can fix.
APPEARANCE_OPTIONS: Mapping[str, str] = {
    "date": "date",
    "time": "time",
    "purpose": "purpose",
    "part": "part",
    "judge": "judge",
    "outcome": "outcome",
    "custody_after": "custody",
    "adjourned_to": "adjourned-to",
    "requested_by": "requested-by",
    "people_ready": "people-ready",
    "people_asked_days": "people-asked-days",
    "excludable": "excludable",
    "excludable_other": "excludable-other",
    "arguable": "arguable",
    "notes": "note",
}
FILING_OPTIONS: Mapping[str, str] = {
    "date": "date",
    "kind": "kind",
    "with_coc": "with-coc",
    "title": "title",
    "notes": "note",
}


def _choices(vocabulary: Mapping[str, str]) -> str:
    return "|".join(vocabulary)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    _register_appearance(subparsers)
    _register_filing(subparsers)


def _register_appearance(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "appearance",
        help="record a court appearance of a case",
        description="Record a court appearance: an entry of the case's speedy-trial (CPL "
        "30.30) ledger. Prints the new appearance's id. With --custody, the case's custody "
        "follows when this is its latest appearance.",
    )
    parser.add_argument("case", metavar="CASE", help="case id or docket number")
    add = parser.add_argument
    add("--date", required=True, metavar="YYYY-MM-DD", help="the day of the appearance")
    add("--purpose", required=True, metavar=_choices(vocab.APPEARANCE_PURPOSES))
    add("--adjourned-to", metavar="YYYY-MM-DD", help="the next court date")
    add("--time", metavar="HH:MM")
    add("--part", metavar="TEXT", help="part or courtroom")
    add("--judge", metavar="NAME")
    add("--people-ready", metavar="yes|no", help="whether the People answered ready")
    add(
        "--people-asked-days",
        metavar="N",
        help="days the People asked for when not ready (only those are charged after readiness)",
    )
    add(
        "--requested-by",
        metavar=_choices(vocab.ADJOURNMENT_REQUESTERS),
        help="who asked for the adjournment (defense or consent makes it excludable)",
    )
    add(
        "--excludable",
        metavar="GROUND",
        help="the 30.30(4) ground that excludes the period: " + ", ".join(vocab.EXCLUDABLE_GROUNDS),
    )
    add(
        "--excludable-other",
        metavar="TEXT",
        help="the ground in words, when none of the listed ones (implies --excludable other)",
    )
    add("--arguable", action="store_true", help="the defense treats the exclusion as arguable")
    add(
        "--custody",
        metavar=_choices(vocab.CUSTODY),
        help="the client's custody after the appearance",
    )
    add("--outcome", metavar="TEXT", help="what happened")
    add("--note", metavar="TEXT")
    parser.set_defaults(handler=run_appearance)


def _register_filing(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "filing",
        help="record a filing of a case (readiness, certificate of compliance, motion, ...)",
        description="Record what happens off calendar: the People's statement of readiness, "
        "a certificate of discovery compliance (COC), a motion filed, a decision. Prints the "
        "new filing's id.",
    )
    parser.add_argument("case", metavar="CASE", help="case id or docket number")
    add = parser.add_argument
    add("--date", required=True, metavar="YYYY-MM-DD", help="the day it was filed")
    add("--kind", required=True, metavar=_choices(vocab.FILING_KINDS))
    add(
        "--with-coc",
        action="store_true",
        help="a statement of readiness filed together with a certificate of compliance",
    )
    add("--title", metavar="TEXT")
    add("--note", metavar="TEXT")
    parser.set_defaults(handler=run_filing)


def iso_day(option: str, value: str | None) -> str | None:
    """``value`` if it is a real day written YYYY-MM-DD, else an error naming ``option``."""
    from app.core.dates import PartialDate
    from app.core.errors import ValidationError

    if value is None:
        return None
    text = value.strip()
    if _ISO_DAY.fullmatch(text):
        try:
            PartialDate.parse(text)
            return text
        except ValueError:
            pass
    shown = text if len(text) <= 40 else text[:39] + "…"
    raise ValidationError(option, f"{shown!r} is not a date written YYYY-MM-DD, like 2026-12-07")


def _one_of(option: str, value: str | None, vocabulary: Mapping[str, Any]) -> str | None:
    from app.core.errors import ValidationError

    if value is None:
        return None
    if value not in vocabulary:
        shown = value if len(value) <= 40 else value[:39] + "…"
        raise ValidationError(option, f"{shown!r} is not one of: {', '.join(vocabulary)}")
    return value


def appearance_values(args: argparse.Namespace) -> dict[str, Any]:
    """The appearance's fields from the options, checked as far as the options alone can be."""
    from app.core.errors import ValidationError

    excludable = _one_of("excludable", args.excludable, vocab.EXCLUDABLE_GROUNDS)
    other = args.excludable_other
    if other is not None:
        if excludable is None:
            excludable = "other"
        elif excludable != "other":
            raise ValidationError(
                "excludable-other", "names the ground only with --excludable other"
            )
    requested_by = _one_of("requested-by", args.requested_by, vocab.ADJOURNMENT_REQUESTERS)
    if args.arguable and excludable is None and requested_by not in ("defense", "consent"):
        raise ValidationError(
            "arguable",
            "only an excluded period is arguable: give --excludable, or --requested-by "
            "defense or consent",
        )
    ready = _one_of("people-ready", args.people_ready, _YES_NO)
    values: dict[str, Any] = {
        "date": iso_day("date", args.date),
        "purpose": _one_of("purpose", args.purpose, vocab.APPEARANCE_PURPOSES),
        "adjourned_to": iso_day("adjourned-to", args.adjourned_to),
        "time": args.time,
        "part": args.part,
        "judge": args.judge,
        "people_ready": None if ready is None else _YES_NO[ready],
        "people_asked_days": args.people_asked_days,
        "requested_by": requested_by,
        "excludable": excludable,
        "excludable_other": other,
        "arguable": args.arguable,
        "custody_after": _one_of("custody", args.custody, vocab.CUSTODY),
        "outcome": args.outcome,
        "notes": args.note,
    }
    return {name: value for name, value in values.items() if value is not None}


def filing_values(args: argparse.Namespace) -> dict[str, Any]:
    values: dict[str, Any] = {
        "date": iso_day("date", args.date),
        "kind": _one_of("kind", args.kind, vocab.FILING_KINDS),
        "with_coc": args.with_coc,
        "title": args.title,
        "notes": args.note,
    }
    return {name: value for name, value in values.items() if value is not None}


def _named_by_option(exc: Exception, options: Mapping[str, str]) -> Exception:
    """A service's error about a field, reworded to name the option instead."""
    from app.core.errors import ValidationError

    if isinstance(exc, ValidationError) and exc.field in options:
        return ValidationError(options[exc.field], exc.message)
    return exc


def add_appearance_of(workspace: Workspace, case_ref: str, values: Mapping[str, Any]) -> int:
    """Add the appearance to the case named ``case_ref``; when it is the case's latest
    appearance and says where the client is, the case's custody follows, in the same
    transaction. An earlier appearance entered late leaves the case's custody alone."""
    from sqlalchemy import select

    from app.core.errors import ValidationError
    from app.core.services import records
    from app.core.services.appearances import APPEARANCE
    from app.core.services.cases import CASE, find_case
    from app.core.storage.models import Appearance

    with workspace.session() as session:
        case = find_case(session, case_ref)
        try:
            appearance = records.create(session, APPEARANCE, values, case_id=case.id)
        except ValidationError as exc:
            raise _named_by_option(exc, APPEARANCE_OPTIONS) from None
        if appearance.custody_after is not None:
            later = session.scalar(
                select(Appearance.id)
                .where(
                    Appearance.case_id == case.id,
                    Appearance.id != appearance.id,
                    Appearance.date > appearance.date,
                )
                .limit(1)
            )
            if later is None and case.custody != appearance.custody_after:
                records.update(session, CASE, case.id, {"custody": appearance.custody_after})
        return int(appearance.id)


def add_filing_of(workspace: Workspace, case_ref: str, values: Mapping[str, Any]) -> int:
    from app.core.errors import ValidationError
    from app.core.services import records
    from app.core.services.cases import find_case
    from app.core.services.filings import FILING

    with workspace.session() as session:
        case = find_case(session, case_ref)
        try:
            filing = records.create(session, FILING, values, case_id=case.id)
        except ValidationError as exc:
            raise _named_by_option(exc, FILING_OPTIONS) from None
        return int(filing.id)


def run_appearance(args: argparse.Namespace, workspace: Workspace) -> int:
    print(add_appearance_of(workspace, args.case, appearance_values(args)))
    return 0


def run_filing(args: argparse.Namespace, workspace: Workspace) -> int:
    print(add_filing_of(workspace, args.case, filing_values(args)))
    return 0
