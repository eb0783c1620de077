"""Score the statement extractor against the evaluation set's hand-written keys (issue 19).

Used by ``benchmarks/bench_intake.py`` (``intake_eval``) and by the scorer's own tests. The key
format and the scoring rules are in ``tests/intake/README.md``; in short:

- An entry is *found* when a proposal's words contain the entry's ``quote_start`` (normalised:
  NFKC, straight quotes, "—" as "--", collapsed spaces, case folded, a trailing "." or ","
  dropped) and the proposal is at the place the pin cite names. The place is checked on the
  proposal's character span when it has one (the pinned occurrence of ``quote_start`` lies inside
  it), else on the start of its pin cite. One proposal finds at most one entry, so a proposal
  that swallows two turns is credited once.
- Of the found entries: speaker exactly right (``speaker`` or a ``speaker_alt`` after
  ``norm_speaker``, never a longer or shorter string); setting, recipient and date right where
  the key states one; pin cite right (the proposal's pin in the key's form, compared on its
  start: ``12:4`` of ``12:4-9``, ``¶ 15`` of ``¶¶ 15–16``); verbatim vs reported right.
- Precision: the share of proposals that found an entry.

A proposal is read through its attributes: ``text``, ``speaker``, ``recipient``, ``start`` and
``end`` (offsets in the text it was proposed from), ``pin_cite`` (or ``pin``), and where the
extractor gives them ``setting``, ``date`` and ``speech`` (``"verbatim"``/``"reported"``). An
extractor without ``speech`` proposes only quotations in quotation marks: its proposals count as
verbatim. Without ``setting`` or ``date`` none is proposed.

Held-out texts are scored with ``details=False``: only their counts are kept, never which
entries were missed, so they stay unseen while the extractor is developed.
"""

from __future__ import annotations

import bisect
import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from tests.core.intake.scoring import norm_speaker

HERE = Path(__file__).parent
REPO = HERE.parents[1]
KEYS = HERE / "keys"

_FOLD = {"’": "'", "‘": "'", "“": '"', "”": '"', "—": "--"}
PAGE_HEADER = re.compile(r"\bPage\s+(\d+)\b|^\s{20,}(\d+)\s*$")
NUMBERED_LINE = re.compile(r"^\s*(\d{1,2})(?:\s+(.*?))?\s*$")
PAGE_LINE = re.compile(r"^\s*(\d+)\s*:\s*(\d+)")
PARAGRAPH = re.compile(r"^\s*¶+\s*(\d+)")
STAMP = re.compile(r"(\d{1,2}:\d\d:\d\d)")
TIME_MARK = re.compile(
    r"(?m)\[(\d\d:\d\d:\d\d)\]|^(\d\d:\d\d:\d\d)[.,]\d+\s*-->|^(\d\d:\d\d:\d\d)[ \t]"
)
NUMBERED_PARAGRAPH = re.compile(r"(?m)^\s*(?:¶\s*)?(\d{1,3})\.\s")


def norm(text: str) -> str:
    """The words of ``text`` as compared: NFKC, straight quotes, spaces collapsed, folded."""
    return flatten(text)[0]


def flatten(text: str) -> tuple[str, list[int]]:
    """``norm(text)`` and, for each of its characters, the offset in ``text`` it came from."""
    out: list[str] = []
    where: list[int] = []
    for offset, char in enumerate(text):
        for c in unicodedata.normalize("NFKC", char):
            for folded in _FOLD.get(c, c).lower():
                if folded.isspace():
                    if out and out[-1] != " ":
                        out.append(" ")
                        where.append(offset)
                    continue
                out.append(folded)
                where.append(offset)
    if out and out[-1] == " ":
        out.pop()
        where.pop()
    return "".join(out), where


def needle(quote_start: str) -> str:
    return norm(quote_start).rstrip(".,")


# --- places in a text -------------------------------------------------------------------


