"""Score proposed statements against a hand-written answer key."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

KEYS = Path(__file__).parent / "keys"
REPO = Path(__file__).resolve().parents[3]


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    for a, b in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"')):
        text = text.replace(a, b)
    return " ".join(text.lower().split())


def norm_speaker(name: str) -> str:
    return re.sub(r"^(the|a|an)\s+", "", norm(name))


@dataclass
class Score:
    total: int
    found: int
    right_speaker: int
    proposals: int
    matched_proposals: int
    right_recipient: int = 0
    with_recipient: int = 0
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.total

    @property
    def speaker_accuracy(self) -> float:
        return self.right_speaker / self.found if self.found else 0.0

    @property
    def precision(self) -> float:
        return self.matched_proposals / self.proposals if self.proposals else 0.0

    def summary(self) -> str:
        return (
            f"found {self.found}/{self.total} ({self.recall:.0%}), right speaker "
            f"{self.right_speaker}/{self.found} ({self.speaker_accuracy:.0%}), precision "
            f"{self.matched_proposals}/{self.proposals} ({self.precision:.0%}), recipient "
            f"{self.right_recipient}/{self.with_recipient}"
        )


def load_key(name: str) -> dict[str, Any]:
    return json.loads((KEYS / f"{name}.json").read_text(encoding="utf-8"))


def key_text(key: dict[str, Any]) -> str:
    return (REPO / key["text"]).read_text(encoding="utf-8")


def score(proposals: list[Any], key: dict[str, Any]) -> Score:
    entries = key["statements"]
    result = Score(len(entries), 0, 0, len(proposals), 0)
    used: set[int] = set()
    for entry in entries:
        start = norm(entry["quote_start"]).rstrip(".,")
        match = None
        for i, p in enumerate(proposals):
            if start in norm(p.text) and p.paragraph <= entry["paragraph"] <= p.end_paragraph:
                match = i
                break
        if match is None:
            result.misses.append(f"¶{entry['paragraph']} {entry['quote_start']!r}")
            continue
        used.add(match)
        result.found += 1
        proposal = proposals[match]
        accepted = {norm_speaker(entry["speaker"])} | {
            norm_speaker(s) for s in entry.get("speaker_alt", [])
        }
        if norm_speaker(proposal.speaker) in accepted:
            result.right_speaker += 1
        else:
            result.wrong.append(
                f"¶{entry['paragraph']} {entry['quote_start'][:30]!r}: "
                f"{proposal.speaker!r} ({proposal.how}) != {entry['speaker']!r}"
            )
        if entry.get("recipient"):
            result.with_recipient += 1
            want = norm_speaker(entry["recipient"]).split()[-1]
            if want in norm_speaker(proposal.recipient):
                result.right_recipient += 1
    result.matched_proposals = len(used)
    return result
