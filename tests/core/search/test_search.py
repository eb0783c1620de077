"""Search over everything, on SQLite (FTS5) and PostgreSQL (tsvector)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from app.core.search import query as s
from app.core.services import cases, charges, documents, events, issues, notes, people, statements
from app.core.storage.workspace import Workspace

NASTY = [
    "",
    "   ",
    '"',
    '"unbalanced',
    "O'Brien",
    "co-defendant",
    "AND",
    "OR NOT",
    "megaphone AND",
    "NEAR(a b)",
    "*",
    "meg*",
    "text:megaphone",
    "^megaphone",
    "-megaphone",
    "(megaphone",
    "{text}: x",
    "'; DROP TABLE statements; --",
    "\\",
    "\x00",
    "🙂 emoji",
    "a" * 5000,
    "x " * 300,
    "%_",
]


@pytest.fixture
def filled(workspace: Workspace) -> dict[str, int]:
    ws = workspace
    ids: dict[str, int] = {}
    ids["case"] = cases.add_case(ws, caption="People v. José Ramírez", docket_number="IND-77")
    ids["other_case"] = cases.add_case(ws, caption="People v. Ana Núñez")
    ids["person"] = people.add_person(ws, name="Seán O'Brien", aliases=["Sully", "Zoë"])
    ids["party"] = people.add_party(ws, ids["case"], person_id=ids["person"], roles=["witness"])
    ids["party2"] = people.add_party(
        ws, ids["other_case"], person_id=ids["person"], roles=["witness"]
    )
    ids["statement"] = statements.add_statement(
        ws,
        ids["case"],
        speaker_id=ids["party"],
        text="He had a megaphone and said the co-defendant ran toward the bodega.",
    )
    ids["statement2"] = statements.add_statement(
        ws,
        ids["other_case"],
        speaker_id=ids["party2"],
        text="Megaphone, megaphone, megaphone: it was all anyone talked about.",
    )
    ids["charge"] = charges.add_charge(
        ws, ids["case"], statute="PL 240.20", description="Disorderly conduct"
    )
    ids["document"] = documents.add_document(
        ws, ids["case"], title="Arrest report", notes="Signed by Sgt. Kowalski"
    )
    ids["event"] = events.add_event(ws, ids["case"], title="Arraignment", place="Centre Street")
    ids["issue"] = issues.add_issue(ws, ids["case"], title="Retaliatory arrest")
    ids["note"] = notes.add_note(ws, ids["case"], body="Call the investigator about the tarmac")
    return ids


def found(ws: Workspace, query: str, **kw: object) -> set[tuple[str, int]]:
    return {(h.kind, h.id) for h in s.search(ws, query, **kw)}


def test_every_kind_is_searchable(workspace: Workspace, filled: dict[str, int]) -> None:
    ws = workspace
    assert ("case", filled["case"]) in found(ws, "IND-77")
    assert ("person", filled["person"]) in found(ws, "Sully")
    assert ("statement", filled["statement"]) in found(ws, "bodega")
    assert ("charge", filled["charge"]) in found(ws, "disorderly")
    assert ("document", filled["document"]) in found(ws, "Kowalski")
    assert ("event", filled["event"]) in found(ws, "Centre")
    assert ("issue", filled["issue"]) in found(ws, "retaliatory")
    assert ("note", filled["note"]) in found(ws, "tarmac")


def test_prefix_accents_and_punctuation(workspace: Workspace, filled: dict[str, int]) -> None:
    ws = workspace
    assert ("statement", filled["statement"]) in found(ws, "megaph")
    assert ("case", filled["case"]) in found(ws, "jose ramirez")
    assert ("case", filled["case"]) in found(ws, "JOSÉ")
    assert ("person", filled["person"]) in found(ws, "zoe")
    assert ("person", filled["person"]) in found(ws, "sean o'brien")
    assert ("statement", filled["statement"]) in found(ws, "co-defendant")
    assert ("statement", filled["statement"]) in found(ws, '"the co')  # unbalanced quote
    assert found(ws, "megaphone zeppelin") == set()  # every word must be there


def test_phrases(workspace: Workspace, filled: dict[str, int]) -> None:
    ws = workspace
    assert ("statement", filled["statement"]) in found(ws, '"had a megaphone"')
    assert found(ws, '"megaphone had"') == set()


def test_nasty_input_never_raises(workspace: Workspace, filled: dict[str, int]) -> None:
    # One test, many inputs: a fresh PostgreSQL database per input would cost seconds.
    for query in NASTY:
        assert isinstance(s.search(workspace, query), list), query
        assert isinstance(s.search(workspace, query, case_id=filled["case"]), list), query


def test_query_syntax_is_plain_text(workspace: Workspace, filled: dict[str, int]) -> None:
    # "OR" is a word to find, not an operator: nothing contains it.
    assert found(workspace, "megaphone OR bodega") == set()
    assert found(workspace, "NOT megaphone") == set()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(max_size=60))
def test_arbitrary_unicode_never_raises(workspace: Workspace, query: str) -> None:
    assert isinstance(s.search(workspace, query), list)


def test_snippets_mark_the_match(workspace: Workspace, filled: dict[str, int]) -> None:
    hit = next(h for h in s.search(workspace, "bodega") if h.kind == "statement")
    assert "bodega" in hit.marked().lower()
    assert "**bodega**" in hit.marked().lower()
    assert hit.case_id == filled["case"]
    assert hit.case_caption == "People v. José Ramírez"
    assert hit.title.startswith("Seán O'Brien")


def test_markup_in_a_record_is_plain_text_in_its_snippet(
    workspace: Workspace, filled: dict[str, int]
) -> None:
    case = filled["case"]
    notes.add_note(workspace, case, body="<script>alert(1)</script> crowbar & co")
    hit = next(h for h in s.search(workspace, "crowbar") if h.kind == "note")
    start, end = hit.highlights[0]
    assert hit.snippet[start:end] == "crowbar"
    assert "& co" in hit.snippet
    if workspace.is_sqlite:  # PostgreSQL's headline drops tags altogether
        assert "<script>alert(1)</script>" in hit.snippet


def test_updates_and_deletes_are_reflected(workspace: Workspace, filled: dict[str, int]) -> None:
    ws = workspace
    statements.update_statement(ws, filled["statement"], text="A quiet evening, no noise.")
    assert ("statement", filled["statement"]) not in found(ws, "bodega")
    assert ("statement", filled["statement"]) in found(ws, "evening")
    people.update_person(ws, filled["person"], aliases=["Ringo"])
    assert ("person", filled["person"]) in found(ws, "ringo")
    assert ("person", filled["person"]) not in found(ws, "sully")
    notes.delete_note(ws, filled["note"])
    assert found(ws, "tarmac") == set()
    cases.delete_case(ws, filled["other_case"])  # cascades to its statements
    assert ("statement", filled["statement2"]) not in found(ws, "megaphone")
    _integrity_ok(ws)


def test_case_filter(workspace: Workspace, filled: dict[str, int]) -> None:
    ws = workspace
    all_hits = found(ws, "megaphone")
    assert {("statement", filled["statement"]), ("statement", filled["statement2"])} <= all_hits
    only = found(ws, "megaphone", case_id=filled["other_case"])
    assert ("statement", filled["statement2"]) in only
    assert ("statement", filled["statement"]) not in only
    person_hits = [h for h in s.search(ws, "sully", case_id=filled["case"])]
    assert [(h.kind, h.case_id) for h in person_hits] == [("person", filled["case"])]


def test_person_in_two_cases_is_one_hit_per_case(
    workspace: Workspace, filled: dict[str, int]
) -> None:
    hits = [h for h in s.search(workspace, "sully") if h.kind == "person"]
    assert sorted(h.case_id for h in hits) == sorted([filled["case"], filled["other_case"]])


def test_ranking_prefers_more_and_heavier_matches(
    workspace: Workspace, filled: dict[str, int]
) -> None:
    hits = [h for h in s.search(workspace, "megaphone") if h.kind == "statement"]
    # Three mentions in a short statement beat one in a longer one.
    assert [h.id for h in hits] == [filled["statement2"], filled["statement"]]
    documents.add_document(workspace, filled["case"], title="Notes", notes="mentions a warrant")
    warrant_title = documents.add_document(workspace, filled["case"], title="Warrant")
    docs = [h.id for h in s.search(workspace, "warrant") if h.kind == "document"]
    assert docs[0] == warrant_title


def test_results_are_grouped_by_kind(workspace: Workspace, filled: dict[str, int]) -> None:
    notes.add_note(workspace, filled["case"], body="megaphone again")
    kinds = [h.kind for h in s.search(workspace, "megaphone")]
    assert kinds == sorted(kinds, key=s.KINDS.index)


def test_limit_is_per_kind(workspace: Workspace, filled: dict[str, int]) -> None:
    for i in range(5):
        notes.add_note(workspace, filled["case"], body=f"lantern number {i}")
    assert len(s.search(workspace, "lantern", limit=3)) == 3


@pytest.mark.parametrize("suffix", [".txt", ".docx", ".pdf"])
def test_attachment_text_is_searchable(
    workspace: Workspace, filled: dict[str, int], tmp_path: Path, suffix: str
) -> None:
    from tests.core.test_textextract import make_file

    path = make_file(tmp_path, suffix, "The quokka stood near the turnstile.")
    doc = documents.add_document(workspace, filled["case"], file=path, title="Exhibit")
    hits = [h for h in s.search(workspace, "quokka") if h.kind == "document"]
    assert [h.id for h in hits] == [doc]
    assert "quokka" in hits[0].snippet.lower()


def test_unreadable_attachment_is_stored_with_a_note(
    workspace: Workspace, filled: dict[str, int], tmp_path: Path
) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"%PDF-1.4 this is not really a pdf")
    doc = documents.add_document(workspace, filled["case"], file=path, title="Scan")
    with workspace.reader() as session:
        note = session.execute(
            text("SELECT extraction_note FROM documents WHERE id = :i"), {"i": doc}
        ).scalar_one()
    assert note.startswith("text could not be extracted")


def _integrity_ok(ws: Workspace) -> None:
    if ws.engine.dialect.name != "sqlite":
        return
    with ws.engine.begin() as connection:
        for source in s.SOURCES:
            connection.exec_driver_sql(
                f"INSERT INTO {source.fts}({source.fts}, rank) VALUES('integrity-check', 1)"
            )


def test_suspend_and_rebuild(sqlite_workspace: Workspace) -> None:
    ws = sqlite_workspace
    case = cases.add_case(ws, caption="Bulk")
    with ws.session() as session:
        s.suspend_index(session)
        session.execute(
            text(
                "INSERT INTO notes (case_id, body, is_todo, done, staff_only, version) VALUES "
                "(:c, 'walrus in bulk', 0, 0, 0, 1)"
            ),
            {"c": case},
        )
        s.rebuild_index(session)
    assert [h.kind for h in s.search(ws, "walrus")] == ["note"]
    _integrity_ok(ws)


def test_lost_triggers_are_restored(sqlite_workspace: Workspace) -> None:
    ws = sqlite_workspace
    case = cases.add_case(ws, caption="Heal")
    with ws.engine.begin() as connection:
        connection.exec_driver_sql("DROP TRIGGER search_notes_ai")
    notes.add_note(ws, case, body="platypus")
    s.forget_index_check(ws.engine)
    assert [h.kind for h in s.search(ws, "platypus")] == ["note"]


def test_parse_query() -> None:
    assert s.parse_query("") == []
    assert s.fts5_query(s.parse_query("O'Brien megaph")) == '"o brien" "megaph"*'
    assert s.fts5_query(s.parse_query('"a b" cd')) == '"a b" "cd"*'
    assert s.fts5_query(s.parse_query('say "AND" x"')) == '"say" "and" "x"'
    assert s.tsquery(s.parse_query("o'brien")) == "('o' <-> 'brien':*)"


def test_parse_query_fast_path_matches_the_general_one() -> None:
    # A single plain word takes a shortcut; a trailing space takes the general path.
    for word in ["a", "ab", "Gazebo", "GAZEBO", "x" * 70, "abc123", "123", "straße", "Zoë"]:
        assert s.parse_query(word) == s.parse_query(word + " "), word


def test_date_label_matches_partial_date() -> None:
    from app.core.dates import PartialDate

    values = ["", "abc", " 2020-06-14 ", "2020-6-1", "2020-06-14x", "0000-01-01"]
    for year in (0, 1, 1999, 2000, 2020, 2021, 9999):
        for month in range(0, 14):
            for day in (None, 0, 1, 28, 29, 30, 31, 32):
                for approx in ("", "~"):
                    iso = f"{year:04d}" + (f"-{month:02d}" if month else "")
                    iso += (f"-{day:02d}" if day is not None and month else "") + approx
                    values.append(iso)
    for iso in values:
        try:
            expected: str | None = PartialDate.from_iso(iso).display()
        except ValueError:
            expected = None
        assert s.date_label(iso) == expected, iso


def test_split_marks() -> None:
    m, e = s.MARK_START, s.MARK_END
    assert s.split_marks(f"a {m}bc{e} d") == ("a bc d", ((2, 4),))
    assert s.split_marks(f"…x\n\t {m}y{e}  z {m}w{e}") == ("…x y z w", ((3, 4), (7, 8)))
    assert s.split_marks(f"{e}a{m}{e}b{m}c") == ("abc", ())  # stray, empty, unclosed
    assert s.split_marks(f"{m}a{m}b{e}") == ("ab", ((1, 2),))  # a second start wins


def _ranked(ws: Workspace, query: str, **kw: object) -> list[tuple[str, int, float, str]]:
    return [(h.kind, h.id, round(h.rank, 9), h.snippet) for h in s.search(ws, query, **kw)]


def test_common_word_is_ranked_like_a_rare_one(
    workspace: Workspace, filled: dict[str, int]
) -> None:
    # More matches than the limit takes the other query shape (FTS5's sorted rank
    # query on SQLite); the hits must be the best of all matches, with snippets.
    ws, case = workspace, filled["case"]
    for i in range(12):
        notes.add_note(ws, case, body="lantern " * (1 + i % 4) + f"number {i} " + "x " * i)
    notes.add_note(ws, filled["other_case"], body="lantern lantern lantern elsewhere")
    everything = _ranked(ws, "lantern", limit=50)
    assert len(everything) == 13
    assert _ranked(ws, "lantern", limit=5) == everything[:5]
    assert all("lantern" in snippet.lower() for *_, snippet in everything)
    in_case = _ranked(ws, "lantern", limit=50, case_id=case)
    assert len(in_case) == 12
    assert _ranked(ws, "lantern", limit=3, case_id=case) == in_case[:3]
    assert _ranked(ws, "lant", limit=4, kinds=["note"]) == _ranked(ws, "lant", kinds=["note"])[:4]


def test_common_and_rare_kinds_in_one_search(workspace: Workspace, filled: dict[str, int]) -> None:
    for i in range(4):
        notes.add_note(workspace, filled["case"], body=f"megaphone note {i}")
    hits = s.search(workspace, "megaphone", limit=2)
    assert [h.kind for h in hits] == ["statement", "statement", "note", "note"]
    assert [h.id for h in hits if h.kind == "statement"] == [
        filled["statement2"],
        filled["statement"],
    ]


def test_bulk_rebuild_leaves_one_segment(sqlite_workspace: Workspace) -> None:
    ws = sqlite_workspace
    case = cases.add_case(ws, caption="Segments")
    for i in range(5):  # each commit adds a segment
        notes.add_note(ws, case, body=f"heron {i}")
    with ws.session() as session:
        s.rebuild_index(session)
    with ws.engine.connect() as connection:
        for source in s.SOURCES:
            segments = connection.exec_driver_sql(
                f"SELECT count(DISTINCT segid) FROM {source.fts}_idx"
            ).scalar_one()
            assert segments <= 1, source.fts
            # The rebuild's larger in-memory buffer is not left as the table's setting.
            hashsize = connection.exec_driver_sql(
                f"SELECT v FROM {source.fts}_config WHERE k = 'hashsize'"
            ).scalar()
            assert hashsize in (None, 1024 * 1024), source.fts
    assert len(s.search(ws, "heron")) == 5
    _integrity_ok(ws)


def test_search_connection_is_given_back(sqlite_workspace: Workspace) -> None:
    import gc
    import sqlite3
    import threading

    ws = sqlite_workspace
    notes.add_note(ws, cases.add_case(ws, caption="Pool"), body="walrus")
    found_in_thread: list[str] = []
    thread = threading.Thread(
        target=lambda: found_in_thread.extend(h.kind for h in s.search(ws, "walrus"))
    )
    thread.start()
    thread.join()
    gc.collect()
    assert found_in_thread == ["note"]
    assert ws.engine.pool.checkedout() == 0  # a finished thread's connection went back
    assert [h.kind for h in s.search(ws, "walrus")] == ["note"]
    notes.add_note(ws, cases.add_case(ws, caption="Later"), body="walrus again")
    assert len(s.search(ws, "walrus")) == 2  # the kept connection sees new commits
    kept = s._kept_connection(ws.engine)
    ws.close()
    with pytest.raises(sqlite3.ProgrammingError, match="closed database"):
        kept.execute("SELECT 1")


# --------------------------------------------------------------------------- speed work
# What the fast paths in search() must not change.

WORDS = [
    "megaphone",
    "megaph",
    "lantern",
    "lant",
    "jose ramirez",
    "JOSÉ",
    "zoe",
    "sean o'brien",
    "co-defendant",
    '"the co',
    '"had a megaphone"',
    "megaphone zeppelin",
    "sully",
    "IND-77",
    "kowalski",
    "tarmac",
    "number",
    "m",
    "Gazebo",
    "abc123",
]


def test_fts5_match_shortcut_matches_the_general_path() -> None:
    for query in [*WORDS, *NASTY, "a", "x" * 70, "straße", "Zoë", "123", None, 5]:
        expected = s.fts5_query(s.parse_query(query))  # type: ignore[arg-type]
        assert s.fts5_match(query) == expected, query  # type: ignore[arg-type]


def test_wanted_kinds_are_remembered_per_argument() -> None:
    s._WANTED.clear()
    assert s._wanted(["note", "statement"]) == ("statement", "note")
    assert s._wanted(("statement", "note", "note")) == ("statement", "note")
    assert s._wanted(iter(["person", "nonsense"])) == ("person",)
    assert s._wanted(["nonsense"]) == ()
    assert s._wanted([]) == ()
    assert s._wanted(["note", "statement"]) == ("statement", "note")  # remembered
    for i in range(300):
        s._wanted([f"kind {i}"])
        assert len(s._WANTED) <= 256


def test_sqlite_statements_bind_by_number_and_postgresql_by_name() -> None:
    shapes = [(k,) for k in s.KINDS] + [s.KINDS, ("statement", "note")]
    for kinds in shapes:
        for by_case in (False, True):
            for sql in (s._first_sql(kinds, by_case), s._many_sql(kinds, by_case)):
                assert not re.search(r":(q|n|case_id)\b", sql)
                assert "?1" in sql and "?2" in sql and ("?3" in sql) == by_case
            pg = str(s._pg_statement(kinds, by_case))
            assert "?" not in pg and ":q" in pg and (":case_id" in pg) == by_case
            driver = s._pg_driver_sql(kinds, by_case, True)  # psycopg's, on the kept connection
            assert not re.search(r":(q|n|case_id)\b", driver) and "%(q)s" in driver
            assert ("%(case_id)s" in driver) == by_case


def test_case_filter_reads_the_search_index_first(sqlite_workspace: Workspace) -> None:
    # Looking the case's rows up by case_id and each one in the FTS index took
    # 0.6 s for a rare word in a case of 50,000 statements.
    with sqlite_workspace.engine.connect() as connection:
        for kind in s.KINDS:
            for sql in (s._first_sql((kind,), True), s._many_sql((kind,), True)):
                plan = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", ("x", 5, 1)).all()
                details = [row[-1] for row in plan]
                assert not [d for d in details if re.match(r"SEARCH [tr] .*case_id", d)], details


def _by_hand(
    ws: Workspace, query: str, case_id: int | None, limit: int, kinds: tuple[str, ...]
) -> list[tuple[str, int, int | None, str, tuple[tuple[int, int], ...], float]]:
    """Each kind's hits the plain way: every match ranked by bm25 with the kind's
    weights, the best ``limit``, each with its snippet()."""
    match = s.fts5_query(s.parse_query(query))
    if not match:
        return []
    out = []
    with ws.engine.connect() as connection:
        for source in s.SOURCES:
            if source.kind not in kinds:
                continue
            fts = source.fts
            case = {"case": "t.id", "person": "pp.case_id"}.get(source.kind, "t.case_id")
            joins = "LEFT JOIN parties pp ON pp.person_id = t.id" if source.kind == "person" else ""
            where, params = f"{fts} MATCH ?", [match]
            if case_id is not None:
                where, params = f"{where} AND {case} = ?", [match, case_id]
            rows = connection.exec_driver_sql(
                f"SELECT t.id, {case}, snippet({fts}, -1, ?, ?, '…', {s.SNIPPET_TOKENS}),"
                f" bm25({fts}, {source.weights}) AS score FROM {fts}"
                f" JOIN {source.table} t ON t.id = {fts}.rowid {joins}"
                f" WHERE {where} ORDER BY score, t.id LIMIT ?",
                (s.MARK_START, s.MARK_END, *params, limit),
            ).all()
            for record, case_of, marked, score in rows:
                out.append((source.kind, record, case_of, *s.split_marks(marked), round(-score, 9)))
    return out


def _normal(hits: list[tuple]) -> list[tuple]:
    # A person in two cases is two hits with one id and score, in either order.
    return sorted(hits, key=lambda h: (s.KINDS.index(h[0]), -h[5], h[1], h[2] or 0))


def test_results_match_a_hand_written_query(
    sqlite_workspace: Workspace, sqlite_template: Path, tmp_path: Path
) -> None:
    from tests.conftest import fresh_sqlite_workspace

    ws = sqlite_workspace
    (tmp_path / "filled").mkdir()
    case = cases.add_case(ws, caption="People v. José Ramírez", docket_number="IND-77")
    other = cases.add_case(ws, caption="People v. Ana Núñez")
    person = people.add_person(ws, name="Seán O'Brien", aliases=["Sully", "Zoë"])
    for case_id, said in [
        (case, "He had a megaphone and said the co-defendant ran toward the bodega."),
        (other, "Megaphone, megaphone, megaphone: it was all anyone talked about."),
    ]:
        party = people.add_party(ws, case_id, person_id=person, roles=["witness"])
        statements.add_statement(ws, case_id, speaker_id=party, text=said)
    documents.add_document(ws, case, title="Arrest report", notes="Signed by Sgt. Kowalski")
    notes.add_note(ws, case, body="Call the investigator about the tarmac")
    for i in range(7):  # more than a small limit: the other query shape
        body = "lantern " * (1 + i % 3) + f"number {i} " + "filler " * (2 * i)
        notes.add_note(ws, case if i % 2 else other, body=body)
    shapes = [(None, 50, s.KINDS), (case, 50, s.KINDS), (other, 2, s.KINDS)]
    shapes += [(None, 2, ("note",)), (None, 3, ("statement", "note")), (case, 1, ("note",))]
    for query in [*WORDS, *NASTY]:
        for case_id, limit, kinds in shapes:
            got = [
                (h.kind, h.id, h.case_id, h.snippet, h.highlights, round(h.rank, 9))
                for h in s.search(ws, query, case_id=case_id, limit=limit, kinds=list(kinds))
            ]
            assert [h[0] for h in got] == sorted((h[0] for h in got), key=s.KINDS.index)
            expected = _by_hand(ws, query, case_id, limit, kinds)
            assert _normal(got) == _normal(expected), (query, case_id, limit, kinds)
    # The same searches on a second workspace, alternating: each gets its own answers.
    second = fresh_sqlite_workspace(sqlite_template, tmp_path / "filled")
    try:
        notes.add_note(second, cases.add_case(second, caption="Second"), body="lantern alone")
        for _ in range(3):
            assert len(s.search(ws, "lantern", kinds=["note"])) == 7
            assert [h.title for h in s.search(second, "lantern")] == ["lantern alone"]
    finally:
        second.close()
    assert len(s.search(ws, "lantern", kinds=["note"])) == 7


def test_rebuild_leaves_no_bloated_connection_in_the_pool(sqlite_workspace: Workspace) -> None:
    # FTS5's pending-data hash grows in a rebuild and every prefix query on that
    # connection walks it, so the connection that rebuilt is closed, not pooled.
    import sqlite3

    ws = sqlite_workspace
    notes.add_note(ws, cases.add_case(ws, caption="Bulk"), body="walrus")
    with ws.session() as session:
        rebuilt = session.connection().connection.dbapi_connection
        s.rebuild_index(session)
    with pytest.raises(sqlite3.ProgrammingError, match="closed database"):
        rebuilt.execute("SELECT 1")
    assert [h.kind for h in s.search(ws, "walr")] == ["note"]
    _integrity_ok(ws)


def test_rebuild_keeps_a_memory_database(tmp_path: Path) -> None:
    from sqlalchemy import create_engine

    from app.core.storage.models import Base

    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with engine.begin() as connection:
        s.install_sqlite_index(connection, rebuild=True)
    with engine.connect() as connection:
        tables = connection.exec_driver_sql("SELECT name FROM sqlite_master").scalars().all()
    assert "search_notes" in tables
    engine.dispose()
