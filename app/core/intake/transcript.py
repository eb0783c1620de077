"""Statements from a court, hearing, grand-jury or deposition transcript: numbered lines,
``Q.``/``A.`` blocks, ``THE COURT:``, ``MR. SMITH:``, examinations; pin cites ``page:line-line``.

The page layout is read by transcript_layout.py, the cast (judge, counsel and sides,
defendant, witnesses) by transcript_cast.py, the turns by transcript_turns.py and the
recipients the exchange fixes by transcript_exchange.py. Here each
turn becomes one :class:`Proposal`, its speaker resolved the way a reader of the transcript
resolves it: a ``Q`` is the lawyer examining in that examination, an ``A`` the witness on the
stand; ``MR. SMITH`` is the counsel named Smith in the appearances, ``THE COURT`` the judge
named on the caption. Answers are sworn testimony; everything else said in court is
``in_court``; a deposition has no court, so only its answers carry a setting.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from app.core.intake.proposal import Proposal
from app.core.intake.transcript_cast import (
    TITLES,
    Cast,
    Person,
    called_witness,
    find_date,
    proper_case,
    read_front,
)
from app.core.intake.transcript_exchange import answering, called_by_name
from app.core.intake.transcript_layout import Layout, lay_out
from app.core.intake.transcript_turns import Event, Turn, segment

_NUMBERED_LINE = re.compile(r"(?m)^[ \t]*\d{1,2}[ \t]+\S")
_NUMBERED_RIGHT = re.compile(r"(?m)\S[ \t]{2,}\d{1,2}[ \t]*$")  # numbered in the right margin
_TURN_LABEL = re.compile(
    r"(?m)^[ \t]*(?:\d{1,2}[ \t]+)?(?:[QA](?:\.|:|[ \t]{2,})|(?:QUESTION|ANSWER):"
    r"|THE COURT:|THE WITNESS:|(?:MR|MS|MRS)\.\s+[A-Z'’-]+:)"
)
# An examination heading on a line of its own (an opinion says "on cross-examination" inline).
_EXAMINATION = re.compile(
    r"(?m)^[ \t]*(?:\d{1,2}[ \t]+)?(?:[A-Z]+[ \t-]+)*EXAMINATION\b[^a-z\n]{0,40}$"
    r"|^[ \t]*(?:\d{1,2}[ \t]+)?BY[ \t]+(?:MR|MS|MRS)\.[ \t]+[A-Z'’-]+:?[ \t]*$"
)
_SPEAKING_START = re.compile(
    r"^(?:(?:my name is|it's|it is|i am|i'm)\s+)?"
    r"(?P<name>(?:[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?\s+(?:[A-Z]\.\s+)?){1,3}[A-Z][a-z'’-]+)\b",
    re.IGNORECASE,
)
_NAME_ONLY = re.compile(
    r"[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?(?:\s+(?:[A-Z]\.\s+)?[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)*){1,3}"
)
_TITLE_LABEL = re.compile(
    r"^(?:MR|MS|MRS|MISS|DR|JUDGE|JUSTICE|DETECTIVE|DET|OFFICER|SERGEANT|SGT|TROOPER|DEPUTY"
    r"|AGENT|INSPECTOR|LIEUTENANT|LT|CAPTAIN|CAPT)\.?\s+(?P<surname>.+)$"
)


def looks_like(text: str) -> bool:
    """Whether ``text`` is a transcript: numbered lines with turn labels, or at least many
    ``Q.``/``A.`` blocks under an examination heading."""
    sample = text[:200_000]
    labels = len(_TURN_LABEL.findall(sample))
    if labels < 4:
        return False
    numbered = max(len(_NUMBERED_LINE.findall(sample)), len(_NUMBERED_RIGHT.findall(sample)))
    if numbered >= 5 and labels * 10 >= min(numbered, 100):
        return True
    return labels >= 10 and bool(_EXAMINATION.search(sample))


class _Stand:
    """Who examines whom as the transcript goes on."""

    def __init__(self, cast: Cast) -> None:
        self.cast = cast
        self.witness: Person | None = None
        self.pending: Person | None = None  # called to the stand, not yet examined
        self.examiner: Person | None = None
        self.examiner_label = ""
        self.exam = ""  # "direct examination", "cross-examination" ...
        self.caller: Person | None = None  # the lawyer who called the witness
        self.spoke: Person | None = None  # the lawyer who spoke last, or whom the court named
        self.inferred = False  # the examiner was inferred, no heading or BY line named her
        if cast.deposition and cast.witnesses:
            self.witness = cast.witnesses[0]
        elif cast.cover_witness is not None:
            self.witness = cast.cover_witness

    def heading(self, event: Event) -> None:
        words = re.split(r"(?i)\s+(?:by|of)\s+|\s*\(", event.text)[0]
        self.exam = " ".join(words.lower().replace(":", "").split()) or "examination"
        if event.name:
            name = re.sub(rf"(?i)^(?:{TITLES})\s+", "", event.name.strip())
            known = self.cast.by_surname(name)
            if len(name.split()) == 1 and known is not None:
                self.pending = known
            elif len(name.split()) > 1:
                self.pending = self.cast.add_witness(
                    Person(proper_case(name), source="the heading")
                )
        if self.pending is not None:
            self.witness, self.pending = self.pending, None
        self.examiner, self.examiner_label, self.inferred = None, "", False
        if event.by:
            self.by(event.by)

    def by(self, label: str) -> None:
        self.inferred = False
        if label == "THE COURT":
            self.examiner, self.examiner_label = self.cast.judge, label
        else:
            self.examiner, self.examiner_label = self.cast.by_surname(_label_surname(label)), label
        if self.examiner is None:
            full = self.cast.named_in(self.cast.front, _label_surname(label))
            self.examiner = Person(full, source="the title page") if full else Person(label)
        if self.pending is not None and self.witness is None:
            self.witness, self.pending = self.pending, None

    def sworn(self, name: str, again: bool = False) -> None:
        if name:
            name = re.sub(rf"(?i)^(?:{TITLES})\s+", "", name.strip())
            person = Person(proper_case(name), source="the swearing-in")
            if len(name.split()) == 1:
                person = self.cast.by_surname(name) or person
            self.pending = self.cast.add_witness(person)  # a title called with keeps
        if self.pending is not None:
            if self.pending is not self.witness:
                self.examiner = None  # a new witness: a new examination
            self.witness, self.pending = self.pending, None
        elif not self.cast.deposition and not again:
            # A witness not yet named (she may name herself), called by no one we heard;
            # the one witness the cover names when there is one.
            self.witness = self.cast.cover_witness
            self.examiner = self.caller = None

    def questioner(self) -> Person | None:
        """The examining lawyer, inferred when no heading named one."""
        if self.examiner is not None:
            return self.examiner
        counsel = self.cast.counsel
        guess: Person | None = None
        if "cross" in self.exam and self.caller is not None:
            guess = next((c for c in counsel if c.side != self.caller.side), None)
        elif self.caller is not None:
            guess = self.caller
        elif self.spoke is not None:
            guess = self.spoke  # "THE COURT: Ms. Doe?" "MS. DOE: Thank you." then Q.
        elif self.cast.deposition:
            side = self.cast.noticing_side
            guess = next((c for c in counsel if side and c.side == side), None)
            guess = guess or (counsel[0] if counsel else None)
        self.examiner, self.inferred = guess, guess is not None
        return guess


def _label_surname(label: str) -> str:
    return re.sub(r"^(?:MR|MS|MRS|MISS|DR)\.?\s+", "", label, flags=re.IGNORECASE)


def _place(turn: Turn) -> str:
    first, last = turn.lines[0], turn.lines[-1]
    if first.page == last.page:
        if first.number == last.number:
            return f"{first.page}:{first.number}"
        return f"{first.page}:{first.number}-{last.number}"
    return f"{first.page}:{first.number}-{last.page}:{last.number}"


def _page_dates(layout: Layout) -> dict[int, str]:
    return {page: d for page, lines in layout.headers.items() if (d := find_date(" ".join(lines)))}


def read(
    text: str,
    progress: Callable[[int, int], None] | None = None,
    *,
    document_date: str = "",
) -> list[Proposal]:
    """The statements of ``text``, in the order they appear."""
    layout = lay_out(text)
    items, before = segment(layout.lines)
    first_headers = layout.headers.get(layout.lines[0].page, []) if layout.lines else []
    cast = read_front(layout.front + before + first_headers)
    turns = [item for item in items if isinstance(item, Turn)]
    if any(t.label.upper() == "THE COURT" for t in turns):
        cast.deposition = False
    stand = _Stand(cast)
    dates = _page_dates(layout)
    default_date = cast.date or document_date
    proposals: list[Proposal] = []
    last_turn: Turn | None = None
    unresolved: list[Proposal] = []  # the questions and answers since the last other turn
    total = len(items)
    for done, item in enumerate(items):
        if progress is not None and done % 200 == 0:
            progress(done, total)
        if isinstance(item, Event):
            _follow(stand, item)
            if done and proposals and items[done - 1] is last_turn:
                _oath_answered(proposals[-1], item, stand)
            continue
        if not item.parts:
            continue
        proposal = _propose(item, stand, cast)
        if proposal is None:
            continue
        proposal.date = dates.get(item.lines[0].page, default_date)
        witness = stand.witness.name if stand.witness else ""
        answering(proposal, proposals[-1] if proposals else None, witness)
        called_by_name(proposal, [stand.witness, cast.defendant], [*cast.counsel, cast.judge])
        proposals.append(proposal)
        last_turn = item
        _after(stand, item, proposal)
        if item.qa:
            unresolved.append(proposal)
        else:
            _done_examining(unresolved, proposal, stand)
            unresolved = []
    if progress is not None:
        progress(total, total)
    return proposals


def _follow(stand: _Stand, event: Event) -> None:
    if event.kind == "heading":
        stand.heading(event)
    elif event.kind == "by":
        stand.by(event.by)
    elif event.kind == "sworn":
        stand.sworn(event.name, event.again)
    elif re.search(
        r"(?i)\b(?:previously|still|remains?|resum\w+|reminded|already|recalled)\b", event.text
    ):
        # "(Whereupon, JANE ROE resumed the stand.)": back on the stand on her earlier oath.
        name = _name_in_note(event.text, stand.cast)
        if name and re.search(r"(?i)\b(?:stand|sworn|oath|recalled|resum\w+)\b", event.text):
            stand.sworn(name, again=True)
    elif re.search(r"(?i)\bsworn\b|\baffirmed\b", event.text):
        stand.sworn(_name_in_note(event.text, stand.cast))


_DONE = re.compile(
    r"(?i)^(?:thank\s+you[,.]?\s*)?(?:(?:i\s+have\s+)?nothing\s+further|no\s+further\s+questions"
    r"|(?:i\s+)?pass\s+the\s+witness|that'?s\s+all(?:\s+i\s+have)?)\b"
)


def _done_examining(exchange: list[Proposal], turn: Proposal, stand: _Stand) -> None:
    """ "MS. DOE: Nothing further." right after questions no heading gave a lawyer (an
    excerpt opening mid-examination): Ms. Doe was the one asking them."""
    if not exchange or not _DONE.match(turn.text):
        return
    lawyer = next((c for c in stand.cast.counsel if c.name == turn.speaker), None)
    if lawyer is None or any(p.label == "Q" and p.speaker_kind != "label" for p in exchange):
        return
    for proposal in exchange:
        if proposal.label == "Q" and proposal.speaker == "Q":
            proposal.speaker, proposal.speaker_kind = lawyer.name, "person"
            proposal.speaker_title, proposal.confidence = lawyer.title, 0.7
            proposal.how = f"Q asked by {lawyer.name}, who ends the examination just after"
        elif proposal.label == "A" and not proposal.recipient:
            proposal.recipient = lawyer.name


def _oath_answered(proposal: Proposal, event: Event, stand: _Stand) -> None:
    """ "THE WITNESS: I do." just before "JANE ROE, having been duly sworn": the witness
    answering the oath is the one the swearing-in line names."""
    if (
        event.kind == "sworn"
        and event.name
        and not event.again
        and proposal.label.upper() in ("THE WITNESS", "THE DEPONENT")
        and stand.witness is not None
    ):
        proposal.speaker, proposal.speaker_kind = stand.witness.name, "person"
        proposal.speaker_title = stand.witness.title
        proposal.how = f"THE WITNESS: {_titled(stand.witness)}, sworn in the next line"
        proposal.confidence = 0.9


# Words of a reporter's note in capitals, never part of the name it gives.
_NOTE_WORDS = frozenset(
    """the witness whereupon was is duly sworn affirmed resumed resumes recalled previously
    having been took takes stand on oath and""".split()
)
_RANKS = frozenset(
    t.lower().strip(".") for t in re.findall(r"[A-Za-z]+\.?", TITLES.replace("\\", ""))
)


def _name_in_note(note: str, cast: Cast) -> str:
    """The witness a swearing-in note names ("(Whereupon, JANE ROE was duly sworn.)")."""
    for match in re.finditer(r"\b[A-Z][A-Z'’-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][A-Z'’-]+){1,2}\b", note):
        words = match.group(0).split()
        while words and words[0].lower().strip(".") in _NOTE_WORDS | _RANKS:
            words.pop(0)  # "THE WITNESS", "OFFICER" before the name
        cut = next((i for i, w in enumerate(words) if w.lower() in _NOTE_WORDS), len(words))
        words = words[:cut]  # "JANE ROE RESUMED": the note's own words after the name
        if len(words) >= 2:
            return " ".join(w.capitalize() if w.isupper() else w for w in words)
    return ""


def _after(stand: _Stand, turn: Turn, proposal: Proposal) -> None:
    """What a turn tells about the stand: a witness called, a witness naming herself."""
    if turn.label == "A" and stand.witness is None:
        name = _own_name(turn.text)  # "Q. State your name. A. Jane Roe."
        if name:
            stand.witness = stand.cast.add_witness(Person(name, source="her own words"))
            proposal.speaker, proposal.speaker_kind = stand.witness.name, "person"
    if turn.qa:
        return
    lawyer = next((c for c in stand.cast.counsel if c.name == proposal.speaker), None)
    if lawyer is not None:
        stand.spoke = lawyer
    elif turn.label.upper() == "THE COURT":
        for named in re.finditer(r"\b(?:Mr|Ms|Mrs|Miss)\.?\s+([A-Z][A-Za-z'’-]+)", turn.text):
            counsel = stand.cast.by_surname(named.group(1))
            if counsel is not None and counsel in stand.cast.counsel:
                stand.spoke = counsel
    if turn.label.upper() in ("THE WITNESS", "THE DEFENDANT"):
        called = None
    else:
        called = called_witness(turn.text)
    if called is not None and len(called.name.split()) == 1:
        known = stand.cast.by_surname(called.name)  # "The defense calls Mr. Doe"
        if known is not None:
            called = Person(known.name, called.title or known.title, source=called.source)
    if called is not None:
        stand.pending = stand.cast.add_witness(called)
        stand.caller = next((c for c in stand.cast.counsel if c.name == proposal.speaker), None)
        return
    if turn.label.upper() == "THE WITNESS" and stand.witness is None and stand.pending is None:
        name = _own_name(turn.text)
        if name:
            stand.witness = stand.cast.add_witness(Person(name, source="her own words"))
            proposal.speaker, proposal.speaker_kind = stand.witness.name, "person"
    if (
        re.match(r"(?:MR|MS|MRS|MISS|DR)\.?\s", turn.label.upper())
        and proposal.speaker_kind == "label"
    ):
        # "MR. DOE: John Doe for the State." names the lawyer on the record.
        name = _own_name(turn.text)
        if name and name.split()[-1].lower() == _label_surname(turn.label).lower():
            side = "defense" if re.search(r"(?i)\bdefen[cd]", turn.text[:120]) else "prosecution"
            stand.cast.add_counsel(Person(name, side=side, source="the record"))
            proposal.speaker, proposal.speaker_kind = name, "person"


def _own_name(words: str) -> str:
    """The full name a speaker opens with ("Jane Roe, R-O-E", "My name is Jane Roe")."""
    match = _SPEAKING_START.match(words)
    if not match:
        return ""
    name = _NAME_ONLY.match(match.group("name"))
    return name.group(0) if name and name.group(0) == match.group("name") else ""


def _propose(turn: Turn, stand: _Stand, cast: Cast) -> Proposal | None:
    words = turn.text
    if re.fullmatch(r"\[?\(?(?:inaudible|unintelligible|indiscernible)\)?\]?\.?", words, re.I):
        return None
    label = turn.label
    upper = label.upper()
    deposition = cast.deposition
    speaker: Person | None = None
    recipient = ""
    sworn = False
    how = ""
    if label == "Q":
        if stand.pending is not None:  # called to the stand, examined without a heading
            stand.witness, stand.pending = stand.pending, None
            stand.examiner = None
        speaker = stand.questioner()
        recipient = stand.witness.name if stand.witness else ""
        exam = stand.exam or "examination"
        of = f" of {_titled(stand.witness)}" if stand.witness else ""
        by = f" by {speaker.name}" if speaker else ""
        how = f"Q in the {exam}{of}{by}" + (
            " (no heading names the lawyer)" if stand.inferred else ""
        )
    elif label == "A":
        speaker = stand.witness
        recipient = stand.examiner.name if stand.examiner else ""
        sworn = True
        how = f"A: the witness on the stand ({_titled(speaker)})" if speaker else ""
    elif upper == "THE COURT":
        speaker = cast.judge
        how = f"THE COURT: Judge {speaker.name}, named in {speaker.source}" if speaker else ""
    elif upper in ("THE WITNESS", "THE DEPONENT"):
        speaker = stand.witness or stand.pending
        sworn = True
        how = f"THE WITNESS: {_titled(speaker)}, the witness on the stand" if speaker else ""
    elif upper in ("THE DEFENDANT", "DEFENDANT"):
        speaker = cast.defendant
        how = f"THE DEFENDANT: {speaker.name}, named in {speaker.source}" if speaker else ""
    else:
        role = re.sub(r"^(?:THE|A|AN)\s+", "", upper)
        speaker = cast.roles.get(role)
        titled = _TITLE_LABEL.match(upper)
        if speaker is None and titled:
            last = titled.group("surname")
            speaker = cast.by_surname(last)
            if speaker is None and (full := cast.named_in(cast.front, last)):
                speaker = Person(full, source="the title page")
                if upper.startswith(("MR", "MS", "MRS", "MISS")):
                    cast.add_counsel(speaker)
        if speaker is not None:
            side = {
                "prosecution": " for the prosecution",
                "plaintiff": " for the plaintiff",
                "defense": " for the defense",
            }.get(speaker.side, "")
            how = f"{label}: {speaker.name}{side}, named in {speaker.source}"
    if speaker is not None and speaker.source == "":
        name, title, kind, confidence = speaker.name, "", "label", 0.5  # a label, unresolved
    elif speaker is not None and speaker.name:
        name, title, kind, confidence = speaker.name, speaker.title, "person", 0.9
        if turn.qa and stand.inferred:
            confidence = 0.7
    else:
        name, title, kind, confidence = label, "", "label", 0.5
        how = how or f"{label}: the label as the transcript writes it; no name found for it"
    if sworn:
        setting = "sworn_testimony"
    else:
        setting = "" if deposition else "in_court"
    return Proposal(
        text=words,
        speaker=name,
        speaker_as_written=turn.written or label,
        speaker_title=title,
        speaker_kind=kind,
        recipient=recipient,
        context=f"{turn.written or label}{'.' if turn.qa else ':'} {words}",
        how=how,
        confidence=confidence,
        start=turn.start,
        end=turn.end,
        setting=setting,
        speech="verbatim",
        pin=_place(turn),
        label=turn.written or label,
        speaker_start=turn.label_start,
        speaker_end=turn.label_end,
        form="transcript",
    )


def _titled(person: Person | None) -> str:
    if person is None:
        return ""
    return f"{person.title} {person.name}".strip()
