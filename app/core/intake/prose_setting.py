"""Where, to whom and when a statement in prose was made, from the words that say so.

Each statement's own attribution words are read first ("said in a statement" ->
written_statement, "told the Courier" -> interview and the outlet as recipient, "wrote on
Instagram" -> social_media, "testified" -> sworn_testimony, "at a news conference" ->
press_conference, "told Detective Ruiz" -> police_interview and Ruiz, "told Officer Rudd"
-> police_encounter, "by phone" -> phone_call, "told jurors" -> in_court or, for a
witness who testified, sworn_testimony). What a statement does not say is taken, in
order, from the statement before it in the same paragraph, from the same speaker's
statement a paragraph or two before, and from the form: a press release's or a
department's statement's quotations are written statements of the document's date
(but the words its account of the night tells, on the radio, to dispatch or to officers,
were said on the night it gives), a letter's quotations take the letter's date, and what
a police report tells was said to its author ("Per Dep. Stumbo": to him) at the scene, or
in an interview when the report is one of interviews, on the day its narrative last gave.
"On the same date" and "during the same interview" take the statement before. Words
nested in someone else's reported speech ("testified that Okonjo told him at his arrest,
...") take only their own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.core.intake.extract_attribution import Entity, Registry, fold
from app.core.intake.prose_codes import code_for
from app.core.intake.prose_dates import event_day, stated_day
from app.core.intake.prose_layout import Layout

_OUTLET_WORDS = re.compile(
    r"\b(?:courier|times|post|news|ledger|tribune|herald|gazette|journal|press|chronicle|"
    r"record|observer|sun|star|daily|radio|tv|cnn|npr|gothamist|buzzfeed|associated press)\b",
    re.IGNORECASE,
)
_GENERIC_OUTLET = {"the publication", "the paper", "the newspaper", "the outlet", "the station"}
_RECIPIENT = re.compile(
    r"\b(?:told|tells|advised|informed|assured|asked|addressed|directed|ordered|instructed|"
    r"(?:interviewed|questioned) by|(?:testified|appeared|spoke) before|"
    r"(?:stated|said|explained|admitted|"
    r"wrote|spoke|speaking|talking)\s+to|(?:call|conversation|interview|meeting)\s+with|"
    r"(?:statement|interview|remarks|comments)\s+to|cross-examination\s+by)\s+"
    r"(?P<rec>(?:me|him|her|them|us)\b|this office\b|(?:my|our) client\b|"
    r"[A-Z]{1,3}/[A-Z]{1,3}\b|[A-Z]{1,2}-\d{1,2}\b|this member\b|the undersigned\b|"
    r"(?:the\s+)?(?:jurors|jury|court|judge|police|investigators|detectives|reporters|"
    r"reporter|officers|deputies|agents|dispatcher|prosecutors|publication|paper|newspaper|"
    r"defendant|complainant|victim|witness|officer|detective|trooper|deputy)\b|"
    r"(?:the\s+)?(?:[A-Z][\w'’.\-]*\s+){0,5}[A-Z][\w'’\-]*)"
)
_CUES = (
    (
        "social_media",
        r"\b(?:on|to)\s+(?:instagram|facebook|x|twitter|tiktok|threads|bluesky|"
        r"social media)\b|\bon\s+(?:the\s+)?[\w'’]+\s+(?:instagram|facebook|twitter)\b|"
        r"\bposted\b|\btweeted\b|\bin an? (?:post|tweet)\b|\bthe post\b",
    ),
    ("interview", r"\b(?:phone|telephone|in an?) interview\b|\btold (?:this|the) reporter\b"),
    (
        "phone_call",
        r"\bby (?:tele)?phone\b|\b(?:telephone|phone|recorded|jail) call\b|\bon the phone\b|"
        r"\b911 call\b|\bcalled 911\b|\bcaller\b|\b(?:per|called|to) dispatch\b",
    ),
    (
        "press_conference",
        r"\b(?:news|press) conference\b|\b(?:press )?briefing\b|"
        r"\btold reporters\b",
    ),
    (
        "sworn_statement",
        r"\bsigned an? sworn (?:written )?statement\b|\bsigned an? (?:supporting )?(?:affidavit|"
        r"deposition)\b|\bsworn statement which reads\b",
    ),
    (
        "written_statement",
        r"\bin an? (?:[a-z]+ )?statement\b|"
        r"\bin an? (?:email|e-mail|letter|release|news release|press release)\b|\bwrote\b|"
        r"\b(?:argues|contends|asserts)\b",  # a party's brief, as an opinion tells it
    ),
    (
        "sworn_testimony",
        r"\btestif(?:ied|ies|y|ying)\b|\bcross-examination\b|"
        r"\bdirect examination\b|\bunder oath\b|\bbefore the grand jury\b",
    ),
    (
        "in_court",
        r"\b(?:told|addressed) (?:the )?(?:jurors|jury|court|judge)\b|"
        r"\bat (?:the |his |her )?(?:sentencing|arraignment|hearing|trial|plea)\b|"
        r"\bin (?:her|his|their) (?:opening|closing) (?:statement|argument)s?\b|\bin court\b",
    ),
    (
        "police_interview",
        r"\b(?:told|advised|informed) (?:investigators|detectives|agents)\b|"
        r"\b(?:told|to|with) (?:special agent|agent|detective|det\.|investigator)\b|"
        r"\bat (?:the )?(?:station|precinct|barracks|troop)\b|\bafter miranda\b|"
        r"\b(?:at|to) the (?:[a-z]+ )?police (?:station|headquarters)\b|\bquestioned by\b|"
        r"\b(?:police|officers|detectives|investigators) conducted an? (?:\w+ )?interview\b|"
        r"\bimplied consent\b|\binterrogation\b|\binterview room\b|"
        r"\b(?:gave|made) an? (?:[a-z]+ )?statement to (?:the )?(?:police|officers|detectives)\b|"
        r"\b(?:interviewed|questioned) by (?:special agent|agent|detective|det\.|investigator)",
    ),
    (
        "police_encounter",
        r"\bat the scene\b|\bat (?:his|her|their|the) arrest\b|"
        r"\b(?:told|to) (?:police officers?|officers?|ofc\.|troopers?|tpr\.|deput(?:y|ies)|"
        r"patrolman)\b|"
        r"\bduring the (?:stop|arrest|search)\b",
    ),
)
_FIXED_RECIPIENT = re.compile(
    r"(?:the\s+)?(?:jurors|jury|court|judge|police|investigators|detectives|reporters|reporter|"
    r"officers|deputies|agents|dispatcher|prosecutors)"
)
# "Per Dep. Stumbo, Oyelaran stated ...": the officer who took the words, in a report.
_TAKEN_BY = re.compile(
    r"\bPer\s+(?P<np>(?:Dep|Det|Ofc|Off|Sgt|Tpr|Cpl|Lt|Inv|Officer|Deputy|Detective|Trooper|"
    r"Sergeant|Agent|Investigator)\.?\s+(?:[A-Z][\w'’\-]*\s+){0,2}[A-Z][\w'’\-]*)\s*,"
)
_GROUP = re.compile(r"\b(?:officers|deputies|troopers|agents|detectives|investigators)\b")
_EVENT_SPEECH = re.compile(r"\b(?:reported|broadcasting|broadcast|radioed|requested|called 911)\b")
_RELATIVE = re.compile(r"\b(?:last|earlier|previous|previously|ago|recently|next)\b", re.I)
_NAMED = (  # "Det. Ray Lu", "John F. Kavanewsky"; not "Lu. Before"
    r"(?:(?:Mr|Mrs|Ms|Dr|Det|Sgt|Lt|Capt|Ofc|Tpr|Dep|Cpl|Insp|[A-Z])\.\s+|[A-Z][\w'’\-]*\s+){0,3}"
    r"[A-Z][\w'’\-]*"
)
_POLICE_TITLE = re.compile(
    r"officer|ofc|patrol|trooper|tpr|deput|dep\.|sergeant|sgt|detective|det\.|agent|"
    r"lieutenant|lt\.|captain|capt",
    re.IGNORECASE,
)
_CLOCK = re.compile(r"\b\d{4}\s*hrs\b|\b\d{1,2}:\d\d\b", re.IGNORECASE)  # a time of day
_BENCH = re.compile(r"\b(?:judge|justice|magistrate)\b", re.IGNORECASE)
_LAWYER = re.compile(r"attorney|defender|counsel|prosecutor|lawyer|judge|justice", re.I)


@dataclass
class Said:
    """What is known of one statement for the settling: set by the reader."""

    index: int  # paragraph index
    entity: Entity | None
    attribution: str  # its own attribution words
    context: str = ""  # earlier narrative of its paragraph (no speech verb)
    nested: bool = False  # inside someone else's reported speech
    outer: Entity | None = None  # the reporting speaker, for a nested statement
    setting: str = ""
    recipient: str = ""
    date: str = ""
    own_setting: bool = False
    own_date: bool = False
    outlet: bool = False  # the recipient is "the publication", resolved where it was read
    weak_recipient: str = ""  # one carried from an earlier sentence while the text was read
    questioner: str = ""  # who put the questions in this paragraph ("asked Dufresne")
    from_context: bool = False  # the setting came from the paragraph's narrative only


def read_cues(said: Said, layout: Layout, registry: Registry, testified: set[int]) -> None:
    """The setting, recipient and day the statement's own words state."""
    words = re.sub(r"\s+", " ", said.attribution)
    group = _GROUP.search(words)
    if group:  # "While officers waited with him, Mossop told them": told the officers
        words = re.sub(r"\btold them\b", f"told {group.group(0)}", words)
    # "at which the respondent elected not to testify": no testimony there.
    lowered = re.sub(r"\b(?:not|never|declined|refused) to testify\b", " ", words.lower())
    for setting, pattern in _CUES:
        if re.search(pattern, lowered):
            said.setting = setting
            break
    recipient = _recipient(words, said, layout, registry)
    taken = _TAKEN_BY.search(words) if layout.kind == "report" else None
    if taken and not recipient:
        recipient = name_recipient(taken.group("np"), said, layout, registry)
    if said.setting == "phone_call" and not recipient and re.search(r"\bdispatch\b", lowered):
        recipient = "dispatch"  # "Per dispatch, the caller reported ...": the call to dispatch
    if recipient:
        said.recipient = recipient
        outlet = recipient in (layout.outlet, registry.last_outlet) or bool(
            re.fullmatch(r"[KW][A-Z]{2,3}(?:-(?:TV|FM|AM))?", recipient)  # a station: WKRN
        )
        if (
            not said.setting
            and recipient[:1].isupper()
            and (outlet or _OUTLET_WORDS.search(recipient))
        ):
            said.setting = "interview"
    if said.setting == "in_court" and said.entity is not None and id(said.entity) in testified:
        said.setting = "sworn_testimony"  # a witness telling the jury
    if not said.setting and re.search(r"\bargued\b", lowered) and said.entity is not None:
        if _LAWYER.search(said.entity.title):
            said.setting = "in_court"
    if not said.setting and said.context:
        for setting, pattern in _CUES:
            cues = ("in_court", "press_conference", "police_interview")
            if layout.kind == "report":
                cues += ("phone_call",)  # "I spoke with Orr by telephone. Orr said ..."
            if setting in cues and re.search(pattern, said.context.lower()):
                said.setting, said.from_context = setting, True
                said.recipient = said.recipient or _recipient(said.context, said, layout, registry)
                break
    if (
        not said.setting
        and layout.kind == "report"
        and re.search(r"\binterview", lowered + " " + said.context.lower())
    ):
        said.setting = "police_interview"  # a report's interview, not a reporter's
    if not said.setting and layout.kind == "news" and "(interviewed)" in said.context:
        said.setting = "interview"  # "The Record interviewed Ann Roe ... Roe said": to it
        said.recipient = said.recipient or layout.outlet
    if not said.setting and said.entity is not None and _BENCH.search(said.entity.title):
        said.setting = "in_court"  # a judge speaks from the bench
    if not said.setting and said.entity is not None and said.entity.kind == "unnamed":
        if re.search(r"\bcourt\b", said.entity.name):
            said.setting = "in_court"  # "the trial court found": its finding from the bench
    said.own_setting = bool(said.setting)
    said.date = stated_day(words, layout.date_at(said.index)) or event_day(words, layout.events)
    said.own_date = bool(said.date)
    if said.setting == "sworn_testimony" and said.entity is not None:
        testified.add(id(said.entity))


