"""The text rules: what cannot be stored, what a document writer replaces, what search blanks."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core import textrules


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("plain text, tabs\tand\nlines", None),
        ("emoji \U0001f600 and accents \u00e9", None),
        ("a\x00b", textrules.NUL_MESSAGE),
        ("lone \ud800 surrogate", textrules.NOT_UNICODE_MESSAGE),
        ("lone low \udfff surrogate", textrules.NOT_UNICODE_MESSAGE),
        ("control \x1b is kept", None),
    ],
)
def test_storage_problem(text: str, problem: str | None) -> None:
    assert textrules.storage_problem(text) == problem


def test_printable_replaces_what_a_document_cannot_show() -> None:
    bad = "\x00\x08\x0b\x0c\x0e\x1f\x7f\x85\x9f\ud800\udfff\ufffe\uffff"
    assert textrules.printable(bad) == textrules.REPLACEMENT * len(bad)
    kept = "tab\tnew\nline\rend \u00a0\u00e9 \U0001f600 \ufffd"
    assert textrules.printable(kept) == kept


def test_blank_controls_keeps_words_apart() -> None:
    assert textrules.blank_controls("one\x00two\x1fthree\x7ffour") == "one two three four"
    assert textrules.blank_controls("tab\tline\nret\r\x85") == "tab\tline\nret\r\x85"


@given(st.text())
def test_printable_text_is_storable(text: str) -> None:
    # What a writer puts out could be saved again: it holds nothing the services refuse.
    assert textrules.storage_problem(textrules.printable(text)) is None
