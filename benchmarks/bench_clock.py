"""The speedy-trial clock of a case with 200 court appearances against reading those
rows with bare SQL (``clock_case``).

The clock reads the case, its charges, its appearances and its filings (one query
each) and walks the periods; the floor is the one statement a person would write for
the appearances alone, run with plain sqlite3 on the same file. Run alone with
``python -m benchmarks.bench_clock``.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any

from benchmarks.bench_search import side_by_side
from benchmarks.common import WORK, figure

APPEARANCES = 200
BARE = (
    "SELECT date, adjourned_to, requested_by, people_ready, people_asked_days, excludable,"
    " excludable_other, arguable, purpose FROM appearances WHERE case_id = ?"
    " ORDER BY date, id"
)
REQUESTERS = ("people", "defense", "court", "consent")


def build_case(ws: Any) -> int:
    """A felony case commenced 2020-01-06 with an appearance every two weeks, some
    filings, and readiness about half-way, so every rule of the walk is exercised."""
    from app.core.dates import PartialDate
    from app.core.storage.models import Appearance, Case, Charge, Filing

    start = dt.date(2020, 1, 6)

    def day(offset: int) -> PartialDate:
        return PartialDate.from_iso((start + dt.timedelta(days=offset)).isoformat())

    with ws.session() as session:
        case = Case(caption="People v. Benchmark", docket_number="BENCH-1", commenced_on=day(0))
        session.add(case)
        session.flush()
        session.add_all(
            Charge(case_id=case.id, count_number=n, statute=f"PL 160.{n:02d}",
                   offense_class="Class C felony" if n == 1 else "Class A misdemeanor")
            for n in range(1, 4)
        )  # fmt: skip
        session.add_all(
            Appearance(
                case_id=case.id, date=day(14 * i), adjourned_to=day(14 * i + 14),
                purpose="arraignment" if i == 0 else "conference",
                requested_by=REQUESTERS[i % 4], people_ready=i > 100,
                people_asked_days=7 if i % 3 == 0 else None,
                excludable="motions" if i % 10 == 5 else None, arguable=i % 7 == 0,
            )
            for i in range(APPEARANCES)
        )  # fmt: skip
        session.add_all(
            [
                Filing(case_id=case.id, date=day(30), kind="motion"),
                Filing(case_id=case.id, date=day(60), kind="decision"),
                Filing(case_id=case.id, date=day(1400), kind="coc"),
                Filing(case_id=case.id, date=day(1410), kind="readiness"),
            ]
        )
        return case.id


def run() -> dict[str, dict[str, Any]]:
    from app.core.clock import clock_of_case
    from app.core.storage.workspace import open_workspace

    path = WORK / "clock.casefile"
    path.unlink(missing_ok=True)
    ws = open_workspace(path, user="bench")
    case_id = build_case(ws)
    as_of = dt.date(2028, 1, 1)
    raw = sqlite3.connect(ws.path)
    try:
        with ws.reader() as session:
            clock = clock_of_case(session, case_id, as_of)
            assert len(raw.execute(BARE, (case_id,)).fetchall()) == APPEARANCES
            assert len(clock.periods) >= APPEARANCES and clock.ready_on is not None

            def app() -> Any:
                return clock_of_case(session, case_id, as_of)

            def bare() -> Any:
                return raw.execute(BARE, (case_id,)).fetchall()

            app_s, bare_s = side_by_side(app, bare, rounds=41, each=(20, 20))
    finally:
        raw.close()
        ws.close()
    return {
        "clock_case": figure(
            app_s / bare_s, 3, "lower", appearances=APPEARANCES, app_s=app_s, bare_s=bare_s
        )
    }


if __name__ == "__main__":
    from benchmarks.run import _line

    for name, result in run().items():
        seconds = ", ".join(f"{k} {v * 1e6:,.1f} µs" for k, v in result.items() if k.endswith("_s"))
        print(f"{_line(name, result)}   ({seconds})", flush=True)