class Places:
    """Where an offset of a text is, in the form of its key's pin cites."""

    def __init__(self, text: str, pin_form: str, paragraphs: str | None = None) -> None:
        self.text = text
        self.pin_form = pin_form
        self.line_starts = [0]
        for line in text.splitlines(keepends=True):
            self.line_starts.append(self.line_starts[-1] + len(line))
        lines = text.splitlines()
        self.page_line: list[str | None] = []  # per line of the text: "P:L" or None
        self.paragraph: list[int] = []  # per line: the N-th non-empty line, or 0
        page: int | None = None
        count = 0
        for raw in lines:
            header = PAGE_HEADER.search(raw)
            numbered = NUMBERED_LINE.match(raw)
            place = None
            if header and not (numbered and numbered.group(2) and "Page" not in raw):
                page = int(header.group(1) or header.group(2))
            elif numbered and page is not None and 1 <= int(numbered.group(1)) <= 28:
                place = f"{page}:{int(numbered.group(1))}"
            self.page_line.append(place)
            if raw.strip():
                count += 1
            self.paragraph.append(count if raw.strip() else 0)
        self.numbered = paragraphs == "numbered"
        self.marks = [(m.start(), int(m.group(1))) for m in NUMBERED_PARAGRAPH.finditer(text)]
        self.stamps = [
            (m.start(), m.group(1) or m.group(2) or m.group(3)) for m in TIME_MARK.finditer(text)
        ]

    def at(self, offset: int) -> str | None:
        """The pin-cite start (``P:L``, ``¶ N``, ``[hh:mm:ss]``) at ``offset``."""
        line = max(0, bisect.bisect_right(self.line_starts, offset) - 1)
        line = min(line, len(self.page_line) - 1)
        if self.pin_form == "page_line":
            return self.page_line[line] if line >= 0 else None
        if self.pin_form == "timestamp":
            index = bisect.bisect_right([s for s, _ in self.stamps], offset) - 1
            return f"[{self.stamps[index][1]}]" if index >= 0 else None
        if self.numbered:
            index = bisect.bisect_right([s for s, _ in self.marks], offset) - 1
            return f"¶ {self.marks[index][1]}" if index >= 0 else None
        return f"¶ {self.paragraph[line]}" if line >= 0 and self.paragraph[line] else None


def pin_start(pin: str | None, pin_form: str) -> str | None:
    """A pin cite's start in the key's form, or None when it is not in that form."""
    if not pin:
        return None
    if pin_form == "page_line":
        match = PAGE_LINE.match(pin)
        return f"{int(match.group(1))}:{int(match.group(2))}" if match else None
    if pin_form == "timestamp":
        match = STAMP.search(pin) if pin.strip().startswith("[") else None
        return f"[{match.group(1).zfill(8)}]" if match else None
    match = PARAGRAPH.match(pin)
    return f"¶ {int(match.group(1))}" if match else None


def occurrences(flat: str, where: list[int], words: str) -> list[int]:
    """The offsets in the text (of ``flat``) where ``words`` (already normalised) begin."""
    found, start = [], flat.find(words)
    while start >= 0 and words:
        found.append(where[start])
        start = flat.find(words, start + 1)
    return found


def entry_offsets(key: dict[str, Any], text: str) -> list[int | None]:
    """Where each entry's pinned ``quote_start`` begins in ``text`` (the key's own .txt)."""
    places = Places(text, key["pin_form"], key.get("paragraphs"))
    flat, where = flatten(text)
    result: list[int | None] = []
    for entry in key["statements"]:
        want = pin_start(entry["pin"], key["pin_form"])
        hits = occurrences(flat, where, norm(entry["quote_start"]))
        result.append(next((h for h in hits if places.at(h) == want), None))
    return result


