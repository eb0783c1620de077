"""The court appearance form: a court date as it is recorded at the bench, then what it
means for the speedy-trial clock (CPL 30.30) under a heading of its own."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy

from app.core import vocab
from app.core.services import appearances
from app.core.services.operations import SavePlan
from app.gui import style
from app.gui.forms.record import EntityForm
from app.gui.widgets.accessible import describe, name_editors
from app.gui.widgets.basic import (
    CheckBox,
    ChoiceCombo,
    CountEdit,
    LineEdit,
    OptionalLineEdit,
    PlainTextEdit,
    VocabCombo,
)
from app.gui.widgets.date_edit import PartialDateEdit

SPEEDY_TRIAL = "Speedy-trial (CPL 30.30)"
BY_DEFENSE_HINT = "Excludable even without a ground below (30.30(4)(b))"
# Whether the People answered ready: often nobody noted it, so "not said" is a choice.
READY_CHOICES = ((True, "Yes"), (False, "No"))


def inline(form: EntityForm, name: str, widget: Any, label: str) -> QHBoxLayout:
    """A second, small field on a row, after its own label (its buddy)."""
    form.bind(name, widget, label)
    caption = QLabel(f"{label}:")
    caption.setBuddy(widget)
    row = QHBoxLayout()
    row.setSpacing(8)
    row.addSpacing(10)
    row.addWidget(caption)
    row.addWidget(widget)
    return row


class AppearanceForm(EntityForm):
    kind = "appearance"
    default_size = (780, 700)

    def build(self) -> None:
        court = self.new_form()
        date = self.bind("date", PartialDateEdit(), self.label_of("date"))
        time = OptionalLineEdit("09:30")
        time.setMaximumWidth(80)
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(date, 1)
        row.addLayout(inline(self, "time", time, self.label_of("time")))
        self.add_row(court, "Date", row, ["date", "time"], [date])
        self.add(court, "purpose", VocabCombo(vocab.APPEARANCE_PURPOSES))
        self.add(court, "part", LineEdit("e.g. AP-7 or Part 31"))
        self.add(court, "judge", LineEdit("e.g. Hon. Rosa Diaz"))
        self.add(court, "outcome", PlainTextEdit("What the court did, what was said", 3))
        self.add(court, "custody_after", ChoiceCombo(vocab.CUSTODY.items(), "Not said"))
        self.add(court, "adjourned_to", PartialDateEdit())

        heading = self.section(SPEEDY_TRIAL)
        heading.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        clock = self.new_form()
        asked_by = ChoiceCombo(vocab.ADJOURNMENT_REQUESTERS.items(), "Not said")
        self.bind("requested_by", asked_by, self.label_of("requested_by"))
        self.requested_hint = style.muted(QLabel())
        self.requested_hint.setWordWrap(True)
        row = QHBoxLayout()
        row.setSpacing(10)
        row.addWidget(asked_by)
        row.addWidget(self.requested_hint, 1)
        self.add_row(clock, self.label_of("requested_by"), row, ["requested_by"], [asked_by])
        ready = self.bind("people_ready", ChoiceCombo(READY_CHOICES, "Not said"), "People ready")
        asked = CountEdit("e.g. 7", 999)
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(ready)
        row.addLayout(inline(self, "people_asked_days", asked, "Days the People asked for"))
        row.addStretch(1)
        self.add_row(clock, "People ready", row, ["people_ready", "people_asked_days"], [ready])
        self.add(
            clock,
            "excludable",
            ChoiceCombo(vocab.EXCLUDABLE_GROUNDS.items(), "None", min_chars=30),
        )
        self.add(clock, "excludable_other", LineEdit("The ground, in a few words"))
        arguable = CheckBox("Arguable: the defense contests this exclusion")
        self.bind("arguable", arguable, self.label_of("arguable"))
        self.add_row(clock, "", arguable, ["arguable"])
        self.add(clock, "notes", PlainTextEdit(lines=2, grow=True))

        asked_by.changed.connect(self._update_enabled)
        ready.changed.connect(self._update_enabled)
        self.fields["excludable"].changed.connect(self._update_enabled)
        name_editors(self.fields, self.labels)
        self._update_enabled()

    def _update_enabled(self) -> None:
        # Days asked for mean something only when the People were not ready (30.30(4));
        # the free-text ground only for "other".
        self.fields["people_asked_days"].setEnabled(self.fields["people_ready"].value() is False)
        self.fields["excludable_other"].setEnabled(self.fields["excludable"].value() == "other")
        # The defense's own request or consent excludes the period without a ground
        # (30.30(4)(b)): say so, so nobody picks a ground to make it count.
        by_defense = self.fields["requested_by"].value() in ("defense", "consent")
        self.requested_hint.setText(BY_DEFENSE_HINT if by_defense else "")
        describe(self.fields["requested_by"], BY_DEFENSE_HINT if by_defense else "")

    def load_values(self, values: Mapping[str, Any]) -> None:
        super().load_values(values)
        self._update_enabled()

    def load_defaults(self) -> None:
        super().load_defaults()
        # The next appearance is usually the one the last was adjourned to, in the same
        # part before the same judge; otherwise it is recorded on the day, in court.
        self.fields["date"].set_value(dt.date.today().isoformat())
        pending = self.pending_appearance()
        if pending is not None:
            self.load_values(pending)
        self._update_enabled()

    def pending_appearance(self) -> dict[str, Any] | None:
        """The date, part and judge of the court date the case's latest appearance was
        adjourned to, when that date has no appearance recorded yet."""
        if self.case_id is None:
            return None
        earlier = appearances.appearances_of_case(self.ws, self.case_id)
        if not earlier:
            return None
        latest = max(earlier, key=lambda a: (a.date.iso(), a.id))
        recorded = {a.date.iso() for a in earlier}
        if latest.adjourned_to is None or latest.adjourned_to.iso() in recorded:
            return None
        return {"date": latest.adjourned_to.iso(), "part": latest.part, "judge": latest.judge}

    def plan(self) -> SavePlan:
        plan = super().plan()
        # A disabled field keeps its text in case it is enabled again, but is not saved.
        if plan.values.get("people_ready") is not False:
            plan.values["people_asked_days"] = None
        if plan.values.get("excludable") != "other":
            plan.values["excludable_other"] = ""
        return plan
