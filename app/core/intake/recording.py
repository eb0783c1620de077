"""Statements from a recording transcript (body-worn camera, interview room, jail call):
speaker labels, ``[00:03:12]`` stamps and WebVTT/SRT cues; pin cites ``[hh:mm:ss]``.

One proposal per speaker turn. The layout is read by recording_layout.py, who the
labels are by recording_speakers.py; here the turns become proposals with the
setting the form implies (body-worn camera: a police encounter; interview room: a
police interview; jail or 911 call: a phone call) and the header's date.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from app.core.intake import recording_speakers as speakers
from app.core.intake.proposal import Proposal
from app.core.intake.recording_layout import Turn, count_marks, header_end, turns

_SETTINGS = (
    (
        "phone_call",
        r"inmate (?:tele)?phone|jail call|telephone system|\b911\b|phone call|call id"
        r"|calling party|called party|dispatch recording",
    ),
    (
        "police_interview",
        r"interview room|interrogation|recorded interview|custodial interview"
        r"|interview of|\binterview\b|statement of",
    ),
    (
        "police_encounter",
        r"body[- ]?worn|body[- ]?cam|\bbwc\b|dash[- ]?cam|in-car (?:video|camera)|patrol video",
    ),
)
_OPENING_TURNS = 3
_MONTHS = "january february march april may june july august september october november december"
_MONTH = {name: n for n, name in enumerate(_MONTHS.split(), 1)}


def looks_like(text: str) -> bool:
    """Whether ``text`` is in this form: time stamps or cues with speaker labels."""
    sample = text[:20000]
    if sample.lstrip().startswith("WEBVTT"):
        return True
    marks, labels = count_marks(sample)
    return marks >= 3 and labels >= 2


def setting_of(header: str) -> str:
    """The setting the transcript's header implies, by the earliest telling words."""
    best = (len(header) + 1, "")
    for setting, pattern in _SETTINGS:
        match = re.search(pattern, header, re.IGNORECASE)
        if match and match.start() < best[0]:
            best = (match.start(), setting)
    return best[1]


def date_of(header: str) -> str:
    """The first date the header gives, as YYYY-MM-DD ("" when none)."""
    found: list[tuple[int, str]] = []
    for m in re.finditer(r"\b(\d{4})-(\d{2})-(\d{2})\b", header):
        found.append((m.start(), f"{m.group(1)}-{m.group(2)}-{m.group(3)}"))
    for m in re.finditer(r"\b(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b", header):
        year = m.group(3) if len(m.group(3)) == 4 else "20" + m.group(3)
        found.append((m.start(), f"{year}-{int(m.group(1)):02d}-{int(m.group(2)):02d}"))
    month = rf"({'|'.join(_MONTH)})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})"
    for m in re.finditer(month, header, re.IGNORECASE):
        day = f"{m.group(3)}-{_MONTH[m.group(1).lower()]:02d}-{int(m.group(2)):02d}"
        found.append((m.start(), day))
    return min(found)[1] if found else ""