def copy_offsets(key: dict[str, Any], text: str, copy: str) -> list[int | None]:
    """The same places in a copy's text: the k-th occurrence of each ``quote_start`` in the
    .txt is the k-th in the copy, which holds the same words in the same order."""
    flat, where = flatten(text)
    copy_flat, copy_where = flatten(copy)
    result: list[int | None] = []
    for entry, offset in zip(key["statements"], entry_offsets(key, text), strict=True):
        words = norm(entry["quote_start"])
        in_text = occurrences(flat, where, words)
        in_copy = occurrences(copy_flat, copy_where, words)
        if offset is None or offset not in in_text or len(in_copy) != len(in_text):
            result.append(None)
        else:
            result.append(in_copy[in_text.index(offset)])
    return result


# --- a proposal, as the scorer reads it -------------------------------------------------


@dataclass
class Candidate:
    """One proposal, reduced to what is scored."""

    text: str
    speaker: str = ""
    recipient: str = ""
    pin: str = ""
    setting: str | None = None
    date: str | None = None
    speech: str = "verbatim"
    start: int = -1
    end: int = -1

    @classmethod
    def of(cls, proposal: Any) -> Candidate:
        if isinstance(proposal, Candidate):
            return proposal
        date = getattr(proposal, "date", None)
        return cls(
            text=str(getattr(proposal, "text", "") or ""),
            speaker=str(getattr(proposal, "speaker", "") or ""),
            recipient=str(getattr(proposal, "recipient", "") or ""),
            pin=str(getattr(proposal, "pin_cite", None) or getattr(proposal, "pin", "") or ""),
            setting=getattr(proposal, "setting", None) or None,
            date=str(date) if date else None,
            speech=str(getattr(proposal, "speech", "") or "verbatim"),
            start=_offset(getattr(proposal, "start", None)),
            end=_offset(getattr(proposal, "end", None)),
        )


def _offset(value: Any) -> int:
    return int(value) if isinstance(value, int) else -1


# --- the tally --------------------------------------------------------------------------


@dataclass
class Tally:
    """Counts for one text, or summed over several."""

    entries: int = 0
    found: int = 0
    speaker_right: int = 0
    with_setting: int = 0
    setting_right: int = 0
    with_recipient: int = 0
    recipient_right: int = 0
    with_date: int = 0
    date_right: int = 0
    pin_right: int = 0
    speech_right: int = 0
    verbatim: int = 0
    verbatim_found: int = 0
    reported: int = 0
    reported_found: int = 0
    proposals: int = 0
    matched_proposals: int = 0
    texts: int = 0
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    def __add__(self, other: Tally) -> Tally:
        total = Tally()
        for f in fields(Tally):
            setattr(total, f.name, getattr(self, f.name) + getattr(other, f.name))
        return total

    @staticmethod
    def share(part: int, whole: int) -> float | None:
        return part / whole if whole else None

    @property
    def recall(self) -> float | None:
        return self.share(self.found, self.entries)

    @property
    def speaker(self) -> float | None:
        """Speaker exactly right, of the entries found."""
        return self.share(self.speaker_right, self.found)

    @property
    def precision(self) -> float | None:
        return self.share(self.matched_proposals, self.proposals)

    def figures(self) -> dict[str, float | None]:
        share = self.share
        return {
            "recall": self.recall,
            "speaker": self.speaker,
            "speaker_of_all": share(self.speaker_right, self.entries),
            "setting": share(self.setting_right, self.with_setting),
            "recipient": share(self.recipient_right, self.with_recipient),
            "date": share(self.date_right, self.with_date),
            "pin": share(self.pin_right, self.found),
            "speech": share(self.speech_right, self.found),
            "recall_verbatim": share(self.verbatim_found, self.verbatim),
            "recall_reported": share(self.reported_found, self.reported),
            "precision": self.precision,
        }


def _same(proposed: str | None, wanted: str, also: Iterable[str] = ()) -> bool:
    accepted = {norm_speaker(wanted)} | {norm_speaker(s) for s in also}
    return bool(proposed) and norm_speaker(proposed or "") in accepted


