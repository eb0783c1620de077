"""Reported (indirect) speech in prose: "she said the stops were lawful".

A speech verb outside quotation marks ("said", "stated", "testified", "told jurors",
"advised me") whose subject is a person or an organisation, followed by a clause ("that
...", "she had ...", "if she ...", "to expect ...") is reported speech, from the clause's
first word to the end of the sentence. "<clause>, the department said Monday." reports
the clause before the comma. A quotation inside the clause is verbatim and an entry of
its own; the reported words around it are split at it, and a lead-in of fewer than four
words ("that the case", "and that she") is left out. A quotation of one or two words in
the middle of the clause ("heard a "scraping noise" at about 2 a.m.") is part of the
reported words. The author's own words ("I asked ...", "I advised him ...") are not
statements.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.core.intake.extract_attribution import MASK, MASK_START, Entity, Registry, fold
from app.core.intake.prose_pieces import pieces_of, words_in
from app.core.intake.prose_subject import clause_subject, other_named, spoken_to, subject_before
from app.core.intake.quotes import Quote

REPORT_VERBS = (
    "said|says|stated|states|told|tells|testified|testifies|advised|advises|wrote|writes|"
    "agreed|conceded|acknowledged|admitted|argued|claimed|explained|added|replied|answered|"
    "insisted|maintained|noted|confirmed|warned|alleged|asked|recalled|indicated|informed|"
    "reported|denied|assured|recounted|responded|posted|tweeted|instructed|argues|contends|"
    "contended|asserts|asserted"
)
# "denied the motion, finding that the officer ...": a court's finding is its words.
PARTICIPLES = "saying|adding|noting|explaining|insisting|acknowledging|stating|telling|finding"
_VERB = re.compile(rf"(?<![-\w])(?:{REPORT_VERBS}|{PARTICIPLES})\b")
_MID_TAG = re.compile(
    r",\s*(?P<np>he|she|they|(?:[A-Z][\w'’\-]+\s+){0,2}[A-Z][\w'’\-]+)\s+"
    r"(?P<verb>said|says|added|noted|explained|stated)\s*,\s+"
)
_TELLING = frozenset("told tells advised advises informed assured warned asked instructed".split())
_PASSIVE = re.compile(
    r"\b(?:is|was|were|be|been|being|are|to|the|a|not|never)\s+(?:\w+ly\s+)?$", re.I
)
_FINITE = re.compile(
    # "in a recorded call": after an article a participle describes; it is no verb
    r"\b(?<!\ba )(?<!\ban )(?<!\bthe )"
    r"(?:was|were|is|are|had|has|have|would|will|could|can|did|does|do|should|might|must|"
    r"may|shall|\w{3,}ed|broke|saw|heard|found|left|took|went|came|got|gave|made|knew|thought|"
    r"ran|hit|put|kept|felt|held|brought|sent|stood|sat|lost|met|shot|struck|threw|drove|"
    r"rode|fell|began|stole|\w+ies|\w+s(?=\s+to\s+[a-z]))\b|^(?:he|she|they|it|we|i|you)\s+\w+",
    re.IGNORECASE,
)
_MODAL_END = re.compile(r"\s(?:would|will|could|can|should|must|might)\s*$")
_PREPOSITION = re.compile(
    r"^(?:about|for|with|of|on|in|at|from|by|into|after|before|during|over|under)\b", re.I
)
_CLAUSE_WORDS = re.compile(r"^(?:that|if|whether|where|why|how|what|when|who)\b", re.I)
_INFINITIVE = re.compile(
    r"^(?:not\s+)?to\s+(?!(?:a|an|the|his|her|their|its|my|our|\d+)\b)[a-z]+\b"
)  # "told jurors to expect", "instructed the officers not to question"
_CLAUSE_START = re.compile(
    r"^(?:he|she|they|it|we|i|you|there|the|a|an|his|her|their|its|this|these|those|no|some|"
    r"all|every|any|each|one|two|three|both|neither|none|many|most|several|few|nobody|"
    r"everyone|someone|[A-Z0-9]\S*|\w+s)\b"
    # "said cell checks in Unit C are required": a bare plural, its verb soon after
    r"|^[a-z]+\s+[a-z]+s\b(?=(?:\s+\S+){0,5}?\s+(?:are|were|have|had|will|would|must|can)\b)"
)
_ROLE_RECIPIENTS = (
    r"(?:the\s+)?(?:jurors|jury|court|judge|police|investigators|detectives|reporters|"
    r"officers?|deputies|agents|dispatcher|prosecutors|defendant|complainant|victim|witness|"
    r"detective|trooper|deputy|me|him|her|them|us)"
)
_TITLED = (
    r"(?:the\s+)?(?:[A-Z][\w'’.\-]*\s+){0,5}[A-Z][\w'’\-]*"
    r"|(?:the|a|an|his|her|their|my|our|another)\s+[a-z]+"
    r"(?:\s+of\s+(?:the|a|an|his|her|their)\s+[a-z]+)?"
    r"(?=\s+(?:of|about|that|to|which|who|if|on|in|at|last|this|during|after|before)\b)"
)
# "told state senators on Wednesday that": people named by what they are, in the plural.
_PLURAL_PEOPLE = (
    r"(?:[a-z]+\s+)?[a-z]+(?:ors|ers|ists|ants|ents|ians|men|women)"
    r"(?=\s+(?:on|that|in|at|about|during|after|before|last|this)\b)"
)
# A report's "told R/O", "advised V-1", "told this member": the people its codes stand for.
_CODED = r"[A-Z]{1,3}/[A-Z]{1,3}(?![\w/])|[A-Z]{1,2}-\d{1,2}\b|this member\b"
_RECIPIENT = re.compile(rf"^\s+(?P<rec>{_CODED}|{_ROLE_RECIPIENTS}\b|{_TITLED}|{_PLURAL_PEOPLE})")
_ADVERBIAL = re.compile(
    r"^(?:\s*,)?\s+(?:(?:on|last|this|earlier|later)\s+)?"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|week|"
    r"month|night|morning|afternoon|evening|again|also|later|previously|repeatedly|"
    r"(?:in|during|at|by|via|over|through|under|on)\s+(?:an?\s+|the\s+|his\s+|her\s+|their\s+)?"
    r"(?:written\s+|brief\s+|prepared\s+|phone\s+|telephone\s+|later\s+|news\s+|press\s+)?"
    r"(?:statement|email|e-mail|letter|interview|conference|briefing|phone|telephone|"
    r"instagram|facebook|twitter|x|tiktok|post|hearing|sentencing|court|session|call))\b"
    r"(?:\s+(?:posted|with|to)\s+[^,]*?(?=\s+that\b))?",
    re.IGNORECASE,
)
_SKIPPABLE = re.compile(
    r"(?:\s*,?\s*(?:in|on|at|to|with|during|by|via|through|posted|after|before|last|this|"
    r"earlier|later|over|under|\d{1,4})\b[^,\ue000\ue001]*?)*[\s,]*",
    re.IGNORECASE,
)
_DOCUMENTS = (
    r"records?|reports?|review|documents?|filings?|papers|complaint|affidavit|indictment|"
    r"statements?|data|video|footage|testimony|court|police|investigators|sources?|officials"
)
_ACCORDING = re.compile(r"^\W*(?:According to|Per)\s+(?P<np>[^;:]{2,120}?),\s+(?=[a-z]|[A-Z])")
_SUBSTANCE = re.compile(r"^\s*,?\s*in sum and substance\s*,?", re.IGNORECASE)
_NOT_SPEAKERS = re.compile(
    r"\b(?:records?|review|report|documents?|video|footage|statement|study|data|papers|filing|"
    r"complaint|affidavit|it|this|which|who)$",
    re.IGNORECASE,
)
_FINAL_TAG = re.compile(
    rf",\s*(?P<np>(?:the|a|an)\s+[\w'’\- ]{{1,50}}?|[A-Z][\w'’.\- ]{{1,50}}?|"
    rf"(?:police|prosecutors|officials|authorities|investigators|detectives|officers|witnesses))\s+"
    rf"(?P<verb>{REPORT_VERBS})(?P<adv>[^,;]*?)\s*[.]?\s*$"
)


@dataclass
class Reported:
    """One stretch of reported speech in a paragraph (offsets in the paragraph's text)."""

    index: int  # the paragraph's index
    start: int
    end: int
    speaker: Entity | None
    phrase: str
    verb: str
    attribution: str  # the words that say who spoke, where and when (not the content)
    recipient: str = ""
    how: str = ""
    quotes: list[Quote] = field(default_factory=list)  # verbatim quotes inside the clause
    clause_start: int = 0  # where the reported clause starts, before any lead-in left out
    silent: bool = False  # no words of its own to propose, only its quotations
    speech: str = "reported"  # "verbatim" for a Q:/A: line read as a statement
    context: str = ""  # the paragraph's narrative before it (no speech verb)


_ANY_SPEECH = re.compile(
    rf"(?<![-\w])(?:{REPORT_VERBS}|tell|say|state|explain|admit|testify|write|ask|yelled|"
    rf"shouted|screamed|whispered|muttered|cried|called out|yell|shout|scream)\b",
    re.I,
)


def speech_verb(text: str) -> bool:
    """Whether ``text`` holds a speech verb ("told him at his arrest,", "heard him tell")."""
    # "officers had responded to "a report ..."": they went there, they did not speak.
    return bool(_ANY_SPEECH.search(re.sub(r"\bresponded\s+to\b", " ", text)))


def find_reported(
    registry: Registry,
    sentence: str,
    offset: int,
    index: int,
    quotes: list[tuple[int, int, Quote]],
    *,
    author_speaks: bool,
) -> list[Reported]:
    """The reported speech of one masked sentence (``offset`` in its paragraph)."""
    according = _ACCORDING.match(sentence)
    if according and not speech_verb(sentence[according.end() :]):
        return _according(registry, sentence, offset, index, according, quotes)
    inside = [
        (s - offset, e - offset, q) for s, e, q in quotes if offset <= s < offset + len(sentence)
    ]
    mid = _MID_TAG.search(sentence)
    if mid and not inside and len(sentence[: mid.start()].split()) <= 6:
        return _around_tag(registry, sentence, offset, index, mid)
    for verb in _VERB.finditer(sentence):
        if MASK in sentence[verb.start() - 1 : verb.start()] or _PASSIVE.search(
            sentence[: verb.start()]
        ):
            continue
        if verb.group(0).endswith("ing"):
            # ", adding that ...", ", saying ...": the clause's subject speaks.
            if not sentence[: verb.start()].rstrip().endswith(","):
                continue
            phrase, entity = clause_subject(registry, sentence[: verb.start()])
        else:
            phrase, entity = subject_before(registry, sentence[: verb.start()], verb.group(0))
        if not phrase or _NOT_SPEAKERS.search(phrase.strip()):
            continue
        if entity is None and phrase[:1].islower() and fold(phrase) not in ("i", "we"):
            entity = registry.role(phrase)
        if fold(phrase) in ("i", "we", "me", "us"):
            return []  # the author's own words
        outlet = entity is None or entity.kind == "org" or re.match(r"(?i)the\s+[A-Z]", phrase)
        if re.match(r"\s*(?:If|Unless|Should)\b[^,]*$", sentence[: verb.start()]):
            continue  # "If the State contends that ...": a condition, not what anyone said
        if verb.group(0) == "reported" and outlet:
            continue  # "..., Gothamist reported": another outlet's story, not a statement
        found = _complement(sentence, verb)
        if found is None:
            tail = _FINAL_TAG.search(sentence)
            if tail and tail.start() > 0 and not inside and tail.start("verb") == verb.start():
                return _before_tag(registry, sentence, offset, index, tail)
            continue
        start, recipient = found
        if fold(recipient) in ("him", "her"):
            recipient = other_named(registry, sentence[: verb.start()], entity) or recipient
        recipient = spoken_to(registry, recipient, entity)  # "...; he told her": the asker
        registry.subject(entity)  # "she" in the next sentence may be this speaker
        if recipient[:1].islower():
            registry.last_object = registry.role(recipient) or registry.last_object
        elif recipient:
            registry.last_object = registry.resolve_phrase(recipient)[1] or registry.last_object
        made = []
        while True:
            # "stated that ..., and told the officers that ...": each clause its own item.
            end = _clause_end(sentence, start)
            second = _SECOND_VERB.search(sentence, start, end)
            again = _VERB.match(sentence, second.start("verb")) if second else None
            follow = _complement(sentence, again) if again else None
            items = _clause_items(
                (index, offset), sentence, (start, second.start() if follow else end), inside
            )
            for item in items:
                item.speaker, item.phrase, item.verb, item.recipient = (
                    entity,
                    phrase,
                    verb.group(0),
                    recipient,
                )
                item.how = f"reported speech: {phrase} {verb.group(0)}"
            made += items
            if follow is None or again is None:
                break
            (start, recipient), verb = follow, again
        return made
    return _statement_of(registry, sentence, (index, offset), inside)


# "Barrett then gave an oral statement admitting his involvement in the assault."
_STATEMENT_OF = re.compile(
    r"\b(?:gave|made|signed|wrote)\s+(?:an?|his|her|their)\s+(?:\w+\s+)?"
    r"(?:statement|confession|admission|form|waiver|affidavit|letter|note)\s+"
    r"(?P<verb>admitting|denying|saying|claiming|acknowledging|explaining|describing|stating)\s+"
)


def _statement_of(
    registry: Registry,
    sentence: str,
    where: tuple[int, int],
    inside: list[tuple[int, int, Quote]],
) -> list[Reported]:
    """A statement the sentence's subject gave, told by what it says ("gave an oral
    statement admitting his involvement"): the words after the participle are reported."""
    match = _STATEMENT_OF.search(sentence)
    if match is None:
        return []
    phrase, entity = clause_subject(registry, sentence[: match.start()])
    if entity is None:
        return []
    start = match.start("verb")
    items = _clause_items(where, sentence, (start, _clause_end(sentence, start)), inside)
    for item in items:
        item.speaker, item.phrase, item.verb = entity, phrase, match.group("verb")
        item.how = f"reported speech: {phrase}'s statement {match.group('verb')}"
    return items


_SECOND_VERB = re.compile(
    r",?\s+(?:and|but)\s+(?:then\s+)?(?P<verb>told|stated|said|added|explained|admitted|advised)\b"
)


def _clause_items(
    where: tuple[int, int],
    sentence: str,
    span: tuple[int, int],
    inside: list[tuple[int, int, Quote]],
) -> list[Reported]:
    """The reported words of one clause, split at its quotations (speaker set by the caller)."""
    (index, offset), (start, end) = where, span
    attribution = sentence[:start].replace(MASK_START, " ").replace(MASK, " ")
    pieces = pieces_of(sentence, start, end, inside)
    owned = [q for s, e, q in inside if start <= s < end and not q.drop]
    if not pieces and not owned:
        return []
    silent = not pieces  # only lead-ins to its quotations: it speaks through them
    made = [
        Reported(index, offset + s, offset + e, None, "", "", attribution)
        for s, e in pieces or [(start, start)]
    ]
    made[0].quotes = owned
    for item in made:
        item.clause_start, item.silent = offset + start, silent
    return made


def _according(
    registry: Registry,
    sentence: str,
    offset: int,
    index: int,
    according: re.Match[str],
    quotes: list[tuple[int, int, Quote]],
) -> list[Reported]:
    """ "According to a spokesperson, Lt. Carl Dunn, the footage will be released.": the
    clause is the person's reported words; records, reports and filings are not people."""
    np = according.group("np")
    chunks = [c.strip() for c in np.split(",") if c.strip()]
    head = chunks[0].split()[-1] if chunks and chunks[0].split() else ""
    if re.fullmatch(_DOCUMENTS, head, re.IGNORECASE) or re.search(
        r"\b(?:records|reports|documents|filings|papers|statements)\b", chunks[0], re.IGNORECASE
    ):
        return []
    phrase, entity = registry.resolve_phrase(chunks[-1])
    if entity is None or entity.kind not in ("person", "unnamed"):
        phrase, entity = registry.resolve_phrase(chunks[0])
        if entity is None or entity.kind not in ("person", "unnamed"):
            return []
    inside = [
        (s - offset, e - offset, q) for s, e, q in quotes if offset <= s < offset + len(sentence)
    ]
    start, end = according.end(), len(sentence.rstrip())
    named = re.match(r"((?:[A-Z][\w'’.\-]*\s+){1,4}[A-Z][\w'’\-]*),\s+", sentence[start:])
    if named:
        # "According to a spokesperson, Lt. Carl Dunn, the ...": the name in apposition.
        _p, person = registry.resolve_phrase(named.group(1))
        if person is not None and person.kind == "person":
            phrase, entity, start = named.group(1), person, start + named.end()
    made = [
        Reported(index, offset + s, offset + e, entity, phrase, "according to", "")
        for s, e in pieces_of(sentence, start, end, inside)
    ]
    for item in made:
        item.clause_start = offset + start
        item.how = f"reported speech: according to {phrase}"
    return made


def _around_tag(
    registry: Registry, sentence: str, offset: int, index: int, mid: re.Match[str]
) -> list[Reported]:
    """ "The officers, she said, followed every rule.": the sentence around the tag."""
    phrase, entity = registry.resolve_phrase(mid.group("np"))
    if entity is None or words_in(sentence) < 6 or fold(phrase) in ("i", "we"):
        return []
    if entity is not None:
        registry.subject(entity)
    lead = len(sentence) - len(sentence.lstrip())
    # An utterance the tag breaks is two entries, the words before it and after, when the
    # words before are a clause of their own ("While she was turned around, Collins said,");
    # a subject alone ("The officers, she said, followed ...") stays with its sentence.
    spans = [(lead, len(sentence.rstrip()))]
    if words_in(sentence[: mid.start()]) >= 4:
        spans = [(lead, mid.start() + 1), (mid.end(), len(sentence.rstrip()))]
    made = []
    for start, end in spans:
        item = Reported(
            index,
            offset + start,
            offset + end,
            entity,
            phrase,
            mid.group("verb"),
            sentence[mid.start() : mid.end()],
            how=f"reported speech: {phrase} {mid.group('verb')}",
        )
        item.clause_start = item.start
        made.append(item)
    return made


def _before_tag(
    registry: Registry, sentence: str, offset: int, index: int, tail: re.Match[str]
) -> list[Reported]:
    """ "The department made 14 arrests, the department said Monday.": the clause before."""
    content = sentence[: tail.start()]
    if len(content.split()) < 4 or not _FINITE.search(content):
        return []
    phrase, entity = registry.resolve_phrase(tail.group("np"))
    lead = len(content) - len(content.lstrip())
    if entity is not None:
        registry.subject(entity)
    return [
        Reported(
            index,
            offset + lead,
            offset + tail.start(),
            entity,
            phrase,
            tail.group("verb"),
            sentence[tail.start() :],
            how=f"reported speech: {phrase} {tail.group('verb')}",
        )
    ]


def _complement(sentence: str, verb: re.Match[str]) -> tuple[int, str] | None:
    """Where the reported clause after ``verb`` starts, and the recipient named before it."""
    pos = verb.end()
    recipient = ""
    rest = sentence[pos:]
    if re.match(
        r"\s+the\s+cause\b|\s+(?:the|both|all|his|her|its|their)\s+(?:\w+\s+)?motions?\b", rest
    ):
        return None  # "argued the cause for petitioner", "denied both motions": no one's words
    if verb.group(0) in _TELLING or re.match(r"^\s+to\s+[A-Z]", rest):
        to = re.match(r"^\s+to(?=\s)", rest)
        if to:
            pos += to.end()
        match = _RECIPIENT.match(sentence[pos:])
        if match and not re.match(r"(?i)that\b", match.group("rec")):
            recipient = match.group("rec").strip()
            pos += match.end()
            # "told Detective Pike of the Carrow Falls Police Department that ...": her unit.
            unit = re.match(  # "agents of the Bureau of Alcohol, Tobacco, and Firearms"
                r"^\s+of\s+(?:the\s+)?[A-Z][\w'’.\-]*(?:,?\s+(?:of\s+|and\s+)?[A-Z][\w'’.\-]*)*"
                r"(?=\s*,|\s+that\b)",
                sentence[pos:],
            )
            pos += unit.end() if unit else 0
    for _ in range(6):
        step = _ADVERBIAL.match(sentence[pos:]) or _SUBSTANCE.match(sentence[pos:])
        if not step or not step.group(0).strip(" ,"):
            break
        pos += step.end()
    rest = sentence[pos:]
    that = re.search(r"\bthat\b", rest[:120])
    if that and _SKIPPABLE.fullmatch(rest[: that.start()]):
        pos += that.start()  # "said in a statement posted to Facebook that ..."
        return pos, recipient
    body = rest.lstrip(" ,:")
    pos += len(rest) - len(body)
    if not body or body[0] in (MASK_START, MASK) or body[0] in ".;!?":
        return None
    if _CLAUSE_WORDS.match(body):
        return pos, recipient
    question = re.search(r"\b(?:if|whether)\b", " ".join(body.split()[:12]))
    if verb.group(0) == "asked" and question and re.match(r"(?i)(?:which|who|whom)\b", body):
        return pos + body.index(question.group(0)), recipient  # "asked X, who ..., if ..."
    if _INFINITIVE.match(body):
        # "told jurors to expect ...": an order or a request; "agreed to perform" is not speech.
        return (pos, recipient) if verb.group(0) in _TELLING else None
    if re.match(r"(?i)(?:and|but|or|then)\b", body) or not _CLAUSE_START.match(body):
        return None  # "responded and processed ...", "advised prior knee injury"
    if _PREPOSITION.match(body):
        return None
    if body[:1].isupper() and verb.group(0) in ("said", "says"):
        words = body.split()
        if words and words[0].rstrip(",") in ("Monday", "Tuesday", "Today"):
            return None
    head = " ".join(body.replace(MASK_START, " ").split()[:9])
    lead_in = body.split(MASK_START)[0]
    if MASK_START in body and _MODAL_END.search(lead_in) and len(lead_in.split()) <= 15:
        return pos, recipient  # 'said a total ban on arrests ... would "tie our hands"'
    if MASK_START in body[: len(head)] and not _FINITE.search(lead_in):
        # "told them he "panicked ..."": a subject, then the quoted verb: still a clause.
        # "said most of the cases "will fall apart ...": the subject, then its quoted verb.
        subject = _CLAUSE_START.match(lead_in.strip()) and len(lead_in.split()) <= 6
        if not subject or _PREPOSITION.match(lead_in.strip()):
            return None
        return pos, recipient
    if _FINITE.search(head) and len(body.split()) >= 3:
        return pos, recipient
    if re.search(r"\band that\b", body) and _FINITE.search(body):
        return pos, recipient  # "advised the cameras cover pumps 3 to 6 and that ..."
    return None


def _clause_end(sentence: str, start: int) -> int:
    end = len(sentence.rstrip())
    according = re.search(r",\s*according to\b", sentence[start:])
    if according:
        end = start + according.start()
    return end
