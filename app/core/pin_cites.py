"""Pages read out of a pin cite ("p. 3", "pp. 3-4", "page 3", "3:12"), and the Bates
number each page of a document carries.

A statement's pin cite says where in its source document the words are; the document
viewer opens at that page. Paragraph cites ("¶ 4") and anything else without a page
give None: the viewer then looks for the quote itself. A document produced in
discovery is stamped page by page from its first Bates number ("DA000120"), so page
N's number is the first one counted on by N - 1, in the same width.
"""

from __future__ import annotations

import re

# "p. 3", "p3", "pp. 3-4", "pp 3–4", "page 3", "pages 3 to 4", "pg. 3", "at 3"
_PAGE_WORD = re.compile(
    r"^\s*(?:at\s+)?(?:pp?\.?|pgs?\.?|pages?)\s*(\d+)(?:\s*(?:[-–—]|to)\s*(\d+))?\b",
    re.IGNORECASE,
)
# A transcript's "page:line", "3:12" or "3:12-4:2".
_PAGE_LINE = re.compile(r"^\s*(\d+)\s*:\s*\d+(?:\s*[-–—]\s*(\d+)\s*:\s*\d+)?")
# A bare page number, "3" or "3-4".
_BARE = re.compile(r"^\s*(\d+)\s*(?:[-–—]\s*(\d+)\s*)?$")
# A Bates number: any prefix, then the digits that are counted ("DA000120", "SMITH-0042").
_BATES = re.compile(r"^(.*?)(\d+)(\D*)$")


def pages_of_pin_cite(cite: str | None) -> tuple[int, int] | None:
    """The first and last pages (1-based) a pin cite points at, or None when it names
    no page; a single page is its own last page."""
    if not cite:
        return None
    for pattern in (_PAGE_WORD, _PAGE_LINE, _BARE):
        match = pattern.match(cite)
        if match:
            first = int(match.group(1))
            if first < 1:
                return None
            last = int(match.group(2)) if match.group(2) else first
            return first, max(first, last)
    return None


def page_of_pin_cite(cite: str | None) -> int | None:
    """The first page (1-based) a pin cite points at, or None when it names no page."""
    pages = pages_of_pin_cite(cite)
    return pages[0] if pages else None


def bates_of_page(start: str | None, end: str | None, page: int) -> str | None:
    """The Bates number stamped on the 1-based ``page`` of a document whose range
    begins at ``start`` (None when it has no range, or the page is past ``end``)."""
    numbers = bates_numbers(start, end, page)
    return numbers[page - 1] if page >= 1 and len(numbers) >= page else None


def bates_numbers(start: str | None, end: str | None, pages: int) -> list[str]:
    """The Bates numbers of a document's first ``pages`` pages, as far as its range
    goes (all of them when it has no end; none when it has no start)."""
    match = _BATES.match((start or "").strip())
    if not match:
        return []
    prefix, digits, suffix = match.groups()
    first, width = int(digits), len(digits)
    count = pages
    last = _BATES.match((end or "").strip())
    if last and last.group(1) == prefix:  # past it the pages were not stamped
        count = max(0, min(pages, int(last.group(2)) - first + 1))
    return [f"{prefix}{number:0{width}d}{suffix}" for number in range(first, first + count)]
