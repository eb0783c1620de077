"""The pages of an open case: Overview and one list section per kind of record.

Their names are here, apart from the widgets (``app.gui.case_view``), for the window's
View menu: the app paints its first frame before it makes the case view.
"""

# name, title, icon, noun, plural
LIST_SECTIONS = (
    ("people", "People", "person", "person", "people"),
    ("statements", "Statements", "statement", "statement", "statements"),
    ("charges", "Charges", "charge", "charge", "charges"),
    ("documents", "Documents", "document", "document", "documents"),
    ("chronology", "Chronology", "chronology", "event", "events"),
    ("issues", "Issues", "issue", "issue", "issues"),
    ("notes", "Notes", "note", "note", "notes"),
)
SECTION_NAMES = ("overview",) + tuple(section[0] for section in LIST_SECTIONS)
SECTION_OF_KIND = {
    "party": "people",
    "statement": "statements",
    "charge": "charges",
    "document": "documents",
    "event": "chronology",
    "issue": "issues",
    "note": "notes",
}