# What a letter's item calls the statement it lists: the setting that says.
_LEAD_SETTINGS = (
    ("phone_call", r"\b911\b|\bcall\b|\bvoicemail\b"),
    ("social_media", r"\binstagram\b|\bfacebook\b|\bpost\b|\btweet\b|\bsocial media\b"),
    ("sworn_testimony", r"\bgrand jury\b|\btestimony\b|\bhearing\b|\btrial\b"),
    ("sworn_statement", r"\bdeposition\b|\baffidavit\b|\bsworn\b"),
    ("police_encounter", r"\bat the scene\b|\bon scene\b|\bbody-worn\b"),
    ("police_interview", r"\binterview\b|\binterrogation\b"),
    ("written_statement", r"\bletter\b|\be-?mail\b|\bwritten statement\b"),
)


def lead_setting(what: str) -> str:
    """The setting a letter's item names for its statement ("Instagram post"), or ""."""
    lowered = what.lower()
    return next((name for name, cue in _LEAD_SETTINGS if re.search(cue, lowered)), "")


_UNIT = re.compile(r"\s+of\s+(?:the\s+)?[A-Z][\w'’.\-]*(?:\s+(?:of\s+)?[A-Z][\w'’.\-]*)*")


def _recipient(words: str, said: Said, layout: Layout, registry: Registry) -> str:
    match = _RECIPIENT.search(words)
    if not match:
        return ""
    first = name_recipient(match.group("rec"), said, layout, registry)
    unit = _UNIT.match(words[match.end() :]) if first.islower() else None
    first += unit.group(0).rstrip(".") if unit else ""  # "officers of the Elm Police Department"
    both = re.match(rf"\s+and\s+({_NAMED})", words[match.end() :])
    if both and first[:1].isupper():  # "questioned by Officer Cameron and Officer Genovese"
        return f"{first} and {name_recipient(both.group(1), said, layout, registry)}"
    return first


