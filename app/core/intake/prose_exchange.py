"""Two layouts inside prose that are not quotations of one speaker.

An opinion or a news story may reprint a stretch of testimony as ``Q:`` / ``A:`` lines:
each line is a statement, the question put by the examining lawyer (``Q``) in court, the
answer given under oath by the witness the text was just speaking of. And an opinion may
quote a lower court's statement of facts as a block ("described the facts as follows:"):
the block is that court's narrative, not a person's words, so it is not a statement; the
speech it reports ("The officer told defendant he was not under arrest") is read as
reported speech, as in the opinion's own text.
"""

from __future__ import annotations

import re

from app.core.intake.extract_attribution import Entity, Registry, clean_np
from app.core.intake.prose_layout import Layout
from app.core.intake.prose_reported import Reported
from app.core.intake.quotes import Paragraph, Quote

_EXCHANGE = re.compile(r"^\s*(?P<label>Q|A)\s*[:.]\s+(?=\S)")
# A speaker's label in capitals: "DISPATCHER: Elm 911, what is your emergency?"
_LABEL = re.compile(r"^\s*(?P<label>[A-Z][A-Z.'’]+(?:\s[A-Z][A-Z.'’]+){0,2})\s*:\s+(?=\S)")


def exchange_turn(
    paras: list[Paragraph], index: int, labels: dict[int, tuple[str, str, str]]
) -> str:
    """ "Q" or "A" when the paragraph is a question or an answer line (an "A." only after
    another line of the exchange: alone it is a heading, "A. The showup"), the label of a
    labelled line, else ""."""
    if index in labels:
        return labels[index][0]
    match = _EXCHANGE.match(paras[index].text)
    if not match or (match.group("label") == "A" and not _after_exchange(paras, index)):
        return ""
    return match.group("label")


def _after_exchange(paras: list[Paragraph], index: int) -> bool:
    return index > 0 and bool(_EXCHANGE.match(paras[index - 1].text))


def labelled_lines(paras: list[Paragraph], layout: Layout) -> dict[int, tuple[str, str, str]]:
    """Lines an opinion or a story reprints as a dialogue under speakers' labels
    ("DISPATCHER: ...", "CALLER: ..."), each with its label, the label spoken to and the
    text's words just before the dialogue; a label alone is a heading or a field."""
    if layout.kind not in ("opinion", "news"):
        return {}
    marks = {i: m.group("label") for i, p in enumerate(paras) if (m := _LABEL.match(p.text))}
    found: dict[int, tuple[str, str, str]] = {}
    for index, label in marks.items():
        if label == "CALLER" and (caller := _caller(paras, index, marks)):
            marks[index] = caller  # "Ann Roe called 911. ... CALLER:": the caller is Ann Roe
    for index, label in marks.items():
        others = [marks.get(index - 1), marks.get(index + 1)]
        other = next((o for o in others if o and o != label), "")
        first = index
        while first - 1 in marks:
            first -= 1
        if other:
            found[index] = (label, other, paras[first - 1].text if first else "")
    return found


_CALLED = re.compile(
    r"(?P<np>[A-Z][\w'’\-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][\w'’\-]+){1,2})\s+(?:called|dialed|phoned)\s+911\b"
)


def _caller(paras: list[Paragraph], index: int, marks: dict[int, str]) -> str:
    """The person the text says called 911 just before a reprinted call, or ""."""
    first = index
    while first - 1 in marks:
        first -= 1
    called = _CALLED.search(paras[first - 1].text) if first else None
    return called.group("np") if called else ""


def exchange_statement(
    index: int,
    para: Paragraph,
    label: str,
    witness: Entity | None,
    labels: dict[int, tuple[str, str, str]],
) -> Reported:
    """One ``Q:`` or ``A:`` line, or a labelled line, as a statement (offsets in the
    paragraph). A labelled line is told to the other label; its setting and day are what the
    text just told of the exchange ("called 911 on June 3, 2023")."""
    match = _EXCHANGE.match(para.text) if label in ("Q", "A") else _LABEL.match(para.text)
    start = match.end() if match else 0
    end = len(para.text.rstrip())
    if (labelled := labels.get(index)) is not None:
        item = Reported(index, start, end, None, label, "said", labelled[2])
        item.recipient, item.how, item.speech = labelled[1], f"{label}: a labelled line", "verbatim"
        return item
    if label == "Q":
        item = Reported(index, start, end, None, "Q", "asked", "asked in court")
        item.recipient = witness.name if witness is not None else ""
        item.how = "Q: the examining lawyer's question"
    else:
        name = witness.name if witness is not None else "A"
        item = Reported(index, start, end, witness, name, "answered", "testified")
        item.how = f"A: the answer of the witness, {name}"
    item.speech = "verbatim"
    return item


