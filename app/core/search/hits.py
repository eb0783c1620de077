"""What a search returns: :class:`Hit` records, and turning result rows into them.

The database marks each match in a snippet with :data:`MARK_START` and
:data:`MARK_END`; :func:`split_marks` turns that into plain text and highlight
spans, and :func:`hits_from_rows` builds the hits of a search from its rows
(both backends return the same columns). This runs for every hit of every
keystroke's search, so it is written for speed; ``tests/core/search/test_search_hits.py``
checks it against the plain way of doing the same.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from typing import Any

MARK_START = "\ue000"  # private-use characters: never typed, never in the markup
MARK_END = "\ue001"


@dataclass(frozen=True)
class Hit:
    """One record that matched. ``snippet`` is plain text; ``highlights`` are the
    ``(start, end)`` spans of the matched words in it. ``rank``: higher is better,
    comparable only within one kind of one search."""

    kind: str
    id: int
    case_id: int | None
    case_caption: str
    title: str
    snippet: str
    rank: float
    highlights: tuple[tuple[int, int], ...] = ()

    def marked(self, before: str = "**", after: str = "**") -> str:
        """The snippet with each match wrapped in ``before``/``after``."""
        out, pos = [], 0
        for start, end in self.highlights:
            out += [self.snippet[pos:start], before, self.snippet[start:end], after]
            pos = end
        out.append(self.snippet[pos:])
        return "".join(out)

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "case": self.case_id,
            "case_caption": self.case_caption,
            "title": self.title,
            "snippet": self.marked(),
            "rank": round(self.rank, 6),
        }


_SPACE = re.compile(r"\s+")
_ODD_SPACE = re.compile(r"[^\S ]|  ")  # whitespace _SPACE would change


def split_marks(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Turn a snippet with MARK_START/MARK_END into plain text and highlight spans.
    Newlines, tabs and runs of spaces read badly in one line and are folded to one
    space; the marks are not whitespace, so folding changes no text between them."""
    plain, spans = _split_marks(marked)
    # Looking for such whitespace with a regex costs more than the split (~0.5 µs
    # a snippet), so look only when the plain text - every character of ``marked``
    # but the marks - has a double space or a character that is not printable
    # (all whitespace but " " is not).
    if ("  " in plain or not plain.isprintable()) and _ODD_SPACE.search(marked):
        return _split_marks(_SPACE.sub(" ", marked))
    return plain, spans


def _split_marks(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    first, start, rest = marked.partition(MARK_START)
    if not start:
        return first.replace(MARK_END, ""), ()
    inside, end, tail = rest.partition(MARK_END)
    if inside and end and MARK_START not in rest and MARK_END not in first and MARK_END not in tail:
        # One start mark, then one end mark: a snippet with one match, the most common.
        return first + inside + tail, ((len(first), len(first) + len(inside)),)
    first, *parts = marked.split(MARK_START)
    first = first.replace(MARK_END, "")  # a stray end mark
    plain = [first]
    spans: list[tuple[int, int]] = []
    length = len(first)
    for part in parts:
        inside, closed, rest = part.partition(MARK_END)
        if closed and inside:
            spans.append((length, length + len(inside)))
        rest = rest.replace(MARK_END, "")
        plain += (inside, rest)
        length += len(inside) + len(rest)
    return "".join(plain), tuple(spans)


_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(~)?")
_MONTH_NAMES = tuple(calendar.month_name)


def date_label(iso: str) -> str | None:
    """``PartialDate.from_iso(iso).display()``, or None for a value that is not a
    date. Written out because it runs for every hit: building the PartialDate and
    asking ``calendar`` for the month's name (a strftime) cost 4.5 µs a hit, more
    than a rare word's whole lookup; ``tests/core/search/test_search.py`` checks that the
    two agree."""
    match = _ISO_DATE.fullmatch(iso) or _ISO_DATE.fullmatch(iso.strip())
    if match is None:
        return None
    year, month, day, approx = match.groups()
    if year == "0000":
        return None
    if month is None:
        label = year
    else:
        m = int(month)
        if not 1 <= m <= 12:
            return None
        if day is None:
            label = f"{_MONTH_NAMES[m]} {year}"
        else:
            d = int(day)
            if not 1 <= d <= 28 and not 1 <= d <= calendar.monthrange(int(year), m)[1]:
                return None
            label = f"{_MONTH_NAMES[m]} {d}, {year}"
    return f"about {label}" if approx else label


def hits_from_rows(rows: list[Any], sign: float) -> list[Hit]:
    """A Hit for each row (kind, id, case id, caption, title, detail, marked snippet,
    score, more, kind's place); ``sign`` turns the score into a rank, higher is
    better. Written for speed: it runs for every hit of every keystroke's search."""
    hits = []
    append = hits.append
    labels = _DATE_LABELS
    for kind, record_id, case_id, caption, title, detail, snippet, score, _more, _ord in rows:
        if snippet:
            plain, spans = split_marks(snippet)
        else:
            plain, spans = "", ()
        title = " ".join(title.split()) if title else ""
        if detail:
            when = labels.get(detail, False)
            if when is False:
                when = _remember_label(detail)
            if when:
                title = f"{title} ({when})"
        # Filled in directly: a frozen dataclass's __init__ sets each field through
        # object.__setattr__, which costs more than the rest of this loop, and
        # setting the keys one by one is cheaper than building a keyword dict.
        hit = _new_hit(Hit)
        fields = hit.__dict__
        fields["kind"] = kind
        fields["id"] = record_id
        fields["case_id"] = case_id
        fields["case_caption"] = caption or ""
        fields["title"] = title
        fields["snippet"] = plain
        fields["rank"] = sign * score
        fields["highlights"] = spans
        append(hit)
    return hits


_new_hit = object.__new__
# date_label of each date seen (~0.6 µs each; a dict lookup is ~30 ns). Dates repeat
# across hits and searches, and a case has a few thousand distinct ones at most.
_DATE_LABELS: dict[str, str | None] = {}
_MAX_DATE_LABELS = 4096


def _remember_label(iso: str) -> str | None:
    if len(_DATE_LABELS) >= _MAX_DATE_LABELS:
        _DATE_LABELS.clear()
    label = _DATE_LABELS[iso] = date_label(iso)
    return label