_OFFICER_NAMED = re.compile(
    r"\b(?:Officer|Ofc\.|Detective|Det\.|Sgt\.|Sergeant|Trooper|Tpr\.|Deputy|Dep\.|Agent|"
    r"Investigator)\s+(?P<name>[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){0,2}?)(?:['’]s\b|\b)"
)


def _officer_before(said: Said, registry: Registry) -> str:
    """ "According to Officer Dale Roe's report, Ms. Lee told him": the officer the sentence
    named before the pronoun, when the speaker is someone else."""
    told = re.search(r"\b(?:told|advised|informed)\s+(?:him|her)\b", said.attribution)
    named = list(_OFFICER_NAMED.finditer(said.attribution[: told.start()] if told else ""))
    if not named:
        return ""
    entity = registry.resolve_phrase(named[-1].group("name"))[1]
    return entity.name if entity is not None and entity is not said.entity else ""


def name_recipient(np: str, said: Said, layout: Layout, registry: Registry) -> str:
    """The person or body a recipient phrase names ("Officer Rudd" -> Hamza Rudd)."""
    np = np.strip()
    lowered = fold(np)
    if (coded := code_for(registry.codes, np)) is not None:
        return coded.name  # a report's "told R/O", "advised W-1"
    if lowered == "me":
        return layout.author
    if lowered in ("him", "her", "them"):
        if said.nested and said.outer is not None:
            return said.outer.name
        return _officer_before(said, registry) if lowered != "them" else ""
    if lowered == "the undersigned" and layout.signer:
        return layout.signer  # a letter's writer, by the name signed under it
    if lowered in ("this office", "us"):
        return layout.office or layout.author  # "told us": the firm or office that writes
    if lowered in _GENERIC_OUTLET:
        said.outlet = True  # "told the publication": the outlet named before it
        return layout.outlet
    if re.match(r"^the\s+[A-Z]", np) and (
        _OUTLET_WORDS.search(np) or np.split()[-1] in layout.outlet.split()
    ):
        last = np.split()[-1].lower()
        if layout.outlet and last in layout.outlet.lower().split():
            return layout.outlet
        return np[4:]
    if lowered == "the judge":
        judges = {
            e.name for e in registry.entities if e.kind == "person" and _BENCH.search(e.title)
        }
        if len(judges) == 1:
            return judges.pop()  # "told the judge": the one judge the text names
    group = re.fullmatch(r"the (officer|agent|detective|deput|trooper)(?:s|ies)", lowered)
    if group:
        # "told the officers" after "questioned by Officer Cameron and Officer Genovese".
        found = [
            (where.start(), e.name)
            for e in registry.entities
            if e.kind == "person"
            and (group.group(1) in e.title.lower() or group.group(1) == "officer")
            and _POLICE_TITLE.search(e.title)
            and (where := re.search(rf"\b{re.escape(e.name.split()[-1])}\b", said.context))
        ]
        named = list(dict.fromkeys(name for _at, name in sorted(found)))
        if len(named) >= 2:
            return " and ".join([", ".join(named[:-1]), named[-1]])
    if _FIXED_RECIPIENT.fullmatch(lowered):
        return np  # "the court", "jurors", "investigators": as written
    if re.fullmatch(r"(?:my|our) client", lowered):
        _phrase, client = registry.resolve_phrase(np)
        return client.name if client is not None else np
    if np[:1].islower() and not re.match(r"(?:the|a|an|our|my|his|her|their|its)\s", np):
        np = "the " + np  # "told defendant": the defendant
    if np[:1].isupper() or np.startswith("the "):
        _phrase, entity = registry.resolve_phrase(np)
        if entity is not None and entity.kind == "person":
            return entity.name
    return np


