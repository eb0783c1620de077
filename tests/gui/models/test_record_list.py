"""The lazy table models: Qt's model contract, SQL order and filter, paging."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt

from app.context import AppContext
from app.core.lists import queries
from app.core.services import cases, notes
from app.core.storage.models import Note
from app.gui.models.record_list import (
    KEY_ROLE,
    ROW_ROLE,
    RecordListModel,
    format_cell,
    format_size,
)
from tests.gui.court_records import COURT_LISTS, add_court_records

ALL_LISTS = list(queries.SPECS)


def _model(ctx: AppContext, name: str, case_id: int | None, **kwargs: Any) -> RecordListModel:
    if name in COURT_LISTS and case_id is not None:  # the sample case has no court dates
        add_court_records(ctx.workspace, case_id)
    return RecordListModel(ctx, name, None if name == "cases" else case_id, **kwargs)


@pytest.mark.parametrize("name", ALL_LISTS)
def test_every_list_model_passes_the_qt_model_tester(
    qtmodeltester: Any, ctx: AppContext, sample_case_id: int, name: str
) -> None:
    model = _model(ctx, name, sample_case_id)
    assert model.rowCount() > 0
    qtmodeltester.check(model)


def _sorted_in_python(
    rows: list[dict[str, Any]], col: Any, key: tuple[str, ...], descending: bool
) -> list[dict[str, Any]]:
    """The rows in the order a list promises, worked out here from their values: by what
    people read (a vocabulary's label), text ignoring case, blanks last either way,
    dates then times, ties in key order."""

    def value(row: dict[str, Any], name: str) -> Any:
        raw = row[name]
        if name != col.key:  # the time of day that follows a date
            return raw or None
        if col.kind in {"vocab", "todo"} and col.vocabulary:
            raw = col.vocabulary.get(raw, raw)
        if col.kind in {"text", "vocab", "roles", "todo"}:
            return raw.lower() if raw else None
        if col.kind in {"date", "time"}:
            return raw or None
        return raw

    def by(name: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        known = [r for r in rows if value(r, name) is not None]
        blank = [r for r in rows if value(r, name) is None]
        return sorted(known, key=lambda r: value(r, name), reverse=descending) + blank

    ordered = sorted(rows, key=lambda r: tuple(r[k] for k in key))
    if col.kind == "date" and "time" in rows[0]:
        ordered = by("time", ordered)
    return by(col.key, ordered)


@pytest.mark.parametrize("name", ALL_LISTS)
def test_every_column_sorts_both_ways(ctx: AppContext, sample_case_id: int, name: str) -> None:
    model = _model(ctx, name, sample_case_id)
    spec = model.spec
    rows = [model.index(r, 0).data(ROW_ROLE) for r in range(model.rowCount())]
    for column, col in enumerate(spec.columns):
        for order, descending in (
            (Qt.SortOrder.AscendingOrder, False),
            (Qt.SortOrder.DescendingOrder, True),
        ):
            model.sort(column, order)
            shown = [model.index(r, 0).data(KEY_ROLE) for r in range(model.rowCount())]
            expected = _sorted_in_python(rows, col, spec.key, descending)
            assert shown == [{k: row[k] for k in spec.key} for row in expected], col.key


def test_text_sorts_case_insensitively_with_blanks_last(empty_ctx: AppContext) -> None:
    for caption, docket in (("beta", "B-2"), ("Alpha", ""), ("gamma", "A-1")):
        cases.add_case(empty_ctx.workspace, caption=caption, docket_number=docket)
    model = RecordListModel(empty_ctx, "cases")
    captions = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert captions == ["Alpha", "beta", "gamma"]
    model.sort(1, Qt.SortOrder.DescendingOrder)
    dockets = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert dockets == ["B-2", "A-1", ""]


def test_filter_runs_in_sql_on_shown_labels(ctx: AppContext, sample_case_id: int) -> None:
    model = RecordListModel(ctx, "people", sample_case_id)
    everyone = model.total
    model.set_filter("spokesperson")
    assert 0 < model.total < everyone
    role_column = [c.key for c in model.spec.columns].index("roles")
    for row in range(model.rowCount()):
        shown = " ".join(model.index(row, c).data() for c in range(model.columnCount()))
        assert "spokesperson" in shown.lower(), model.index(row, role_column).data()
    model.set_filter("no such person anywhere")
    assert model.total == model.rowCount() == 0
    model.set_filter("")
    assert model.total == everyone


def test_chronology_shows_approximate_dates_as_such(ctx: AppContext, sample_case_id: int) -> None:
    model = RecordListModel(ctx, "chronology", sample_case_id)
    dates = [model.index(r, 0) for r in range(model.rowCount())]
    approximate = [i for i in dates if str(i.data()).startswith("about ")]
    assert approximate, "the sample has approximate dates"
    assert all(i.data(Qt.ItemDataRole.FontRole).italic() for i in approximate)
    records = {model.index(r, 0).data(KEY_ROLE)["record"] for r in range(model.rowCount())}
    assert records == {"event", "statement"}


@pytest.fixture
def many_notes(ctx: AppContext, sample_case_id: int) -> int:
    """450 notes more in the sample case, written in one go."""
    with ctx.workspace.session() as session:
        session.add_all(Note(case_id=sample_case_id, body=f"Bulk-{i:03d}") for i in range(450))
    return len(notes.notes_of_case(ctx.workspace, sample_case_id))


def test_every_row_is_counted_up_front_and_read_a_page_at_a_time(
    ctx: AppContext, sample_case_id: int, many_notes: int
) -> None:
    model = RecordListModel(ctx, "notes", sample_case_id, page_size=200)
    # The scroll bar is true from the start; no row is read until one is shown.
    assert model.total == model.rowCount() == many_notes
    assert model.page_reads == 0 and model.cached_rows() == 0
    assert model.index(0, 0).data()
    assert (model.page_reads, model.cached_rows()) == (1, 200)
    last = model.index(many_notes - 1, 0).data()
    # Only the last page is read to show the last row, not the pages between.
    assert model.page_reads == 2
    assert model.cached_rows() == 200 + (many_notes - 1) % 200 + 1
    expected = queries.fetch_rows(ctx.workspace, model.query, many_notes - 1, 1)[0]
    assert last == expected["body"]
    model.index(5, 0).data()
    assert model.page_reads == 2  # page 0 is still held


def test_only_a_few_pages_are_held_and_every_row_is_in_sql_order(
    ctx: AppContext, sample_case_id: int, many_notes: int
) -> None:
    model = RecordListModel(ctx, "notes", sample_case_id, page_size=10, cached_pages=3)
    model.sort(0, Qt.SortOrder.AscendingOrder)
    expected = queries.fetch_rows(ctx.workspace, model.query, 0, many_notes)
    shown = [model.index(r, 0).data(ROW_ROLE)["id"] for r in range(model.rowCount())]
    assert shown == [row["id"] for row in expected]
    assert model.cached_rows() <= 30
    # Jumping back and forth reads each page again only once it has been dropped.
    reads = model.page_reads
    model.index(0, 0).data()
    assert model.page_reads == reads + 1


def test_the_model_tester_passes_across_page_boundaries(
    qtmodeltester: Any, ctx: AppContext, sample_case_id: int
) -> None:
    model = RecordListModel(ctx, "chronology", sample_case_id, page_size=3, cached_pages=2)
    assert model.rowCount() > 6
    qtmodeltester.check(model)


def test_sorting_and_filtering_read_the_keys_again(
    ctx: AppContext, sample_case_id: int, many_notes: int
) -> None:
    model = RecordListModel(ctx, "notes", sample_case_id, page_size=200)
    model.index(300, 0).data()
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.cached_rows() == 0 and model.rowCount() == many_notes
    expected = queries.fetch_rows(ctx.workspace, model.query, 0, 3)
    assert [model.index(r, 0).data(KEY_ROLE) for r in range(3)] == [
        {"id": row["id"]} for row in expected
    ]
    model.set_filter("bulk-4")
    assert model.total == model.rowCount() == 50


def test_find_row_finds_any_row_without_reading_rows(
    ctx: AppContext, sample_case_id: int, many_notes: int
) -> None:
    model = RecordListModel(ctx, "notes", sample_case_id, page_size=200)
    model.sort(0, Qt.SortOrder.AscendingOrder)
    last = queries.fetch_rows(ctx.workspace, model.query, model.total - 1, 1)[0]
    row = model.find_row({"id": last["id"]})
    assert row == model.total - 1
    assert model.page_reads == 0
    assert model.key_at(row) == {"id": last["id"]}
    assert model.row_data(row)["body"] == last["body"]
    hidden = next(
        r
        for r in queries.fetch_rows(ctx.workspace, model.query, 0, 1000)
        if "Bulk-4" not in r["body"]
    )
    model.set_filter("bulk-4")
    assert model.find_row({"id": hidden["id"]}) is None
    assert model.find_row({"id": -1}) is None


def test_refresh_reads_the_keys_and_rows_again(
    ctx: AppContext, sample_case_id: int, many_notes: int
) -> None:
    model = RecordListModel(ctx, "notes", sample_case_id, page_size=200)
    model.index(0, 0).data()
    new_id = notes.add_note(ctx.workspace, sample_case_id, body="One more")
    model.refresh()
    assert model.total == model.rowCount() == many_notes + 1
    row = model.find_row({"id": new_id})
    assert row is not None and model.index(row, 0).data() == "One more"


def test_a_row_deleted_elsewhere_shows_blank_until_refresh(
    ctx: AppContext, sample_case_id: int, many_notes: int
) -> None:
    model = RecordListModel(ctx, "notes", sample_case_id, page_size=200)
    key = model.key_at(3)
    notes.delete_note(ctx.workspace, key["id"])  # another user, say
    assert model.index(3, 0).data() is None
    assert model.index(3, 0).data(KEY_ROLE) == key
    model.refresh()
    assert model.total == many_notes - 1 and model.find_row(key) is None


def test_scrolling_a_table_to_the_end_reads_only_the_pages_shown(
    qapp: Any, ctx: AppContext, sample_case_id: int, many_notes: int
) -> None:
    from app.gui.sections.list_section import RecordTable

    model = RecordListModel(ctx, "notes", sample_case_id, page_size=50)
    table = RecordTable(model)
    table.resize(600, 400)
    table.show()
    qapp.processEvents()
    first = model.page_reads
    assert first >= 1
    table.scrollToBottom()
    qapp.processEvents()
    last = table.indexAt(table.viewport().rect().bottomLeft() - QPoint(-2, 4)).row()
    assert last == many_notes - 1
    assert model.page_reads - first <= 2  # the last page (and the one before it, maybe)
    table.close()


@pytest.fixture
def many_statements(ctx: AppContext, sample_case_id: int) -> int:
    """450 statements more in the sample case, a few undated, written in one go."""
    from sqlalchemy import func, select

    from app.core.dates import PartialDate
    from app.core.storage.models import Statement

    with ctx.workspace.session() as session:
        speaker = session.scalar(
            select(Statement.speaker_id).where(Statement.case_id == sample_case_id).limit(1)
        )
        session.add_all(
            Statement(
                case_id=sample_case_id,
                speaker_id=speaker,
                date=None if i % 7 == 0 else PartialDate.from_iso(f"20{i % 30:02d}-0{i % 9 + 1}"),
                text=f"Bulk {i}",
            )
            for i in range(450)
        )
    with ctx.workspace.reader() as session:
        query = select(func.count()).where(Statement.case_id == sample_case_id)
        return int(session.scalar(query))


def test_the_first_and_last_screens_need_only_a_count_and_a_few_keys(
    qapp: Any, ctx: AppContext, sample_case_id: int, many_statements: int
) -> None:
    """Opening a list counts its rows and reads its first page's keys; scrolling to the
    end reads the last pages' keys backwards; only a row in between (or find_row) reads
    every key. Whichever way the keys came, the rows are in SQL order."""
    from app.gui.sections.list_section import RecordTable

    many = many_statements
    model = RecordListModel(ctx, "statements", sample_case_id, page_size=50)
    expected = [r["id"] for r in queries.fetch_rows(ctx.workspace, model.query, 0, 10_000)]
    assert model.total == model.rowCount() == many == len(expected)
    table = RecordTable(model)
    table.resize(600, 400)
    table.show()
    qapp.processEvents()
    table.scrollToBottom()
    qapp.processEvents()
    assert model.key_reads == 0
    last_two_pages = ((many - 1) // 50 - 1) * 50
    ends = [*range(0, 50), *range(last_two_pages, many)]
    assert [model.index(r, 0).data(ROW_ROLE)["id"] for r in ends] == [expected[r] for r in ends]
    text = model.spec.columns[3]
    assert model.index(many - 1, 3).data() == format_cell(text, model.row_data(many - 1)["text"])
    assert model.key_reads == 0
    middle = many // 2
    assert model.index(middle, 0).data(ROW_ROLE)["id"] == expected[middle]
    assert model.key_reads == 1
    assert model.find_row({"id": expected[7]}) == 7
    assert [model.index(r, 0).data(KEY_ROLE)["id"] for r in range(many)] == expected
    assert model.key_reads == 1
    table.close()
    # A filter costs as much to count as to list, and a text sort's first page as much
    # as sorting every row: their keys are read at once.
    model.set_filter("bulk")
    assert model.key_reads == 2 and model.total == 450
    model.set_filter("")
    assert model.key_reads == 2
    model.sort(1, Qt.SortOrder.AscendingOrder)
    assert model.key_reads == 3


def test_rows_deleted_before_every_key_is_read_leave_blanks_at_the_end(
    ctx: AppContext, sample_case_id: int, many_statements: int
) -> None:
    from sqlalchemy import delete

    from app.core.storage.models import Statement

    model = RecordListModel(ctx, "statements", sample_case_id, page_size=50)
    middle = queries.fetch_rows(ctx.workspace, model.query, 200, 1)[0]
    with ctx.workspace.session() as session:  # another user, say
        session.execute(delete(Statement).where(Statement.id == middle["id"]))
    assert model.rowCount() == many_statements
    assert model.index(many_statements // 2, 0).data()  # reads every key: one fewer now
    assert model.rowCount() == many_statements
    assert model.index(many_statements - 1, 0).data() is None
    assert model.index(many_statements - 1, 0).data(KEY_ROLE) is None
    model.refresh()
    assert model.total == many_statements - 1 and model.find_row({"id": middle["id"]}) is None


def test_cell_formats() -> None:
    date = queries.Column("d", "Date", "date")
    assert format_cell(date, "2020-06~") == "about June 2020"
    assert format_cell(date, "2020-06-14") == "June 14, 2020"
    assert format_cell(date, None) == ""
    roles = queries.SPECS["people"].column("roles")
    assert format_cell(roles, '["complainant", "police_officer"]') == "Complainant, Police officer"
    assert format_size(6840) == "6.7 KB" and format_size(12) == "12 bytes"
    text = queries.Column("t", "Text")
    assert format_cell(text, "two\nlines") == "two lines"
