"""Statements in Other Cases…: a person's statements across the cases the user may see.

Opened from a person in the People section (its right-click menu, and a link in its
detail pane) and from the person form. It lists the statements case by case, in date
order, with their date, setting, recipient, source and pin cite, the near matches the
conflict matcher finds (other records with a similar name, never included), and
Export Report… writes the list as a Word or PDF report
(:mod:`app.briefs.person_report_export`). What row security hides on an office server
the dialog never sees.

The core modules are imported where they are used: the window's context menus make
the action before the database layer need be loaded.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.gui.dialogs.base import Buttons, Dialog

if TYPE_CHECKING:
    from app.core.services.person_statements import PersonStatements

ACTION_TEXT = "Statements in &Other Cases…"
OTHER_CASES_LINK = "others"  # casefile:others/party/12, in a person's detail pane
REPORTS = "PDF (*.pdf);;Word (*.docx)"
COLUMNS = ("Date", "Setting", "To", "Source", "Statement")  # the words take what is left


class PersonStatementsDialog(Dialog):
    """The statements of ``person_id`` in every case the user may see; ``case_id`` (the
    case the window shows) is left out unless "Include this case" is ticked."""

    dialog_name = "person_statements"
    default_size = (980, 600)
    help_text = (
        "Every statement this person made in the office's other cases that you may "
        "see, case by case in date order: the prior statements to read before "
        "cross-examining. Person records with the same tax registry number are the "
        "same officer and are included; near matches are other people with a similar "
        "name, listed for you to check and never included. Export Report… saves the "
        "list as a Word or PDF report marked confidential on every page."
    )

    def __init__(
        self, ctx: Any, person_id: int, case_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, ctx=ctx, title="Statements in Other Cases")
        self.ctx = ctx
        self.person_id = person_id
        self.case_id = case_id
        self.found: PersonStatements | None = None
        layout = QVBoxLayout(self)
        self.person_label = QLabel()
        self.person_label.setWordWrap(True)
        self.person_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.person_label.setAccessibleName("Person")
        layout.addWidget(self.person_label)
        self.include_case = QCheckBox("&Include this case")
        self.include_case.setAccessibleName("Include this case")
        self.include_case.setAccessibleDescription(
            "Also list the statements in the case the window shows"
        )
        self.include_case.setVisible(case_id is not None)
        self.include_case.toggled.connect(self.reload)
        layout.addWidget(self.include_case)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setAccessibleName("Statements by case")
        self.tree.setAccessibleDescription(
            "Each case, then the person's statements in it in date order"
        )
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setIndentation(14)
        for column, width in enumerate((150, 175, 110, 125)):
            self.tree.setColumnWidth(column, width)
        layout.addWidget(self.tree, 1)
        # The whole of the statement chosen in the list, which its column cuts short.
        self.words = QLabel()
        self.words.setWordWrap(True)
        self.words.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.words.setAccessibleName("The selected statement")
        self.words.setMinimumHeight(48)
        self.words.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.tree.currentItemChanged.connect(self._show_words)
        layout.addWidget(self.words)
        self.near_label = QLabel("&Near matches (other people with a similar name, not included):")
        self.near = QListWidget()
        self.near.setAccessibleName("Near matches")
        self.near.setAccessibleDescription(
            "Other people with a similar name, not included; Enter shows their statements"
        )
        self.near.itemActivated.connect(self._open_near)
        self.near.setMaximumHeight(72)
        self.near_label.setBuddy(self.near)
        layout.addWidget(self.near_label)
        layout.addWidget(self.near)
        box = self.button_box(Buttons.Close)
        self.export_button = QPushButton("&Export Report…")
        self.export_button.setAccessibleName("Export Report")
        self.export_button.setAccessibleDescription("Save the statements as a Word or PDF report")
        self.export_button.clicked.connect(self.export_report)
        box.addButton(self.export_button, box.ButtonRole.ActionRole)
        layout.addWidget(box)
        self.reload()
        self.tree.setFocus()

    def reload(self) -> None:
        from app.core.errors import CasefileError
        from app.core.services.person_statements import statements_of_person

        exclude = None if self.include_case.isChecked() else self.case_id
        try:
            self.found = statements_of_person(
                self.ctx.workspace, self.person_id, exclude_case_id=exclude
            )
        except CasefileError as exc:
            self.found = None
            self.person_label.setText(str(exc))
            self.tree.clear()
            self.export_button.setEnabled(False)
            return
        self._show(self.found)

    def _show(self, found: PersonStatements) -> None:
        count, cases = found.statement_count, len(found.cases)
        where = (
            "other cases"
            if self.case_id is not None and not self.include_case.isChecked()
            else "cases"
        )
        lines = [
            f"<b>{_escape(found.person.describe())}</b>",
            *(
                f"Also recorded as {_escape(o.describe())}: the same tax registry number."
                for o in found.same_person
            ),
            f"{count} statement{'' if count == 1 else 's'} in {cases} {where} you may see.",
        ]
        self.person_label.setText("<br>".join(lines))
        self.setWindowTitle(f"Statements of {found.person.name} in Other Cases")
        self.tree.clear()
        for group in found.cases:
            part = f" \u2014 {group.part_text}" if group.part_text else ""
            head = QTreeWidgetItem([group.heading + part])
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            self.tree.addTopLevelItem(head)
            head.setFirstColumnSpanned(True)  # the case's line runs across the columns
            if not group.statements:
                head.addChild(QTreeWidgetItem(["", "", "", "", "No statements recorded."]))
            for s in group.statements:
                setting = s.setting_label + (" (sworn)" if s.sworn else "")
                words = " ".join(s.text.split())
                item = QTreeWidgetItem([s.date_text, setting, s.recipient, s.source_text, words])
                item.setToolTip(4, s.text)
                item.setData(4, Qt.ItemDataRole.UserRole, s.text)
                head.addChild(item)
        self.tree.expandAll()
        first = self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first.child(0) if first.childCount() else first)
        self.near.clear()
        for near in found.near:
            item = QListWidgetItem(near.describe())
            item.setData(Qt.ItemDataRole.UserRole, near.person.id)
            self.near.addItem(item)
        self.near.setVisible(bool(found.near))
        self.near_label.setVisible(bool(found.near))
        self.export_button.setEnabled(True)

    def export_report(self) -> str | None:
        """Ask where, then write the report (PDF unless the name ends in .docx)."""
        from app.briefs.names import case_file_name
        from app.briefs.person_report_export import write_person_report
        from app.core.errors import CasefileError

        if self.found is None:
            return None
        talk = self.interaction
        suggested = Path.home() / case_file_name(
            self.found.person.name, "statements across cases", "pdf"
        )
        name = talk.save_file(self, "Export Report", suggested, REPORTS)
        if not name:
            return None
        if not Path(name).suffix:  # typed without a suffix: the first format
            name += ".pdf"
        try:
            write_person_report(self.found, name)
        except CasefileError as exc:
            talk.warn(self, "Cannot save the report", str(exc))
            return None
        talk.inform(self, "Report saved", f"The statements are in {name}")
        return name

    def _open_near(self, item: QListWidgetItem) -> None:
        """A near match's own statements, in a dialog of their own, to compare."""
        open_person_statements(self.ctx, int(item.data(Qt.ItemDataRole.UserRole)), None, self)

    def _show_words(self, item: QTreeWidgetItem | None, _previous: object = None) -> None:
        words = item.data(4, Qt.ItemDataRole.UserRole) if item is not None else None
        self.words.setText(f"\u201c{words}\u201d" if words else "")