def settle(items: list[Said], layout: Layout) -> None:
    """Fill what a statement does not say from its neighbours and its form, in order."""
    last_in_para: dict[int, Said] = {}
    previous: Said | None = None  # "On the same date", "During the same interview": this one
    scene: Said | None = None  # the last words at a scene with a day: "at the scene" is that day
    last_by_speaker: dict[int, Said] = {}
    for said in items:
        before = last_in_para.get(said.index)
        mine = last_by_speaker.get(id(said.entity)) if said.entity is not None else None
        _the_same(said, previous)
        if not said.nested:
            if before is not None and not before.nested:
                if said.from_context and before.entity is said.entity and before.setting:
                    # '... told reporters ... "..." Odenkirk said.': still to the reporters.
                    said.setting, said.recipient = before.setting, before.recipient
                if not said.own_setting and not said.setting and not _retold(said, before):
                    said.setting = before.setting
                    said.recipient = said.recipient or before.recipient
                # '... told reporters on Monday ... "...," he said in a statement': not Monday
                if not said.date and not (said.own_setting and said.setting != before.setting):
                    said.date = before.date
            if (
                said.setting == "police_encounter"
                and not said.date
                and scene is not None
                and said.index - scene.index <= 3
            ):
                said.date = scene.date
            if layout.speaks_in_writing:
                _still_speaking(said, mine)
                _release_default(said, layout)
            elif (
                mine is not None
                and said.index - mine.index <= 2
                and not mine.nested
                and not _new_talk(said, layout)
            ):
                if not said.setting and not _retold(said, mine):
                    said.setting = mine.setting
                    said.recipient = said.recipient or mine.recipient
                if not said.date:
                    said.date = mine.date
            if layout.kind == "letter" and not said.date:
                said.date = layout.date
            if layout.kind == "report":
                if not said.setting:
                    said.setting = layout.scene
                if said.setting in ("police_encounter", "police_interview", "phone_call"):
                    said.recipient = said.recipient or layout.author
                _report_day(said, layout)
        if not said.date and layout.kind == "news" and not _RELATIVE.search(said.attribution):
            # "X pleaded not guilty on Wednesday. His lawyer told reporters ...": that day;
            # words at a hearing the story dated earlier: the hearing's day.
            day, where = layout.day_in_force(said.index)
            if where == said.index or said.setting in ("in_court", "sworn_testimony"):
                said.date = day
        if said.nested and layout.kind == "report" and not said.setting:
            said.setting = layout.scene  # words an officer relays: where they were said
        if said.nested and layout.kind == "report" and not said.date:
            said.date = layout.day_in_force(said.index)[0] or layout.occurred or layout.date
        if not said.recipient:
            said.recipient = said.questioner or said.weak_recipient
        if said.entity is not None and said.recipient == said.entity.name:
            said.recipient = ""  # no one tells themselves
        if said.setting == "interview" and not said.recipient and layout.kind == "news":
            said.recipient = layout.outlet  # "said in a phone interview": with this paper
        if not said.nested:  # words nested in a clause do not interrupt the paragraph's run
            last_in_para[said.index] = said
        previous = said if not said.nested else previous
        if said.setting == "police_encounter" and said.date and not said.nested:
            scene = said
        if said.entity is not None:
            last_by_speaker[id(said.entity)] = said


