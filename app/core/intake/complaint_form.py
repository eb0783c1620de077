"""Whether a text is a criminal complaint or an affidavit in the deponent's sworn form.

A complaint names its form ("felony complaint", "affidavit") near its head and swears its
allegations ("Deponent states", "being duly sworn, deposes and says", "I, Jo Roe, ...");
a police report that mentions a "complaint number" or a "complainant" is prose.
"""

from __future__ import annotations

import re

_FORM = re.compile(
    r"\b(?:criminal|felony|misdemeanor)\s+complaint\b|\baffidavit\b|\bcomplaint\b", re.IGNORECASE
)
# A police report's title, and a complaint's or affidavit's, in the first lines of a text.
_REPORT_TITLE = re.compile(
    r"(?im)\b(?:incident|arrest|offen[cs]e|supplement(?:al|ary)|investigat\w*|crime|police"
    r"|follow-up|field)\s+report\b|^\s*narrative\s*:?\s*$"
)
_COMPLAINT_TITLE = re.compile(
    r"(?i)\b(?:criminal|felony|misdemeanor)\s+complaint\b|\baffidavit\b|\bdeposes?\b"
    r"|\bduly sworn\b"
)
_SWORN = re.compile(
    r"\bdeponent\b|\bdeposes? and (?:says|states?)\b|\bbeing (?:first )?duly sworn\b|\baffiant\b"
    r"|\bcomplainant\b",
    re.IGNORECASE,
)


def looks_like(text: str) -> bool:
    """Whether ``text`` is a complaint or an affidavit in the deponent's sworn form."""
    head = text[:4000]
    if not _FORM.search(head):
        return False
    title = "\n".join([line for line in head.splitlines() if line.strip()][:8])
    if _REPORT_TITLE.search(title) and not _COMPLAINT_TITLE.search(title):
        return False  # a police report ("Complaint No.", "Complainant stated") is prose
    formulas = len(
        re.findall(
            r"\b(?:[Dd]eponent|[Aa]ffiant|[Cc]omplainant) (?:is |was |further |also )*"
            r"(?:states|stated|informed|says|avers)",
            text,
        )
    )
    sworn_opening = re.search(
        r"\bbeing (?:first |by me )*duly sworn,?\s+(?:hereby\s+)?"
        r"(?:deposes?|states?|says?|avers?|makes complaint|complains)\b",
        head,
        re.IGNORECASE,
    )
    return (
        formulas >= 1
        or bool(sworn_opening)
        or bool(_SWORN.search(head) and re.search(r"\bI,\s+[A-Z]", head))
    )
