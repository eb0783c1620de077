"""The subject of a speech verb: who "said", from the words before the verb in its sentence.

Used by app/core/intake/prose.py (quotations) and app/core/intake/prose_reported.py
(reported speech); names are resolved through the text's
:class:`~app.core.intake.extract_attribution.Registry`.
"""

from __future__ import annotations

import re

from app.core.intake.extract_attribution import (
    FIRST_PERSON,
    MASK,
    MASK_START,
    PRONOUNS,
    TITLE_WORDS,
    Entity,
    Registry,
    fold,
)

_UPPER = "A-ZÀ-ÖØ-Þ"
_PREPOSITIONS = frozenset("at in on during after before from outside inside near later".split())
_ASIDE = re.compile(
    r"^(?:who|whose|which|whom|where|when|while|though|although|after|before|during|"
    r"speaking|standing|sitting|"
    r"reached|asked|"
    r"visibly|\d+$)\b",
    re.IGNORECASE,
)


# "during transport Przybylski": a time phrase, then the subject; not an aside.
_NAMED_AFTER = re.compile(r"(?i:after|before|during|though|although)\b.*\s[A-Z][\w'’\-]+$")


def plausible_np(np: str) -> bool:
    words = np.split()
    if not words:
        return False
    first = words[0].lower()
    if first in {"and", "but", "that", "which", "who", "so", "then", "as"}:
        return False
    if len(words) == 1:
        return words[0][:1].isupper() or first in PRONOUNS or first in FIRST_PERSON
    return first in {"the", "a", "an", "one", "our", "his", "her", "their"} or all(
        w[:1].isupper() or w.lower() in {"de", "van", "von", "da", "of"} for w in words
    )


_TOLD_PLUPERFECT = re.compile(
    r"\bthat\s+(?P<np>(?:(?:the|a|an|his|her|their|my)\s+[a-z][\w\-]*)|"
    r"[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){0,2})\s+had\s+[a-z]+ed\b"
)


