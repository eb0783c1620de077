"""Turning search result rows into hits (app.core.search.hits): the fast code
against the plain way of doing the same."""

from __future__ import annotations

import random
import re

from hypothesis import given
from hypothesis import strategies as st

from app.core.search import hits as sh

M, E = sh.MARK_START, sh.MARK_END


def plain_split_marks(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """split_marks as first written: fold odd whitespace, then walk the marks."""
    if re.search(r"[^\S ]|  ", marked):
        marked = re.sub(r"\s+", " ", marked)
    first, *parts = marked.split(M)
    plain = [first.replace(E, "")]
    spans: list[tuple[int, int]] = []
    length = len(plain[0])
    for part in parts:
        inside, closed, rest = part.partition(E)
        if closed and inside:
            spans.append((length, length + len(inside)))
        rest = rest.replace(E, "")
        plain += (inside, rest)
        length += len(inside) + len(rest)
    return "".join(plain), tuple(spans)


PIECES = ["a", "bc", " ", "  ", "\n", "\t", "\r\n", "\u00a0", "\u2028", "\x1f", "\u00ad"]
PIECES += ["…", "é", "🙂", M, E, M + "x" + E, M + E, E + M]


def test_split_marks_matches_the_plain_way() -> None:
    rng = random.Random(7)
    examples = ["", M, E, f"…There was a {M}gazebo{E} there.", f"{M}a{E} b {M}c d{E}…"]
    examples += [
        "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 12))) for _ in range(20000)
    ]
    for marked in examples:
        assert sh.split_marks(marked) == plain_split_marks(marked), repr(marked)


@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=4)).map("".join))
def test_split_marks_matches_the_plain_way_on_any_text(marked: str) -> None:
    assert sh.split_marks(marked) == plain_split_marks(marked)


def _row(title: str | None, detail: str | None, snippet: str | None = None) -> tuple:
    return ("statement", 7, 3, None, title, detail, snippet, -2.5, 0, 2)


def test_hits_from_rows() -> None:
    hit = sh.hits_from_rows([_row(" Ana\n Núñez ", "2020-06-14~", f"x {M}y{E}")], -1.0)[0]
    assert hit == sh.Hit(
        "statement", 7, 3, "", "Ana Núñez (about June 14, 2020)", "x y", 2.5, ((2, 3),)
    )
    assert sh.hits_from_rows([_row(None, None)], 1.0)[0].title == ""
    assert sh.hits_from_rows([_row("T", "not a date")], 1.0)[0].title == "T"
    assert sh.hits_from_rows([_row("T", "2021")], 1.0)[0].title == "T (2021)"
    assert sh.hits_from_rows([_row("T", None, None)], 1.0)[0].snippet == ""


def test_date_labels_are_remembered_and_bounded() -> None:
    sh._DATE_LABELS.clear()
    for year in range(1000, 1000 + sh._MAX_DATE_LABELS + 10):
        iso = f"{year}-02-29"
        [hit] = sh.hits_from_rows([_row("T", iso)], 1.0)
        label = sh.date_label(iso)
        assert hit.title == (f"T ({label})" if label else "T")
        assert sh._DATE_LABELS[iso] == label
        assert len(sh._DATE_LABELS) <= sh._MAX_DATE_LABELS
