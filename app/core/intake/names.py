"""How people's names differ in real records, and how alike two names are.

Names arrive as "Ingram, Derrick", "DERRICK J. INGRAM", "Derrick “Dwreck” Ingram",
"José García-Márquez" or "Bob Smith". :func:`parse_name` reduces each to folded
tokens (lower case, no accents, no punctuation) split into given names and a
surname; :func:`compare` scores two parsed names 0-100 and says why.

The rules are tuned so that a common name does not flood a conflict check: the
surnames must be alike *and* the given names compatible (same, an initial, a
nickname of each other, or a near spelling). Nothing here touches the database.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import Indel, JaroWinkler

# Honorifics and ranks written before a name; ignored when comparing.
TITLES = frozenset(
    """mr mrs ms miss mx dr prof rev fr sr sra srta sgt det lt capt cpt col gen maj cmdr
    officer detective sergeant lieutenant captain sheriff deputy chief inspector investigator
    judge justice hon honorable ada da mayor commissioner councilman councilwoman senator
    governor gov sen rep president pastor reverend father sister brother atty attorney
    """.split()
)
SUFFIXES = frozenset("jr sr ii iii iv v esq phd md".split())
# Lower-case words that belong to the surname that follows them (de Blasio, van der Berg).
PARTICLES = frozenset(
    "de da del della dela di du dos das van von der den ter le la st bin al el".split()
)

# Common English nicknames. Each line: formal name, then its nicknames.
_NICKNAMES = """
abigail abby abbie gail
alexander alex al sandy xander
alexandra alex sandra sandy lexi
alfred al alf fred freddie
allison ally allie
andrew andy drew
angela angie
anthony tony
antonio tony
arthur art artie
barbara barb barbie babs
benjamin ben benny benji
bernard bernie
beverly bev
bradley brad
catherine cathy kate katie cat kat
katherine kathy kate katie kat kay
kathleen kathy kate katie
charles charlie chuck chas chaz
christine chris chrissy tina
christina chris chrissy tina
christopher chris kit topher
clifford cliff
cynthia cindy
daniel dan danny
david dave davey
deborah deb debbie debby
donald don donnie
dorothy dot dottie
douglas doug
edward ed eddie ted teddy ned
eleanor ellie nell nora
elizabeth liz lizzie beth betty betsy eliza libby lisa
emily em emmy
eugene gene
frances fran frankie
francis frank fran
franklin frank
frederick fred freddie rick
gabriel gabe
gerald gerry jerry
geraldine gerry
gregory greg
harold hal harry
henry hank harry
herbert herb bert
isaac ike
jacob jake
james jim jimmy jamie jimbo
janet jan
jennifer jen jenny
jeffrey jeff
jerome jerry
john jack johnny jon
jonathan jon jonny
joseph joe joey jo
joshua josh
judith judy
kenneth ken kenny
lawrence larry
leonard len lenny leo
louis lou
margaret maggie meg peggy marge margie greta
matthew matt matty
michael mike mikey mick mickey
nathan nate
nathaniel nate nat
nicholas nick nicky
nicole nikki
pamela pam
patricia pat patty trish tricia
patrick pat paddy
peter pete
philip phil
phillip phil
rebecca becky becca
richard rick ricky dick rich richie
robert bob bobby rob robbie bert
roberta bobbie
ronald ron ronnie
samuel sam sammy
samantha sam sammy
sandra sandy
stephen steve stevie
steven steve stevie
susan sue susie suzy
theodore ted teddy theo
thomas tom tommy
timothy tim timmy
victoria vicky tori
vincent vince vinny
walter walt wally
william bill billy will willie liam
zachary zach zack
"""


def _nickname_groups() -> dict[str, frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for line in _NICKNAMES.strip().splitlines():
        words = line.split()
        for word in words:
            groups.setdefault(word, set()).add(words[0])
    return {word: frozenset(formal) for word, formal in groups.items()}


NICKNAME_GROUPS = _nickname_groups()


def fold(text: str) -> str:
    """Lower case, accents removed, curly apostrophes straightened."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.replace("’", "'").replace("‘", "'").lower()


_QUOTED_NICK = re.compile(r"[\"“”«»]([^\"“”«»]+)[\"“”«»]|\(([^)]*)\)")
_TOKEN = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")


@dataclass(frozen=True)
class ParsedName:
    original: str
    given: tuple[str, ...]  # first name, then middle names or initials
    surname: tuple[str, ...]  # one or more tokens (compound), hyphens kept
    nicknames: tuple[str, ...] = ()  # from quotes or brackets inside the name
    comma_order: bool = False  # written "Surname, Given"
    tokens: tuple[str, ...] = field(default=())

    @property
    def first(self) -> str:
        return self.given[0] if self.given else ""

    @property
    def surname_text(self) -> str:
        return " ".join(self.surname)

    def surname_forms(self) -> set[str]:
        """The surname written together, and each part of a compound or hyphenated one."""
        joined = "".join(self.surname).replace("-", "").replace("'", "")
        forms = {joined} if joined else set()
        parts = [p for s in self.surname for p in s.split("-") if p not in PARTICLES]
        if len(parts) > 1:
            forms.update(p.replace("'", "") for p in parts if len(p) > 1)
        return forms