def _resolve(text: str, header: str, all_turns: list[Turn]) -> dict[str, speakers.Speaker]:
    """Who each label is, once for the whole transcript."""
    mapped = speakers.header_names(header)
    out: dict[str, speakers.Speaker] = {}
    for turn in all_turns:
        label = turn.label
        if label in out:
            continue
        if speakers.is_placeholder(label):
            named = mapped.get(label.upper())
            if named:
                name, title = named
                if len(name.split()) == 1:
                    name = speakers.complete_name(name, text)
                out[label] = speakers.Speaker(label, name, title, "person", "named in the header")
            else:
                out[label] = speakers.Speaker(label, label, "", "label", "")
            continue
        rank, rest = speakers.split_rank(label)
        rest = rest.strip()
        if len(rest.split()) == 1:
            name = speakers.complete_name(rest, text)
        else:
            name = speakers.name_case(rest)
        why = f"named {name} elsewhere in the transcript" if name != rest else ""
        out[label] = speakers.Speaker(label, name, rank, "person", why)
    # a placeholder voice that introduces itself or answers "what's your name?"
    seen: set[str] = set()
    for index, turn in enumerate(all_turns):
        who = out[turn.label]
        first_turn = turn.label not in seen
        seen.add(turn.label)
        if who.kind != "label":
            continue
        words = text[turn.start : turn.end]
        named = speakers.introduced_name(words, first_turn=first_turn)
        if named and not named[1] and " " not in named[0] and re.search(rf"\b{named[0]}\b", header):
            named = None  # "911, this is Lowry,": the place the header names, not a person
        if named:
            name, title = named
            if len(name.split()) == 1:
                name = speakers.complete_name(name, text)
            out[turn.label] = speakers.Speaker(
                turn.label, name, title, "person", "introduces themself at " + f"[{turn.stamp}]"
            )
            continue
        if index:
            prev = all_turns[index - 1]
            surname = speakers.addressed_name(text[prev.start : prev.end])
            if surname and prev.label != turn.label:
                out[turn.label] = speakers.Speaker(
                    turn.label,
                    speakers.complete_name(surname, text),
                    "",
                    "person",
                    f"answers when addressed by name at [{prev.stamp}]",
                )
                continue
            if prev.label != turn.label:
                answer = speakers.answered_name(text[prev.start : prev.end], words)
                if answer:
                    out[turn.label] = speakers.Speaker(
                        turn.label, answer, "", "person", f"gives the name at [{turn.stamp}]"
                    )
    return out


# Words a turn may open with before it addresses someone ("Okay. Dispatch, ...").
_OPENER_WORDS = "okay ok alright copy yeah yes no hey oh well look listen".split()
_OPENER = r"^\W*(?:(?i:all right|" + "|".join(_OPENER_WORDS) + r")[.,!]\s+)*"
# Words said with a comma at the head of a turn that call no one by name ("Please, ...").
_NOT_CALLED = frozenset(
    """sir ma'am maam man dude bro buddy guys folks please now so wait hello hi thanks sorry
    mom dad mommy daddy mama papa baby honey boss sweetie god jesus christ lord damn yo whoa
    wow geez jeez thank""".split()
).union(_OPENER_WORDS)
_ADDRESS = re.compile(
    _OPENER + r"(?:(?:Mr|Mrs|Ms|Miss)\.?\s+(?P<surname>[A-Z][\w'-]+)"
    r"|(?P<rank>Sarge|Sergeant|Sgt|Detective|Det|Officer|Deputy|Lieutenant|Lt|Captain|Cap)\b"
    r"|(?P<radio>Radio|Dispatch|Control|Central|County)\b"
    r"|(?P<sign>\d[\w-]*|[A-Za-z]+-\d[\w-]*)\s*,"  # a unit's call sign: "4-Adam-12, ..."
    r"|(?P<name>[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?)\s*,)"
)
# "Give me a minute, Kieran.": a voice called at the close of the turn's first sentence,
# after a word of the sentence ("comes back Roe, Jane." reads a name out, surname first).
_CLOSING = re.compile(
    r"^[^.?!\n]{0,80}?\b[a-z][\w'’]*,\s+(?:(?:Mr|Mrs|Ms|Miss)\.?\s+(?P<surname>[A-Z][\w'-]+)"
    r"|(?P<rank>Sarge|Sergeant|Sgt|Detective|Det|Officer|Deputy|Lieutenant|Lt|Captain|Cap)"
    r"|(?P<radio>Radio|Dispatch|Control|Central)|(?P<sign>(?!))"
    r"|(?P<name>[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?))\s*[.?!]"
)
# "Dispatch, 4-Adam-12, ...": the call sign a voice on the scene gives the radio as its own.
_OWN_SIGN = re.compile(
    r"\b(?:Dispatch|Radio|Control|Central)\s*,\s*(?P<sign>\d[\w-]*|[A-Za-z]+-\d[\w-]*)\s*,"
)
# Ranks spoken in several forms ("Sarge", "Sergeant", "Sgt."), each as one rank.
_SAME_RANK = {
    "sarge": "sgt", "sergeant": "sgt", "sgt": "sgt", "detective": "det", "det": "det",
    "officer": "officer", "ofc": "officer", "off": "officer", "p.o": "officer", "po": "officer",
    "police officer": "officer", "deputy": "deputy", "dep": "deputy", "lieutenant": "lt",
    "lt": "lt", "captain": "capt", "capt": "capt", "cap": "capt", "cpt": "capt",
}  # fmt: skip
# Voices on the radio or a recorded prompt: spoken to only when called ("Radio, 457, ...").
_OFF_SCENE = re.compile(r"(?i)\b(?:dispatch\w*|radio|automated|recording|control)\b")


