"""The Overview of a case: its particulars, the charges at a glance and what is in it."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.core import vocab
from app.core.errors import NotFoundError
from app.core.kinds import CASE_PARTS
from app.gui import style
from app.gui.models.record_list import format_date
from app.gui.sections.details import link, parse_link

READABLE_WIDTH = 880  # long lines are hard to read; the page does not grow past this
ADD_CLIENT = "casefile:add-client"
CLIENT_HELP = "The client is a person in this case with the client role (People)."


def _iso(value: Any) -> str | None:
    return value.iso() if value is not None else None


class OverviewSection(QWidget):
    name = "overview"
    title_text = "Overview"
    icon_name = "overview"

    navigate = Signal(str, dict)
    edit_requested = Signal()
    add_client_requested = Signal()  # "Add the client" on a case without one

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.case_id: int | None = None

        self.caption = style.heading("", 1.5)
        self.caption.setWordWrap(True)
        self.subtitle = style.muted(QLabel())
        self.edit_button = QPushButton(style.icon("edit"), "Edit case…")
        self.edit_button.setToolTip("Edit the case's particulars (F2)")
        self.edit_button.clicked.connect(self.edit_requested)

        self.form = QFormLayout()
        self.form.setHorizontalSpacing(style.MARGIN * 2)
        self.form.setVerticalSpacing(style.SPACING)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.fields: dict[str, QLabel] = {}
        for key, label in (
            ("client", "Client"),
            ("court", "Court"),
            ("jurisdiction", "Jurisdiction"),
            ("docket_number", "Docket number"),
            ("status", "Status"),
            ("next_court_date", "Next court date"),
            ("custody", "Custody"),
            ("commenced_on", "Commenced on"),
            ("opened_on", "Opened"),
            ("closed_on", "Closed"),
            ("assigned_staff", "Assigned staff"),
        ):
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
            self.fields[key] = value
            self.form.addRow(style.muted(QLabel(label)), value)
        # A client is a person in the case with the client role: say so, and offer one.
        client = self.fields["client"]
        client.setTextFormat(Qt.TextFormat.RichText)
        client.setOpenExternalLinks(False)
        client.setToolTip(CLIENT_HELP)
        client.linkActivated.connect(self._link)

        self.summary = self._text_label()
        self.charges = self._text_label()
        self.contents = self._text_label()
        for label in (self.charges, self.contents):
            label.linkActivated.connect(self._link)

        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.caption)
        titles.addWidget(self.subtitle)
        header.addLayout(titles, 1)
        header.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)

        page = QWidget()
        page.setMaximumWidth(READABLE_WIDTH)
        column = QVBoxLayout(page)
        column.setContentsMargins(style.PAGE_MARGIN, style.MARGIN, style.PAGE_MARGIN, style.MARGIN)
        column.setSpacing(style.SPACING)
        column.addLayout(header)
        column.addSpacing(style.SPACING)
        column.addLayout(self.form)
        for title, widget in (
            ("Summary", self.summary),
            ("Charges", self.charges),
            ("In this case", self.contents),
        ):
            column.addSpacing(style.MARGIN)
            column.addWidget(_rule())
            column.addWidget(style.heading(title, 1.1))
            column.addWidget(widget)
        column.addStretch()

        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(page, 1)
        row.addStretch(0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(holder)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def _text_label(self) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        label.setOpenExternalLinks(False)
        return label

    def _link(self, href: str) -> None:
        if href == ADD_CLIENT:
            self.add_client_requested.emit()
            return
        target = parse_link(href)
        if target is not None:
            self.navigate.emit(*target)
        elif href.startswith("casefile:"):
            self.navigate.emit(href.removeprefix("casefile:"), {})

    def set_case(self, case_id: int | None) -> None:
        self.case_id = case_id
        self.refresh()

    def refresh(self) -> None:
        from app.core.lists import links as record_links
        from app.core.services.cases import get_case

        if self.case_id is None:
            return
        try:
            case = get_case(self.ctx.workspace, self.case_id)
        except NotFoundError:
            return
        overview = record_links.case_overview(self.ctx.workspace, self.case_id)
        status = vocab.label(vocab.CASE_STATUSES, case["status"])
        self.caption.setText(case["caption"])
        bits = [case["docket_number"] and f"Docket {case['docket_number']}", status]
        self.subtitle.setText(" · ".join(b for b in bits if b))
        values = {
            "client": _clients_html(overview["clients"]),
            "court": case["court"] or "—",
            "jurisdiction": case["jurisdiction"] or "—",
            "docket_number": case["docket_number"] or "Not recorded",
            "status": status,
            "next_court_date": format_date(overview["next_court_date"]) or "None scheduled",
            "custody": vocab.label(vocab.CUSTODY, case["custody"]) or "Not recorded",
            # Day 0 of the speedy-trial clock; without one the arraignment counts.
            "commenced_on": format_date(_iso(case["commenced_on"]))
            or "Not recorded (the arraignment counts)",
            "opened_on": format_date(_iso(case["opened_on"])) or "—",
            "closed_on": format_date(_iso(case["closed_on"])) or "—",
            "assigned_staff": case["assigned_staff"] or "—",
        }
        for key, text in values.items():
            self.fields[key].setText(text)
        self.summary.setText(
            html.escape(case["summary"]).replace("\n", "<br>") or "<i>No summary yet.</i>"
        )
        self.charges.setText(self._charges_html(overview["charges"]))
        self.contents.setText(self._contents_html(overview))

    def _charges_html(self, charges: list[dict[str, Any]]) -> str:
        if not charges:
            return "<i>No charges recorded.</i> " + link_to("charges", "Add one in Charges")
        lines = []
        for charge in charges:
            text = f"Count {charge['count_number']}: {charge['statute']}"
            rest = " ".join(
                part
                for part in (
                    charge["description"],
                    f"({charge['offense_class']})" if charge["offense_class"] else "",
                )
                if part
            )
            status = vocab.label(vocab.CHARGE_STATUSES, charge["status"])
            lines.append(
                f"{link('charges', charge['id'], text)} {html.escape(rest)} — {html.escape(status)}"
            )
        return "<br>".join(lines)

    def _contents_html(self, overview: dict[str, Any]) -> str:
        counts = overview["counts"]
        parts = []
        for kind in CASE_PARTS:
            n = counts[kind.table]
            noun = kind.shown_noun if n == 1 else kind.shown_plural
            parts.append(link_to(str(kind.section), f"{n:,} {noun}"))
        text = " · ".join(parts)
        todos = overview["open_todos"]
        if todos:
            text += "<br>" + link_to("notes", f"{todos} open to-do{'s' if todos != 1 else ''}")
        return text


def _clients_html(clients: list[str]) -> str:
    if clients:
        return html.escape(", ".join(clients))
    return (
        "<i>None yet: the client is a person in this case with the client role.</i> "
        f'<a href="{ADD_CLIENT}">Add the client…</a>'
    )


def link_to(section: str, text: str) -> str:
    return f'<a href="casefile:{section}">{html.escape(text)}</a>'


def _rule() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line