def _escape(text: str) -> str:
    import html

    return html.escape(text)


def open_person_statements(
    ctx: Any, person_id: int, case_id: int | None = None, parent: QWidget | None = None
) -> PersonStatementsDialog:
    """Show the dialog (not modal: a person may keep it beside the case) and return it."""
    dialog = PersonStatementsDialog(ctx, person_id, case_id, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def open_for_party(ctx: Any, party_id: int, parent: QWidget | None = None) -> Any:
    """The dialog for the person of ``party_id``, leaving out the party's own case."""
    from app.core.errors import CasefileError
    from app.core.services import choices, people
    from app.core.storage.models import Party

    try:
        person_id = people.get_party(ctx.workspace, party_id)["person_id"]
        case_id = choices.case_of(ctx.workspace, Party, party_id)
    except CasefileError as exc:
        ctx.interaction.warn(parent, "Casefile", str(exc))
        return None
    return open_person_statements(ctx, person_id, case_id, parent)


def other_cases_action(window: Any) -> QAction:
    """The action of the People list's right-click menu (the selected person), which
    also follows the "Statements in other cases…" link of a person's detail pane."""
    parent = window.window()
    action = QAction(ACTION_TEXT, parent)

    def selected() -> None:
        record = window.selected_record()
        if record is not None and record[0] == "party":
            open_for_party(window.ctx, record[1], parent)

    def follow(name: str, key: dict[str, Any]) -> None:
        if name == OTHER_CASES_LINK and "id" in key:
            open_for_party(window.ctx, int(key["id"]), parent)

    action.triggered.connect(selected)
    window.with_case_view(lambda view: view.sections["people"].navigate.connect(follow))
    return action


def other_cases_button(form: Any) -> QPushButton:
    """The person form's button: enabled once the form is about a person on record."""
    button = QPushButton(ACTION_TEXT)
    button.setAccessibleName("Statements in Other Cases")
    button.setAccessibleDescription("What this person said in the office's other cases")

    def update() -> None:
        button.setEnabled(getattr(form, "person_id", None) is not None)

    def show() -> None:
        if form.person_id is not None:
            open_person_statements(form.ctx, form.person_id, form.case_id, form)

    button.clicked.connect(show)
    form.name.edit.textChanged.connect(update)  # after the form links the name it picked
    update()
    return button
