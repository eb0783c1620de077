"""The conflict check across an office's people, without a stopwatch in the tests.

``conflict_20k``: the first conflict check of a name against 20,000 people (the names read,
the index built, the matches scored) ÷ the floor any such check pays: reading the same
people's names from the database and scoring them all with rapidfuzz's own bulk matcher
(``process.extract``). Bar: at most 3x.
"""

from __future__ import annotations

import time
from typing import Any

from benchmarks.common import WORK, figure

PEOPLE = 20_000
TARGET = 3.0
ROUNDS = 3

_HEADS = "Har Bel Cor Dun Ell Fair Gold Hol Ken Lang Mar North Oak Pen Ray Sel Thorn Wal West York"
_TAILS = "wood ford ton ley man worth by field ridge stone"


def _office(path: Any) -> Any:
    from sqlalchemy import insert

    from app.core.intake.names import NICKNAME_GROUPS
    from app.core.storage.models import Case, Party, Person
    from app.core.storage.workspace import open_workspace

    ws = open_workspace(path, user="bench")
    firsts = sorted(set(NICKNAME_GROUPS) - {"al", "ed", "em", "jo", "v"})[:100]
    lasts = [h + t for h in _HEADS.split() for t in _TAILS.split()]
    with ws.session() as session:
        session.add(Case(id=1, caption="Big case"))
        session.flush()
        session.execute(
            insert(Person),
            [
                {
                    "id": i + 1,
                    "uid": f"u{i}",
                    "name": f"{firsts[i % 100].title()} {lasts[i // 100]}",
                    "aliases": [],
                    "kind": "individual",
                }
                for i in range(PEOPLE)
            ],
        )
        session.execute(
            insert(Party),
            [{"case_id": 1, "person_id": i, "roles": ["witness"]} for i in range(1, PEOPLE + 1)],
        )
    return ws


def run() -> dict[str, dict[str, Any]]:
    from rapidfuzz import fuzz, process
    from sqlalchemy import select

    from app.core.intake import conflicts
    from app.core.storage.models import Person

    checks, floors = [], []
    for attempt in range(ROUNDS):
        ws = _office(WORK / f"conflicts-{attempt}.casefile")

        def floor(ws: Any = ws) -> None:
            with ws.reader() as session:
                names = [n for n, _a in session.execute(select(Person.name, Person.aliases))]
            process.extract("Wordsworth, Mary", names, scorer=fuzz.WRatio, limit=10)

        def check(ws: Any = ws) -> None:
            conflicts.check_person(ws, "Wordsworth, Mary", roles=["client"])

        # Side by side, taking turns at going first (the second finds the file in the cache).
        order = [(floor, floors), (check, checks)]
        try:
            for fn, times in order if attempt % 2 == 0 else reversed(order):
                started = time.perf_counter()
                fn()
                times.append(time.perf_counter() - started)
        finally:
            ws.close()
    best_check, best_floor = min(checks), min(floors)
    return {
        "conflict_20k": figure(
            best_check / best_floor,
            TARGET,
            "lower",
            check_ms=round(best_check * 1000),
            floor_ms=round(best_floor * 1000),
        )
    }


if __name__ == "__main__":
    for name, found in run().items():
        print(name, found)
