"""How the reports of one complaint paragraph hold one another.

A witness's account may hold another's words ("Teller-1 said that when she looked up, the
man leaned in and said, "Hurry," and that she then handed him the cash"): the account is
cut where the inner report begins, its own clause before that kept, and its words after a
quotation ("and that she then handed him ...") are a further statement of the same teller.
Allegations listed side by side ("..., and that informant said ...") stay apart, and a
bare lead-in ("that, after being advised of his rights,") is no statement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from app.core.intake.complaint_speech import Report

# A clause of its own: someone doing something ("she looked up", "informant told him").
_FINITE = re.compile(
    r"\b(?:he|she|they|we|I|informant|deponent|affiant|the\s+\w+|[A-Z][\w'-]+),?\s+"
    r"(?:then\s+|also\s+)?(?:[a-z]+ed|told|saw|ran|took|held|went|came|gave|got|put|hit"
    r"|threw|struck|drew|stood|was|were|had)\b"
)
_TAIL = re.compile(r"[\"”]?[\s,;]*(?:and\s+)?(?=that\b)")
# After a quotation someone heard, her account goes on ("," and saw him run").
_HEARD_TAIL = re.compile(r"[\"”]?[\s,;]*(?=\w)")


_SETTING_WORDS = frozenset(
    "at after before during on in inside outside near upon when while following within".split()
)


def _circumstance(words: str) -> bool:
    """Whether ``words`` only set the scene ("that at the stationhouse, after being advised
    of his rights,"): each phrase opens with a word of place or time."""
    chunks = [c for c in re.split(r",\s*", re.sub(r"^that\b", "", words).strip(" ,")) if c]
    return bool(chunks) and all(c.split()[0].lower() in _SETTING_WORDS for c in chunks)


@dataclass
class Nesting:
    """Which reports to propose, who reports each nested one, and the accounts' tails."""

    keep: list[bool] = field(default_factory=list)
    reporter_of: dict[int, int] = field(default_factory=dict)  # nested -> its reporter
    inside_of: dict[int, int] = field(default_factory=dict)  # nested or listed -> holder
    tails: list[tuple[int, Report]] = field(default_factory=list)  # holder, words after


def nest(text: str, found: list[Report]) -> Nesting:
    """Cut each report of ``found`` (in order, one paragraph) where a report inside it
    begins; see the module's docstring."""
    out = Nesting()
    for i, report in enumerate(found):
        out.keep.append(True)
        for j in range(i + 1, len(found)):
            inner = found[j]
            if not report.start <= inner.span_start < report.end:
                continue
            # "she heard the defendant say to him, "..."": what she heard is her account
            heard = inner.verb == "heard" and inner.verbatim and report.kind != "deponent"
            before = text[report.start : inner.start if heard else inner.span_start]
            before = before.rstrip('"“ ') if heard else before
            out.inside_of[j] = i
            # "..., and that informant said ..." lists a further allegation beside
            # this one; "that, before leaving, the defendant said" nests in it
            sibling = re.search(r"(?:,\s*|\band\s+)that\s*$", before)
            if sibling and i in out.reporter_of:
                out.reporter_of[j] = out.reporter_of[i]
            elif not sibling:
                out.reporter_of[j] = i
            whole_end = report.end
            report.end = report.start + len(re.sub(r"[\s,;]*(?:and\s+)?(?:that\s*)?$", "", before))
            words = text[report.start : report.end]
            # a lead-in ("that, after being advised of his rights,") is no statement;
            # a clause of its own ("Deponent observed the defendant ...") is
            own_clause = report.verb == "alleges" and len(words.split()) >= 4
            listed = bool(sibling) and len(words.split()) >= 3
            acted = not sibling and bool(_FINITE.search(words))  # "that when she looked up,"
            # "admitted ..., but said ...": one subject, two statements side by side
            shared = inner.who_start == report.who_start
            if shared:
                out.reporter_of.pop(j, None)
                out.inside_of.pop(j, None)
            long_enough = len(words.split()) >= 12 and not _circumstance(words)
            heard_lead = heard and len(words.split()) >= 4
            out.keep[i] = own_clause or listed or shared or acted or long_enough or heard_lead
            if inner.verbatim and not sibling and not shared:
                tail = (_HEARD_TAIL if heard else _TAIL).match(text, inner.end, whole_end)
                if tail and whole_end - tail.end() > 10:
                    out.tails.append((i, replace(report, start=tail.end(), end=whole_end)))
            break
    return out