def _tokens(text: str) -> list[str]:
    return [t.replace("'", "") for t in _TOKEN.findall(fold(text))]


@lru_cache(maxsize=65536)
def parse_name(name: str) -> ParsedName:
    nicknames = tuple(
        " ".join(_tokens(m.group(1) or m.group(2) or "")) for m in _QUOTED_NICK.finditer(name)
    )
    bare = _QUOTED_NICK.sub(" ", name)
    comma = "," in bare
    if comma:
        surname_part, _, given_part = bare.partition(",")
        surname = _strip(_tokens(surname_part), titles=False)
        given = _strip(_tokens(given_part))
        if not given:  # "Ingram, Jr." or a stray comma: read it the usual way
            comma = False
        else:
            tokens = tuple(given + surname)
            return ParsedName(name, tuple(given), tuple(surname), nicknames, True, tokens)
    tokens = _strip(_tokens(bare))
    if not tokens:
        return ParsedName(name, (), (), nicknames)
    if len(tokens) == 1:
        return ParsedName(name, (), (tokens[0],), nicknames, tokens=(tokens[0],))
    # The surname starts at the first particle after the first name (de Blasio), else last.
    start = len(tokens) - 1
    for i in range(1, len(tokens) - 1):
        if tokens[i] in PARTICLES:
            start = i
            break
    return ParsedName(
        name, tuple(tokens[:start]), tuple(tokens[start:]), nicknames, tokens=tuple(tokens)
    )


def _strip(tokens: list[str], *, titles: bool = True) -> list[str]:
    out = list(tokens)
    while titles and len(out) > 1 and out[0] in TITLES:
        out.pop(0)
    while len(out) > 1 and out[-1] in SUFFIXES:
        out.pop()
    return out


_WORD = re.compile(r"[a-z0-9]+")


def quick_keys(name: str) -> set[str]:
    """Cheap blocking keys for a name: its words (folded, two letters or more), with a
    hyphenated or particle surname also written together ("toddmedina", "deblasio")."""
    folded = fold(name).replace("'", "")
    words = _WORD.findall(folded)
    keys = {w for w in words if len(w) > 1}
    if "-" in folded:
        for joined in re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)+", folded):
            keys.add(joined.replace("-", ""))
    if len(words) > 2 or (words and words[0] in PARTICLES):
        for i in range(len(words) - 1):
            if words[i] in PARTICLES:
                keys.add(words[i] + words[i + 1])
    return keys


def nickname_match(a: str, b: str) -> bool:
    """True when one given name is a nickname of the other (Bob/Robert, Bill/Will)."""
    ga, gb = NICKNAME_GROUPS.get(a), NICKNAME_GROUPS.get(b)
    return bool(ga and gb and ga & gb)


def similarity(a: str, b: str) -> float:
    """0-100 spelling similarity (Indel ratio, as rapidfuzz's ``fuzz.ratio``)."""
    return Indel.normalized_similarity(a, b) * 100.0


@dataclass(frozen=True)
class Comparison:
    score: float  # 0-100
    reasons: tuple[str, ...]


NO_MATCH = Comparison(0.0, ())


def given_compatibility(a: str, b: str) -> tuple[float, str]:
    """How compatible two first names are, and why (0 means they rule each other out)."""
    if not a or not b:
        return 60.0, "no first name to compare"
    if a == b:
        return 100.0, ""
    if len(a) == 1 or len(b) == 1:
        return (60.0, "initial") if a[0] == b[0] else (0.0, "")
    if nickname_match(a, b):
        return 92.0, f"nickname ({a.title()} = {b.title()})"
    if a.startswith(b) or b.startswith(a):  # Chris / Christopher, short forms not in the table
        if min(len(a), len(b)) >= 3:
            return 85.0, f"short form ({a.title()} / {b.title()})"
    score = similarity(a, b)
    if score >= 78:
        return score, "similar first name"
    # Sound-alike spellings keep their start (Derek / Derrick, Steven / Stephen).
    if a[:3] == b[:3] and min(len(a), len(b)) >= 4:
        jw = JaroWinkler.normalized_similarity(a, b) * 100.0
        if jw >= 85:
            return 80.0, "similar first name"
    return 0.0, ""


def surname_similarity(a: ParsedName, b: ParsedName) -> tuple[float, str]:
    fa, fb = a.surname_forms(), b.surname_forms()
    if not fa or not fb:
        return 0.0, ""
    whole_a = "".join(a.surname).replace("-", "").replace("'", "")
    whole_b = "".join(b.surname).replace("-", "").replace("'", "")
    if whole_a == whole_b:
        return 100.0, ""
    if fa & fb:
        return 90.0, "part of a compound surname"
    best = max(similarity(x, y) for x in fa for y in fb)
    return best, "similar surname" if best >= 80 else ""


