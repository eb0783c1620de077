"""Speech reported in one paragraph of a complaint or affidavit.

Finds "<who> stated/said/told <whom>[, in substance,] that ... / : ... / "..."" and
the passive "is informed by <who> that ...", with who is speaking as the text
writes it (deponent, I, informant, the defendant, a name, he/she) and where the
reported words begin and end: to the sentence's end after "that", to the
paragraph's end after a colon, to the closing mark of a quotation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

VERBS = (
    r"stated|states|said|says|told|tells|informed|advised|reported|admitted|explained|"
    r"claimed|indicated|asserted|yelled|shouted|exclaimed|replied|responded|added|"
    r"wrote|texted|stating|saying|described"
)
_VERB = re.compile(rf"\b(?:also\s+|further\s+|then\s+|later\s+|again\s+)?({VERBS})\b")
ROLES = (
    r"victim|complainant|witness|caller|reporting party|manager|store manager|clerk|"
    r"cashier|employee|"
    r"security guard|loss prevention (?:officer|agent)|neighbou?r|passenger|driver|"
    r"co-defendant|complaining witness|owner|resident|tenant|landlord|bystander"
)
_PASSIVE = re.compile(
    r"(?:\b(?:[Dd]eponent|[Aa]ffiant|[Cc]omplainant|I|she|he)\s+)?"
    r"\b(?:is|was|were|am|has been|have been)\s+"
    r"(?:further\s+|also\s+)?(?:informed|told|advised)\s+by\s+"
    r"(?P<who>(?:the\s+|said\s+)?informant\b"
    r"|(?:the\s+|said\s+)?defendant(?:'s|’s)\s+own\s+statements?"
    rf"|(?:(?:the|a|an)\s+)?(?i:{ROLES})(?:,?\s+[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){{0,3}})?"
    r"|[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,3})"
    r"(?:,(?:(?!\bthat\b)[^,]){0,160})*,?\s*(?=that\b)"
)
MODIFIER = re.compile(
    r"\s*,?\s*(?:(?:in sum and substance|in substance|in part)(?:\s+and\s+in\s+(?:part|substance))?"
    r"|in words to the effect of|"
    r"words to the effect of|in part|in essence|substantially)\b\s*,?"
)
_OBJECT = re.compile(
    r"(?:\s+|(?<=[\s,]))(?:to\s+)?(?P<obj>"
    r"(?i:(?:your\s+|the\s+)?(?:deponent|affiant|complainant)|the undersigned)|"
    r"me|him|her|them|us|(?:the\s+)?informant|"
    r"(?:the\s+)?defendant|agents|officers|(?:[A-Z][\w'.-]*\s+){0,3}[A-Z][\w'-]*)(?=[\s,.:;])"
)
# A word of a name: capitalised, or initials ("V.L.") where the text withholds the name.
CAP = r"(?:[A-Z]\.(?:[A-Z]\.)+|[A-Z][\w'-]*)"
# A person described, not named ("the man", "the woman in the red coat" was introduced before).
DESCRIBED = (
    r"man|woman|male|female|person|boy|girl|suspect|stranger|individual|rider|robber|gunman"
    r"|assailant|attacker|intruder|shooter|thief"
)
# Who acts in a clause: "the man leaned forward", "the defendant stepped toward her".
_ACTOR = re.compile(
    rf"(?:^|[,;(]\s*|\b(?:and|then|when|while|after|before|as|that)\s+)"
    rf"(?P<who>(?:[Tt]he|[Aa]n?)\s+(?:{DESCRIBED}|defendant|(?i:{ROLES}))"
    r"|(?!(?:He|She|They|It|We|I|This|That|The|A|An)\b)[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2})"
    r"(?:,\s+(?:who|whose|which)\b[^,]{0,80},)?"  # "the rider, whose name was ..., held"
    r",?\s+(?:then\s+|also\s+|again\s+)?"  # "her neighbor, Jo Roe, kicked"
    r"(?P<verb>[a-z]+ed|ran|took|held|went|came|gave|got|put|hit|threw|struck|drew|stood|said)\b"
)
_SUBJECT_TAILS = (
    # "The passenger, Lou Grant, stated": the name in apposition speaks
    ("apposition", re.compile(rf"(?<=,)\s*({CAP}(?:\s+{CAP}){{1,2}}|[A-Z]\.(?:[A-Z]\.)+),$")),
    ("relative", re.compile(r"\b([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2}),?\s+who(?:\s+then)?$")),
    ("role", re.compile(rf"\b(?:[Tt]he\s+|[Ss]aid\s+)?(?i:{ROLES})((?:\s+{CAP}){{0,3}})$")),
    ("described", re.compile(rf"\b[Tt]he\s+(?:{DESCRIBED})$")),
    ("alias", re.compile(r"confidential (?:informant|source)\s*\(\s*[\"“]([^\"”]+)[\"”]\s*\)$")),
    ("defendant", re.compile(r"\b(?:[Tt]he\s+|[Ss]aid\s+)?[Dd]efendant((?:\s+[A-Z][\w'-]+)*)$")),
    ("informant", re.compile(r"\b(?:[Tt]he\s+|[Ss]aid\s+)?[Ii]nformant((?:\s+[A-Z][\w'-]+)*)$")),
    (
        "deponent",
        re.compile(
            r"(?:\b[Dd]eponent|\bI|\b(?:[Yy]our\s+)?[Aa]ffiant|\b[Cc]omplainant"
            r"|\b[Tt]he undersigned)$"
        ),
    ),
    ("pronoun", re.compile(r"\b(?:[Hh]e|[Ss]he)$")),
    ("name", re.compile(rf"((?:[A-Z][\w'.-]*\s+){{0,3}}{CAP})$")),
)
_NOT_SUBJECTS = frozenset(
    """the a an after when on at agents officers it this that these they we police
    then while before during and but however""".split()
)
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st no ave u.s u.s.c inc co jr sr tfo p.o det sgt lt capt cpl a.m p.m".split()
)


@dataclass
class Report:
    """One report of speech: who, as written, and the words reported."""

    kind: str  # deponent, informant, defendant, pronoun, alias, name
    who: str  # the words naming the speaker
    who_start: int
    who_end: int
    start: int  # the reported words
    end: int
    verbatim: bool
    verb: str
    to: str = ""  # the recipient as written ("deponent", "TFO Roe"), "" when none
    span_start: int = -1  # where the report's own words begin (its subject or passive)


_STOP = re.compile(r"[.!?][\"”’']?(?=\s+[A-Z\"“(]|\s*$)")


def sentence_end(text: str, start: int, limit: int) -> int:
    """Where the sentence running at ``start`` ends (after its stop), at most ``limit``."""
    for match in _STOP.finditer(text, start, limit):
        stop = match.start()
        word = re.search(r"([\w.]+)$", text[max(start, stop - 20) : stop])
        quoted = match.end() > stop + 1  # "... was "Reuben C." According to ...": it ends
        if (
            word
            and not quoted
            and (word.group(1).lower() in _ABBREVIATIONS or re.fullmatch(r"[A-Z]", word.group(1)))
        ):
            continue
        return match.end()
    return limit


def _subject(text: str, floor: int, at: int) -> tuple[str, str, int, int] | None:
    floor = max(floor, at - 200)  # a subject sits right before its verb
    before = text[floor:at].rstrip()
    # "the man had said", "the defendant spontaneously stated": no subject in between
    before = re.sub(
        r"(?:\s+(?:had|has|have|would have|(?!(?:family|ally|bully|rally|supply|assembly)\b)"
        r"[a-z]{3,}ly))+$",
        "",
        before,
    )
    # "Witness M.T., a bartender at the bar, told", "the defendant, when stopped, said":
    # the subject precedes its description or a clause of time
    described = re.search(
        r",\s*(?:a|an|the|his|her|their|when|while|after|before|upon|once)\s+[^,]{1,80},$", before
    )
    if described:
        before = before[: described.start()].rstrip()
    # "Detective Jo Roe of the Elm Police Department told": the person, not the department
    department = re.search(r"(?<=[a-z])\s+of\s+(?:the\s+)?(?:[A-Z][\w'&.-]*\s*){1,6}$", before)
    if department:
        before = before[: department.start()]
    for kind, pattern in _SUBJECT_TAILS:
        match = pattern.search(before)
        if not match:
            continue
        words = match.group(0)
        start = floor + match.start()
        if kind in {"alias", "relative", "apposition"}:
            kind = "alias" if kind == "alias" else "name"
            return kind, match.group(1), floor + match.start(1), floor + match.end(1)
        if kind == "described":
            return "role", words, start, start + len(words)
        if kind == "role" and match.group(1).strip():
            named = match.group(1).strip()
            return "name", named, floor + match.start(1) + 1, floor + match.end(1)
        if kind == "name":
            parts = words.split()
            while parts and parts[0].lower().rstrip(",") in _NOT_SUBJECTS:
                start += len(parts[0]) + 1
                parts = parts[1:]
            if not parts or parts[-1].lower() in _NOT_SUBJECTS:
                return None
            words = " ".join(parts)
            start = floor + before.rfind(words)
        return kind, words, start, start + len(words)
    return None


def _actor_before(text: str, start: int, at: int) -> tuple[str, str, int, int] | None:
    """The subject of the last clause of the sentence before ``at`` (its own act, not a
    pronoun): the one a verb joined by "and" goes with ("the man leaned in and said")."""
    stops = list(_STOP.finditer(text, start, at))
    begin = stops[-1].end() if stops else start
    last = None
    for match in _ACTOR.finditer(text[begin:at]):
        last = match
    if last is None or last.group("verb") == "said":
        return None
    who = last.group("who")
    article = who.split()[0].lower()
    if article in {"a", "an"}:
        return None  # "a man walked in and said": no one known yet
    kind = "name"
    if article == "the":
        kind = "defendant" if who.lower().endswith("defendant") else "role"
    return kind, who, begin + last.start("who"), begin + last.end("who")


def content_after(text: str, at: int, limit: int, allow_bare: bool) -> tuple[int, int, bool] | None:
    """(start, end, verbatim) of the words reported from ``at`` on, else None."""
    rest = text[at:limit]
    colon = re.match(r"\s*:\s*", rest)
    if colon:
        start = at + colon.end()
        quote = re.match(r"[\"“]", text[start:limit])
        if quote:
            return quoted_after(text, start, limit)
        return start, limit, False
    # "told Officer Roe at the scene that ...": a short place or time before "that"
    that = re.match(
        r"\s*,?\s*(?:(?:at|in|on|during|over|outside|inside|later|again)\b[^,.;:\"“]{0,40}?,?\s*)?"
        r"(?=that\b)",
        rest,
    )
    if that:
        start = at + that.end()
        return start, sentence_end(text, start, limit), False
    quote = re.match(r"\s*,?\s*(?=[\"“])", rest)
    if quote:
        return quoted_after(text, at + quote.end(), limit)
    # "said he left", "admitted she was": a clause led by a pronoun needs no "that"
    pronoun = re.match(r"\s*(?=(?:he|she|they|we|I)\s+[a-z])", rest)
    if pronoun and not allow_bare:
        start = at + pronoun.end()
        return start, sentence_end(text, start, limit), False
    if allow_bare:
        # "told the defendant to leave": an order narrated in an account, not words of its own
        bare = re.match(r"\s*,?\s*(?=[A-Za-z])(?!to\s+[a-z])", rest)
        if bare:
            start = at + bare.end()
            return start, sentence_end(text, start, limit), False
    return None


def quoted_after(text: str, mark: int, limit: int) -> tuple[int, int, bool] | None:
    close = "”" if text[mark] == "“" else '"'
    end = text.find(close, mark + 1, limit)
    if end < 0:
        return None
    return mark + 1, end, True


_OWN_ACT = re.compile(
    r"\s*(?P<who>[Dd]eponent|(?:[Yy]our\s+|[Tt]he\s+)?(?:[Aa]ffiant|[Cc]omplainant)"
    r"|[Tt]he undersigned)"
    r"\s+(?:further\s+|also\s+|then\s+)?"
    r"(?=(?:observed|saw|recovered|found|heard|arrested|searched|seized|recognized|reviewed|"
    r"responded|identified|interviewed|spoke|viewed|watched|approached|retrieved|"
    r"is|was|has|had|personally)\b)"
)


def own_act(text: str, start: int, end: int) -> Report | None:
    """The deponent's own allegation opening a paragraph ("Deponent observed ..."), if any."""
    match = _OWN_ACT.match(text, start, end)
    if not match or re.match(
        r"\s*(?:is|was)\s+(?:further\s+|also\s+)?(?:informed|told|advised)", text[match.end() : end]
    ):
        return None
    return Report(
        "deponent",
        match.group("who"),
        match.start("who"),
        match.end("who"),
        match.start("who"),
        sentence_end(text, match.end(), end),
        False,
        "alleges",
        "",
        match.start("who"),
    )


