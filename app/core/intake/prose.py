"""Statements in prose (news, press releases, department statements, letters, opinions,
police reports): quotations, and reported speech proposed apart from them.

The layout is read first (app/core/intake/prose_layout.py): the kind of document, its
date, headlines (never a source of names or statements), datelines, the byline's outlet,
a caption's defendant, a letterhead, a report's author and its own paragraph numbers.
Paragraphs and quotations are found by app/core/intake/quotes.py (``¶ N`` is the N-th
non-empty line, or a report's own number; a quotation over several paragraphs is one
statement with the pin cite ``¶¶ 15–16``).

Attribution of a quotation, in order: a tag after the quotation (``," the mayor said``,
``," said Sheriff Dana Whitlock``); a speech verb before it in the same sentence
(``Ingram said "..."``, ``Whitfield said: "..."``, ``adding that "..."``); ``According to
X``; ``In her words:``; a sentence ending in a colon just before the paragraph. A
quotation with none of these takes the speaker of a neighbouring quotation in its
paragraph, else the sentence's subject or the text's last speaker (marked as a guess).
Quotations of three words or fewer with no speech verb are scare quotes or nicknames, not
statements. Reported speech ("she said the stops were lawful") is found by
app/core/intake/prose_reported.py; ``Q:``/``A:`` lines and a court's block-quoted
statement of facts by prose_exchange.py; setting, recipient and date are settled by
prose_setting.py (through prose_assemble.py). Nothing is downloaded and no model is used.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from app.core.intake import prose_exchange as exchange
from app.core.intake import prose_subject as subjects
from app.core.intake.extract_attribution import (
    MASK_START,
    PRONOUNS,
    Entity,
    Registry,
    clean_np,
    fold,
)
from app.core.intake.proposal import Proposal
from app.core.intake.prose_account import Reported, reported_in_account
from app.core.intake.prose_assemble import assemble
from app.core.intake.prose_dates import before_verb, stated_day
from app.core.intake.prose_frames import (
    HEARD,
    HEARD_SAY,
    POSSESSIVE_WORDS,
    SENT,
    STATEMENT_THAT,
    WORDS_OF,
    blank_aside,
    nickname_or_scare,
)
from app.core.intake.prose_gaps import fill_gaps
from app.core.intake.prose_layout import header_cast, read_layout
from app.core.intake.prose_subject import clause_subject, newly_named, plausible_np, subject_before
from app.core.intake.quotes import (
    Paragraph,
    Quote,
    find_quotes,
    mask_quotes,
    paragraphs,
    sentences,
)

VERBS = (
    "said|says|say|told|tells|tell|telling|stated|states|state|added|adds|adding|saying|"
    "explained|explains|wrote|writes|writing|asked|asks|answered|replied|replies|noted|notes|"
    "described|describes|confirmed|insisted|recalled|warned|claimed|argued|testified|"
    "volunteered|continued|acknowledged|admitted|declared|announced|remarked|responded|"
    "posted|tweeted|shouted|yelled|screamed|shout|yell|scream|broadcasting|radioed|"
    "whispered|texted|emailed|messaged|complained|"
    "alleged|alleges|called|calls|urged|observed|maintained|maintains|conceded|joked|"
    "reported|promised|predicted|boasted|cautioned|stressed|emphasized|emphasised|"
    "suggested|admits|wonders|wondered|recounted|recalls|"
    # A court's finding that quotes its own words: "the judge found that it was "...""
    r"(?:found|finds|concluded|ruled|held|determined)(?=\s+that\b)"
)
# Not "so-called", not "waived her rights in writing".
_VERB = re.compile(rf"(?<![-\w])(?<!\bin )(?:{VERBS})\b", re.IGNORECASE)
_LEAD_PREPOSITIONS = frozenset(
    "at in on after before during from with by under outside inside near".split()
)
_PARTICIPLE = re.compile(r"ing$")
_THINGS = "video|post|photo|picture|footage|clip|image|article|story|report|document|sign|letter"
_SPEAKER_NP = (
    r"(?:(?:the|a|an|one|our|his|her|their)\s+)?"
    r"(?:[A-Za-z][\w'’.\-]*\s+){0,6}?[A-Za-z][\w'’.\-]*"
)
_TAG_AFTER = re.compile(
    rf"^\s*[,—–-]?\s*(?P<np>{_SPEAKER_NP})\s+(?P<verb>{VERBS})\b(?P<rest>[^.;!?]*)",
    re.IGNORECASE,
)
_TAG_AFTER_INVERTED = re.compile(
    r"^\s*[,—–-]?\s*(?P<verb>said|says|added|wrote|asked|stated|explained|continued|"
    r"replied|answered|according to)\s+(?P<np>(?:\b[A-Z]\.|"
    r"\b(?:Mr|Mrs|Ms|Dr|Sgt|Det|Lt|Capt|Tpr|Ofc|Jr|St)\.|[^,.;!?]){2,120}?)\s*(?:[,.;!?]|$)",
    re.IGNORECASE,
)
_ACCORDING = re.compile(r"\baccording to\s+(?P<np>[^,;]{2,80}?)\s*,", re.IGNORECASE)
_TO_RECIPIENT = re.compile(
    r"\b(?:statement|interview|speaking|talking|remarks?|comments?|letter|email|message|post)"
    r"\s+(?:to|with)\s+(?P<np>[^,.;:]{2,60}?)(?=\s*(?:[,.;:]|\bbefore\b|\bafter\b|\bwhen\b|"
    r"\bon\b|\bthat\b|\babout\b|$))",
    re.IGNORECASE,
)
_OUTLET_REPORTED = re.compile(r"(?P<np>[A-Z][\w’']*(?:\s+[A-Z][\w’']*)*)\s+reported\b")
_RECIPIENT_AFTER_TOLD = re.compile(
    r"^\s*(?P<np>(?:the\s+|a\s+|an\s+)?[^,.;:]{1,60}?)(?=\s*(?:[,.;:]|\bthat\b|\bwhen\b|"
    r"\bin\b|\bon\b|\babout\b|\bafter\b|\bbefore\b|\bwhile\b|\boutside\b|\bat\b|$))",
    re.IGNORECASE,
)


_LISTENER_VERBS = frozenset({"told", "radioed", "texted", "messaged", "emailed", "warned"})


def read_prose(
    text: str,
    progress: Callable[[int, int], None] | None = None,
    *,
    document_date: str = "",
) -> list[Proposal]:
    """The statements prose (news, releases, letters, opinions, reports) quotes or reports,
    in the order they appear. ``progress(done, total)`` hears of the paragraphs read (and
    may raise to stop the reading). ``document_date`` (YYYY-MM-DD) dates a text whose own
    layout gives no date."""
    paras = paragraphs(text)
    quotes = find_quotes(paras)
    by_para: dict[int, list[tuple[int, int, Quote]]] = {}
    for quote in quotes:
        for index, start, end in quote.pieces:
            by_para.setdefault(index, []).append((start, end, quote))
    layout = read_layout(paras)
    layout.date = layout.date or document_date
    registry = Registry()
    registry.caption_party = layout.defendant
    registry.header_parties = layout.parties
    if len(layout.defendant.split()) > 1:
        registry.add_person(layout.defendant, "defendant")
    header_cast(layout, registry)
    colon_attribution: dict[int, tuple[str, Entity | None]] = {}
    recent_recipient: dict[int, tuple[str, int]] = {}
    reported: list[Reported] = []
    questioners: dict[int, dict[int, str]] = {}
    narrative_days: dict[int, tuple[str, int]] = {}
    interviewed: dict[int, int] = {}  # who a report says was interviewed -> where
    blocks = exchange.narrative_blocks(paras, quotes, layout)
    labels = exchange.labelled_lines(paras, layout)
    for index, para in enumerate(paras):
        if progress is not None and index % 50 == 0:
            progress(index, len(paras))
        spans = sorted(by_para.get(index, []), key=lambda item: item[0])
        turn = "" if index in layout.items else exchange.exchange_turn(paras, index, labels)
        if index in layout.headlines or turn:
            for _s, _e, quote in spans:
                quote.drop = True  # a headline repeats the body; its words name no one
            if turn:
                said = exchange.exchange_statement(index, para, turn, registry.last_subject, labels)
                reported.append(said)
            continue
        if index in blocks:
            spans = [(s, e, q) for s, e, q in spans if not q.drop]
        masked = mask_quotes(para, spans)
        lead = layout.datelines.get(index) or layout.items.get(index, 0)
        masked = " " * lead + masked[lead:]  # "HARLAN CITY —", an item's "A.": no one's words
        narrative = ""
        for s_start, s_end in sentences(masked):
            registry.clock += 1
            # Asides in brackets ("ADA Kevin Park (Major Crimes)") are never the subject,
            # unless they name a person by title ("Fleet Services (Tech Aldo Brunetti)").
            sentence = re.sub(r"\([^()]*\)", blank_aside, masked[s_start:s_end])
            for _s, _e, quote in spans:
                if s_start <= _s < s_end:
                    quote.extras.update(index=index, masked=sentence, narrative=narrative)
            subject = _read_sentence(
                registry, para, sentence, s_start, spans, colon_attribution, index, recent_recipient
            )
            subjects.note_acted_upon(registry, sentence)
            found = reported_in_account(
                registry,
                sentence,
                s_start,
                index,
                spans,
                author_speaks=layout.kind in ("report", "letter"),
            )
            for item in found:
                item.context = narrative
            for answerer, questioner in exchange.questioned(registry, sentence):
                questioners.setdefault(index, {})[id(answerer)] = questioner
            reported += found
            if not _VERB.search(sentence):
                narrative += " " + sentence
                # "Mayor Brandt on Wednesday defended ...": the day his next words were said.
                paper = layout.outlet.split()[-1] if layout.outlet else "\0"
                if (layout.kind == "report" and re.search(r"\binterview", sentence, re.I)) or (
                    re.search(rf"\b{re.escape(paper)} interviewed\b", sentence)  # "The Record"
                ):
                    for _s, _e, entity in registry.scan(sentence):
                        interviewed.setdefault(id(entity), index)  # "I interviewed Ortiz at ..."
                day = stated_day(before_verb(sentence), layout.date_at(index))  # an update: its own
                layout.note_day(index, para.text, sentence, day)
                if subject is None:
                    found_subject = clause_subject(registry, before_verb(sentence))[1]
                    subject = found_subject or newly_named(registry, [s for s, *_ in spans], s_end)
                    registry.subject(subject)  # "On May 2, Deputy Amos ...": a later "she"
                if day and subject is not None:
                    narrative_days[id(subject)] = (day, index)
    fill_gaps(quotes, by_para, paras, colon_attribution, registry)
    kept = [q for q in quotes if not q.drop]
    return assemble(
        paras,
        kept,
        reported,
        layout,
        registry,
        _proposal,
        (questioners, narrative_days, interviewed),
    )


def _read_sentence(
    registry: Registry,
    para: Paragraph,
    sentence: str,
    offset: int,
    spans: list[tuple[int, int, Quote]],
    colon_attribution: dict[int, tuple[str, Entity | None]],
    index: int,
    recent_recipient: dict[int, tuple[str, int]],
) -> Entity | None:
    """Attribute the quotations of one sentence; its main subject, if it has one."""
    registry.scan(sentence)
    for outlet in _OUTLET_REPORTED.finditer(sentence):
        registry.last_outlet = outlet.group("np").split()[-1]
    sentence_recipient = ""
    to_match = _TO_RECIPIENT.search(sentence)
    if to_match:
        sentence_recipient = to_match.group("np").strip()
        if clean_np(sentence_recipient)[:1].isupper():
            registry.last_outlet = sentence_recipient
    inside = [(s, e, q) for s, e, q in spans if offset <= s < offset + len(sentence)]
    main_subject: Entity | None = None
    main_set = False
    # Subjects of speech verbs outside quotations, in order (the first is the main subject).
    for verb in _VERB.finditer(sentence):
        if verb.group(0)[:1].isupper() and sentence[: verb.start()].strip(' “"'):
            continue  # "the State Police": a name, not the verb "state"
        phrase, entity = subject_before(registry, sentence[: verb.start()], verb.group(0))
        if phrase and not main_set:
            main_subject, main_set = entity, True
            if inside and verb.end() <= inside[0][0] - offset:
                # "Roe told us that ... and that he asked, "...": "he" is Roe.
                registry.subject(entity)
            break
    if not main_set:
        lead = re.match(
            r"^\s*([A-Za-z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*)*(?:\s+(?:agents|officers)\b)?)",
            sentence,
        )  # "ATF agents questioned him": the agents, whom a later "they" means
        if lead and fold(lead.group(1).split()[0]) in _LEAD_PREPOSITIONS:
            lead = None  # "At Troop C, Marshfield was read ...": a place, not the subject
        if lead:
            word = lead.group(1)
            if fold(word) in PRONOUNS or word[:1].isupper():
                _phrase, entity = registry.resolve_phrase(word)
                if entity is not None:
                    main_subject, main_set = entity, True
        role = re.match(r"^\W*(?:The|A|An)\s+([a-z]+)\b", sentence)
        if role and not main_set:
            entity = registry.role(role.group(1))
            if entity is not None:
                main_subject, main_set = entity, True
        according = _ACCORDING.search(sentence)
        if according and not inside:
            _phrase, entity = registry.resolve_phrase(according.group("np"))
            main_subject, main_set = entity, entity is not None
    previous: Quote | None = None
    for q_start, q_end, quote in inside:
        rel_start, rel_end = q_start - offset, q_end - offset
        quote.context = para.text[offset : offset + len(sentence)].strip()
        quote.sentence_subject = main_subject
        _attribute(registry, quote, sentence, rel_start, rel_end, previous, sentence_recipient)
        if quote.speaker is not None or quote.phrase:
            previous = quote
        nickname_or_scare(quote, para.text, q_start, q_end)
    if main_set and main_subject is not None:
        registry.subject(main_subject)
        if sentence_recipient:
            recent_recipient[id(main_subject)] = (sentence_recipient, para.number)
    for _s, _e, quote in inside:
        held = recent_recipient.get(id(quote.speaker))
        if not quote.recipient and held and para.number - held[1] <= 1:
            quote.recipient = held[0]  # "In a statement to BuzzFeed, ... The spokesperson added"
            quote.extras["held"] = True
        elif quote.recipient and quote.speaker is not None:
            recent_recipient[id(quote.speaker)] = (quote.recipient, para.number)
    stripped = sentence.rstrip()
    if stripped.endswith(":") and offset + len(sentence) >= len(para.text.rstrip()) - 1:
        found = list(_VERB.finditer(sentence))
        if found:
            verb = found[-1]
            colon_attribution[index] = subject_before(
                registry, sentence[: verb.start()], verb.group(0)
            )
        else:
            # "Officer Roe shared his partner's worry:" before a quoted answer: Roe's words.
            colon_attribution[index] = clause_subject(registry, sentence)
    return main_subject if main_set else None


def _attribute(
    registry: Registry,
    quote: Quote,
    sentence: str,
    start: int,
    end: int,
    previous: Quote | None,
    sentence_recipient: str,
) -> None:
    after = sentence[end:]
    after = after.split(MASK_START)[0]
    before = sentence[:start]
    tag = _TAG_AFTER_INVERTED.match(after)
    if tag and not re.match(r"^(?:he|she|they|it|i|we)$", tag.group("np").strip(), re.I):
        np = tag.group("np")
        # '," said Andrade-Moore's attorney, Felix Navarro of ...': the name after the role.
        named = re.match(
            r"^\s*,\s*((?:[A-Z][\w'’.\-]*\s+){0,4}[A-Z][\w'’\-]*)", after[tag.end("np") :]
        )
        if named and (np[:1].islower() or re.search(r"['’]s\b", np)):
            np = named.group(1)
        people = [(a, b) for a, b, e in registry.scan(np) if e.kind == "person"]
        if people and re.match(r"\s+(?:of|for|with|at)\s", np[people[0][1] :]):
            np = np[: people[0][1]]  # "U.S. Attorney Ann Roe for the Northern District"
        _set(registry, quote, np, "tag after (verb first)", 0.9)
        quote.has_verb = True
        _recipient(registry, quote, tag.group("verb"), "", sentence_recipient)
        return
    tag = _TAG_AFTER.match(after)
    if tag and plausible_np(tag.group("np")):
        _set(registry, quote, tag.group("np"), "tag after", 0.9)
        quote.has_verb = True
        _recipient(registry, quote, tag.group("verb"), tag.group("rest"), sentence_recipient)
        return
    sent = SENT.search(before)
    if sent:
        _set(registry, quote, sent.group("np"), "the sender's message", 0.85)
        quote.has_verb, quote.recipient = True, (sent.group("rec") or "").strip()
        return
    heard_say = HEARD_SAY.search(before)
    if heard_say and heard_say.group("np") not in ("him", "her", "them"):
        _set(registry, quote, heard_say.group("np"), "heard saying", 0.8)
        quote.has_verb = True
        return
    own = STATEMENT_THAT.search(before)
    if own:
        # "ruled that Roe's statement that he "..." was irrelevant": Roe's words, not the court's.
        _set(registry, quote, own.group("np"), "their statement", 0.8)
        quote.has_verb = True
        return
    words = WORDS_OF.search(before) or POSSESSIVE_WORDS.search(before)
    if words:
        _set(registry, quote, words.group("np").split()[-1], "their words", 0.85)
        quote.has_verb = True
        return
    verbs = list(_VERB.finditer(before))
    accordings = list(_ACCORDING.finditer(before))
    according = accordings[-1] if accordings else None
    # "One officer states in the video posted "...": a thing does not speak; use the verb before.
    while len(verbs) > 1 and re.search(rf"\b(?:{_THINGS})\s*$", before[: verbs[-1].start()], re.I):
        verbs.pop()
    # "wrote that officers responded to "a report ..."": the quotation is the verb's object.
    while len(verbs) > 1 and re.match(rf"^\s+to\s+{MASK_START}", before[verbs[-1].end() :]):
        verbs.pop()
    while len(verbs) > 1 and re.match(r"^\s+to\s*$", before[verbs[-1].end() :]):
        verbs.pop()
    if verbs and (according is None or verbs[-1].start() > according.end()):
        verb = verbs[-1]
        quote.has_verb = True
        if _PARTICIPLE.search(verb.group(0)) and previous is not None:
            # '," a spokesperson told the publication, adding that "..."'
            quote.speaker, quote.phrase = previous.speaker, previous.phrase
            quote.how, quote.confidence = "same speaker, same sentence", 0.85
            quote.recipient = previous.recipient
            return
        heard = HEARD.search(before[: verb.start()])
        if heard and _PARTICIPLE.search(verb.group(0)):
            # "an officer can be heard saying, "..."": the one heard, not the recording.
            _set(registry, quote, heard.group("np"), "heard saying", 0.8)
            return
        if _PARTICIPLE.search(verb.group(0)):
            # "X issued a statement to CNN, saying ...": the speaker is the clause's subject.
            phrase, entity = clause_subject(registry, before[: verb.start()])
            if phrase:
                quote.speaker, quote.phrase = entity, phrase
                quote.how, quote.confidence = "subject of the clause", 0.8
                _recipient(registry, quote, verb.group(0), before[verb.end() :], sentence_recipient)
                return
        phrase, entity = subject_before(registry, before[: verb.start()], verb.group(0))
        if phrase or entity is not None:
            quote.speaker, quote.phrase = entity, phrase
            quote.how, quote.confidence = "speech verb before", 0.85
            rest = before[verb.end() :]
            _recipient(registry, quote, verb.group(0), rest, sentence_recipient)
            heard = subjects.called_one(registry, before[: verb.start()], entity)
            quote.recipient = quote.recipient or heard  # "had called her ... and said"
            return
    if according is not None:
        _set(registry, quote, according.group("np"), "according to", 0.85)
        quote.has_verb = True
        return


def _set(registry: Registry, quote: Quote, np: str, how: str, confidence: float) -> None:
    phrase, entity = registry.resolve_phrase(np)
    quote.speaker, quote.phrase, quote.how = entity, phrase, how
    quote.confidence = confidence if entity is not None else confidence - 0.3
    if entity is not None:
        registry.subject(entity)


_GENERIC_OUTLETS = frozenset(
    f"the {w}" for w in "publication paper newspaper outlet station network site".split()
)


def _recipient(
    registry: Registry, quote: Quote, verb: str, rest: str, sentence_recipient: str
) -> None:
    recipient = ""
    # "told Roe", "radioed dispatch", "texted his brother": the verb's object heard the words.
    if verb.lower().startswith("tel") or verb.lower() in _LISTENER_VERBS:
        match = _RECIPIENT_AFTER_TOLD.match(rest)
        if match and not re.match(r"(?i)(?:that|of|about|against)\b", match.group("np")):
            recipient = match.group("np").strip()
            pronoun = re.match(r"(?i)(?:him|her|them|me|us)\b", recipient)
            recipient = pronoun.group(0) if pronoun else recipient  # "told them he ..."
    recipient = subjects.spoken_to(registry, recipient, quote.speaker) or sentence_recipient
    if fold(recipient) in _GENERIC_OUTLETS:
        recipient = registry.last_outlet or recipient
    elif recipient[:1].isupper() and " " in recipient:
        spans = registry.scan(recipient)
        if spans and spans[-1][2].kind == "person":
            recipient = spans[-1][2].name
    quote.recipient = recipient


def _proposal(quote: Quote, paras: list[Paragraph]) -> Proposal:
    first, last = quote.pieces[0], quote.pieces[-1]
    entity = quote.speaker
    if entity is not None:
        speaker, kind, title = entity.name, entity.kind, entity.title
    else:
        speaker, kind, title = clean_np(quote.phrase), "unknown", ""
    return Proposal(
        text=quote.text,
        speaker=speaker,
        speaker_as_written=quote.phrase,
        speaker_title=title,
        speaker_kind=kind,
        recipient=clean_np(quote.recipient) if quote.recipient[:1].islower() else quote.recipient,
        paragraph=paras[first[0]].number,
        end_paragraph=paras[last[0]].number,
        context=quote.context,
        how=quote.how or "no attribution found",
        confidence=round(quote.confidence, 2),
        start=paras[first[0]].offset + first[1],
        end=paras[last[0]].offset + last[2],
    )