_CONVERSATION = re.compile(r"\b(?:asked|told|answered|replied)\s+(?:him|her|them|[A-Z])")


def _retold(said: Said, before: Said) -> bool:
    """ "She testified that ... She asked him where ...; he told her ...": the exchange the
    testimony tells happened where it happened, not on the stand."""
    if before.setting not in ("sworn_testimony", "in_court"):
        return False
    return bool(_CONVERSATION.search(said.attribution))


def _release_default(said: Said, layout: Layout) -> None:
    """A release's or a department's own quotations: written, on the document's date; the
    words its account of the events tells (on the radio, to dispatch, to the officers at
    the scene) were said on the day the account gives."""
    if said.setting == "police_encounter" or _EVENT_SPEECH.search(said.attribution):
        day = layout.day_in_force(said.index)[0]
        if not said.date and day and day <= layout.date:  # the night told, not a later hearing
            said.date = day
        return
    if not said.setting and said.date in ("", layout.date_at(said.index)) and not said.recipient:
        said.setting = "written_statement"
    today = ("written_statement", "in_court", "press_conference", "phone_call")
    if not said.date and said.setting in today:
        said.date = layout.date_at(said.index)  # "Reached by telephone, his attorney said": today


def _still_speaking(said: Said, mine: Said | None) -> None:
    """A release that tells of a press conference or a hearing: its speaker's next words,
    with no setting of their own, were said there too, not written for the release."""
    if mine is None or mine.nested or said.setting or said.index - mine.index > 2:
        return
    if mine.setting in ("press_conference", "in_court", "sworn_testimony"):
        said.setting, said.date = mine.setting, said.date or mine.date