def reports(text: str, start: int, end: int, given: list[Report] | None = None) -> list[Report]:
    """The speech reported in ``text[start:end]`` (one paragraph), in order, with the
    reports already ``given`` (found in set phrases by complaint_phrases.py)."""
    found = list(given or [])
    for match in _PASSIVE.finditer(text, start, end):
        who = match.group("who")
        who_start = match.start("who")
        kind = "informant" if "informant" in who.lower() else "name"
        own = re.match(r"(?i)(?:the\s+|said\s+)?defendant(?=\S*\s+own\s+statement)", who)
        if own:  # "informed by defendant's own statement that ...": the defendant speaks
            kind, who = "defendant", own.group(0)
        role = re.match(rf"(?:(?:the|a|an)\s+)?(?i:{ROLES})\b,?\s*", who)
        if role and kind == "name":
            if who[role.end() :].strip():
                who_start += role.end()
                who = who[role.end() :]
            else:
                kind = "role"
        sentence = sentence_end(text, match.end(), end)
        found.append(
            Report(
                kind,
                who,
                who_start,
                match.end("who"),
                match.end(),
                sentence,
                False,
                "informed",
                "deponent",
                match.start(),
            )
        )
    for match in _VERB.finditer(text, start, end):
        if any(r.span_start <= match.start() < r.start for r in found):
            continue
        subject = _subject(text, start, match.start())
        span_start = subject[2] if subject else -1
        if subject is None:
            # "X admitted ..., but said ...": the verb shares the subject before it
            joined = re.search(r"(?:,\s*|\s)(?:but|and)\s+$", text[start : match.start()])
            earlier = [r for r in found if r.verb != "informed"]
            actor = _actor_before(text, start, match.start()) if joined else None
            if actor is not None:
                # "she said that when she looked up, the man leaned in and said": the one
                # acting in the clause says it, not the one whose account holds it
                subject = actor
            elif not joined or not earlier:
                continue
            else:
                last = earlier[-1]
                subject = (last.kind, last.who, last.who_start, last.who_end)
            span_start = start + joined.start() + (1 if joined.group(0)[0] == "," else 0)
        kind, who, who_start, who_end = subject
        verb = match.group(1)
        at = match.end()
        to = ""
        took = False
        for _ in range(3):
            modifier = MODIFIER.match(text, at, end)
            if modifier:
                at, took = modifier.end(), True
                continue
            obj = _OBJECT.match(text, at, end)
            direct = verb in {"told", "tells", "informed", "advised"}
            if obj and not to and (direct or text[at : obj.start("obj")].strip() == "to"):
                to, at, took = obj.group("obj"), obj.end(), True
                continue
            break
        # "described the man as tall": the description is the reported words
        content = content_after(text, at, end, allow_bare=took or verb == "described")
        if content is None:
            continue
        found.append(Report(kind, who, who_start, who_end, *content, verb, to, span_start))
    if not any(r.kind == "deponent" and r.span_start <= start + 2 for r in found):
        act = own_act(text, start, end)
        if act is not None:
            act.span_start = -1  # its own words begin with the subject; nothing reports it
            found.append(act)
    found.sort(key=lambda r: r.span_start)
    return found