def score(
    key: dict[str, Any],
    proposals: Iterable[Any],
    offsets: list[int | None],
    *,
    details: bool = True,
) -> Tally:
    """Score ``proposals`` (made from one text) against ``key``; ``offsets`` are where each
    entry's pinned ``quote_start`` begins in that text (``entry_offsets``)."""
    pin_form = key["pin_form"]
    candidates = [Candidate.of(p) for p in proposals]
    texts = [norm(c.text) for c in candidates]
    tally = Tally(entries=len(key["statements"]), proposals=len(candidates), texts=1)
    used: set[int] = set()
    for entry, offset in zip(key["statements"], offsets, strict=True):
        label = f"{entry['pin']} {entry['quote_start'][:40]!r}"
        want = pin_start(entry["pin"], pin_form)
        words = needle(entry["quote_start"])
        reported = entry["speech"] == "reported"
        tally.reported += reported
        tally.verbatim += not reported
        match = None
        for i, candidate in enumerate(candidates):
            if i in used or words not in texts[i]:
                continue
            if candidate.end > candidate.start >= 0 and offset is not None:
                here = candidate.start - 2 <= offset <= candidate.end
            else:
                here = pin_start(candidate.pin, pin_form) == want
            if here:
                match = i
                break
        if match is None:
            if details:
                tally.misses.append(f"{label} ({entry['speech']}, {entry['speaker']})")
            continue
        used.add(match)
        c = candidates[match]
        tally.found += 1
        tally.reported_found += reported
        tally.verbatim_found += not reported
        problems = []
        if _same(c.speaker, entry["speaker"], entry.get("speaker_alt", [])):
            tally.speaker_right += 1
        else:
            problems.append(f"speaker {c.speaker!r} != {entry['speaker']!r}")
        if entry["setting"]:
            tally.with_setting += 1
            tally.setting_right += c.setting == entry["setting"]
        if entry["recipient"]:
            tally.with_recipient += 1
            if _same(c.recipient, entry["recipient"], entry.get("recipient_alt", [])):
                tally.recipient_right += 1
            else:
                problems.append(f"recipient {c.recipient!r} != {entry['recipient']!r}")
        if entry["date"]:
            tally.with_date += 1
            tally.date_right += c.date == entry["date"]
        tally.pin_right += pin_start(c.pin, pin_form) == want
        tally.speech_right += c.speech == entry["speech"]
        if details and problems:
            tally.wrong.append(f"{label}: " + "; ".join(problems))
    tally.matched_proposals = len(used)
    return tally


# --- the whole set ----------------------------------------------------------------------


def load_keys() -> list[tuple[str, dict[str, Any]]]:
    return [
        (path.stem, json.loads(path.read_text(encoding="utf-8")))
        for path in sorted(KEYS.glob("*.json"))
    ]


def read_text(path: Path) -> str:
    """A text of the set: the .txt as it is, a .docx or .pdf copy through the app's own
    text extraction (what "Statements from this document" would read)."""
    if path.suffix == ".txt":
        return path.read_text(encoding="utf-8")
    from app.core.textextract import extract_text

    text, note = extract_text(path)
    if text is None:
        raise ValueError(f"{path.name}: {note}")
    return text


def current_extractor(text: str) -> list[Any]:
    """The extractor ``casefile extract`` runs."""
    from app.core.intake.extract import extract

    return extract(text)


@dataclass
class Result:
    name: str  # the text's stem, with the copy's suffix for a copy ("x.pdf")
    kind: str
    part: str  # "development", or "held_out" / "held_out_2" for held-out rounds 1 and 2
    copy: bool
    tally: Tally


def part_of(key: dict[str, Any]) -> str:
    """The part a key's figures are reported under. Held-out texts carry the round they
    were held out for (1 when the key says none); a text held out in an earlier round and
    since opened to development says so in ``was_held_out``."""
    if key["part"] == "held_out":
        round_ = int(key.get("round", 1))
        return "held_out" if round_ == 1 else f"held_out_{round_}"
    return "development"