def compare(a: ParsedName, b: ParsedName) -> Comparison:
    """Score two parsed names as the same person's, 0-100, with the reasons."""
    if not a.surname or not b.surname:
        return NO_MATCH
    # A one-word name (a nickname, or a surname alone) against a full name.
    if not a.given or not b.given:
        single, full = (a, b) if not a.given else (b, a)
        word = single.surname[0]
        if word in full.nicknames:
            return Comparison(95.0, ("alias",))
        if not full.given and word == full.surname[0]:
            return Comparison(100.0, ("same name",))
        if word in full.surname_forms():
            return Comparison(70.0, ("same surname, no first name",))
        return NO_MATCH
    best = _compare_ordered(a, b)
    if not a.comma_order and not b.comma_order and len(a.tokens) == 2:
        # "Ingram Derrick" written without a comma: try it the other way round.
        swapped = ParsedName(a.original, (a.tokens[1],), (a.tokens[0],), a.nicknames)
        other = _compare_ordered(swapped, b)
        if other.score - 5 > best.score:
            best = Comparison(other.score - 5, (*other.reasons, "name order"))
    return best


def _compare_ordered(a: ParsedName, b: ParsedName) -> Comparison:
    sur, sur_reason = surname_similarity(a, b)
    if sur < 80:
        return NO_MATCH
    giv, giv_reason = given_compatibility(a.first, b.first)
    if giv == 0:
        # A nickname written in the name ("Derrick “Dwreck” Ingram") can stand for the first.
        if any(given_compatibility(n, b.first)[0] >= 90 for n in a.nicknames) or any(
            given_compatibility(a.first, n)[0] >= 90 for n in b.nicknames
        ):
            giv, giv_reason = 90.0, "alias"
        else:
            return NO_MATCH
    score = 0.6 * sur + 0.4 * giv
    if sur < 100 and giv < 100:
        score -= 8  # both parts inexact: a typo *and* a nickname is a weak lead on its own
    details = [r for r in (sur_reason, giv_reason) if r]
    reasons = ["same name" if sur == 100 and giv == 100 else "similar name", *details]
    # Middle initials that contradict each other (John A. Smith / John B. Smith).
    if len(a.given) > 1 and len(b.given) > 1 and a.given[1][0] != b.given[1][0]:
        score -= 20
        reasons.append("different middle name")
    return Comparison(round(score, 1), tuple(reasons))


def display_reason(reasons: tuple[str, ...] | list[str]) -> str:
    return ", ".join(reasons)


_DESCRIPTOR_STOP = frozenset(
    """the a an our their his her its and or but by with to for from at in on about of as
    asked called reached met told said says than that who whom which when if letter gave took
    found sent brought left hit shot kept paid heard made got drove knew saw let""".split()
)


def descriptor_before(text: str) -> str:
    """Lower-case role words just before a name ("retired schoolteacher", "NYPD spokeswoman")."""
    tail = re.split(r"[,;:.()—–]|\b(?:the|a|an|and|by|with|said|told|of)\s+$", text)[-1]
    words = tail.split()[-4:]
    keep: list[str] = []
    for word in reversed(words):
        lw = word.lower().strip("'’")
        if lw in _DESCRIPTOR_STOP or (not keep and lw.endswith("ed")):
            break  # "agents arrested Roe", "officers gave Roe": a verb, not a role
        if word.islower() or word.isupper():
            keep.insert(0, word)
        else:
            break
    return " ".join(keep) if keep and any(w.islower() for w in keep) else ""


_TITLE_APPOSITIVE = re.compile(
    r"^,\s+((?:[A-Z][\w.'’\-]*\s+){0,4}[A-Z][\w'’\-]*(?:\s+(?:in|of|for)\s+(?:the\s+)?"
    r"[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){0,3})?)\s*(?:,|\.|;|$)"
)


def appositive_title(text: str, title_words: frozenset[str]) -> str:
    """A title after a name: ", a spokesman for the DA's office," / ", U.S. Attorney,"."""
    titled = _TITLE_APPOSITIVE.match(text)
    if titled and any(
        fold(w).strip().rstrip(".") in title_words
        for w in titled.group(1).split()
        if w[:1].isupper()
    ):
        return titled.group(1)
    match = re.match(r"^,\s+(?:\d+,\s+)?(?:an?|the)\s+([^,.;]{3,80}?)(?:,|\.|;|$)", text)
    if not match or re.search(
        r"\b(?:said|says|told|stated|wrote|added|testified|will|would|was|were|is|are|has|had)\b",
        match.group(1),
    ):
        return ""
    return match.group(1).strip()
