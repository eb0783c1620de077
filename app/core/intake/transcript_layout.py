"""The page layout of a transcript: printed page numbers, numbered lines, headers and footers.

A court reporter's transcript prints about 25 numbered lines a page under a page number
(``12``, right-aligned, or ``Page 12``), often with a running header ("PEOPLE v. DOE -
ARRAIGNMENT") and a footer (the reporting firm). :func:`lay_out` reads the text once, line
by line, into the numbered lines that carry speech (each with its printed page and line
number and its offsets in the text) and the rest: the title block before the first page
(caption, appearances) and each page's headers and footers. Pin cites (``12:4-9``) come
from the printed numbers, never from counting, so an excerpt starting at page 41 cites 41.

Text taken from a Word file or a PDF text layer may have lost the leading spaces that
right-align a page number; a bare number is then told from an empty numbered line by what
follows it (a page number is followed by that page's line 1). A transcript whose text has
no line numbers at all is numbered by counting the non-empty lines of each page. Some
reporters print the line numbers in the right margin instead ("Q  Where were you?   6");
a text where most lines end so is read with those numbers, the words before them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_LINE_NUMBER = 35  # pleading paper has 25-28; some reporters print up to 32
# A realtime draft may stamp each line with the time first ("10:02:15  4  Q. ...").
# Some hand-keyed minutes set the number off from the words by a vertical rule ("12 |  Q: ...").
_NUMBERED = re.compile(
    r"^\s*(?:\d{1,2}:\d\d(?::\d\d)?[ \t]+)?(\d{1,2})(?:[ \t]*[|│┃¦](?=\s|$))?(?:[ \t]+(.*?))?\s*$"
)
_RULE = re.compile(r"[|│┃¦]")
_PAGE_WORD = re.compile(r"\bPage\s+(\d{1,5})\b", re.IGNORECASE)
_PAGE_DASHED = re.compile(r"^\s*-\s*(\d{1,5})\s*-\s*$")
_BARE_NUMBER = re.compile(r"^(\s*)(\d{1,5})\s*$")
_RIGHT_ALIGNED = 20  # leading spaces that mark a right-aligned page number
# A line number in the right margin: words, a gap of two spaces or more, the number.
_NUMBERED_RIGHT = re.compile(r"^(?P<words>.*?\S)?[ \t]{2,}(?P<n>\d{1,2})[ \t]*$")


@dataclass
class Line:
    """One printed line of speech-bearing text: its page, its line number and its words."""

    page: int
    number: int
    text: str  # the words after the line number, trimmed
    start: int  # offsets of ``text`` in the whole document
    end: int
    indent: int = 0  # spaces between the line number and the words


@dataclass
class Layout:
    """A transcript's text, split into its parts."""

    front: list[str] = field(default_factory=list)  # title block lines before the first page
    lines: list[Line] = field(default_factory=list)
    headers: dict[int, list[str]] = field(default_factory=dict)  # page -> header/footer lines
    numbered: bool = True  # False when the text had no line numbers and lines were counted
    # page -> the line printing its number, when words stand beside it ("Roe, Jane  Page 4")
    page_lines: dict[int, str] = field(default_factory=dict)


def _raw_lines(text: str) -> list[tuple[int, str]]:
    """Each line of ``text`` with its offset; form feeds and carriage returns end lines."""
    out: list[tuple[int, str]] = []
    offset = 0
    for piece in text.splitlines(keepends=True):
        out.append((offset, piece.rstrip("\r\n\f\v\x1c\x1d\x1e\x85\u2028\u2029")))
        offset += len(piece)
    return out


def _line_number(raw: str) -> int:
    match = _NUMBERED.match(raw)
    if match and 1 <= int(match.group(1)) <= MAX_LINE_NUMBER:
        return int(match.group(1))
    return 0


def _page_number(raws: list[tuple[int, str]], i: int) -> int | None:
    """The page number line ``i`` prints, or None when it is not a page number."""
    raw = raws[i][1]
    if _line_number(raw) and not _BARE_NUMBER.match(raw):
        return None  # a numbered line with words ("12   Q. Turn to page 4")
    word = _PAGE_WORD.search(raw)
    if word:
        return int(word.group(1))
    dashed = _PAGE_DASHED.match(raw)
    if dashed:
        return int(dashed.group(1))
    bare = _BARE_NUMBER.match(raw)
    if not bare:
        return None
    if len(bare.group(1)) >= _RIGHT_ALIGNED or int(bare.group(2)) > MAX_LINE_NUMBER:
        return int(bare.group(2))
    # A bare small number: a page number when the page's line 1 follows (headers between).
    for j in range(i + 1, min(i + 5, len(raws))):
        following = raws[j][1]
        if not following.strip():
            continue
        number = _line_number(following)
        if number:
            return int(bare.group(2)) if number == 1 and not _BARE_NUMBER.match(following) else None
    return None


