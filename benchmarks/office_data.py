"""A generated office on PostgreSQL for the server benchmarks: 2,000 cases, 200,000
statements and 50 staff, set up with ``server init`` and filled by the database owner
(the cluster's superuser) with binary ``COPY``, then analysed.

The office's shape: 50 staff logins (``staff01`` ... ``staff50``; ``staff50`` is the
admin, ``staff48`` and ``staff49`` supervisors, every fifth a paralegal, the rest
attorneys), policy "open", every case with five parties and a team of two, one case in
twenty walled. Case 1 is the largest (20,000 statements, on ``staff01``'s team); the
other 180,000 statements are spread over the rest. Statements are 40-160 words from a
vocabulary of a few thousand; :data:`RARE` is in :data:`RARE_COUNT` statements of
different cases (some walled, some not on ``staff01``'s team): what a selective search
looks for. Nothing is cached outside the run's temporary folder (the server's).
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from typing import Any

CASES = 2000
STATEMENTS = 200_000
STAFF = 50
LARGEST = 20_000
PARTIES_PER_CASE = 5
RARE = "zeppelin"
RARE_COUNT = 24
LOGIN = "staff01"  # the attorney whose searches and lists are measured
SEED = 18

_SYLLABLES = (
    "ka ri to mel san dor vel pa ne lu gra ist on ber fi cho tam rel vo quen "
    "mar sel tri po da les hum win ard cor"
).split()
_COMMON = (
    "the officer said that he saw a car near the corner of the street at night and "
    "then walked to the store where the witness told him about the man in a red jacket "
    "who ran away before anyone called the police station on the radio"
).split()


@dataclass(frozen=True)
class GeneratedOffice:
    url: str  # as the superuser (the database owner)
    conninfo: str  # the same, for psycopg
    login: str  # an attorney of the office
    largest_case: int
    rare: str
    seconds: float  # how long the generation took


def _vocabulary(rng: random.Random, size: int = 4000) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words) + _COMMON * 20  # common words come up more often


def _roles() -> dict[str, str]:
    roles: dict[str, str] = {}
    for n in range(1, STAFF + 1):
        login = f"staff{n:02d}"
        if n == STAFF:
            roles[login] = "admin"
        elif n >= STAFF - 2:
            roles[login] = "supervisor"
        elif n % 5 == 0:
            roles[login] = "paralegal"
        else:
            roles[login] = "attorney"
    return roles


def build(server: Any, name: str = "bench_office_big") -> GeneratedOffice:
    """Create, initialise, fill and analyse the office's database on ``server``."""
    import psycopg
    from sqlalchemy import make_url

    from app.core.server.setup import server_init

    started = time.perf_counter()
    url = server.create_database(name)
    server_init(make_url(url), admin=None)
    rng = random.Random(SEED)
    roles = _roles()
    team_members = [login for login, role in roles.items() if role in ("attorney", "paralegal")]
    with psycopg.connect(server.conninfo(name)) as conn, conn.cursor() as cur:
        staff_group = cur.execute(
            "SELECT value::json->>'staff' FROM workspace_settings WHERE key = 'server_roles'"
        ).fetchone()[0]
        for login, role in roles.items():
            extra = " CREATEROLE" if role == "admin" else ""
            cur.execute(f'CREATE ROLE "{login}" LOGIN{extra} IN ROLE "{staff_group}"')
            cur.execute(
                "INSERT INTO staff (login, name, role) VALUES (%s, %s, %s)",
                (login, f"Staff {login[-2:]}", role),
            )
        cur.execute("INSERT INTO office_policy (id, policy) VALUES (1, 'open') "
                    "ON CONFLICT (id) DO UPDATE SET policy = 'open'")  # fmt: skip
        with cur.copy(
            "COPY cases (id, uid, caption, docket_number, court, jurisdiction, status, "
            "assigned_staff, summary, notes) FROM STDIN"
        ) as copy:
            for case in range(1, CASES + 1):
                copy.write_row(
                    (case, f"bench-case-{case}", f"People v. Defendant {case}",
                     f"CR-{case:05d}", "County Court", "", "open", "", "", "")
                )  # fmt: skip
        with cur.copy(
            "COPY people (id, uid, kind, name, aliases, title, affiliation, phone, email, "
            "address, notes) FROM STDIN"
        ) as copy:
            for person in range(1, CASES * PARTIES_PER_CASE + 1):
                copy.write_row(
                    (person, f"bench-person-{person}", "individual",
                     f"Person {person} {rng.choice(_COMMON).title()}", "[]", "", "", "", "",
                     "", "")
                )  # fmt: skip
        with cur.copy("COPY parties (id, case_id, person_id, roles, notes) FROM STDIN") as copy:
            for party in range(1, CASES * PARTIES_PER_CASE + 1):
                case = (party - 1) // PARTIES_PER_CASE + 1
                copy.write_row((party, case, party, '["witness"]', ""))
        with cur.copy("COPY case_team (case_id, login) FROM STDIN") as copy:
            for case in range(1, CASES + 1):
                first = LOGIN if case == 1 else team_members[case % len(team_members)]
                second = team_members[(case * 7 + 3) % len(team_members)]
                copy.write_row((case, first))
                if second != first:
                    copy.write_row((case, second))
        with cur.copy("COPY case_walls (case_id, reason, walled_by) FROM STDIN") as copy:
            for case in range(20, CASES + 1, 20):
                copy.write_row((case, "co-defendant", "staff50"))
        vocabulary = _vocabulary(rng)
        rare_rows = set(rng.sample(range(LARGEST, STATEMENTS), RARE_COUNT - 4))
        rare_rows |= {10, 5000, 12_000, 19_000}  # and a few in the largest case
        with cur.copy(
            "COPY statements (id, case_id, speaker_id, recipient_text, date, setting, text, "
            "pin_cite, sworn, notes) FROM STDIN"
        ) as copy:
            for n in range(STATEMENTS):
                case = 1 if n < LARGEST else 2 + (n - LARGEST) % (CASES - 1)
                speaker = (case - 1) * PARTIES_PER_CASE + 1 + n % PARTIES_PER_CASE
                words = rng.choices(vocabulary, k=rng.randint(40, 160))
                if n in rare_rows:
                    words[len(words) // 2] = RARE
                copy.write_row(
                    (n + 1, case, speaker, "", f"20{19 + n % 5}-{1 + n % 12:02d}-"
                     f"{1 + n % 28:02d}", "interview", " ".join(words), "", False, "")
                )  # fmt: skip
        for table in ("cases", "people", "parties", "statements"):
            cur.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
        conn.commit()
        conn.autocommit = True
        cur.execute("VACUUM ANALYZE")
    elapsed = time.perf_counter() - started
    return GeneratedOffice(url, server.conninfo(name), LOGIN, 1, RARE, elapsed)
