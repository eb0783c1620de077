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

from app.core.intake.extract_attribution import Entity
from app.core.intake.prose_layout import Layout
from app.core.intake.prose_reported import Reported
from app.core.intake.quotes import Paragraph, Quote

_EXCHANGE = re.compile(r"^\s*(?P<label>Q|A)\s*[:.]\s+(?=\S)")


def exchange_turn(para: Paragraph) -> str:
    """ "Q" or "A" when the paragraph is a question or an answer line, else ""."""
    match = _EXCHANGE.match(para.text)
    return match.group("label") if match else ""


def exchange_statement(index: int, para: Paragraph, label: str, witness: Entity | None) -> Reported:
    """One ``Q:`` or ``A:`` line as a statement (offsets in the paragraph)."""
    match = _EXCHANGE.match(para.text)
    start = match.end() if match else 0
    end = len(para.text.rstrip())
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