def subject_before(registry: Registry, text: str, verb: str) -> tuple[str, Entity | None]:
    """The speaker of a speech verb, from the words before it in its sentence."""
    clean = text.replace(MASK_START, " ").replace(MASK, " ")
    chunks = [c.strip() for c in re.split(r"[,;—–]|\s-\s", clean)]
    while chunks and not chunks[-1]:
        chunks.pop()
    if len(chunks) > 1 and re.fullmatch(r"who|which", chunks[-1], re.I):
        # "a call from Ann Roe, also a driver, who reported": the name the clause hangs on.
        chunks.pop()
        if len(chunks) > 1 and re.match(r"^(?:also\s+)?(?:a|an|the)\s", chunks[-1], re.I):
            chunks.pop()
        spans = registry.scan(chunks[-1])
        if spans and spans[-1][1] >= len(chunks[-1]) - 1 and spans[-1][2].kind == "person":
            return chunks[-1][spans[-1][0] : spans[-1][1]], spans[-1][2]
    # "Barrett, though stating ..., had indicated": the auxiliary after the aside.
    if len(chunks) > 1 and re.fullmatch(r"(?i)(?:has|had|have|was|is|would|did)", chunks[-1]):
        chunks.pop()
    # "..., and once again stated": the same subject as the clause before.
    if len(chunks) > 1 and re.fullmatch(
        r"(?i)(?:and|but)\s+(?:once\s+again|again|also|then|later|thereafter)", chunks[-1]
    ):
        return clause_subject(registry, ",".join(chunks[:-1]))
    # Asides between commas are not the subject: "Tolliver, speaking briefly, said",
    # "Ruiz-Tate, who prosecuted cases for two decades, said".
    while len(chunks) > 1 and _ASIDE.match(chunks[-1]) and not _NAMED_AFTER.match(chunks[-1]):
        chunks.pop()
    if not chunks:
        return "", None
    last = chunks[-1]
    # "Quentin Marlowe of the Wentworth Defenders": the person, not the place they work.
    of_place = r"\s+(?:of|from)\s+(?:the\s+)?[A-Z]"
    if re.search(of_place, last):
        for start, end, entity in registry.scan(last):
            if entity.kind == "person" and re.match(of_place, last[end:]):
                last = last[start:end]
                break
    # "X declined to comment but said", "She was not there but said": the clause's subject.
    # ("the agents also advised": "also" is an adverb there, not a second clause.)
    coordinated = re.match(r"^(.*?)\b(?:but|and)(?:\s+(?:then|also))?\s*$", last)
    if coordinated:
        head = coordinated.group(1).strip()
        lead = re.match(r"^(?:he|she|they|i|we)\b", head, re.I)
        if lead:
            return registry.resolve_phrase(lead.group(0))
        # "told WTLM that her father had called her ... and said": the told clause's subject,
        # whose pluperfect the "and said" goes on.
        inner = _TOLD_PLUPERFECT.search(head)
        if inner:
            phrase, entity = registry.resolve_phrase(inner.group("np"))
            kin = entity is None and re.match(r"(?:his|her|their|my)\s", inner.group("np"))
            if kin or (entity is not None and entity.kind in ("person", "unnamed")):
                return phrase, entity  # "her father": a person, though not by name
        return clause_subject(registry, clean[: clean.rindex(last) + len(head)])
    last = last.lstrip(" .!?")  # '"Did you?" and the defendant answered': after the question
    last = re.sub(r"^(?:and|but|then|so|while|when|as)\s+", "", last, flags=re.I)
    last = re.sub(
        r"\s+(?:also|then|later|quickly|again|only|never|repeatedly|first|further|previously)$",
        "",
        last,
    )
    last = re.sub(r"\s+(?:has|had|have|was|is|would|will|had\s+not|did|does)$", "", last)
    # "A motorist who called 911 at 11:09 p.m. told": the one the clause describes.
    relative = re.match(
        r"^((?:the|a|an|one)\s+(?:[\w'’\-]+\s+){0,3}?[\w'’\-]+)\s+who\s", last, re.I
    )
    if relative:
        last = relative.group(1)
    words = last.split()
    if not words:
        return "", None
    np = " ".join(words[-7:])
    # Keep only the tail that reads as a subject: "the store owner" / "Hamid Qureshi".
    match = re.search(
        r"((?:(?:the|a|an|one|our|his|her|their)\s+)?(?:[\w'’.\-]+\s+){0,4}[\w'’.\-]+)$", np
    )
    candidate = match.group(1) if match else np
    candidate = trim_subject(candidate)
    if not candidate and len(chunks) > 1:
        candidate = trim_subject(chunks[-2])
    party = re.fullmatch(
        r"(?i)the\s+(?:defendant|respondent|petitioner|appellant|accused)", candidate
    )
    if (
        len(chunks) > 1
        and not party
        and (candidate.lower().startswith(("a ", "an ", "the ")) or _title_only(registry, last))
    ):
        # "Lupe Todd-Medina, a spokeswoman for ..., said": the name before the appositive.
        prior = chunks[-2].strip()
        spans = registry.scan(prior)
        if spans and spans[-1][0] == 0 and spans[-1][1] >= len(prior) - 1:
            return prior, spans[-1][2]
    if not candidate:
        return "", None
    return registry.resolve_phrase(candidate)


def _title_only(registry: Registry, chunk: str) -> bool:
    """ "U.S. Attorney for the District": a title in an appositive, naming no person."""
    words = [fold(w).rstrip(".,") for w in chunk.split()]
    if not any(w in TITLE_WORDS for w in words):
        return False
    probe = Registry()
    probe.entities = list(registry.entities)
    return not any(entity.kind == "person" for _s, _e, entity in probe.scan(chunk))


def clause_subject(registry: Registry, text: str) -> tuple[str, Entity | None]:
    """The subject of a clause: its first person named (not "Brooks's", not "to CNN")."""
    clean = text.replace(MASK_START, " ").replace(MASK, " ")
    for start, end, entity in registry.scan(clean):
        if entity.kind not in ("person", "unnamed"):
            continue
        if re.search(r"['’]s?$", clean[start:end]) or re.search(
            r"\b(?:to|with|for|of|by|from|against|at|about|on|asked|told)\s+$",
            clean[:start],
            re.IGNORECASE,
        ):
            continue
        return clean[start:end], entity
    lead = re.match(r"^\s*((?:the|a|an|one)\s+\w+|he|she|they)\b", clean, re.I)
    if lead:
        return registry.resolve_phrase(lead.group(1))
    return "", None