def _numbered_on_the_right(raws: list[tuple[int, str]]) -> bool:
    """Whether the line numbers are printed in the right margin: more lines end in a line
    number than begin with one, and those numbers mostly count up one by one."""
    right: list[int] = []
    left = 0
    for _, raw in raws[:3000]:
        if not raw.strip():
            continue
        if _line_number(raw):
            left += 1
        match = _NUMBERED_RIGHT.match(raw)
        if match and match.group("words") and 1 <= int(match.group("n")) <= MAX_LINE_NUMBER:
            right.append(int(match.group("n")))
    if len(right) < 5 or len(right) <= left:
        return False
    steps = sum(1 for a, b in zip(right, right[1:], strict=False) if b == a + 1)
    return steps * 2 >= len(right)


def _lay_out_right(raws: list[tuple[int, str]]) -> Layout:
    """The layout of a text numbered in the right margin (see the module's docstring)."""
    layout = Layout()
    page: int | None = None
    last_number = 0
    for i, (offset, raw) in enumerate(raws):
        if not raw.strip():
            continue
        match = _NUMBERED_RIGHT.match(raw)
        number = int(match.group("n")) if match else 0
        if match and not match.group("words") and number == last_number + 1:
            last_number = number  # an empty numbered line
            continue
        if not (match and match.group("words")) or not 1 <= number <= MAX_LINE_NUMBER:
            printed = _page_number(raws, i) if _BARE_NUMBER.match(raw) or not match else None
            if printed is not None:
                page, last_number = printed, 0
                layout.headers.setdefault(page, [])
            elif page is None:
                layout.front.append(raw.strip())
            else:
                layout.headers.setdefault(page, []).append(raw.strip())
            continue
        if page is None:
            page = 1
        elif number == 1 and last_number:
            page += 1  # line numbers restart without a printed page number
        last_number = number
        words = match.group("words") or ""
        indent = len(words) - len(words.lstrip())
        begin = offset + indent
        words = words.strip()
        layout.lines.append(Line(page, number, words, begin, begin + len(words), indent))
    return layout


def lay_out(text: str) -> Layout:
    """The layout of ``text`` (see the module's docstring)."""
    raws = _raw_lines(text)
    if _numbered_on_the_right(raws):
        right = _lay_out_right(raws)
        if len(right.lines) >= 5:
            return right
    layout = Layout()
    page: int | None = None
    last_number = 0
    markers: list[tuple[int, int]] = []  # (lines read before it, printed page number)
    for i, (offset, raw) in enumerate(raws):
        if not raw.strip():
            continue
        printed = _page_number(raws, i)
        if printed is not None:
            markers.append((len(layout.lines), printed))
            page, last_number = printed, 0
            layout.headers.setdefault(page, [])
            if not _BARE_NUMBER.match(raw):
                layout.page_lines[page] = raw.strip()
            continue
        number = _line_number(raw)
        if number and (page is not None or number == 1 or layout.lines):
            if page is None:
                page = 1
            elif number <= last_number and number == 1:
                page += 1  # line numbers restart without a printed page number
            last_number = number
            match = _NUMBERED.match(raw)
            assert match is not None
            words = match.group(2) or ""
            begin = offset + (match.start(2) if match.group(2) is not None else len(raw))
            gap = raw[match.end(1) : match.start(2)] if match.group(2) is not None else ""
            gap = _RULE.split(gap)[-1]  # the words' indent counts from the rule, if any
            layout.lines.append(Line(page, number, words, begin, begin + len(words), len(gap)))
        elif page is None:
            layout.front.append(raw.strip())
        else:
            layout.headers.setdefault(page, []).append(raw.strip())
    if len(layout.lines) < 5:
        return _counted(raws)
    if _numbered_at_foot(markers, len(layout.lines)):
        _pages_from_foot(layout, markers)
    return layout


def _numbered_at_foot(markers: list[tuple[int, int]], lines: int) -> bool:
    """Whether page numbers are printed at the foot of each page: lines come before the
    first number, and that number is 1 or no line follows the last one."""
    if not markers or markers[0][0] == 0:
        return False
    return markers[0][1] == 1 or markers[-1][0] == lines


def _pages_from_foot(layout: Layout, markers: list[tuple[int, int]]) -> None:
    """Give each line the number printed at the foot of its page."""
    k = 0
    for index, line in enumerate(layout.lines):
        while k < len(markers) and markers[k][0] <= index:
            k += 1
        line.page = markers[k][1] if k < len(markers) else markers[-1][1] + 1


def _counted(raws: list[tuple[int, str]]) -> Layout:
    """A layout for a text without line numbers: each page's non-empty lines counted."""
    layout = Layout(numbered=False)
    page: int | None = None
    count = 0
    for i, (offset, raw) in enumerate(raws):
        stripped = raw.strip()
        if not stripped:
            continue
        printed = _page_number(raws, i)
        if printed is not None:
            page, count = printed, 0
            continue
        if page is None:
            layout.front.append(stripped)
            continue
        count += 1
        begin = offset + len(raw) - len(raw.lstrip())
        layout.lines.append(Line(page, count, stripped, begin, begin + len(stripped)))
    if not layout.lines:  # no page numbers either: one page, counted from the top
        layout.front = []
        for offset, raw in raws:
            stripped = raw.strip()
            if stripped:
                begin = offset + len(raw) - len(raw.lstrip())
                layout.lines.append(
                    Line(1, len(layout.lines) + 1, stripped, begin, begin + len(stripped))
                )
    return layout
