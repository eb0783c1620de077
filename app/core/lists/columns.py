"""What each desktop list looks like: its columns, their kinds, its sort and its key.

:class:`ListLayout` is the part of a list a window needs to lay out its table (the
headers, widths, alignment, sort indicator); :class:`app.core.lists.specs.ListSpec`
adds the SELECT that fills it. Nothing here imports SQLAlchemy, so the desktop app
can paint its case list before the database layer is loaded. No Qt here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from app.core import vocab

ColumnKind = Literal[
    "text", "date", "vocab", "roles", "int", "size", "flag", "todo", "time", "stamp"
]
ListName = Literal[
    "cases",
    "people",
    "statements",
    "charges",
    "documents",
    "chronology",
    "issues",
    "notes",
    "court",
    "filings",
    "deadlines",
]
EXCERPT = 240  # characters of long text a list row carries; the detail pane shows all


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: ColumnKind = "text"
    vocabulary: Mapping[str, str] | None = None
    width: int = 140  # a starting width in pixels at 96 dpi; the view scales it
    # The list's main text (a quote, a description, a title): it takes the width the other
    # columns leave, while they are as wide as what they typically hold.
    fill: bool = False


@dataclass(frozen=True)
class ListLayout:
    name: ListName
    columns: tuple[Column, ...]
    default_sort: str
    key: tuple[str, ...] = ("id",)  # columns that identify a row
    case_scoped: bool = True
    # Rows may show a second line of the fill column's text, where the list has the room.
    two_lines: bool = False

    @property
    def fill_column(self) -> int | None:
        """The position of the column that takes the width left, if the list has one."""
        return next((i for i, col in enumerate(self.columns) if col.fill), None)

    def column(self, key: str) -> Column:
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(key)


@dataclass(frozen=True)
class ListQuery:
    """A list with its case, filter text and sort; ``app.core.lists.queries`` runs it with the
    SELECT of the list ``spec`` names (``spec`` may be the layout alone)."""

    spec: ListLayout
    case_id: int | None = None
    text: str = ""
    sort: str | None = None
    descending: bool = False
    today: str = field(default_factory=lambda: dt.date.today().isoformat())


TODO_LABELS: Mapping[str, str] = {"todo": "To do", "done": "Done", "": ""}
CHRONOLOGY_KINDS: Mapping[str, str] = {
    **vocab.EVENT_KINDS,
    "statement": "Statement",
    "appearance": "Court appearance",
    "filing": "Filing",
}
# The excludable grounds as a column shows them: the statute's long names are for the form
# and the detail pane. ``<ground>:arguable`` is a ground the defense means to contest.
_GROUNDS_SHORT = {
    "defense-request": "Defense request",
    "consent": "Consent",
    "motions": "Motions",
    "absent": "Defendant absent",
    "no-counsel": "No counsel",
    "exceptional": "Exceptional",
    "other-proceedings": "Other proceedings",
    "joinder": "Joinder",
    "other": "Other",
}
# Where a hand-added deadline stands on the list's day.
DEADLINE_STATES: Mapping[str, str] = {"met": "Met", "overdue": "Overdue", "due": "Due"}
EXCLUDABLE_SHORT: Mapping[str, str] = {
    **_GROUNDS_SHORT,
    **{f"{code}:arguable": f"{text} (arguable)" for code, text in _GROUNDS_SHORT.items()},
}

LAYOUTS: dict[str, ListLayout] = {
    layout.name: layout
    for layout in (
        ListLayout(
            "cases",
            (
                Column("caption", "Caption", width=320, fill=True),
                Column("docket_number", "Docket no.", width=130),
                Column("client", "Client", width=180),
                Column("status", "Status", "vocab", vocab.CASE_STATUSES, width=90),
                Column("next_court_date", "Next court date", "date", width=150),
            ),
            "caption",
            case_scoped=False,
        ),
        ListLayout(
            "people",
            (
                Column("name", "Name", width=230),
                Column("roles", "Roles", "roles", vocab.ROLES, width=190),
                Column("affiliation", "Affiliation", width=200, fill=True),
                Column("title", "Title", width=140),
                Column("statements", "Statements", "int", width=90),
            ),
            "name",
        ),
        ListLayout(
            "statements",
            (
                Column("date", "Date", "date", width=160),
                Column("speaker", "Speaker", width=170),
                Column("setting", "Setting", "vocab", vocab.STATEMENT_SETTINGS, width=130),
                Column("text", "Statement", width=360, fill=True),
                Column("pin_cite", "Pin cite", width=80),
            ),
            "date",
            two_lines=True,
        ),
        ListLayout(
            "charges",
            (
                Column("count_number", "Count", "int", width=76),
                Column("statute", "Statute", width=110),
                Column("description", "Description", width=260, fill=True),
                Column("offense_class", "Class", width=120),
                Column("offense_date", "Offense date", "date", width=130),
                Column("status", "Status", "vocab", vocab.CHARGE_STATUSES, width=90),
            ),
            "count_number",
        ),
        ListLayout(
            "documents",
            (
                Column("title", "Title", width=320, fill=True),
                Column("kind", "Kind", "vocab", vocab.DOCUMENT_KINDS, width=130),
                Column("date", "Date", "date", width=160),
                Column("file_name", "File", width=150),
                Column("size", "Size", "size", width=80),
            ),
            "date",
        ),
        ListLayout(
            "chronology",
            (
                # The time of day shows with the date (and sorts with it), not in a column.
                Column("date", "Date", "date", width=170),
                Column("kind", "Type", "vocab", CHRONOLOGY_KINDS, width=140),
                Column("what", "What happened", width=420, fill=True),
                Column("where", "Place / audience", width=150),
            ),
            "date",
            key=("record", "id"),
            two_lines=True,
        ),
        ListLayout(
            "issues",
            (
                Column("title", "Issue", width=360, fill=True),
                Column("status", "Status", "vocab", vocab.ISSUE_STATUSES, width=90),
                Column("statements", "Statements", "int", width=90),
                Column("events", "Events", "int", width=70),
                Column("documents", "Documents", "int", width=90),
            ),
            "title",
        ),
        ListLayout(
            "notes",
            (
                Column("body", "Note", width=460, fill=True),
                Column("todo", "To-do", "todo", TODO_LABELS, width=80),
                Column("staff_only", "Staff only", "flag", width=80),
                Column("updated_at", "Changed", "stamp", width=150),
            ),
            "updated_at",
            two_lines=True,
        ),
        # The court lists show their time in a column of its own: their rows have two
        # dates (adjourned to, met on), and a row's ``time`` is shown with every date.
        ListLayout(
            "court",
            (
                Column("date", "Date", "date", width=150),
                Column("at", "Time", "time", width=60),
                Column("purpose", "Purpose", "vocab", vocab.APPEARANCE_PURPOSES, width=130),
                Column("part", "Part", width=80),
                Column("judge", "Judge", width=150),
                Column("adjourned_to", "Adjourned to", "date", width=150),
                Column(
                    "requested_by",
                    "Asked by",
                    "vocab",
                    vocab.ADJOURNMENT_REQUESTERS,
                    width=100,
                ),
                Column("ready", "People ready", width=170),
                Column("excludable", "Excludable", "vocab", EXCLUDABLE_SHORT, width=160),
            ),
            "date",
        ),
        ListLayout(
            "filings",
            (
                Column("date", "Date", "date", width=150),
                Column("kind", "Kind", "vocab", vocab.FILING_KINDS, width=190),
                Column("with_coc", "With COC", "flag", width=85),
                Column("title", "Title", width=300, fill=True),
            ),
            "date",
        ),
        ListLayout(
            "deadlines",
            (
                Column("date", "Due", "date", width=150),
                Column("at", "Time", "time", width=60),
                Column("title", "Deadline", width=280, fill=True),
                Column("kind", "Kind", "vocab", vocab.DEADLINE_KINDS, width=130),
                Column("state", "Status", "vocab", DEADLINE_STATES, width=80),
                Column("met_on", "Met on", "date", width=150),
            ),
            "date",
        ),
    )
}
