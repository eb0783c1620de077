"""Check the hand-written answer keys of the evaluation set against their texts.

A key must not drift from its text: every quote's first and last words must be in the text, at the
page and line, timestamp or paragraph that its pin cite names.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).parent
REPO = HERE.parents[1]
KEYS = sorted((HERE / "keys").glob("*.json"))

KINDS = {
    "court_transcript",
    "deposition",
    "recording_transcript",
    "criminal_complaint",
    "police_report",
    "discovery_letter",
    "press_release",
    "police_statement",
    "court_opinion",
    "news",
}
SETTINGS = {
    "sworn_testimony",
    "in_court",
    "sworn_statement",
    "police_interview",
    "police_encounter",
    "interview",
    "written_statement",
    "press_conference",
    "social_media",
    "phone_call",
    None,
}
TOP = {
    "text": str,
    "kind": str,
    "form": str,
    "source": str,
    "url": (str, type(None)),
    "licence": str,
    "part": str,
    "document_date": (str, type(None)),
    "pin_form": str,
    "copies": list,
    "notes": str,
    "statements": list,
}
ENTRY = {
    "quote_start": str,
    "quote_end": str,
    "speech": str,
    "speaker": str,
    "speaker_title": (str, type(None)),
    "setting": (str, type(None)),
    "recipient": (str, type(None)),
    "date": (str, type(None)),
    "pin": str,
}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
PAGE_LINE = re.compile(r"^(\d+):(\d+)(?:-(?:(\d+):)?(\d+))?$")
STAMP = re.compile(r"^\[(\d\d:\d\d:\d\d)\]$")
PARAGRAPH = re.compile(r"^¶ (\d+)$")
NUMBERED_LINE = re.compile(r"^\s*(\d{1,2})(?:\s+(.*?))?\s*$")
PAGE_HEADER = re.compile(r"\bPage\s+(\d+)\b|^\s{20,}(\d+)\s*$")
# A "[00:03:12]" stamp, the start of a WebVTT/SRT cue ("00:03:12.480 --> ..."), or a bare
# stamp opening a line ("00:03:12  OFFICER 1: ...").
TIME_MARK = re.compile(
    r"(?m)\[(\d\d:\d\d:\d\d)\]|^(\d\d:\d\d:\d\d)[.,]\d+\s*-->|^(\d\d:\d\d:\d\d)[ \t]"
)


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    for a, b in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("—", "--")):
        text = text.replace(a, b)
    return " ".join(text.split())


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def text_of(key: dict[str, Any]) -> str:
    return (REPO / key["text"]).read_text(encoding="utf-8")


def transcript_lines(text: str) -> dict[tuple[int, int], str]:
    """(printed page, printed line) -> the line's words, for a transcript laid out in pages."""
    lines: dict[tuple[int, int], str] = {}
    page: int | None = None
    for raw in text.splitlines():
        header = PAGE_HEADER.search(raw)
        numbered = NUMBERED_LINE.match(raw)
        if header and not (numbered and numbered.group(2) and "Page" not in raw):
            page = int(header.group(1) or header.group(2))
            continue
        if numbered and page is not None and 1 <= int(numbered.group(1)) <= 28:
            lines[(page, int(numbered.group(1)))] = numbered.group(2) or ""
    return lines


def paragraphs(key: dict[str, Any], text: str) -> dict[int, str]:
    if key.get("paragraphs") == "numbered":
        found: dict[int, str] = {}
        marks = list(re.finditer(r"(?m)^\s*(?:¶\s*)?(\d{1,3})\.\s", text))
        for mark, nxt in zip(marks, [*marks[1:], None], strict=True):
            end = nxt.start() if nxt else len(text)
            found.setdefault(int(mark.group(1)), text[mark.start() : end])
        return found
    lines = [line for line in text.splitlines() if line.strip()]
    return {i: line for i, line in enumerate(lines, start=1)}


def stamp_at(text: str, offset: int) -> str | None:
    last = None
    for mark in TIME_MARK.finditer(text, 0, offset):
        last = mark.group(1) or mark.group(2) or mark.group(3)
    return last


@pytest.fixture(scope="module")
def keys() -> list[tuple[Path, dict[str, Any]]]:
    return [(path, load(path)) for path in KEYS]


def test_the_set_is_big_enough_and_split(keys: list[tuple[Path, dict[str, Any]]]) -> None:
    assert len(keys) >= 30
    parts = {key["part"] for _, key in keys}
    assert parts == {"development", "held_out"}
    assert {key["kind"] for _, key in keys} == KINDS
    # The held-out part is a round of its own: big enough to measure every kind on texts
    # never seen, whatever the development part has grown to.
    held_out = [key for _, key in keys if key["part"] == "held_out"]
    assert 15 <= len(held_out) <= len(keys) / 2
    assert {key["kind"] for key in held_out} == KINDS


