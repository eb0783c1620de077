"""The History view: a lazy, read-only model of the audit trail, shown readably."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from sqlalchemy import func, select

from app.context import AppContext
from app.core.services import notes, people
from app.core.services import statements as st
from app.core.storage import audit
from app.core.storage.models import AuditEntry
from app.gui.history_view import (
    PAGE,
    HistoryDialog,
    HistoryModel,
    case_scope,
    record_scope,
)


def _cells(model: HistoryModel, row: int) -> list[str]:
    return [model.index(row, c).data() for c in range(model.columnCount())]


def _first_statement(ctx: AppContext, case_id: int) -> Any:
    return st.statements_of_case(ctx.workspace, case_id)[0]


def test_a_long_history_is_fetched_a_page_at_a_time(
    qtmodeltester: Any, ctx: AppContext, sample_case_id: int
) -> None:
    statement = _first_statement(ctx, sample_case_id)
    with ctx.workspace.session() as session:
        for n in range(2 * PAGE + 50):
            audit.record(
                session, audit.UPDATE, "statements", statement.id, sample_case_id,
                {"pin_cite": [f"¶ {n}", f"¶ {n + 1}"]},
            )  # fmt: skip
    model = HistoryModel(ctx, case_scope(ctx, sample_case_id))
    with ctx.workspace.reader() as session:
        expected = session.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.case_id == sample_case_id)
        )
    assert model.total == expected
    assert model.rowCount() == PAGE  # only the first page is read on open
    assert model.canFetchMore(QModelIndex())
    qtmodeltester.check(model)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == expected
    # Newest first: the last change made is the first row, the sample's import the last.
    assert "¶ 449 → ¶ 450" in _cells(model, 0)[4]
    assert _cells(model, model.rowCount() - 1)[2] == "Imported"
    ids = [row.entry["id"] for row in model.rows]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == len(ids)


def test_changes_read_as_a_lawyer_would_write_them(
    qtmodeltester: Any, ctx: AppContext, sample_case_id: int
) -> None:
    statement = _first_statement(ctx, sample_case_id)
    long_note = "Check the body-cam footage against the complaint. " * 20
    st.update_statement(
        ctx.workspace, statement.id, date="2020-09~", setting="in_court", notes=long_note
    )
    model = HistoryModel(ctx, record_scope(ctx, "statement", statement.id))
    qtmodeltester.check(model)
    assert model.rowCount() == 1
    when, who, action, record, changes = _cells(model, 0)
    assert who == "tester" and action == "Changed"
    assert record.startswith("Statement: “")
    # Labels from the entity spec, dates as PartialDate.display(), codes as their labels.
    assert "Date: " in changes and "→ about September 2020" in changes
    assert "Setting: " in changes and "→ In court" in changes
    # A long text is elided in the cell; the tooltip has (much) more of it.
    assert "…" in changes and len(changes) < len(long_note)
    tip = model.index(0, 4).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.count("body-cam") > changes.count("body-cam")
    assert model.flags(model.index(0, 4)) & Qt.ItemFlag.ItemIsEditable == Qt.ItemFlag.NoItemFlags
    assert when  # local date and time


def test_a_partys_history_includes_its_person_and_names_what_ids_point_at(
    ctx: AppContext, sample_case_id: int
) -> None:
    party = people.parties_of_case(ctx.workspace, sample_case_id)[0]
    people.update_person(ctx.workspace, party.person_id, phone="555-0100")
    other = people.parties_of_case(ctx.workspace, sample_case_id)[1]
    statement = _first_statement(ctx, sample_case_id)
    st.update_statement(ctx.workspace, statement.id, speaker_id=other.id)
    model = HistoryModel(ctx, record_scope(ctx, "party", party.id))
    assert [_cells(model, r)[4] for r in range(model.rowCount())] == ["Phone: — → 555-0100"]
    name = people.get_person(ctx.workspace, other.person_id)["name"]
    changed = HistoryModel(ctx, record_scope(ctx, "statement", statement.id))
    assert f"→ {name}" in _cells(changed, 0)[4]  # an id shown as the person's name


def test_a_deleted_record_is_still_named(ctx: AppContext, sample_case_id: int) -> None:
    note = notes.notes_of_case(ctx.workspace, sample_case_id)[0]
    notes.update_note(ctx.workspace, note.id, body="Call the client's sister")
    notes.delete_note(ctx.workspace, note.id)
    model = HistoryModel(ctx, case_scope(ctx, sample_case_id))
    deleted, changed = _cells(model, 0), _cells(model, 1)
    assert deleted[2] == "Deleted" and deleted[3] == "Note: “Call the client's sister”"
    assert "Note was: Call the client's sister" in deleted[4]
    assert changed[3].startswith("Note (deleted): ")


def test_the_dialog_shows_the_selected_entry_in_full_and_cannot_edit(
    qtbot: Any, ctx: AppContext, sample_case_id: int
) -> None:
    statement = _first_statement(ctx, sample_case_id)
    st.update_statement(ctx.workspace, statement.id, pin_cite="¶ 99")
    dialog = HistoryDialog(ctx, case_scope(ctx, sample_case_id))
    qtbot.addWidget(dialog)
    dialog.show()
    assert "2 entries" in dialog.count_label.text()
    assert dialog.table.currentIndex().row() == 0
    shown = dialog.detail.toPlainText()
    assert "Before" in shown and "After" in shown and "¶ 99" in shown and "tester" in shown
    assert dialog.table.editTriggers() == dialog.table.EditTrigger.NoEditTriggers
    dialog.table.selectRow(1)
    assert "Imported" in dialog.detail.toPlainText()
    # It follows later changes when told to reload.
    st.update_statement(ctx.workspace, statement.id, pin_cite="¶ 100")
    dialog.reload()
    assert "3 entries" in dialog.count_label.text()
    assert "¶ 100" in dialog.detail.toPlainText()


def test_a_tampered_trail_is_flagged_and_a_garbled_entry_shown_unreadable(
    qtbot: Any, ctx: AppContext, sample_case_id: int
) -> None:
    """Raw SQL (guards dropped) overwrote one entry's time and another's changes."""
    statement = _first_statement(ctx, sample_case_id)
    with ctx.workspace.session() as session:
        for n in range(2):
            audit.record(
                session, audit.UPDATE, "statements", statement.id, sample_case_id,
                {"pin_cite": [f"¶ {n}", f"¶ {n + 1}"]},
            )  # fmt: skip
    with ctx.workspace.reader() as session:
        newest, before = session.scalars(
            select(AuditEntry.id).order_by(AuditEntry.id.desc()).limit(2)
        ).all()
    with ctx.workspace.engine.begin() as connection:
        connection.exec_driver_sql("DROP TRIGGER audit_log_no_update")
        connection.exec_driver_sql(f"UPDATE audit_log SET at = 'yesterday' WHERE id = {newest}")
        connection.exec_driver_sql(f"UPDATE audit_log SET changes = '{{oops' WHERE id = {before}")

    dialog = HistoryDialog(ctx, case_scope(ctx, sample_case_id))
    qtbot.addWidget(dialog)
    assert ctx.tasks.wait()  # the chain is checked off the window's thread
    warning = dialog.warning_label
    assert not warning.isHidden() and "tampered" in warning.text()
    first, second = _cells(dialog.model, 0), _cells(dialog.model, 1)
    assert "cannot be read" in first[4] and "cannot be read" in second[4]
    assert first[1] and first[3]  # who and what are still shown
    dialog.table.selectRow(0)
    assert "cannot be read" in dialog.detail.toPlainText()


def test_an_untouched_trail_shows_no_warning(
    qtbot: Any, ctx: AppContext, sample_case_id: int
) -> None:
    dialog = HistoryDialog(ctx, case_scope(ctx, sample_case_id))
    qtbot.addWidget(dialog)
    assert ctx.tasks.wait() and ctx.tasks.last_error is None
    assert dialog.warning_label.isHidden()