def narrative_blocks(paras: list[Paragraph], quotes: list[Quote], layout: Layout) -> set[int]:
    """The paragraphs of a court's statement of facts quoted as a block; its quotation is
    dropped (it is the court's narrative, not a person's words)."""
    blocks: set[int] = set()
    if layout.kind != "opinion":
        return blocks
    for quote in quotes:
        first = quote.pieces[0]
        if first[0] == 0 or first[1] > 1:
            continue
        intro = paras[first[0] - 1].text.rstrip()
        if intro.endswith(":") and re.search(r"\bas follows\b", intro, re.IGNORECASE):
            quote.drop = True
            blocks.update(index for index, _s, _e in quote.pieces)
    # A block goes on in the paragraphs that open with a quotation mark right after it.
    for index in sorted(blocks):
        follow = index + 1
        while follow < len(paras) and paras[follow].text.lstrip()[:1] in '“"':
            if follow in blocks:
                break
            blocks.add(follow)
            for quote in quotes:
                if quote.pieces[0][0] == follow:
                    quote.drop = True
            follow += 1
    return blocks


_NAME = r"(?:[A-Z][\w'’.\-]*\s+){0,5}[A-Z][\w'’\-]*"
_PARTY = r"the\s+(?:respondent|defendant|petitioner|appellant|appellee|accused|suspect)"
# "Captain Penn advised the respondent of his rights. The respondent stated ...": to Penn.
_QUESTIONED = re.compile(
    rf"(?:^\s*|[,;]\s*|\band\s+)(?P<q>{_NAME})\s+(?:also\s+|then\s+|again\s+)?"
    rf"(?:asked|questioned|pressed|advised|informed)\s+(?P<a>{_NAME}|{_PARTY})\b"
)
_CROSS = re.compile(
    rf"\b(?:under|on|during)\s+(?:cross|direct|re-?direct)-?\s*examination\s+by\s+(?P<q>{_NAME})"
    rf"\s*,\s*(?P<a>{_NAME})\b"
)

# "Asked by ADA Cal Penn how he knew, he answered, ...": the answer given to the one asking.
_ASKED_BY = re.compile(
    rf"\b[Aa]sked\s+by\s+(?P<q>{_NAME})\b[^,;]*,\s*(?P<a>{_NAME}|he|she|they)\s+"
    r"(?:then\s+)?(?:answered|replied|responded|said|testified|stated|told)\b"
)


# "the Elm police received a telephone call from Cal Ruiz, ... who reported": to the police.
_CALLED_IN = re.compile(
    rf"\b(?P<q>(?:the\s+)?(?:{_NAME})(?:\s+(?:police|officers|deputies|dispatchers?))?)\s+received\s+an?\s+(?:(?:telephone|phone|911)\s+)?"
    rf"call\s+from\s+(?P<a>{_NAME})\b"
)


def questioned(registry: Registry, sentence: str) -> list[tuple[Entity, str]]:
    """Who questions whom in a sentence ("Calloway also asked Dufresne about ...", "Under
    cross-examination by Martin Calloway, Dufresne agreed"): (answerer, questioner's name)."""
    found = []
    for pattern in (_QUESTIONED, _CROSS, _ASKED_BY, _CALLED_IN):
        for match in pattern.finditer(sentence):
            _p, answerer = registry.resolve_phrase(match.group("a"))
            asker, questioner = registry.resolve_phrase(match.group("q"))
            if pattern is _CALLED_IN and questioner is None:
                found += [(answerer, clean_np(asker))] if answerer is not None else []
            elif answerer is not None and questioner is not None and answerer is not questioner:
                found.append((answerer, questioner.name))
    return found
