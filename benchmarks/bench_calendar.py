"""The office calendar's month view on 2,000 cases with 20 appearances each (SQLite):
``calendar_items`` against the bare SQL a person would write for the same rows.

Run alone with ``python -m benchmarks.bench_calendar`` (prints the figure, leaves
``results.json`` alone) or ``python -m benchmarks.run bench_calendar``.
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from typing import Any

from benchmarks.bench_search import side_by_side
from benchmarks.common import WORK, figure

CASES = 2000
APPEARANCES = 20  # per case
MONTH = (dt.date(2026, 12, 1), dt.date(2026, 12, 31))
PURPOSES = ("conference", "hearing", "motion", "conference", "trial")

# The floor: the statements a person would write by hand for the same calendar rows,
# run with plain sqlite3 - the appearances held in the month with their case; the
# pending court dates in the month (the newest adjournment of a case, with no
# appearance recorded on its day); the hand-added deadlines in the month; and the
# discovery due dates (first arraignment + 20 days in custody, 35 out) that fall in
# it, with the first certificate of compliance (only arraignments 20-35 days before
# the month can have one due in it, so only those are looked at). What the app adds
# on top - the rules read from their file, the holiday and weekend flags, the keys
# that make stable calendar UIDs (an appearance held on a court date takes that
# date's key), item objects sorted by day and time - is the overhead measured.
BARE_APPEARANCES = (
    "SELECT a.id, a.date, a.time, a.purpose, a.part, a.judge, c.id, c.uid,"
    " c.docket_number, c.caption FROM appearances a JOIN cases c ON c.id = a.case_id"
    " WHERE a.date >= ?1 AND a.date < ?2"
)
BARE_COURT_DATES = (
    "SELECT a.id, a.date, a.adjourned_to, c.id, c.uid, c.docket_number, c.caption"
    " FROM appearances a JOIN cases c ON c.id = a.case_id"
    " WHERE a.adjourned_to >= ?1 AND a.adjourned_to < ?2"
    " AND NOT EXISTS (SELECT 1 FROM appearances b WHERE b.case_id = a.case_id"
    "  AND b.date = a.adjourned_to)"
    " AND NOT EXISTS (SELECT 1 FROM appearances l WHERE l.case_id = a.case_id"
    "  AND l.adjourned_to IS NOT NULL AND (l.date > a.date OR (l.date = a.date AND l.id > a.id)))"
)
BARE_DEADLINES = (
    "SELECT d.id, d.date, d.time, d.kind, d.title, d.met_on, c.id, c.uid, c.docket_number,"
    " c.caption FROM deadlines d JOIN cases c ON c.id = d.case_id"
    " WHERE d.date >= ?1 AND d.date < ?2"
)
BARE_DISCOVERY = (
    "SELECT * FROM (SELECT c.id, c.uid, c.docket_number, c.caption,"
    " date(a.date, '+' || CASE coalesce(a.custody_after, c.custody) WHEN 'in' THEN 20"
    "  ELSE 35 END || ' days') AS due,"
    " (SELECT min(f.date) FROM filings f WHERE f.case_id = c.id"
    "  AND (f.kind = 'coc' OR (f.kind = 'readiness' AND f.with_coc))) AS met_on"
    " FROM appearances a JOIN cases c ON c.id = a.case_id WHERE a.purpose = 'arraignment'"
    "  AND a.date >= ?3 AND a.date < ?4"
    " AND NOT EXISTS (SELECT 1 FROM appearances e WHERE e.case_id = a.case_id"
    "  AND e.purpose = 'arraignment' AND (e.date < a.date OR (e.date = a.date AND e.id < a.id)))"
    " AND coalesce(a.custody_after, c.custody) IS NOT NULL)"
    " WHERE due >= ?1 AND due < ?2"
)
# The speedy-trial last days are kept beside each case as the ledger changes
# (app/core/clock/kept.py): the month view reads them like any other column.
BARE_LAST_DAYS = (
    "SELECT k.case_id, k.last_day, c.uid, c.docket_number, c.caption FROM case_clocks k"
    " JOIN cases c ON c.id = k.case_id WHERE k.last_day >= ?1 AND k.last_day < ?2"
)
CLASSES = ("Class A misdemeanor", "Class B misdemeanor", "Class E felony", "Class D felony")


def build(ws: Any, seed: int = 1) -> None:
    """2,000 cases, 20 appearances each (an arraignment, then one every 3-6 weeks, each
    adjourned to the next, the last to a date still pending), a certificate of
    compliance in half of them and a hand-added deadline in each: bulk inserts."""
    from sqlalchemy import insert

    from app.core.clock import kept
    from app.core.storage.models import Appearance, Case, Charge, Deadline, Filing

    rng = random.Random(seed)
    cases = [
        {
            "id": n,
            "caption": f"People v. Defendant {n}",
            "docket_number": f"CR-{n:05d}-26" if n % 3 else "",
            "custody": rng.choice(("in", "out", None)),
            "assigned_staff": rng.choice(("alice", "bob, carol", "dan")),
        }
        for n in range(1, CASES + 1)
    ]
    charges = [
        {"case_id": case["id"], "statute": "PL 120.00", "offense_class": rng.choice(CLASSES)}
        for case in cases
    ]
    appearances: list[dict[str, Any]] = []
    filings: list[dict[str, Any]] = []
    deadlines: list[dict[str, Any]] = []
    for case in cases:
        day = dt.date(2025, 6, 1) + dt.timedelta(days=rng.randrange(600))
        dates = [day]
        for _ in range(APPEARANCES):
            dates.append(dates[-1] + dt.timedelta(days=rng.randrange(21, 43)))
        for index in range(APPEARANCES):
            appearances.append(
                {
                    "case_id": case["id"],
                    "date": dates[index].isoformat(),
                    "time": rng.choice(("09:30", "10:00", "14:15", None)),
                    "part": f"AP-{rng.randrange(1, 9)}",
                    "purpose": "arraignment" if index == 0 else rng.choice(PURPOSES),
                    "custody_after": rng.choice(("in", "out", None)),
                    "adjourned_to": dates[index + 1].isoformat(),
                    "requested_by": rng.choice(("people", "defense", "court", None)),
                }
            )
        if case["id"] % 2:
            coc = dates[0] + dt.timedelta(days=rng.randrange(10, 60))
            filings.append({"case_id": case["id"], "date": coc.isoformat(), "kind": "coc"})
        due = dates[0] + dt.timedelta(days=rng.randrange(30, 700))
        deadlines.append(
            {
                "case_id": case["id"],
                "date": due.isoformat(),
                "title": "Motion due",
                "kind": "motion",
            }
        )
    with ws.engine.begin() as connection:
        connection.execute(insert(Case), cases)
        connection.execute(insert(Appearance), appearances)
        connection.execute(insert(Filing), filings)
        connection.execute(insert(Deadline), deadlines)
        connection.execute(insert(Charge), charges)
    with ws.session() as session:  # what every change through the services keeps current
        kept.refresh(session, [case["id"] for case in cases], today=MONTH[0])


def run() -> dict[str, dict[str, Any]]:
    from app.core.schedule.agenda import calendar_items
    from app.core.schedule.rules import load_rules
    from app.core.storage.workspace import open_workspace

    ws = open_workspace(WORK / "calendar.casefile", user="bench")
    build(ws)
    raw = sqlite3.connect(ws.path)
    start, end = MONTH
    bounds = (start.isoformat(), (end + dt.timedelta(days=1)).isoformat())
    arraigned = (
        (start - dt.timedelta(days=35)).isoformat(),
        (end - dt.timedelta(days=19)).isoformat(),
    )
    book = load_rules()

    def app() -> Any:
        with ws.reader() as session:
            return calendar_items(session, start, end, as_of=start, book=book)

    def bare() -> Any:
        return [
            *(raw.execute(sql, bounds).fetchall() for sql in (BARE_APPEARANCES, BARE_COURT_DATES)),
            raw.execute(BARE_DEADLINES, bounds).fetchall(),
            raw.execute(BARE_DISCOVERY, bounds + arraigned).fetchall(),
            raw.execute(BARE_LAST_DAYS, bounds).fetchall(),
        ]

    items = app()
    rows = bare()
    kinds = ("appearance", "court-date", "deadline")
    counts = {kind: sum(1 for item in items if item.kind == kind) for kind in kinds}
    assert counts == {
        "appearance": len(rows[0]),
        "court-date": len(rows[1]),
        "deadline": len(rows[2]) + len(rows[3]) + len(rows[4]),
    }, "the app and the bare SQL must return the same rows"
    app_s, bare_s = side_by_side(app, bare, rounds=15, each=(3, 3))
    raw.close()
    ws.close()
    return {
        "calendar_office": figure(
            app_s / bare_s,
            2,
            "lower",
            items=len(items),
            appearances=CASES * APPEARANCES,
            app_s=app_s,
            bare_s=bare_s,
        )
    }


if __name__ == "__main__":
    from benchmarks.run import _line

    for name, result in run().items():
        seconds = ", ".join(f"{k} {v * 1e3:,.2f} ms" for k, v in result.items() if k.endswith("_s"))
        print(f"{_line(name, result)}   ({seconds}; {result['items']} items)", flush=True)
