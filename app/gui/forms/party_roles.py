"""The person form's fields by role: a group for an officer, one for a client, one for
a witness, each shown only while one of its roles is ticked.

Which roles bring which fields is :data:`app.core.services.role_fields.ROLE_GROUPS`
(the brief reads the same table). Each group is a framed box of its own, built once
and hidden or shown whole, so ticking a role adds its box under the roles and no
field elsewhere changes place or leaves a gap. A hidden group keeps what was typed
in it: unticking a role by mistake loses nothing, and the brief prints a group's
fields only for a person who has one of its roles.

Some of a group's fields are the person's (an officer's tax registry number, a
client's NYSID and language: the same in every case), the others their part in this
case (shield and command at the time, custody, subpoena); the form saves each where
it belongs (``PERSON_ROLE_FIELDS`` / ``PARTY_ROLE_FIELDS``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QBoxLayout,
    QFormLayout,
    QFrame,
    QGroupBox,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.core import vocab
from app.core.services.role_fields import (
    CLIENT,
    NYSID_EXAMPLE,
    OFFICER,
    PARTY_ROLE_FIELDS,
    PERSON_ROLE_FIELDS,
    ROLE_GROUPS,
    WITNESS,
    groups_for,
)
from app.gui.widgets.basic import CheckBox, ChoiceCombo, LineEdit
from app.gui.widgets.date_edit import PartialDateEdit

if TYPE_CHECKING:
    from app.gui.forms.record import EntityForm

LABELS = {name: spec.label for name, spec in {**PERSON_ROLE_FIELDS, **PARTY_ROLE_FIELDS}.items()}


class RoleGroups:
    """The group boxes of ``form``, added to ``into``; :meth:`show_for` shows those of
    the roles ticked."""

    def __init__(self, form: EntityForm, into: QBoxLayout) -> None:
        self.form = form
        self.boxes: dict[str, QGroupBox] = {}
        forms: list[QFormLayout] = []
        for group in ROLE_GROUPS:
            box = QGroupBox(group.title, form)
            box.setObjectName(f"{group.key}Fields")
            box.setAccessibleName(f"{group.title} details")
            box.setAccessibleDescription(
                "Shown while one of these roles is ticked: "
                + ", ".join(vocab.label(vocab.ROLES, r).lower() for r in sorted(group.roles))
            )
            layout = QVBoxLayout(box)
            layout.setContentsMargins(10, 6, 10, 8)
            forms.append(form.new_form(layout))
            _BUILDERS[group](self, forms[-1])
            # The column's width is the roles' and the notes': a box shown or hidden
            # must not widen it, or everything in the column would shift sideways.
            box.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Maximum)
            box.setVisible(False)
            into.addWidget(box)
            self.boxes[group.key] = box
        _share_label_width(forms)

    def show_for(self, roles: list[str]) -> None:
        shown = {group.key for group in groups_for(roles)}
        for key, box in self.boxes.items():
            box.setVisible(key in shown)

    def visible_groups(self) -> list[str]:
        return [key for key, box in self.boxes.items() if not box.isHidden()]

    # -- the groups ------------------------------------------------------------------

    def _officer(self, form_layout: QFormLayout) -> None:
        f = self.form
        shield = LineEdit("e.g. 4471")
        tax_id = LineEdit("e.g. 931045")
        shield.setMaximumWidth(140)
        tax_id.setMaximumWidth(140)
        f.field(form_layout, "shield_number", shield, LABELS["shield_number"], row_label="Shield")
        f.field(
            form_layout,
            "command",
            LineEdit("Precinct or unit at the time, e.g. 75th Precinct"),
            LABELS["command"],
        )
        f.field(form_layout, "tax_id", tax_id, LABELS["tax_id"], row_label="Tax registry no.")

    def _client(self, form_layout: QFormLayout) -> None:
        f = self.form
        nysid = LineEdit(f"e.g. {NYSID_EXAMPLE}")
        nysid.setMaximumWidth(140)
        f.field(form_layout, "nysid", nysid, "NYSID")
        custody = ChoiceCombo(vocab.CUSTODY_STATUSES.items(), "Not recorded")
        f.field(form_layout, "custody_status", custody, LABELS["custody_status"])
        f.field(
            form_layout,
            "custody_note",
            LineEdit("Bail amount, conditions, where held"),
            LABELS["custody_note"],
            row_label="Details",
        )
        f.field(form_layout, "language", LineEdit("e.g. Spanish"), LABELS["language"])
        interpreter = CheckBox("Needs an interpreter")
        f.bind("needs_interpreter", interpreter, LABELS["needs_interpreter"])
        f.add_row(form_layout, "", interpreter, focus=[interpreter])

    def _witness(self, form_layout: QFormLayout) -> None:
        f = self.form
        subpoenaed = CheckBox("Subpoenaed")
        served = PartialDateEdit()
        f.bind("subpoenaed", subpoenaed, LABELS["subpoenaed"])
        f.add_row(form_layout, "", subpoenaed, focus=[subpoenaed])
        f.field(form_layout, "subpoena_served_on", served, "Served on")
        # A served date belongs to a subpoena: the date waits for the tick, and
        # taking the tick off takes the date with it (the service refuses one alone).
        served.setEnabled(False)

        def follow(checked: bool) -> None:
            if not checked:
                served.set_value(None)
            served.setEnabled(checked)

        subpoenaed.toggled.connect(follow)


def _share_label_width(forms: list[QFormLayout]) -> None:
    """One label width for every group, so their fields line up and a wide editor (a
    date with its reading) never squeezes its label."""
    labels = []
    for form_layout in forms:
        for row in range(form_layout.rowCount()):
            item = form_layout.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if item is not None and item.widget() is not None:
                labels.append(item.widget())
    width = max((label.sizeHint().width() for label in labels), default=0)
    for label in labels:
        label.setMinimumWidth(width)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def scrolling_column(columns: QBoxLayout, stretch: int) -> QVBoxLayout:
    """A column added to ``columns`` that scrolls when the role groups shown need more
    height than the form has: the dialog itself never grows (and never jumps) when a
    role is ticked."""
    panel = QWidget()
    column = QVBoxLayout(panel)
    column.setContentsMargins(0, 0, 4, 0)
    column.setSpacing(8)
    scroll = QScrollArea()
    scroll.setObjectName("caseColumn")
    scroll.setAccessibleName("In this case")
    scroll.setWidget(panel)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.verticalScrollBar().setAccessibleName("Scroll the case details")
    # The column reads as part of the dialog, not as a white box inside it.
    panel.setAutoFillBackground(False)
    scroll.viewport().setBackgroundRole(QPalette.ColorRole.Window)
    columns.addWidget(scroll, stretch)
    return column


_BUILDERS = {OFFICER: RoleGroups._officer, CLIENT: RoleGroups._client, WITNESS: RoleGroups._witness}