def trim_subject(np: str) -> str:
    """Cut a clause down to the noun phrase just before its verb."""
    words = np.split()
    cut = 0
    for i, word in enumerate(words):
        lw = word.lower().strip(".,")
        if lw in {
            "that",
            "who",
            "whom",
            "which",
            "said",
            "told",
            "heard",
            "believed",
            "thought",
            "saw",
            "asked",
            "when",
            "if",
            "because",
            "whether",
            "after",
            "before",
            "to",
        }:
            cut = i + 1
        elif lw in PRONOUNS and lw not in {"his", "her", "their"} and i < len(words) - 1:
            cut = i + 1 if words[i + 1][:1].islower() else cut
        elif lw in {"he", "she", "they", "i", "we"} and i == len(words) - 1:
            cut = i  # "From the bench she": the pronoun is the subject
    words = words[cut:]
    if len(words) > 2 and words[0].lower() in _PREPOSITIONS:
        # "At the station the respondent": the noun phrase after the place.
        start = len(words) - 1
        while start > 1 and words[start - 1][:1].isupper():
            start -= 1
        if start > 1 and words[start - 1].lower() in ("the", "a", "an", "his", "her", "their"):
            start -= 1
        words = words[start:]
    if (
        len(words) > 1
        and words[0][:1].islower()
        and words[0].lower() not in {"the", "a", "an", "one", "our", "his", "her", "their"}
    ):
        # "later heard the store owner" -> keep from the determiner or the capitals.
        for i, word in enumerate(words):
            if word.lower() in {"the", "a", "an", "one"} or word[:1].isupper():
                words = words[i:]
                break
        else:
            if not ("and" in words[1:-1] and len(words) <= 5):
                words = words[-1:]  # but "parents and teachers": a subject of two groups
    return " ".join(words)


def other_named(registry: Registry, text: str, speaker: Entity | None) -> str:
    """The person "him" or "her" means: the last one ``text`` names who is not the speaker
    ("when pharmacist Omar Tait asked her ..., the defendant told him")."""
    clean = text.replace(MASK_START, " ").replace(MASK, " ")
    people = [e for _s, _e, e in registry.scan(clean) if e.kind == "person" and e is not speaker]
    return people[-1].name if people else ""


# "Officer Roe stopped appellant two blocks away. She asked him ...": the one acted upon is
# the "him" she then speaks to, and the "he" who answers.
_ACTED_UPON = re.compile(
    r"\b(?:stopped|arrested|detained|approached|handcuffed|frisked|confronted|located)\s+"
    r"(?P<np>appellant|defendant|respondent|petitioner|the\s+[a-z]+|[A-Z][\w'’\-]+"
    r"(?:\s+[A-Z][\w'’\-]+){0,2})"
)


def note_acted_upon(registry: Registry, sentence: str) -> None:
    """Keep the person a sentence's officer stopped or arrested as the one last spoken of."""
    acted = _ACTED_UPON.search(sentence)
    if acted:
        entity = registry.resolve_phrase(acted.group("np"))[1]
        if entity is not None and entity.kind == "person" and entity is not registry.last_subject:
            registry.last_object = entity


def spoken_to(registry: Registry, recipient: str, speaker: Entity | None) -> str:
    """ "She asked him ...; he told her ...": "her" is the person the pronoun fits who is not
    the speaker (the one last spoken of, else the latest met of that gender)."""
    word = fold(recipient)
    if word not in ("him", "her"):
        return recipient
    found = registry.pronoun(word)
    if found in (None, speaker):
        found = registry.latest_of(word, speaker)
    if found is None:  # "said Vey had roots here. But she warned him": the man last named
        fits = [
            e
            for e in registry.entities
            if e.kind == "person" and e is not speaker and e.gender in ("", PRONOUNS[word])
        ]
        found = max(fits, key=lambda e: e.last_seen) if fits else None
    return found.name if found is not None else recipient


def newly_named(registry: Registry, quote_starts: list[int], sentence_end: int) -> Entity | None:
    """The person a sentence without speech first introduces, when a quotation follows in
    its paragraph: news copy names a speaker ("... was referred by Prosecutor Tom Vey.")
    just before the words a "he said" gives them."""
    if not any(start >= sentence_end for start in quote_starts):
        return None
    for entity in reversed(registry.entities):  # those met first in this sentence come last
        if entity.first_seen != registry.clock:
            return None
        if entity.kind == "person":
            return entity
    return None


_CALLED_ONE = re.compile(
    r"\bhad\s+(?:called|phoned|texted|emailed|messaged|written\s+to|told)\s+(?P<one>him|her|them)"
    r"\b[^,;]*\band\s*$"
)


def called_one(registry: Registry, text: str, speaker: Entity | None) -> str:
    """ "that her father had called her from the jail and said": "her", who heard it."""
    match = _CALLED_ONE.search(text.replace(MASK_START, " ").replace(MASK, " ").rstrip(" ,"))
    return spoken_to(registry, match.group("one"), speaker) if match else ""