def evaluate(
    extractor: Callable[[str], list[Any]] = current_extractor,
    *,
    parts: Iterable[str] = ("development", "held_out"),
    copies: bool = True,
) -> list[Result]:
    """Run ``extractor`` on every text of ``parts`` (and its .docx/.pdf copies) and score it.
    Held-out texts keep counts only."""
    wanted = set(parts)
    results = []
    for name, key in load_keys():
        if key["part"] not in wanted:
            continue
        details = key["part"] == "development"
        text = read_text(REPO / key["text"])
        offsets = entry_offsets(key, text)
        tally = score(key, extractor(text), offsets, details=details)
        results.append(Result(name, key["kind"], part_of(key), False, tally))
        for copy in key["copies"] if copies else []:
            path = REPO / copy
            copy_text = read_text(path)
            tally = score(
                key, extractor(copy_text), copy_offsets(key, text, copy_text), details=details
            )
            results.append(Result(f"{name}{path.suffix}", key["kind"], part_of(key), True, tally))
    return results


def total(results: Iterable[Result]) -> Tally:
    summed = Tally()
    for result in results:
        summed = summed + result.tally
    return summed


# --- the report -------------------------------------------------------------------------

COLUMNS = (
    ("recall", "recall"),
    ("speaker", "speaker"),
    ("setting", "setting"),
    ("recipient", "recip."),
    ("date", "date"),
    ("pin", "pin"),
    ("speech", "verb/rep"),
    ("recall_reported", "rep. recall"),
    ("precision", "precision"),
)


def _cell(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def table(rows: list[tuple[str, Tally]]) -> str:
    """A Markdown table: one row per label, the figures of ``Tally.figures`` as shares."""
    head = ["", "texts", "entries", *(title for _, title in COLUMNS)]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for label, tally in rows:
        figures = tally.figures()
        cells = [label, str(tally.texts), str(tally.entries)]
        cells += [_cell(figures[name]) for name, _ in COLUMNS]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def part_table(results: list[Result], part: str) -> str:
    """Per kind and overall for one part (texts only; copies are reported apart)."""
    mine = [r for r in results if r.part == part and not r.copy]
    kinds = sorted({r.kind for r in mine})
    rows = [(kind, total(r for r in mine if r.kind == kind)) for kind in kinds]
    rows.append(("**overall**", total(mine)))
    return table(rows)


def copies_table(results: list[Result], part: str) -> str:
    rows = [(r.name, r.tally) for r in results if r.part == part and r.copy]
    return table(rows) if rows else ""


def report(results: list[Result]) -> str:
    """The figures, development and held-out apart; per text and its misses only for the
    development part."""
    out = ["## Development", "", part_table(results, "development"), ""]
    copies = copies_table(results, "development")
    if copies:
        out += ["Copies (.docx/.pdf, read through app/core/textextract.py):", "", copies, ""]
    held_parts = sorted({r.part for r in results if r.part.startswith("held_out")})
    for part in held_parts:
        round_ = part.removeprefix("held_out").lstrip("_") or "1"
        out += [f"## Held out, round {round_} (aggregates only)", "", part_table(results, part), ""]
        copies = copies_table(results, part)
        if copies:
            out += ["Copies:", "", copies, ""]
    whole = [r for r in results if not r.copy]
    out += ["## Whole set", "", table([("**all parts**", total(whole))]), ""]
    return "\n".join(out)


def development_details(results: list[Result]) -> str:
    """Per development text: its row, the entries missed and the wrong attributions."""
    dev = [r for r in results if r.part == "development"]
    out = [table([(r.name, r.tally) for r in dev]), ""]
    for r in dev:
        if r.tally.misses or r.tally.wrong:
            out.append(f"### {r.name}")
            out += [f"- missed {m}" for m in r.tally.misses]
            out += [f"- wrong {w}" for w in r.tally.wrong]
            out.append("")
    return "\n".join(out)


if __name__ == "__main__":  # python -m tests.intake.scoring [--details]
    import sys

    found = evaluate()
    print(report(found))
    if "--details" in sys.argv:
        print(development_details(found))