def _report_day(said: Said, layout: Layout) -> None:
    """Words a report tells were said on the day its narrative last gave ("On 07/20/2025 I
    was dispatched"), else on the report's date; a call only on a day its own paragraph gives."""
    day, where = layout.day_in_force(said.index)
    if said.date:
        return
    if said.setting in ("police_encounter", "police_interview"):
        said.date = day or layout.occurred or layout.date
    elif said.setting == "phone_call" and (where == said.index or _CLOCK.search(said.context)):
        said.date = day  # "At 1300 hrs I spoke with Orr by telephone": the same day, later


def _new_talk(said: Said, layout: Layout) -> bool:
    """A report's "I spoke with Holt" before her words: a new talk, not the earlier call."""
    return layout.kind == "report" and bool(
        re.search(r"\b(?:spoke|met|talked)\s+with\b|\binterviewed\b", said.context)
    )


_SAME = re.compile(
    r"\b(?:on|during|in) the same (?P<what>date|day|interview|call|conversation)\b", re.I
)


def _the_same(said: Said, previous: Said | None) -> None:
    """ "On the same date" takes the day of the statement before it; "during the same
    interview" its setting and listener as well."""
    same = _SAME.search(said.attribution + " " + said.context)
    if same is None or previous is None:
        return
    said.date = said.date or previous.date
    # "Later in the same call" under an item "(a) 911 call": the item's setting, the call's ear.
    if same.group("what").lower() not in ("date", "day") and said.setting in ("", previous.setting):
        said.setting, said.own_setting = previous.setting, True
        other = previous.entity is not None and previous.entity is not said.entity
        if other and said.entity is not None and previous.recipient == said.entity.name:
            said.recipient = said.recipient or previous.entity.name  # the one who answered
        else:
            said.recipient = said.recipient or previous.recipient
