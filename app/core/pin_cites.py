"""Reading a page number out of a pin cite ("p. 3", "pp. 3-4", "page 3", "3:12").

A statement's pin cite says where in its source document the words are; the document
viewer opens at that page. Paragraph cites ("¶ 4") and anything else without a page
give None: the viewer then opens at the first page.
"""

from __future__ import annotations

import re

# "p. 3", "p3", "pp. 3-4", "pp 3–4", "page 3", "pages 3 to 4", "pg. 3", "at 3"
_PAGE_WORD = re.compile(
    r"^\s*(?:at\s+)?(?:pp?\.?|pgs?\.?|pages?)\s*(\d+)\b",
    re.IGNORECASE,
)
# A transcript's "page:line", "3:12" or "3:12-4:2".
_PAGE_LINE = re.compile(r"^\s*(\d+)\s*:\s*\d+")
# A bare page number, "3" or "3-4".
_BARE = re.compile(r"^\s*(\d+)\s*(?:[-–—]\s*\d+\s*)?$")


def page_of_pin_cite(cite: str | None) -> int | None:
    """The first page (1-based) a pin cite points at, or None when it names no page."""
    if not cite:
        return None
    for pattern in (_PAGE_WORD, _PAGE_LINE, _BARE):
        match = pattern.match(cite)
        if match:
            page = int(match.group(1))
            return page if page >= 1 else None
    return None
