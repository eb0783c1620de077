"""``casefile show CASE``: one case in full, as a readable summary or JSON."""

from __future__ import annotations

import argparse
import json
import textwrap
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # keep `casefile --help` fast: no database modules at import time
    from app.core.storage.workspace import Workspace

WIDTH = 100


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "show",
        help="show one case",
        description="Show a case: people, charges, court dates and filings, chronology, "
        "statements, documents, issues, notes and deadlines added by hand. Dates keep their "
        "precision (2020-06-14, 2020-06, 2020; a trailing ~ means approximate).",
    )
    parser.add_argument("case", metavar="CASE", help="case id or docket number")
    parser.add_argument(
        "--json",
        action="store_true",
        help="print one JSON object (keys: case, people, statements, charges, documents, "
        "events, issues, notes, appearances, filings, deadlines)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, workspace: Workspace) -> int:
    from app.core.lists.casedump import case_dump

    dump = case_dump(workspace, args.case)
    if args.json:
        print(json.dumps(dump, indent=2, ensure_ascii=False))
    else:
        print(summary(dump))
    return 0


def _date(value: str | None) -> str:
    from app.core.dates import PartialDate

    return PartialDate.from_iso(value).display() if value else "date unknown"


def _wrap(text: str, indent: str = "    ") -> list[str]:
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        lines.extend(
            textwrap.wrap(paragraph, WIDTH, initial_indent=indent, subsequent_indent=indent) or [""]
        )
    return lines


def summary(dump: dict[str, Any]) -> str:
    """The case as plain text a person can read in a terminal."""
    from app.briefs.people import role_facts_of_fields
    from app.core import vocab

    case = dump["case"]
    out = [case["caption"], "=" * min(len(case["caption"]), WIDTH)]
    facts = [
        ("Case id", str(case["id"])),
        ("Docket", case["docket_number"]),
        ("Court", case["court"]),
        ("Jurisdiction", case["jurisdiction"]),
        ("Status", vocab.label(vocab.CASE_STATUSES, case["status"])),
        ("Opened", _date(case["opened_on"]) if case["opened_on"] else ""),
        ("Closed", _date(case["closed_on"]) if case["closed_on"] else ""),
        ("Assigned", case["assigned_staff"]),
        ("Commenced", _date(case["commenced_on"]) if case.get("commenced_on") else ""),
        ("Custody", vocab.label(vocab.CUSTODY, case.get("custody"))),
        ("Client", ", ".join(case["clients"])),
    ]
    out += [f"{label + ':':<14}{value}" for label, value in facts if value]
    if case["summary"]:
        out += ["", *_wrap(case["summary"], "")]

    def section(title: str, items: list[Any]) -> None:
        out.extend(["", f"{title} ({len(items)})"])

    section("People", dump["people"])
    for p in dump["people"]:
        roles = ", ".join(vocab.label(vocab.ROLES, r) for r in p["roles"])
        aka = f" (aka {', '.join(p['aliases'])})" if p["aliases"] else ""
        out.append(f"  {p['name']}{aka} - {roles}")
        out.extend(f"    {fact}" for _kind, fact in role_facts_of_fields(p))
    section("Charges", dump["charges"])
    for c in dump["charges"]:
        klass = f" ({c['class']})" if c["class"] else ""
        status = vocab.label(vocab.CHARGE_STATUSES, c["status"])
        out.append(f"  {c['count_number']}. {c['statute']} {c['description']}{klass} - {status}")
    court_dates(out, dump)
    section("Chronology", dump["events"])
    for e in dump["events"]:
        kind = vocab.label(vocab.EVENT_KINDS, e["kind"])
        out.append(f"  {_date(e['date'])}: {e['title']} [{kind}]")
    section("Statements", dump["statements"])
    for s in dump["statements"]:
        setting = vocab.label(vocab.STATEMENT_SETTINGS, s["setting"])
        to = s["recipient"] or s["recipient_text"]
        head = f"  {_date(s['date'])}, {s['speaker']} ({setting}{', to ' + to if to else ''})"
        cite = " ".join(x for x in (s["source"] or "", s["pin_cite"]) if x)
        out.append(head + (f" - source: {cite}" if cite else ""))
        said = f"\u201c{s['text']}\u201d" + (" (in substance)" if s.get("reported") else "")
        out.extend(_wrap(said))
    section("Documents", dump["documents"])
    for d in dump["documents"]:
        kind = vocab.label(vocab.DOCUMENT_KINDS, d["kind"])
        attached = f" [file: {d['file']['original_name']}]" if d["file"] else ""
        out.append(f"  {_date(d['date'])}: {d['title']} ({kind}){attached}")
    section("Issues", dump["issues"])
    for i in dump["issues"]:
        out.append(f"  {i['title']} ({vocab.label(vocab.ISSUE_STATUSES, i['status'])})")
    section("Notes", dump["notes"])
    for n in dump["notes"]:
        box = ("[x] " if n["done"] else "[ ] ") if n["is_todo"] else ""
        out.extend(_wrap(box + n["body"], "  "))
    deadlines = dump.get("deadlines", [])
    if deadlines:
        section("Deadlines added by hand", deadlines)
    for d in deadlines:
        met = f" - met {_date(d['met_on'])}" if d["met_on"] else ""
        out.append(f"  {_date(d['date'])}{_at(d['time'])}: {d['title']}{met}")
    return "\n".join(out)


def _at(time: str | None) -> str:
    return f" {time}" if time else ""


def appearance_line(a: dict[str, Any]) -> str:
    """One court date as a line: when, what for, where, before whom, what came of it."""
    from app.core import vocab

    where = ", ".join(x for x in (f"Part {a['part']}" if a["part"] else "", a["judge"]) if x)
    purpose = vocab.label(vocab.APPEARANCE_PURPOSES, a["purpose"])
    line = f"  {_date(a['date'])}{_at(a['time'])}: {purpose}"
    line += f" ({where})" if where else ""
    said = []
    if a["people_ready"] is not None:
        said.append("People ready" if a["people_ready"] else "People not ready")
    if a["people_asked_days"] is not None:
        said.append(f"asked for {a['people_asked_days']} days")
    if a["requested_by"]:
        asked = vocab.label(vocab.ADJOURNMENT_REQUESTERS, a["requested_by"])
        said.append(f"adjournment: {asked[:1].lower()}{asked[1:]}")
    if a["excludable"]:
        ground = a["excludable_other"] or vocab.label(vocab.EXCLUDABLE_GROUNDS, a["excludable"])
        said.append(f"excludable: {ground}{' (arguable)' if a['arguable'] else ''}")
    if a["custody_after"]:
        said.append(vocab.label(vocab.CUSTODY, a["custody_after"]).lower())
    if a["adjourned_to"]:
        said.append(f"adjourned to {_date(a['adjourned_to'])}")
    return line + (" - " + "; ".join(said) if said else "")


def court_dates(out: list[str], dump: dict[str, Any]) -> None:
    """The court appearances and filings, each in date order (a case without any shows none)."""
    from app.core import vocab

    appearances, filings = dump.get("appearances", []), dump.get("filings", [])
    if appearances:
        out.extend(["", f"Court dates ({len(appearances)})"])
    out.extend(appearance_line(a) for a in appearances)
    if filings:
        out.extend(["", f"Filings ({len(filings)})"])
    for fl in filings:
        kind = vocab.label(vocab.FILING_KINDS, fl["kind"])
        coc = " with a certificate of compliance" if fl["with_coc"] else ""
        title = f" - {fl['title']}" if fl["title"] else ""
        out.append(f"  {_date(fl['date'])}: {kind}{coc}{title}")