def test_every_text_has_a_key_and_every_key_a_text() -> None:
    stems = {path.stem for path in (HERE / "texts").glob("*.txt")}
    assert stems == {path.stem for path in KEYS}


@pytest.mark.parametrize("path", KEYS, ids=lambda p: p.stem)
def test_key_is_well_formed(path: Path) -> None:
    key = load(path)
    for name, kind in TOP.items():
        assert isinstance(key.get(name), kind), f"{name} missing or of the wrong type"
    assert key["text"] == f"tests/intake/texts/{path.stem}.txt"
    assert key["kind"] in KINDS
    assert key["part"] in {"development", "held_out"}
    # A held-out text belongs to a round (1 unless it says); once its round has been run, it
    # may be opened to development, and says which round it was held out for.
    assert key.get("round", 1) in {1, 2, 3, 4}
    if "was_held_out" in key:
        assert key["part"] == "development" and key["was_held_out"] in {1, 2, 3}
    assert key["licence"] in {"public domain", "made up"}
    assert (key["licence"] == "made up") == (key["source"] == "made up")
    assert (key["url"] is None) == (key["licence"] == "made up")
    if key["licence"] == "made up":
        # In the first line, or the first cue of a subtitle file.
        opening = " ".join(text_of(key).splitlines()[:3]).lower().replace("made-up", "made up")
        assert "made up" in opening
    assert key["pin_form"] in {"page_line", "timestamp", "paragraph"}
    if key["pin_form"] == "paragraph":
        assert key.get("paragraphs") in {"numbered", "lines"}
    if key["document_date"]:
        assert DATE.match(key["document_date"])
    for copy in key["copies"]:
        assert (REPO / copy).is_file(), copy
    assert key["statements"], "a key without statements measures nothing"
    for entry in key["statements"]:
        for name, kind in ENTRY.items():
            assert isinstance(entry.get(name), kind), f"{name} in {entry['quote_start']!r}"
        assert entry["speech"] in {"verbatim", "reported"}
        assert entry["setting"] in SETTINGS, entry["setting"]
        assert entry["speaker"].strip() == entry["speaker"] and entry["speaker"]
        assert isinstance(entry.get("speaker_alt", []), list)
        if entry["date"]:
            assert DATE.match(entry["date"]), entry["date"]
        pin = {"page_line": PAGE_LINE, "timestamp": STAMP, "paragraph": PARAGRAPH}
        assert pin[key["pin_form"]].match(entry["pin"]), entry["pin"]


@pytest.mark.parametrize("path", KEYS, ids=lambda p: p.stem)
def test_quotes_are_in_the_text_where_the_pin_cite_says(path: Path) -> None:
    key = load(path)
    text = text_of(key)
    flat = norm(text)
    table = transcript_lines(text) if key["pin_form"] == "page_line" else {}
    paras = paragraphs(key, text) if key["pin_form"] == "paragraph" else {}
    search_from = 0
    for entry in key["statements"]:
        start, end = norm(entry["quote_start"]), norm(entry["quote_end"])
        label = f"{entry['pin']} {entry['quote_start']!r}"
        assert start in flat, f"quote start not in text: {label}"
        assert end in flat, f"quote end not in text: {label}"
        if key["pin_form"] == "page_line":
            m = PAGE_LINE.match(entry["pin"])
            assert m
            page, line = int(m.group(1)), int(m.group(2))
            end_page = int(m.group(3) or page)
            end_line = int(m.group(4) or line)
            assert start in norm(table.get((page, line), "")), (
                f"start not on {page}:{line}: {label}"
            )
            assert end in norm(table.get((end_page, end_line), "")), f"end not at line: {label}"
        elif key["pin_form"] == "paragraph":
            n = int(PARAGRAPH.match(entry["pin"]).group(1))  # type: ignore[union-attr]
            body = norm(paras.get(n, ""))
            assert start in body, f"start not in ¶ {n}: {label}"
            assert end in body, f"end not in ¶ {n}: {label}"
        else:
            offset = text.find(entry["quote_start"], search_from)
            if offset < 0:
                offset = text.find(entry["quote_start"])
            assert offset >= 0, f"quote start not verbatim in text: {label}"
            search_from = offset
            assert f"[{stamp_at(text, offset)}]" == entry["pin"], f"wrong stamp: {label}"


def copy_text(path: Path) -> str:
    if path.suffix == ".docx":
        from docx import Document

        return "\n".join(paragraph.text for paragraph in Document(str(path)).paragraphs)
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


@pytest.mark.parametrize("path", [p for p in KEYS if load(p)["copies"]], ids=lambda p: p.stem)
def test_copies_hold_the_same_text(path: Path) -> None:
    """A .docx or .pdf copy reads back as the same words as its .txt, so one key serves both."""
    key = load(path)
    for copy in key["copies"]:
        assert norm(copy_text(REPO / copy)) == norm(text_of(key)), copy
