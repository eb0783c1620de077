"""The read queries behind the desktop lists, on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from app.core.lists import links as record_links
from app.core.lists import queries as q
from app.core.services import cases, documents, events, issues, notes, people, statements
from app.core.storage.workspace import Workspace

TODAY = "2021-03-10"


@dataclass
class Built:
    case_id: int
    other_case_id: int
    client: int
    officer: int
    witness: int
    issue: int
    document: int


def _build(ws: Workspace) -> Built:
    case_id = cases.add_case(ws, caption="People v. Rivera", docket_number="CR-0042", status="open")
    other = cases.add_case(ws, caption="people v. adams", docket_number="", status="on_hold")
    cases.add_case(ws, caption="In re 100% Discount_Co", docket_number="X-1", status="closed")

    def party(name: str, roles: list[str], case: int = case_id, **extra: str) -> int:
        return people.add_person_to_case(ws, case, roles, name=name, **extra)

    client = party("Ana Rivera", ["client"])
    officer = party("Officer Brown", ["police_officer", "complainant"], affiliation="NYPD")
    witness = party("Zed Witness", ["co_defendant"])
    party("Bob Adams", ["client"], case=other)

    issue = issues.add_issue(ws, case_id, title="Identification")
    document = documents.add_document(ws, case_id, title="Police report", kind="police_report")
    documents.add_document(ws, case_id, title="Arrest photo", kind="photo", date="2020-06-14")

    for speaker, date, text in [
        (client, "2020-06-14", "I was not there"),
        (officer, "2020-06", "He pushed me"),
        (officer, "about June 2020", "It was loud"),
        (witness, "2020", "Saw nothing"),
        (witness, None, "Undated remark"),
    ]:
        statements.add_statement(
            ws,
            case_id,
            speaker_id=speaker,
            date=date,
            text=text,
            setting="interview",
            source_document_id=document,
            issue_ids=[issue],
        )
    events.add_event(ws, case_id, title="Arrest", kind="arrest", date="2020-06-14", time="21:30")
    events.add_event(
        ws, case_id, title="Incident", kind="incident", date="2020-06-14", time="20:00"
    )
    events.add_event(ws, case_id, title="Arraignment", kind="court_appearance", date="2021-03-10")
    events.add_event(
        ws, case_id, title="Hearing", kind="court_appearance", date="2021-04", party_ids=[client]
    )
    events.add_event(
        ws, case_id, title="Old appearance", kind="court_appearance", date="2020-07-01"
    )
    events.add_event(ws, other, title="Calendar call", kind="court_appearance", date="2021-03")
    notes.add_note(ws, case_id, body="Call the client", is_todo=True)
    notes.add_note(ws, case_id, body="Filed", is_todo=True, done=True)
    return Built(case_id, other, client, officer, witness, issue, document)


def _all(ws: Workspace, query: q.ListQuery) -> list[dict]:
    return q.fetch_rows(ws, query, 0, 1000)


def _query(name: str, built: Built | None = None, **kwargs: object) -> q.ListQuery:
    return q.ListQuery(
        q.SPECS[name], case_id=built.case_id if built else None, today=TODAY, **kwargs
    )


def test_case_list_shows_client_status_and_next_court_date(workspace: Workspace) -> None:
    built = _build(workspace)
    rows = {row["id"]: row for row in _all(workspace, _query("cases"))}
    mine = rows[built.case_id]
    assert mine["client"] == "Ana Rivera"
    assert mine["docket_number"] == "CR-0042"
    # Today's appearance counts; last year's does not; the month holding today counts too.
    assert mine["next_court_date"] == "2021-03-10"
    assert rows[built.other_case_id]["next_court_date"] == "2021-03"
    assert rows[built.other_case_id]["client"] == "Bob Adams"


def test_case_list_sorts_case_insensitively_in_both_directions(workspace: Workspace) -> None:
    _build(workspace)
    up = [r["caption"] for r in _all(workspace, _query("cases", sort="caption"))]
    assert up == ["In re 100% Discount_Co", "people v. adams", "People v. Rivera"]
    down = [r["caption"] for r in _all(workspace, _query("cases", sort="caption", descending=True))]
    assert down == list(reversed(up))


def test_blank_values_sort_last_both_ways(workspace: Workspace) -> None:
    _build(workspace)
    up = [r["docket_number"] for r in _all(workspace, _query("cases", sort="docket_number"))]
    down = [
        r["docket_number"]
        for r in _all(workspace, _query("cases", sort="docket_number", descending=True))
    ]
    assert up == ["CR-0042", "X-1", ""]
    assert down == ["X-1", "CR-0042", ""]


def test_status_sorts_and_filters_by_its_label(workspace: Workspace) -> None:
    _build(workspace)
    rows = _all(workspace, _query("cases", sort="status"))
    assert [r["status"] for r in rows] == ["closed", "on_hold", "open"]
    held = _all(workspace, _query("cases", text="on hold"))
    # Two words, each matched by some shown column: "on" and "hold" both match "On hold".
    assert [r["status"] for r in held] == ["on_hold"]


def test_filter_words_must_all_match_and_like_wildcards_are_literal(workspace: Workspace) -> None:
    _build(workspace)
    assert [r["caption"] for r in _all(workspace, _query("cases", text="100%"))] == [
        "In re 100% Discount_Co"
    ]
    assert _all(workspace, _query("cases", text="t%c")) == []
    assert _all(workspace, _query("cases", text="0_d")) == []
    assert [r["caption"] for r in _all(workspace, _query("cases", text="rivera cr-00"))] == [
        "People v. Rivera"
    ]
    assert q.count_rows(workspace, _query("cases", text="rivera nothing")) == 0


def test_people_filter_matches_role_labels(workspace: Workspace) -> None:
    built = _build(workspace)
    names = [r["name"] for r in _all(workspace, _query("people", built, text="co-defendant"))]
    assert names == ["Zed Witness"]
    names = [r["name"] for r in _all(workspace, _query("people", built, text="police"))]
    assert names == ["Officer Brown"]
    rows = _all(workspace, _query("people", built))
    assert [r["name"] for r in rows] == ["Ana Rivera", "Officer Brown", "Zed Witness"]
    assert {r["name"]: r["statements"] for r in rows}["Officer Brown"] == 2


def test_statements_sort_by_stored_date_with_undated_last(workspace: Workspace) -> None:
    built = _build(workspace)
    rows = _all(workspace, _query("statements", built, sort="date"))
    assert [r["date"] for r in rows] == ["2020", "2020-06", "2020-06-14", "2020-06~", None]
    rows = _all(workspace, _query("statements", built, sort="date", descending=True))
    assert [r["date"] for r in rows] == ["2020-06~", "2020-06-14", "2020-06", "2020", None]


def test_chronology_merges_events_and_dated_statements_in_time_order(
    workspace: Workspace,
) -> None:
    built = _build(workspace)
    rows = _all(workspace, _query("chronology", built))
    assert [(r["date"], r["record"]) for r in rows] == [
        ("2020", "statement"),
        ("2020-06", "statement"),
        ("2020-06-14", "event"),  # 20:00
        ("2020-06-14", "event"),  # 21:30
        ("2020-06-14", "statement"),  # no time: after the timed rows of the day
        ("2020-06~", "statement"),
        ("2020-07-01", "event"),
        ("2021-03-10", "event"),
        ("2021-04", "event"),
    ]
    assert rows[2]["what"] == "Incident" and rows[3]["what"] == "Arrest"
    assert rows[0]["what"] == "Zed Witness: Saw nothing"
    # The undated statement is not in the chronology.
    assert all("Undated" not in r["what"] for r in rows)


def test_chronology_filter_and_kind_labels(workspace: Workspace) -> None:
    built = _build(workspace)
    rows = _all(workspace, _query("chronology", built, text="court appearance"))
    assert [r["what"] for r in rows] == ["Old appearance", "Arraignment", "Hearing"]
    rows = _all(workspace, _query("chronology", built, text="brown"))
    assert {r["record"] for r in rows} == {"statement"}


def test_paging_is_stable_and_matches_one_big_fetch(workspace: Workspace) -> None:
    built = _build(workspace)
    query = _query("chronology", built, sort="kind")
    whole = _all(workspace, query)
    pages = [row for offset in range(0, 10, 3) for row in q.fetch_rows(workspace, query, offset, 3)]
    assert pages == whole
    assert q.count_rows(workspace, query) == len(whole) == 9


def test_row_position_finds_a_row_under_sort_and_filter(workspace: Workspace) -> None:
    built = _build(workspace)
    query = _query("statements", built, sort="speaker", descending=True)
    rows = _all(workspace, query)
    for index, row in enumerate(rows):
        assert q.row_position(workspace, query, {"id": row["id"]}) == index
    narrowed = _query("statements", built, text="loud")
    target = _all(workspace, narrowed)[0]["id"]
    assert q.row_position(workspace, narrowed, {"id": target}) == 0
    other = rows[0]["id"] if rows[0]["id"] != target else rows[1]["id"]
    assert q.row_position(workspace, narrowed, {"id": other}) is None


def test_issue_counts_and_links(workspace: Workspace) -> None:
    built = _build(workspace)
    (row,) = _all(workspace, _query("issues", built))
    assert (row["statements"], row["events"], row["documents"]) == (5, 0, 0)
    links = record_links.links_of_issue(workspace, built.issue)
    assert len(links["statements"]) == 5 and links["events"] == [] and links["documents"] == []


def test_links_of_party_and_document(workspace: Workspace) -> None:
    built = _build(workspace)
    party_links = record_links.links_of_party(workspace, built.client)
    assert [s["text"] for s in party_links["statements"]] == ["I was not there"]
    assert [e["title"] for e in party_links["events"]] == ["Hearing"]
    doc_links = record_links.links_of_document(workspace, built.document)
    assert len(doc_links["statements"]) == 5
    # Time order, undated last.
    assert doc_links["statements"][-1]["date"] is None


def test_notes_todo_column_and_overview(workspace: Workspace) -> None:
    built = _build(workspace)
    rows = _all(workspace, _query("notes", built, text="done"))
    assert [r["body"] for r in rows] == ["Filed"]
    overview = record_links.case_overview(workspace, built.case_id, today=TODAY)
    assert overview["clients"] == ["Ana Rivera"]
    assert overview["next_court_date"] == "2021-03-10"
    assert overview["counts"]["statements"] == 5
    assert overview["open_todos"] == 1
    assert record_links.case_count(workspace) == 3


def test_case_scoped_lists_need_a_case(workspace: Workspace) -> None:
    with pytest.raises(ValueError):
        q.count_rows(workspace, q.ListQuery(q.SPECS["statements"]))


@pytest.mark.parametrize("name", ["statements", "chronology", "people", "notes", "cases"])
def test_keys_come_in_the_list_order_and_rows_come_back_by_key(
    workspace: Workspace, name: str
) -> None:
    built = _build(workspace)
    spec = q.SPECS[name]
    for col in spec.columns:
        for descending in (False, True):
            query = _query(
                name, None if name == "cases" else built, sort=col.key, descending=descending
            )
            rows = _all(workspace, query)
            keys = q.fetch_keys(workspace, query)
            expected = [
                row[spec.key[0]] if len(spec.key) == 1 else tuple(row[k] for k in spec.key)
                for row in rows
            ]
            assert keys == expected, (col.key, descending)
            found = q.fetch_by_keys(workspace, query, keys[::-1])
            assert [found[key] for key in keys] == rows


@pytest.mark.parametrize("name", ["statements", "chronology", "people", "notes", "cases"])
def test_the_first_and_last_keys_and_the_count_match_the_whole_key_list(
    workspace: Workspace, name: str
) -> None:
    """A list paints its first screen (and jumps to its end) from a count and a few keys
    read with LIMIT, so those must agree exactly with the full key list, blanks and ties
    included, in every sort and with a filter."""
    built = _build(workspace)
    spec = q.SPECS[name]
    for text in ("", "a"):
        for col in spec.columns:
            for descending in (False, True):
                query = _query(
                    name,
                    None if name == "cases" else built,
                    sort=col.key,
                    descending=descending,
                    text=text,
                )
                keys = q.fetch_keys(workspace, query)
                assert q.count_keys(workspace, query) == len(keys)
                for n in (1, 2, 3, len(keys), len(keys) + 5):
                    where = (col.key, descending, text, n)
                    assert q.fetch_keys(workspace, query, n) == keys[:n], where
                    assert q.fetch_keys(workspace, query, n, from_end=True) == keys[-n:], where


def test_undated_rows_stored_blank_or_null_keep_key_order(workspace: Workspace) -> None:
    """Undated statements are read in two index look-ups (no date, blank date) and merged
    back into key order, as the full sort would put them."""
    built = _build(workspace)
    added = [
        statements.add_statement(
            workspace, built.case_id, speaker_id=built.witness, text=f"Undated {i}"
        )
        for i in range(6)
    ]
    # Older rows (or other tools) may hold a blank date rather than none.
    ids = ", ".join(str(i) for i in added[::2])
    with workspace.engine.begin() as connection:
        connection.exec_driver_sql(f"UPDATE statements SET date = '' WHERE id IN ({ids})")
    for descending in (False, True):
        query = _query("statements", built, descending=descending)
        keys = q.fetch_keys(workspace, query)
        assert keys == [row["id"] for row in _all(workspace, query)]
        assert set(added) <= set(keys)
        for n in (1, 3, 5, 8):
            assert q.fetch_keys(workspace, query, n) == keys[:n]
            assert q.fetch_keys(workspace, query, n, from_end=True) == keys[-n:]


def test_the_end_of_the_statement_list_is_read_backwards_along_its_date_index(
    sqlite_workspace: Workspace,
) -> None:
    import sqlite3

    from sqlalchemy import select

    built = _build(sqlite_workspace)
    query = _query("statements", built)
    src = q._source(sqlite_workspace, query, q._needed(query))
    stmt = (
        select(src.c.id)
        .where(src.c.date > "")
        .order_by(*q._order(sqlite_workspace, src, query, dated=True, reverse=True))
        .limit(100)
    )
    sql = str(stmt.compile(sqlite_workspace.engine, compile_kwargs={"literal_binds": True}))
    with sqlite3.connect(str(sqlite_workspace.path)) as raw:
        plan = " | ".join(row[-1] for row in raw.execute("EXPLAIN QUERY PLAN " + sql))
    assert "COVERING INDEX ix_statements_case_date" in plan, plan
    assert "TEMP B-TREE" not in plan, plan


def test_keys_follow_the_filter_and_missing_rows_are_left_out(workspace: Workspace) -> None:
    built = _build(workspace)
    query = _query("chronology", built, text="brown")
    keys = q.fetch_keys(workspace, query)
    assert keys and all(key[0] == "statement" for key in keys)
    assert set(q.fetch_by_keys(workspace, query, [*keys, ("event", -1), ("statement", -2)])) == set(
        keys
    )
    assert q.fetch_by_keys(workspace, query, []) == {}


def test_the_statement_list_reads_only_its_date_index_for_its_keys(
    sqlite_workspace: Workspace,
) -> None:
    """The keys of the default statement list come from the (case_id, date) index alone,
    in its order: no statement row, speaker or document is read, and nothing is sorted
    (50,000 rows: ~15 ms, not ~110)."""
    import sqlite3

    from sqlalchemy import select

    built = _build(sqlite_workspace)
    query = _query("statements", built)
    src = q._source(sqlite_workspace, query, q._needed(query))
    stmt = (
        select(src.c.id)
        .where(src.c.date > "")
        .order_by(*q._order(sqlite_workspace, src, query, dated=True))
    )
    sql = str(stmt.compile(sqlite_workspace.engine, compile_kwargs={"literal_binds": True}))
    with sqlite3.connect(str(sqlite_workspace.path)) as raw:
        plan = " | ".join(row[-1] for row in raw.execute("EXPLAIN QUERY PLAN " + sql))
    assert "COVERING INDEX ix_statements_case_date" in plan, plan
    assert "parties" not in plan and "people" not in plan, plan
    assert "TEMP B-TREE" not in plan, plan


def test_keys_of_a_filter_on_labels_match_the_rows(workspace: Workspace) -> None:
    """A filter word matching vocabulary labels becomes an IN list of codes."""
    built = _build(workspace)
    for name, text in (
        ("chronology", "court appearance"),
        ("people", "police"),
        ("cases", "on hold"),
    ):
        query = _query(name, None if name == "cases" else built, text=text)
        rows = _all(workspace, query)
        key = q.SPECS[name].key
        assert rows
        assert q.fetch_keys(workspace, query) == [
            row[key[0]] if len(key) == 1 else tuple(row[k] for k in key) for row in rows
        ]