# On a phone call the call taker is a party; only a recorded prompt speaks to no one.
_PROMPT = re.compile(r"(?i)\b(?:automated|recording|recorded|prompt|system)\b")


def _off_scene(label: str, call: bool = False) -> bool:
    return bool((_PROMPT if call else _OFF_SCENE).search(label))


def _rank(word: str) -> str:
    return _SAME_RANK.get(word.lower().rstrip("."), "")


class _Addressing:
    """Whom a turn opens by addressing: a voice by surname, first name, rank or call sign,
    the radio, or a person the transcript names who has no voice of their own."""

    def __init__(self, text: str, spoken: list[Turn], who: dict[str, speakers.Speaker]) -> None:
        self.text = text
        self.who = who
        self.signs: dict[str, set[str]] = {}
        self.within: dict[str, bool] = {}  # a name written inside a sentence somewhere
        self.of_rank: dict[str, str] = {}  # the one person the text names with a rank
        for turn in spoken:
            if not _off_scene(turn.label):
                for match in _OWN_SIGN.finditer(text[turn.start : turn.end]):
                    self.signs.setdefault(match.group("sign").lower(), set()).add(
                        who[turn.label].name
                    )

    def __call__(self, words: str) -> str:
        match = _ADDRESS.match(words)
        closing = match is None
        match = match or _CLOSING.match(words)
        if not match:
            return ""
        voices = self.who.values()
        if match.group("radio"):
            named = {s.name for s in voices if _off_scene(s.label)}
        elif match.group("surname"):
            surname = match.group("surname").lower()
            named = {s.name for s in voices if s.name.split()[-1].lower() == surname}
        elif match.group("sign"):
            named = set(self.signs.get(match.group("sign").lower(), ()))
        elif match.group("name"):
            return self._by_name(match.group("name"), voices_only=closing)
        else:
            rank = _rank(match.group("rank"))
            named = {s.name for s in voices if rank and _rank(s.title) == rank}
            if not named:
                return self._only_one_of_rank(rank)
        return named.pop() if len(named) == 1 else ""

    def _by_name(self, called: str, voices_only: bool = False) -> str:
        """A voice whose name holds ``called``; else, unless ``voices_only`` (a word closing
        a sentence may be a place or a day), ``called`` when the transcript writes it
        elsewhere as a name within a sentence ("my daughter Saskia")."""
        wanted = called.lower()
        named = {
            s.name
            for s in self.who.values()
            if s.kind == "person" and wanted in s.name.lower().split()
        }
        if named:
            return named.pop() if len(named) == 1 else ""
        if voices_only or wanted in speakers.PLACEHOLDER_WORDS or wanted in _NOT_CALLED:
            return ""  # a closing word may be a place or a day; a placeholder calls no one
        if _rank(called):
            return ""
        if called not in self.within:  # asked once per name: a long call repeats them
            self.within[called] = bool(re.search(rf"[a-z,;]\s+{re.escape(called)}\b", self.text))
        return called if self.within[called] else ""

    def _only_one_of_rank(self, rank: str) -> str:
        """The one person of ``rank`` the transcript names ("Sergeant Haddox is pulling in"),
        when no voice has that rank."""
        if rank not in self.of_rank:
            # short forms only with their stop ("Sgt. Roe"): "off Main Street" names no one
            forms = [
                re.escape(w) + (r"\." if len(w) <= 3 else "")
                for w, r in _SAME_RANK.items()
                if r == rank
            ]
            spoken = "|".join(sorted(forms, key=len, reverse=True))
            pattern = rf"\b(?i:{spoken})\s+(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\b"
            names = {m.group("name") for m in re.finditer(pattern, self.text)} if forms else set()
            surnames = {name.split()[-1] for name in names}
            only = ""
            if len(surnames) == 1:
                only = max(names, key=len)
                only = only if " " in only else speakers.complete_name(only, self.text)
            self.of_rank[rank] = only
        return self.of_rank[rank]


