"""Statements in Other Cases…: from a person's right-click menu, their detail pane and
the person form, the dialog lists their statements in the other cases (this case only
when asked), names every control, works by keyboard and exports the report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.context import AppContext
from app.gui import actions
from app.gui.dialogs.person_statements import PersonStatementsDialog, open_person_statements
from app.gui.settings import QSettingsMapping
from app.gui.window.context_menus import menu_texts
from app.gui.window.main_window import MainWindow
from tests.core.services.person_cases import OfficerCases, build_officer_cases
from tests.gui.accessibility.walk import unnamed_controls
from tests.gui.recording import RecordingInteraction


@pytest.fixture
def officer(empty_ctx: AppContext) -> OfficerCases:
    empty_ctx.interaction = RecordingInteraction()
    return build_officer_cases(empty_ctx.workspace)


@pytest.fixture
def window(qtbot: Any, empty_ctx: AppContext, qsettings: Any, officer: OfficerCases) -> MainWindow:
    empty_ctx.settings = QSettingsMapping(qsettings)  # type: ignore[assignment]
    win = MainWindow(empty_ctx, actions=actions)
    win.resize(1200, 760)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _open_dialogs() -> list[PersonStatementsDialog]:
    return [
        w for w in QApplication.topLevelWidgets()
        if isinstance(w, PersonStatementsDialog) and w.isVisible()
    ]  # fmt: skip


def _tree(dialog: PersonStatementsDialog) -> list[tuple[str, list[str]]]:
    tree = dialog.tree
    out = []
    for i in range(tree.topLevelItemCount()):
        head = tree.topLevelItem(i)
        out.append(
            (
                head.text(0).split(" \u2014 ")[0],
                [head.child(j).text(4) for j in range(head.childCount())],
            )
        )
    return out


def _select_person(window: MainWindow, name: str) -> Any:
    window.show_section("people")
    section = window.case_view.sections["people"]
    model = section.table.model()
    for row in range(model.rowCount()):
        if name in str(model.index(row, 0).data()):
            section.table.selectRow(row)
            return section
    raise AssertionError(f"{name} is not in the list")


def test_the_menu_opens_the_officer_s_statements_in_the_other_cases(
    window: MainWindow, officer: OfficerCases, qtbot: Any
) -> None:
    window.open_case(officer.baker)
    section = _select_person(window, "Kenneth Thomas")
    menu = window.context_menus.popup(
        section.table,
        lambda m, row: window.context_menus.fill_record_menu(m, row, section),
        None,
    )
    assert "Statements in Other Cases…" in menu_texts(menu)
    next(a for a in menu.actions() if "Other Cases" in a.text()).trigger()
    (dialog,) = _open_dialogs()
    qtbot.addWidget(dialog)
    assert _tree(dialog) == [
        ("People v. Cole (CR-2026-0007)", ["The defendant ran from me."]),
        ("People v. Diaz (CR-2026-0300)", ["Recovered a knife."]),
    ]
    assert "3 statements" not in dialog.person_label.text()
    assert "2 statements in 2 other cases" in dialog.person_label.text()
    assert "Kenneth R. Thomas" in dialog.person_label.text()  # the same officer, again
    assert [dialog.near.item(i).text() for i in range(dialog.near.count())][0].startswith(
        "Ken Thomas"
    )
    dialog.include_case.setChecked(True)
    assert _tree(dialog)[0] == (
        "People v. Baker (CR-2025-0042)",
        ["I was on patrol that night.", "I saw the defendant drop a bag."],
    )
    first = dialog.tree.topLevelItem(0).child(0)
    assert [first.text(c) for c in (0, 1, 2, 3)] == [
        "October 1, 2025", "Sworn testimony (sworn)", "the grand jury", "14:2-15:6",
    ]  # fmt: skip
    dialog.close()


def test_the_detail_pane_link_opens_it_too(
    window: MainWindow, officer: OfficerCases, qtbot: Any
) -> None:
    window.open_case(officer.cole)
    section = _select_person(window, "Kenneth Thomas")
    assert "Statements in other cases" in section.detail.toHtml()
    section.navigate.emit("others", {"record": "party", "id": officer.thomas_in_cole})
    (dialog,) = _open_dialogs()
    qtbot.addWidget(dialog)
    assert [case for case, _ in _tree(dialog)] == [
        "People v. Baker (CR-2025-0042)",
        "People v. Diaz (CR-2026-0300)",
    ]
    dialog.close()


def test_every_control_is_named_and_the_keyboard_reaches_export(
    empty_ctx: AppContext, officer: OfficerCases, qtbot: Any
) -> None:
    dialog = open_person_statements(empty_ctx, officer.thomas, officer.baker)
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    assert unnamed_controls(dialog, "statements in other cases") == []
    assert dialog.focusWidget() is dialog.tree
    reached = []
    for _ in range(8):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        reached.append(dialog.focusWidget())
    assert dialog.include_case in reached and dialog.export_button in reached
    dialog.close()


def test_export_report_writes_the_pdf_the_person_chose(
    empty_ctx: AppContext, officer: OfficerCases, qtbot: Any, tmp_path: Path
) -> None:
    talk = empty_ctx.interaction
    dialog = open_person_statements(empty_ctx, officer.thomas, officer.baker)
    qtbot.addWidget(dialog)
    target = tmp_path / "thomas"
    talk.saves.append(str(target))  # typed without a suffix: a PDF
    dialog.export_button.click()
    written = tmp_path / "thomas.pdf"
    text = " ".join(p.extract_text() for p in PdfReader(written).pages)
    assert "The defendant ran from me." in text and "I was on patrol" not in text
    assert talk.said("inform", str(written))
    talk.saves.append(str(tmp_path / "missing" / "x" / "r.docx"))
    (tmp_path / "missing").write_text("a file where a folder should be")
    dialog.export_button.click()
    assert talk.said("warn", "cannot write")
    dialog.close()


def test_the_person_form_offers_it_once_a_person_is_on_record(
    empty_ctx: AppContext, officer: OfficerCases, qtbot: Any
) -> None:
    from PySide6.QtWidgets import QPushButton

    from app.gui.forms.party import PartyForm

    form = PartyForm(empty_ctx, None, record_id=officer.thomas_in_cole)
    qtbot.addWidget(form)
    (button,) = [b for b in form.findChildren(QPushButton) if "Other Cases" in b.text()]
    assert button.isEnabled() and button.accessibleName() == "Statements in Other Cases"
    button.click()
    (dialog,) = _open_dialogs()
    qtbot.addWidget(dialog)
    assert dialog.case_id == officer.cole and dialog.person_id == officer.thomas
    dialog.close()
    new = PartyForm(empty_ctx, officer.cole)
    qtbot.addWidget(new)
    (button,) = [b for b in new.findChildren(QPushButton) if "Other Cases" in b.text()]
    assert not button.isEnabled()  # a new person has no other cases yet


def test_the_whole_statement_chosen_is_shown_under_the_list(
    empty_ctx: AppContext, officer: OfficerCases, qtbot: Any
) -> None:
    dialog = open_person_statements(empty_ctx, officer.thomas, officer.cole)
    qtbot.addWidget(dialog)
    assert dialog.words.text() == "“I was on patrol that night.”"  # the first, chosen
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(0).child(1))
    assert dialog.words.text() == "“I saw the defendant drop a bag.”"
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(1))  # a case's line: no words
    assert dialog.words.text() == ""
    dialog.close()


def test_a_near_match_opens_that_person_s_own_statements(
    empty_ctx: AppContext, officer: OfficerCases, qtbot: Any
) -> None:
    dialog = open_person_statements(empty_ctx, officer.thomas, officer.baker)
    qtbot.addWidget(dialog)
    dialog.near.itemActivated.emit(dialog.near.item(0))
    (ken,) = [d for d in _open_dialogs() if d is not dialog]
    assert ken.person_id == officer.ken and ken.case_id is None
    assert _tree(ken) == [("People v. Evans (CR-2026-0411)", ["Ken's words, not his."])]
    ken.close()
    dialog.close()
