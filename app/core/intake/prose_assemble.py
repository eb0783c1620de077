"""Put the prose reader's findings together: quotations and reported speech, in order.

A quotation inside someone's reported clause ("said the case was "about ..."") is that
speaker's, unless the clause gives it a speaker of its own ("testified that Okonjo told
him, "..."": Okonjo's, nested in the agent's testimony). An unnamed speaker the text
names a sentence or two later ("A postal clerk testified ... Anton Dufresne, 58, a clerk
at the post office, ...") is that person. Then each statement's setting, recipient and
date are read and settled (app/core/intake/prose_setting.py), and a police report's own
paragraph numbers become the pin cites.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from app.core.intake.extract_attribution import MASK, MASK_START, Entity, Registry, clean_np, fold
from app.core.intake.proposal import Proposal
from app.core.intake.prose_layout import Layout
from app.core.intake.prose_reported import Reported, speech_verb
from app.core.intake.prose_setting import Said, lead_setting, name_recipient, read_cues, settle
from app.core.intake.quotes import Paragraph, Quote


def assemble(
    paras: list[Paragraph],
    quotes: list[Quote],
    reported: list[Reported],
    layout: Layout,
    registry: Registry,
    quote_proposal: Callable[[Quote, list[Paragraph]], Proposal],
    heard: tuple[dict[int, dict[int, str]], dict[int, tuple[str, int]], dict[int, int]],
) -> list[Proposal]:
    """The proposals of one text, in order. ``heard`` holds, per paragraph, who put the
    questions to whom, and per speaker the day a narrative sentence gave ("on Tuesday
    defended ...") with its paragraph, and the people a report says were interviewed."""
    questioners, narrative_days, interviewed = heard
    owners = _quotes_in_clauses(paras, reported)
    items: list[tuple[int, Quote | Reported]] = [
        (paras[q.pieces[0][0]].offset + q.pieces[0][1], q) for q in quotes
    ]
    items += [(paras[r.index].offset + r.start, r) for r in reported if not r.silent]
    items.sort(key=lambda item: item[0])
    named = _named_later(registry)
    testified: set[int] = set()
    said_list: list[Said] = []
    recounted: list[tuple[Said, Reported]] = []  # words nested in someone's reported clause
    clause_said: dict[int, Said] = {}
    author = _author(layout, registry)
    for _offset, item in items:
        if item.speaker is None and author is not None and fold(item.phrase) == "i":
            item.speaker = author  # "I asked him, ...": the report's own author
        if isinstance(item, Quote) and item.speaker is None and said_list:
            if clean_np(item.phrase).lower() in _THINGS and said_list[-1].entity is not None:
                # '"...," the post said': the post is the words of whoever posted it.
                item.speaker = said_list[-1].entity
                item.how = f"{clean_np(item.phrase)} of {item.speaker.name}"
        if isinstance(item, Quote):
            if item.speaker is not None and id(item.speaker) in named:
                item.speaker = named[id(item.speaker)]
            said = _said_of_quote(item, owners.get(id(item)))
        else:
            if item.speaker is not None and id(item.speaker) in named:
                item.speaker = named[id(item.speaker)]
            said = Said(item.index, item.speaker, item.attribution, item.context)
            said.recipient = item.recipient if item.speech == "verbatim" else ""
        if (
            said.entity is not None
            and interviewed.get(id(said.entity), said.index + 1) <= said.index
        ):
            said.context += " (interviewed)"  # from the interview on, not the words before it
        read_cues(said, layout, registry, testified)
        label = re.match(r"^\W*([QA])\.\s", item.text) if isinstance(item, Quote) else None
        if label and not said.setting:
            # '"A. At this point, I was talking ..."': an answer quoted from the transcript.
            said.setting = "sworn_testimony" if label.group(1) == "A" else "in_court"
            said.own_setting = True
        if isinstance(item, Reported) and not said.recipient and item.recipient:
            said.recipient = name_recipient(item.recipient, said, layout, registry)
        if isinstance(item, Quote) and item.recipient and (not said.recipient or said.outlet):
            if item.extras.get("held"):
                said.weak_recipient = _clean(item.recipient)
            else:
                said.recipient = _clean(item.recipient)
        if isinstance(item, Quote) and said.nested and not said.setting:
            _recounted(said, owners[id(item)][0], narrative_days, layout)
            recounted.append((said, owners[id(item)][0]))
        if isinstance(item, Reported):
            clause_said[id(item)] = said
        said.questioner = questioners.get(said.index, {}).get(id(said.entity), "")
        day = narrative_days.get(id(said.entity))
        later = said.setting in ("sworn_testimony", "in_court")  # at a hearing, not that day
        if (
            not said.date
            and day
            and 0 <= said.index - day[1] <= 1
            and not said.nested
            and not later
        ):
            said.date = day[0]
        said_list.append(said)
    for said in said_list:  # under "STATEMENT (taken by P.O. Penn)": told to Penn
        if layout.kind == "report" and said.index in layout.takers and not said.recipient:
            said.recipient = name_recipient(layout.takers[said.index], said, layout, registry)
        if said.index in layout.leads:  # "4. Instagram post, September 9, 2025. ...": its form
            what, day = layout.leads[said.index]
            if said.setting in ("", "written_statement"):  # "wrote:" in a post is the post
                said.setting = lead_setting(what) or said.setting
            said.date = said.date or day
    settle(said_list, layout)
    police = {e.name for e in registry.entities if _POLICE.search(f"{e.title} {e.name}")}
    for said, clause in recounted:
        outer = clause_said.get(id(clause))
        if not said.setting and outer is not None and outer.setting == "sworn_testimony":
            # "X testified that ... He said that he told the officer, "...": still recounted.
            _recounted(said, clause, narrative_days, layout, police)
    if layout.kind == "opinion":
        talk: list[Said] = []  # the police talk told so far
        for said in said_list:
            _police_talk(said, registry, layout, talk[-1] if talk else None)
            if said.setting.startswith("police_"):
                talk.append(said)
    proposals = []
    for (_offset, item), said in zip(items, said_list, strict=True):
        if item.speaker is not None:
            item.speaker = registry.fuller(item.speaker)  # the full name given anywhere
        if isinstance(item, Quote):
            proposal = quote_proposal(item, paras)
        else:
            proposal = _reported_proposal(item, paras)
        proposal.setting, proposal.recipient, proposal.date = (
            said.setting,
            said.recipient,
            said.date,
        )
        index = item.pieces[0][0] if isinstance(item, Quote) else item.index
        if index in layout.numbers:
            proposal.pin = f"¶ {layout.numbers[index]}"
        _mark_speaker(proposal, paras[index])
        proposals.append(proposal)
    _questions_asked(proposals)
    return proposals


def _author(layout: Layout, registry: Registry) -> Entity | None:
    """The person a report names as its author ("Reporting Deputy: Dep. Ann Roe"), who is
    its "I"."""
    if not layout.author:
        return None
    return registry.resolve_phrase(layout.author)[1] or registry.add_person(layout.author, "")


def _questions_asked(proposals: list[Proposal]) -> None:
    """A question no words address ("I asked him, "Where is it?"") was put to the one who
    answers it next in the same paragraph, and the answer was given to the one who asked."""
    for question, answer in zip(proposals, proposals[1:], strict=False):
        asked = question.speech == "reported" and question.how.endswith(" asked")
        if (
            (question.text.rstrip(' "”').endswith("?") or asked)
            and answer.paragraph == question.paragraph
            and answer.speaker
            and answer.speaker != question.speaker
        ):
            # "asked how sure he was": no listener named; not whoever she asked before.
            unaddressed = re.search(
                r"\basked\s+(?:how|whether|if|where|why|what|when)\b", question.context
            )
            if not question.recipient or (asked and unaddressed):
                question.recipient = answer.speaker
            if question.recipient == answer.speaker and question.speaker_kind != "label":
                answer.recipient = question.speaker  # the asker, whoever they spoke to before


_THINGS = frozenset("post statement letter release email e-mail tweet message note".split())


def _mark_speaker(proposal: Proposal, para: Paragraph) -> None:
    """Where the words naming the speaker are, nearest the statement, for highlighting."""
    phrase = proposal.speaker_as_written.strip()
    if not phrase:
        return
    here = proposal.start - para.offset
    found = [m.start() for m in re.finditer(re.escape(phrase), para.text)]
    if not found:
        return
    best = min(found, key=lambda start: abs(start - here))
    proposal.speaker_start = para.offset + best
    proposal.speaker_end = proposal.speaker_start + len(phrase)


def _clean(recipient: str) -> str:
    return clean_np(recipient) if recipient[:1].islower() else recipient


def _quotes_in_clauses(
    paras: list[Paragraph], reported: list[Reported]
) -> dict[int, tuple[Reported, str]]:
    """Each quotation inside a reported clause: its clause, and the clause's words before it
    (a speech verb there gives the quotation a speaker of its own)."""
    owners: dict[int, tuple[Reported, str]] = {}
    for item in reported:
        for quote in item.quotes:
            before = paras[item.index].text[item.clause_start : quote.pieces[0][1]]
            owners[id(quote)] = (item, before)
            if not speech_verb(before):
                quote.speaker, quote.phrase = item.speaker, item.phrase
                quote.how = f"quoted inside what {item.phrase} {item.verb}"
                quote.confidence, quote.has_verb = 0.85, True
    return owners


_AND_SAID = re.compile(
    r",\s+(?:and|but|then)\s+(?:\w+ly\s+)?(?:said|says|added|stated|told|asked)\b[^,]*,?\s*$"
)


def _said_of_quote(quote: Quote, owner: tuple[Reported, str] | None) -> Said:
    index = int(quote.extras.get("index", quote.pieces[0][0]))
    masked = str(quote.extras.get("masked", ""))
    words = masked.replace(MASK_START, " ").replace(MASK, " ")
    narrative = str(quote.extras.get("narrative", ""))
    if owner is None:
        return Said(index, quote.speaker, words, narrative)
    clause, before = owner
    # "Roe told them he ..., and said, "...": her own second verb (after the comma that
    # ends her first clause), not words she recounts.
    again = quote.speaker is clause.speaker and _AND_SAID.search(before)
    if speech_verb(before) and not again:
        return Said(index, quote.speaker, before, nested=True, outer=clause.speaker)
    return Said(index, quote.speaker, clause.attribution, clause.context)


_POLICE = re.compile(r"officer|patrolman|trooper|deputy|sergeant|detective|agent|police", re.I)


def _recounted(
    said: Said,
    clause: Reported,
    days: dict[int, tuple[str, int]],
    layout: Layout,
    sworn: set[str] | None = None,
) -> None:
    """Words a witness recounts in testimony ("testified that he asked, "..."") between
    police and a person were said at the encounter, on the day the text gave it; so are
    the words a letter's witness recounts from the incident ("told us that no officer said
    why they were there, and that he asked, "..."")."""
    letter = layout.kind == "letter"
    testified = sworn is not None or re.search(r"\btestif", clause.attribution, re.IGNORECASE)
    if not letter and not testified:
        return
    people = [e for e in (said.entity, said.outer) if e is not None]
    police = any(_POLICE.search(f"{e.title} {e.name}") for e in people)
    police = police or said.recipient in (sworn or set()) or bool(_POLICE.search(said.recipient))
    if not police and not (letter and _POLICE.search(said.attribution)):
        return
    if sworn is not None and not said.date:
        day = layout.day_in_force(said.index)[0]  # the encounter the account dated
        said.date = day if day and (not layout.date or day <= layout.date) else ""
    if letter and not said.date:
        day = layout.day_in_force(said.index)[0]
        said.date = day if day and day <= layout.date else ""
    # "when shown the video later in the interview, said": the interview, not the scene.
    interview = re.search(r"\binterview|\binterrogat", said.attribution, re.IGNORECASE)
    said.setting = "police_interview" if interview else "police_encounter"
    for entity in people:
        day = days.get(id(entity))
        if day and 0 <= said.index - day[1] <= 2:
            said.date = day[0]
            break


def _police_talk(said: Said, registry: Registry, layout: Layout, last: Said | None) -> None:
    """An opinion's account of words between the police and someone they dealt with: an
    interview where the paragraph so far puts them in an office, a station or an
    interview, else at the encounter; on the day the account gave in this paragraph or the
    one before."""
    if not said.setting and not said.nested and said.entity is not None and said.recipient:
        listener = next((e for e in registry.entities if e.name == said.recipient), None)
        heard_by = f"{said.recipient} {listener.title if listener else ''}"
        speaker = f"{said.entity.name} {said.entity.title}"
        if bool(_POLICE.search(speaker)) != bool(_POLICE.search(heard_by)):  # one officer
            so_far = f"{said.context} {said.attribution}"
            inside = re.search(_INSIDE, so_far, re.IGNORECASE) or (
                last is not None  # the interview the paragraph before was telling goes on
                and last.setting == "police_interview"
                and 0 <= said.index - last.index <= 1
            )
            said.setting = "police_interview" if inside else "police_encounter"
    if said.setting.startswith("police_") and not said.date:
        day, where = layout.day_in_force(said.index)
        said.date = day if 0 <= said.index - where <= 1 else ""


_INSIDE = r"\b(?:office|station|jail|interview\w*|interrogat\w+|question(?:ed|ing))\b"


def _named_later(registry: Registry) -> dict[int, Entity]:
    """Unnamed speakers ("a postal clerk") the text names within a few sentences."""
    found: dict[int, Entity] = {}
    for entity in registry.entities:
        if entity.kind != "unnamed":
            continue
        head = entity.name.split()[-1].lower() if entity.name else ""
        for other in registry.entities:
            if other.kind != "person" or not 0 < other.first_seen - entity.first_seen <= 6:
                continue
            if re.search(rf"\b{re.escape(head)}\b", other.title.lower()):
                found[id(entity)] = other
                break
            close = other.first_seen - entity.first_seen <= 3
            if head in ("man", "woman") and not other.title and close:
                # A delayed lede: "A man who spent four days in jail told senators ...",
                # then "Lucian Farrowby testified": the next person named, untitled.
                found[id(entity)] = other
                break
    return found


def _reported_proposal(item: Reported, paras: list[Paragraph]) -> Proposal:
    para = paras[item.index]
    entity = item.speaker
    if entity is not None:
        speaker, kind, title = entity.name, entity.kind, entity.title
    else:
        speaker, kind, title = clean_np(item.phrase), "unknown", ""
    exchange = item.speech == "verbatim"  # a Q:/A: line
    if exchange and entity is None:
        kind = "label"
    return Proposal(
        label=("Q" if item.verb == "asked" else "A") if exchange else "",
        text=para.text[item.start : item.end],
        speaker=speaker,
        speaker_as_written=item.phrase,
        speaker_title=title,
        speaker_kind=kind,
        paragraph=para.number,
        end_paragraph=para.number,
        context=para.text,
        how=item.how,
        confidence=0.75 if entity is not None else 0.45,
        start=para.offset + item.start,
        end=para.offset + item.end,
        speech=item.speech,
    )
