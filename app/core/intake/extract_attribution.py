"""Who is who in a text: the names it introduces, and what "the mayor" or "she" refers to.

Rules, not a model. A :class:`Registry` is filled in reading order: each capitalised name
(with a title before it or an appositive after it) becomes an :class:`Entity`; later mentions
resolve by name, nickname or role ("the mayor"), pronouns to the last main subject.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.core.intake import names
from app.core.intake.prose_codes import code_for, codes_out

# Words that, written before a name, are its title ("Sgt. Jessica McRorie").
TITLE_WORDS = frozenset(
    """sgt sgt. det det. lt lt. capt capt. cpt. col. gen. rev rev. dr dr. mr mr. mrs mrs. ms ms. mx.
    prof. gov. sen. rep. hon. atty. ada da officer detective sergeant lieutenant captain sheriff
    deputy chief inspector investigator judge justice mayor commissioner councilman councilwoman
    councilmember senator governor president pastor reverend trooper agent superintendent director
    spokesman spokeswoman spokesperson counsel attorney information public police patrolman
    patrolwoman tpr tpr. ofc ofc. tech supervisor appellant appellee petitioner respondent
    defendant complainant former defender prosecutor chair chairman chairwoman chairperson
    secretary administrator coordinator dep dep. cpl cpl. operator charge witness victim suspect
    arrestee inv inv. major maj. colonel corporal commander marshal patrolmen officers detectives
    agents deputies troopers sergeants general assistant associate acting""".split()
)
# Capitalised words that start sentences or headings and are not names.
NOT_NAMES = frozenset(
    """the a an in on at to of for and but or if as by from with after before during when
    while then there this that these those he she they we i it his her their our my your
    according speaking asked told said says meanwhile however also one two three some many
    contact client case witness subject date from to re fw fwd next thanks follow quick
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december view""".split()
)
ORG_WORDS = frozenset(
    """department office alliance association union services service group coalition council
    committee agency news inc llc corp corporation company university college school
    hospital church court precinct squad unit bureau police sheriff's commission center
    centre society foundation project network times post journal courier tribune herald
    gazette press radio television tv cnn ledger sentinel chronicle observer inquirer bulletin
    dispatch troop barracks""".split()
)
ROLE_NOUNS = frozenset(
    """victim defendant witness complainant officer suspect driver clerk resident teen man
    woman boy girl mother father detective trooper deputy agent sergeant employee owner
    respondent petitioner appellant appellee lady gentleman
    manager neighbor neighbour landlord tenant nurse doctor guard passenger court""".split()
)
# Things a letter or report encloses or cites: "A screenshot is enclosed" names no one.
THING_NOUNS = frozenset(
    """screenshot copy recording video photo photograph document report letter transcript
    footage printout file record records message printout page pages exhibit""".split()
)
_FEMALE_ROLES = frozenset("woman lady mother girl daughter wife sister grandmother".split())
_MALE_ROLES = frozenset("man gentleman father boy son husband brother grandfather".split())
PARTY_ROLES = frozenset("defendant respondent appellant appellee petitioner accused".split())
PLACE_WORDS = frozenset(
    "street st avenue ave road rd boulevard blvd city county concourse square".split()
)
ORG_NOUNS = frozenset(
    "organization organisation group alliance association coalition department office agency "
    "union committee council company collective firm maker vendor developer manufacturer "
    "business startup".split()
)
PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f", "his": "m", "they": "p", "them": "p"}
FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})
_SPOKES = frozenset({"spokesperson", "spokeswoman", "spokesman"})
SYNONYMS = {
    **dict.fromkeys(_SPOKES, _SPOKES),
    **dict.fromkeys(("organization", "organisation", "group"), ORG_NOUNS),
    "detective": {"detective", "det", "det."},
    "sergeant": {"sergeant", "sgt", "sgt."},
    "lieutenant": {"lieutenant", "lt", "lt."},
    "department": {"department", "police"},
    "publication": set(),
}
MASK, MASK_START = "\ue000", "\ue001"  # a quotation blanked out of its sentence
FEMALE_WORDS = frozenset({"ms.", "mrs.", "ms", "mrs", "miss", "spokeswoman", "councilwoman"})
MALE_WORDS = frozenset({"mr.", "mr", "spokesman", "councilman"})

_UPPER = "A-ZÀ-ÖØ-Þ"
_TOKEN = (
    rf"(?:[{_UPPER}][^\W\d_]*(?:['’\-][^\W\d_]+)*(?:\.|(?<=s)['’](?=\s+[{_UPPER}]))?"
    rf"|[A-Z]{{2,}}|O['’][A-Z][a-z]+)"
)
_PARTICLE = r"(?:de|da|del|della|di|du|van|von|der|den|la|le|bin|al)"
_DOTTED = re.compile(r"\b[A-Z]\.$")  # "P." of "P.O.": a dotted title's first letter
NAME_RUN = re.compile(rf"{_TOKEN}(?:\s+(?:{_PARTICLE}\s+)?{_TOKEN})*")


def fold(text: str) -> str:
    return names.fold(text).strip()


@dataclass
class Entity:
    name: str
    kind: str = "person"  # person, org, unnamed
    titles: list[str] = field(default_factory=list)
    mentions: int = 0
    first_seen: int = 0
    last_seen: int = 0
    gender: str = ""
    listed: bool = False  # named so far only as a report's header lists them

    @property
    def parsed(self) -> names.ParsedName:
        return names.parse_name(self.name)

    @property
    def title(self) -> str:
        return "; ".join(dict.fromkeys(t for t in self.titles if t and fold(t) != fold(self.name)))

    def describes(self, noun: str) -> int:
        """2 when the title or name says ``noun`` (or a synonym), 1 for an organisation
        asked for as "the group", else 0."""
        wanted = SYNONYMS.get(noun, {noun}) or {noun}
        words = set(re.findall(r"[a-z.']+", fold(" ".join(self.titles) + " " + self.name)))
        if words & wanted:
            return 2
        return 1 if self.kind == "org" and noun in ORG_NOUNS else 0


def _index_keys(entity: Entity) -> list[str]:
    """Where :meth:`Registry._lookup` files an entity: its words as a name is looked up."""
    if entity.kind == "org":
        words = re.findall(r"[a-z0-9']+", fold(entity.name))
        return ["orgfull:" + fold(entity.name)] + ["org:" + w for w in words]
    if entity.kind != "person":
        return []
    parsed = entity.parsed
    keys = ["full:" + fold(entity.name)] + sorted(parsed.surname_forms())
    joined = "".join(parsed.surname).replace("-", "").replace("'", "")
    keys.append("sur3:" + joined[:3])
    if parsed.first:
        keys.append("first:" + parsed.first)
        keys += ["nick:" + formal for formal in names.NICKNAME_GROUPS.get(parsed.first, ())]
    return keys


def _place_word(token: str) -> bool:
    word = fold(token).rstrip(".")
    return word in ORG_WORDS or word in PLACE_WORDS or word in {"troop", "unit", "apt", "route"}


def _org_words(plain: list[str]) -> bool:
    return any(w in ORG_WORDS for w in plain) or any(
        p in ORG_WORDS for w in plain for p in w.split("'")
    )


def clean_np(phrase: str) -> str:
    phrase = re.sub(r"\s+", " ", phrase).strip(" ,;:—–-")
    return re.sub(r"^(?:the|a|an)\s+", "", phrase, flags=re.IGNORECASE)


class Registry:
    """The entities of one text, and who the current main subject is."""

    def __init__(self) -> None:
        self.entities: list[Entity] = []
        self.clock = 0  # sentence counter
        self.last_subject: Entity | None = None
        self.last_outlet: str = ""
        self.caption_party = ""  # the defendant a caption names ("State v. Innis")
        self.header_parties: dict[str, str] = {}  # a report's "SUSPECT: VOSS, Ben": surnames
        self.last_object: Entity | None = None  # the last person spoken to ("asked the lady")
        self.codes: dict[str, Entity] = {}  # a report's "V-1", "R/O", "this member": who
        self.account: tuple[int, Entity] | None = None  # "In that statement, X ...": where, who
        self._index: dict[str, list[tuple[int, Entity]]] = {}
        self._indexed = 0  # how many of ``entities`` are filed in ``_index``

    # -- finding names -------------------------------------------------------

    def scan(self, masked: str) -> list[tuple[int, int, Entity]]:
        """Register the names in one sentence (quotations masked); return their spans."""
        found: list[tuple[int, int, Entity]] = []
        masked = codes_out(masked, self.codes, self.clock, found) if self.codes else masked
        for match in NAME_RUN.finditer(masked):
            tokens = match.group(0).split()
            start = match.start()
            # Drop leading sentence words ("According", "The") that are not part of a name.
            while tokens and fold(tokens[0]).rstrip(".") in NOT_NAMES:
                start += len(tokens[0]) + 1
                tokens = tokens[1:]
                while start < len(masked) and masked[start] == " ":
                    start += 1
            if tokens and re.fullmatch(r"[A-Z]\.", tokens[0]) and _DOTTED.search(masked[:start]):
                start, tokens = start + len(tokens[0]) + 1, tokens[1:]  # "P.O. Penn": the title
            if not tokens:
                continue
            # "transported to Troop C. Marshfield asked": an initial after a place ends it.
            for i in range(1, len(tokens) - 1):
                if re.fullmatch(r"[A-Z]\.", tokens[i]) and _place_word(tokens[i - 1]):
                    start += len(" ".join(tokens[: i + 1])) + 1
                    tokens = tokens[i + 1 :]
                    break
            tokens[-1] = re.sub(r"(?<=\w\w)['’]s$", "", tokens[-1])  # "Dale Penn's report"
            entity = self._register(tokens, masked, start, match.end())
            if entity is not None:
                found.append((start, match.end(), entity))
        return found

    def _register(self, tokens: list[str], masked: str, start: int, end: int) -> Entity | None:
        words = [fold(t) for t in tokens]
        plain = [w.rstrip(".") for w in words]
        # Titles at the front, possibly several ("Nampa Police Chief", "Supreme Court
        # Justice"): a person's name after them is a person, whatever the title's words.
        last_title = -1
        for i, w in enumerate(words[:-1]):
            if w in ("ada", "da") and not tokens[i].isupper():
                continue  # Ada Fenn, not an Assistant District Attorney
            if w in TITLE_WORDS or w.rstrip(".") in TITLE_WORDS:
                last_title = i
        titles = tokens[: last_title + 1]
        rest = tokens[last_title + 1 :]
        rest_plain = plain[last_title + 1 :]
        if last_title < 0 or not rest or _org_words(rest_plain) or rest[-1].isupper():
            if _org_words(plain):
                return self._org(" ".join(tokens).rstrip(".,"))
        if not rest or (plain[-1] in TITLE_WORDS and not tokens[-1].isupper()):
            return None  # "U.S. Attorney", "Police Chief": a title naming no one
        before = names.descriptor_before(masked[:start])
        role = re.search(r"\b(?:the|a|an|his|her|their|its)\s+([a-z'’\-]+),\s*$", masked[:start])
        if role and not before:
            before = role.group(1)  # "the respondent, Tobias Rusk,": his role
        after = names.appositive_title(masked[end:], TITLE_WORDS)
        title_text = " ".join(x for x in (before, " ".join(titles)) if x)
        if len(rest) == 1 and rest[0].isupper() and len(rest[0]) > 1:
            group = re.match(r"\s+(agents|officers|detectives|investigators)\b", masked[end:])
            if group:  # "ATF agents asked him": the agents, as one group
                return self._org(f"{rest[0]} {group.group(1)}")
            return self._org(rest[0])  # an acronym: NYPD, CNN
        head = re.split(r"\b(?:at|of|for|in|with|from|on|who|that|since)\b", after.lower())[0]
        if after and any(w in ORG_NOUNS for w in re.findall(r"[a-z]+", head)):
            entity = self._org(" ".join(rest))
            entity.titles.append(after)
            return entity
        if len(rest) == 1 or (len(rest) == 2 and fold(rest[0]) in names.PARTICLES):
            entity = self.resolve_name(" ".join(rest))
            if entity is None and titles and not rest[-1].isupper():
                # "Patrolman Dunn", never named in full: the surname, with the title.
                entity = Entity(" ".join(rest), "person", first_seen=self.clock)
                self.entities.append(entity)
            if entity is not None:
                self._touch(entity, title_text)
            return entity
        if rest[-1].rstrip(".").lower() in PLACE_WORDS:
            return None
        full = " ".join(rest).rstrip(".,")
        entity = self._find_full(full)
        if entity is not None and entity.listed and not full.isupper():
            entity.name, entity.listed = full, False  # the narrative's form of a header's name
        if entity is None:  # "TOM R. ORR, Defendant-Appellant": as the body writes it, later
            entity = Entity(full, "person", first_seen=self.clock, listed=full.isupper())
            self.entities.append(entity)
        self._touch(entity, title_text)
        if after:
            entity.titles.append(after)
        return entity

    def _touch(self, entity: Entity, title: str = "") -> None:
        entity.mentions += 1
        entity.last_seen = self.clock
        if title:
            entity.titles.append(title)
            lowered = set(fold(title).split())
            if lowered & FEMALE_WORDS:
                entity.gender = "f"
            elif lowered & MALE_WORDS:
                entity.gender = "m"

    # -- an index of the entities, so a long text stays fast -------------------

    def _lookup(self, *keys: str) -> list[Entity]:
        """The entities filed under any of ``keys``, in the order they were met."""
        index = self._index
        while self._indexed < len(self.entities):
            entity = self.entities[self._indexed]
            for key in _index_keys(entity):
                index.setdefault(key, []).append((self._indexed, entity))
            self._indexed += 1
        found = {position: entity for key in keys for position, entity in index.get(key, [])}
        return [found[position] for position in sorted(found)]

    def _org(self, name: str) -> Entity:
        key = fold(name)
        for entity in self._lookup("orgfull:" + key):
            if entity.kind == "org" and fold(entity.name) == key:
                self._touch(entity)
                return entity
        entity = Entity(name, "org", first_seen=self.clock)
        self.entities.append(entity)
        self._touch(entity)
        return entity

    def _find_full(self, full: str) -> Entity | None:
        parsed = names.parse_name(full)
        joined = "".join(parsed.surname).replace("-", "").replace("'", "")
        for entity in self._lookup("full:" + fold(full), "sur3:" + joined[:3]):
            if entity.kind != "person":
                continue
            if fold(entity.name) == fold(full):
                return entity
            if names.compare(parsed, entity.parsed).score >= 95:
                return entity
        return None

    def fuller(self, entity: Entity) -> Entity:
        """The one person whose full name ends in this surname-only entity's name."""
        if entity.kind != "person" or " " in entity.name:
            return entity
        key = fold(entity.name).replace("-", "").replace("'", "")
        found = [
            other
            for other in self._lookup(key)
            if other is not entity and other.kind == "person" and other.parsed.given
        ]
        return found[0] if len(found) == 1 else entity

    def add_person(self, name: str, title: str) -> Entity:
        """A person the layout names ("People v. Marcus Dresner": the defendant)."""
        entity = self._find_full(name) or Entity(name, "person", first_seen=self.clock)
        if entity not in self.entities:
            self.entities.append(entity)
        entity.titles.append(title)
        return entity

    def role(self, phrase: str) -> Entity | None:
        """A person named only by role ("the victim", "the officer"), as one entity."""
        words = clean_np(phrase).split()
        if not words or len(words) > 5 or not all(w.isalpha() for w in words):
            return None
        head = words[: words.index("of")] if "of" in words[1:] else words
        if head[-1].lower() not in ROLE_NOUNS:
            return None
        name = "the " + " ".join(words).lower()
        named = self._by_role(head[-1].lower()) if len(words) == 1 else None
        if named is not None and named.kind == "person":
            return named  # "the respondent" after "the respondent, Tobias Rusk,"
        for entity in self.entities:
            if entity.kind == "unnamed" and entity.name == name:
                return entity
        entity = Entity(name, "unnamed", titles=[" ".join(words)], first_seen=self.clock)
        noun = head[-1].lower()
        entity.gender = "f" if noun in _FEMALE_ROLES else "m" if noun in _MALE_ROLES else ""
        self.entities.append(entity)
        return entity

    # -- resolving mentions ----------------------------------------------------

    def resolve_name(self, word: str) -> Entity | None:
        """A one-word (or particle + word) mention: a surname, a first name or a nickname."""
        key = fold(word).replace("’", "'").rstrip(".")
        key = re.sub(r"'s$", "", key).replace("-", "").replace("'", "")
        scored: list[tuple[int, int, int, Entity]] = []
        keys = [key.replace(" ", ""), "first:" + key, "org:" + key]
        keys += ["nick:" + formal for formal in names.NICKNAME_GROUPS.get(key, ())]
        for entity in self._lookup(*keys):
            if entity.kind == "unnamed":
                continue
            if entity.kind == "org":
                org_words = set(re.findall(r"[a-z0-9']+", fold(entity.name)))
                if key in org_words and key not in {"the", "of", "in"}:
                    scored.append((1, entity.mentions, -entity.first_seen, entity))
                continue
            parsed = entity.parsed
            if key.replace(" ", "") in parsed.surname_forms():
                # A full name beats a surname met alone ("Patrolman Park", then "Kevin Park").
                scored.append(
                    (3, entity.mentions + 1000 * bool(parsed.given), -entity.first_seen, entity)
                )
            elif parsed.first and (key == parsed.first or names.nickname_match(key, parsed.first)):
                scored.append((2, entity.mentions, -entity.first_seen, entity))
        if not scored:
            return None
        return max(scored, key=lambda item: item[:3])[3]

    def resolve_phrase(self, phrase: str) -> tuple[str, Entity | None]:
        """The speaker a subject phrase names: ``(name as written, entity or None)``."""
        text = re.sub(r"\s+", " ", phrase).strip(" ,;:—–-")
        lowered = fold(text)
        if not text:
            return "", None
        if self.codes and (coded := code_for(self.codes, text)) is not None:
            return text, coded
        if lowered in PRONOUNS:
            return text, self.pronoun(lowered)
        if lowered == "it":
            # "The trial court ... held ... It found that": the body just spoken of.
            last = self.last_subject
            return text, last if last is not None and last.kind in ("org", "unnamed") else None
        if lowered in FIRST_PERSON:
            return text, None
        if re.fullmatch(r"(?:my|our) client", lowered):
            return text, self._by_role("defendant")  # a defence letter's client
        possessive = re.match(r"^(.*?)['’]s$", text)
        if possessive and possessive.group(1)[:1].isupper():
            return self.resolve_phrase(possessive.group(1))
        article = re.match(r"^(the|a|an|one)\s+(.*)$", text, flags=re.IGNORECASE)
        if article:
            det, rest = article.group(1).lower(), article.group(2)
            if rest[:1].isupper() and not rest.isupper():
                entity = self.resolve_name(rest.split()[-1]) if " " not in rest else None
                entity = entity or self._find_full(rest)
                if entity is not None:
                    return text, entity
            head = re.sub(r"['’]s\b.*$", "", rest).split()[-1].lower() if rest else ""
            if rest.lower().endswith(("'s president", "’s president")):
                head = "president"
            if head in THING_NOUNS:
                return clean_np(text), None
            if det == "the" and head == "court" and re.fullmatch(r"[a-z]+ court", rest):
                return text, self.role(rest)  # "the trial court": not the Court that writes
            if det == "the":
                entity = self._by_role(head)
                if entity is not None:
                    return text, entity
                if rest[:1].isupper() or (head not in TITLE_WORDS and head not in ROLE_NOUNS):
                    return clean_np(text), None
            # "the trial judge", "an officer": unnamed, but a later "he" or "the judge" is them.
            unnamed = Entity(text.lower() if det in ("one", "the") else clean_np(text), "unnamed")
            unnamed.titles.append(rest)
            unnamed.first_seen = unnamed.last_seen = self.clock
            self.entities.append(unnamed)
            return unnamed.name, unnamed
        tokens = text.split()
        spans = self.scan(text)
        if spans:
            return text, spans[-1][2]
        if len(tokens) == 1 and lowered in PARTY_ROLES:
            return text, self._by_role(lowered)  # "Respondent stated": the respondent
        if len(tokens) == 1:
            return text, self.resolve_name(tokens[0])
        return clean_np(text), None

    def _by_role(self, noun: str) -> Entity | None:
        if not noun:
            return None
        listed = self.header_parties.get(noun)
        if listed and (named := self.resolve_name(listed)) is not None:
            return named  # "the suspect": the one a report's header lists
        # A title that says the word beats being merely an organisation; then the latest.
        best: tuple[int, int] | None = None
        found: Entity | None = None
        for entity in self.entities:
            strength = entity.describes(noun)
            if strength and (best is None or (strength, entity.last_seen) >= best):
                best, found = (strength, entity.last_seen), entity
        if found is None and noun in PARTY_ROLES and self.caption_party:
            # "the respondent" in "State v. Innis": the party the caption names.
            party = self.caption_party
            found = self.resolve_name(party) if " " not in party else self._find_full(party)
            if found is None and noun != "defendant":
                found = self._by_role("defendant")
        return found

    def pronoun(self, word: str) -> Entity | None:
        subject = self.last_subject
        if subject is None:
            return None
        gender = PRONOUNS[word]
        if gender == "p":
            return subject if subject.kind == "org" else None
        other = self.last_object
        if subject.kind == "org":
            # "They asked Roe if ... He admitted": not the group, the one they asked.
            return other if other is not None and other.kind == "person" else None
        if not subject.gender and other is not None and other is not subject:
            if other.gender == gender:
                return other  # "asked the woman ... She replied": the woman, by her gender
        if subject.gender and subject.gender != gender:
            # "He asked the lady of the house ... She replied": the one he spoke to.
            other = self.last_object
            if other is not None and other is not subject and other.gender in ("", gender):
                other.gender = gender
                return other
            return None
        if not subject.gender and subject.kind in ("person", "unnamed"):
            subject.gender = gender  # learned: the text calls them "she"
        return subject

    def latest_of(self, word: str, besides: Entity | None) -> Entity | None:
        """The person last met whom ``word`` ("her") fits, other than ``besides``."""
        fits = [e for e in self.entities if e.gender == PRONOUNS[word] and e is not besides]
        return max(fits, key=lambda e: e.last_seen) if fits else None

    def subject(self, entity: Entity | None) -> None:
        if entity is not None:
            self.last_subject = entity
            entity.last_seen = self.clock