_REACH = 3  # turns either way to look for the voice spoken to


def _recipient(
    index: int,
    spoken: list[Turn],
    who: dict[str, speakers.Speaker],
    words: str,
    addressee: str,
    call: bool = False,
) -> str:
    """Whom a turn addresses by name, rank or call sign, else the other voice of the
    exchange: for a question the voice that answers it, else the previous turn's
    speaker, else the next's (a radio voice only when called, but on a phone ``call`` the
    dispatcher is a party)."""
    me = who[spoken[index].label].name
    if addressee and addressee != me:
        return addressee
    steps = (1, -1) if words.rstrip().endswith("?") else (-1, 1)
    for reach in range(1, _REACH + 1):  # past a prompt or a radio voice, to the nearest one
        for step in steps:
            near = index + step * reach
            if 0 <= near < len(spoken):
                other = who[spoken[near].label]
                if other.name != me and not _off_scene(other.label, call):
                    return other.name
    return ""


def _has_words(words: str) -> bool:
    return bool(re.search(r"\w", re.sub(r"\[[^\]]*\]|\([^)]*\)", "", words)))


def read(
    text: str,
    progress: Callable[[int, int], None] | None = None,
    *,
    document_date: str = "",
) -> list[Proposal]:
    """The statements of ``text``, in the order they appear."""
    all_turns = turns(text)
    # the header is all before the first turn (a caption file's first cue may hold it)
    header = text[: all_turns[0].label_start] if all_turns else text[: header_end(text)]
    notes = "\n".join(line for line in text.splitlines() if line.startswith("NOTE"))
    header_all = header + "\n" + notes
    # an interview's opening words often state the place and day ("interview room two,
    # it's 3:40 p.m., August 11, 2025") where the header says nothing
    opening = "\n".join(text[t.start : t.end] for t in all_turns[:_OPENING_TURNS])
    setting = setting_of(header_all) or setting_of(opening)
    date = date_of(header_all) or date_of(opening) or document_date
    who = _resolve(text, header_all, all_turns)
    # [inaudible] alone is no statement, and no one's partner in the exchange
    spoken = [t for t in all_turns if _has_words(text[t.start : t.end])]
    addressed = _Addressing(text, spoken, who)
    out: list[Proposal] = []
    total = len(spoken)
    for index, turn in enumerate(spoken):
        if progress and index % 200 == 0:
            progress(index, total)
        words = text[turn.start : turn.end]
        speaker = who[turn.label]
        pin = f"[{turn.stamp}]" if turn.stamp else ""
        source = "voice tag" if turn.voice else "label"
        how = f"{source} {turn.label}" + (f" at {pin}" if pin else "")
        if speaker.why:
            how += f", {speaker.why}"
        out.append(
            Proposal(
                text=words,
                speaker=speaker.name,
                speaker_as_written=turn.label,
                speaker_title=speaker.title,
                speaker_kind=speaker.kind,
                recipient=_recipient(
                    index, spoken, who, words, addressed(words), setting == "phone_call"
                ),
                context=words,
                how=how,
                confidence=0.9 if speaker.kind == "person" else 0.8,
                start=turn.start,
                end=turn.end,
                setting=setting,
                date=date,
                speech="verbatim",
                pin=pin,
                label=turn.label,
                speaker_start=turn.label_start,
                speaker_end=turn.label_end,
                form="recording",
            )
        )
    if progress:
        progress(total, total)
    return out
