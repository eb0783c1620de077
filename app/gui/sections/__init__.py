"""The pages of an open case: Overview and one list section per kind of record.

Their names are here, apart from the widgets (``app.gui.case_view``), for the window's
View menu: the app paints its first frame before it makes the case view. They come
from the table of record kinds (``app.core.kinds``), which loads no database code.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.core.kinds import CASE_PARTS, KIND_OF_SECTION

# The icon of a list where it is not its kind's.
_ICONS = {"people": "person", "chronology": "chronology"}

# name, title, icon, noun, plural
LIST_SECTIONS: tuple[tuple[str, str, str, str, str], ...] = tuple(
    (
        str(kind.section),
        str(kind.section).capitalize(),
        _ICONS.get(str(kind.section), kind.code),
        kind.shown_noun,
        kind.shown_plural,
    )
    for kind in CASE_PARTS
)
SECTION_NAMES = (
    ("overview",) + tuple(section[0] for section in LIST_SECTIONS) + ("clock", "timeline")
)
SECTION_OF_KIND: Mapping[str, str] = {kind: section for section, kind in KIND_OF_SECTION.items()}

# The kinds of record each list reads, for its rows or its detail pane: a change to
# any of them makes the list re-read (a change to others leaves it as it is).
SECTION_READS: Mapping[str, frozenset[str]] = {
    "people": frozenset({"party", "person", "statement", "event"}),
    "statements": frozenset({"statement", "party", "person", "document", "issue"}),
    "charges": frozenset({"charge"}),
    "documents": frozenset({"document", "statement", "event", "issue", "party", "person"}),
    # Court appearances and filings are dated entries of the case's chronology too.
    "chronology": frozenset(
        {"event", "statement", "party", "person", "document", "issue", "appearance", "filing"}
    ),
    "issues": frozenset({"issue", "statement", "event", "document", "party", "person"}),
    "notes": frozenset({"note"}),
    "court": frozenset({"appearance"}),
    "filings": frozenset({"filing"}),
    # Hand-added deadlines, and those computed from the ledger and the charges.
    "deadlines": frozenset({"deadline", "case", "charge", "appearance", "filing"}),
    "clock": frozenset({"case", "charge", "appearance", "filing"}),  # its 30.30 ledger
    # Dated events, statements (by speaker) and appearances, coloured by issue.
    "timeline": frozenset({"case", "event", "statement", "appearance", "issue", "party", "person"}),
}
# What the list of cases shows: captions, clients (parties and their people), court dates
# (events, and the adjourned-to dates of appearances).
CASE_LIST_READS = frozenset({"case", "party", "person", "event", "appearance"})
