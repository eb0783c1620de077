"""Statements from a criminal complaint or affidavit: "Deponent states that ...",
"informant states ...", "the defendant stated in substance ..."; pin cites ``¶ N``.

Each allegation is attributed to whoever the form says it comes from: the sworn
deponent (their own allegations, a sworn statement), an informant the deponent is
informed by, or a person whose words are reported (the defendant, another officer).
Words without quotation marks ("stated in substance", "states that") are reported
speech; words in quotation marks are verbatim. The pin cite is the text's own
paragraph number where it numbers its paragraphs, else the count of non-empty lines.
People and dates are found by complaint_people.py, speech by complaint_speech.py (set
phrases by complaint_phrases.py), the paragraphs by complaint_layout.py and reports inside
reports by complaint_nesting.py; whether a text is a complaint at all by complaint_form.py.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from app.core.intake import complaint_deposition as deposition
from app.core.intake.complaint_form import looks_like
from app.core.intake.complaint_layout import Unit, fragments, line_counts, units
from app.core.intake.complaint_nesting import nest
from app.core.intake.complaint_people import (
    DATE,
    People,
    date_before,
    dates_in,
    find_people,
    iso,
    resolve_name,
)
from app.core.intake.complaint_phrases import phrases
from app.core.intake.complaint_speech import Report, reports
from app.core.intake.proposal import Proposal
from app.core.intake.recording_speakers import split_rank

__all__ = ["looks_like", "read"]

_BOILERPLATE = re.compile(
    r"deposes and says|depose and state|states as follows|false statements|"
    r"source of deponent's information|sworn to before me|subscribed|respectfully submitted|"
    r"makes complaint",
    re.IGNORECASE,
)
_OWN_VOICE = re.compile(
    r"^(?:[A-Z][^,.]{0,60},\s*)?(?:I\s+(?:am|have|was|respectfully|submit|believe|know|make)\b"
    r"|This affidavit\b)"
)
# "I, Jane Roe, have read ...": someone swearing in the first person, by name.
_FIRST_PERSON = re.compile(
    r"^I,\s+(?P<name>[A-Z][\w'-]+(?:\s+[A-Z][\w'.-]+){1,3}),\s+"
    r"(?:have|am|do|hereby|state|swear|affirm|declare|depose)\b"
)
# "CS-1 placed a recorded call to X, who said": the words of a call, to the one calling.
_CALL = re.compile(
    r"\b(?P<caller>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2})\s+(?:placed|made)\s+an?\s+"
    r"(?:[a-z]+\s+){0,3}(?:tele)?(?:phone\s+)?call\s+to\s*$"
)
_INTERVIEW = re.compile(r"interview|interrogat|questioned", re.IGNORECASE)
_RIGHTS = re.compile(
    r"Miranda|advised of (?:his|her|their) rights|waived"
    r"|read (?:him|her|them) (?:his|her|their) rights",
    re.IGNORECASE,
)
# Where a warned suspect is questioned even by a patrol officer: the station, not the street.
_STATION = re.compile(r"(?i)station\s*house|police station|\bprecinct\b|interview room")
_PATROL = re.compile(r"(?i)(?:police officer|officer|p\.o\.|ofc|trooper|tpr|deputy|patrol)")
_ALSO = re.compile(r"\b(?:also|further|again)\s+(?:stated|said|told)\b")
_DESCRIBED_NOUNS = frozenset("man woman male female person boy girl suspect".split())
# "a man in a green jacket", "a woman wearing a red cap": the description up to the next
# preposition or stop
_DESCRIPTION = re.compile(
    r"\b(?:a|an|the)\s+(?P<noun>man|woman|male|female|person|boy|girl|suspect)\s+"
    r"(?P<how>in|wearing|with)\s+(?:a|an|the)\s+(?P<what>(?:[\w'-]+\s+){0,3}?[\w'-]+?)"
    r"(?=\s+(?:inside|outside|at|on|over|near|who|that|and|in|by|from|run|ran|walk|was)\b|[,.;])",
    re.IGNORECASE,
)
_COMPLAINANT = re.compile(r"(?i)(?:the\s+|your\s+)?complainant")
_DEPONENT_WORDS = frozenset(
    """deponent|the deponent|affiant|your affiant|the affiant|complainant|your complainant|
    the complainant|the undersigned|me|us""".replace("\n", "").split("|")
)
_QUESTIONED_BY_DEPONENT = re.compile(
    r"(?i)\b(?:deponent|affiant|complainant|undersigned|I)\s+(?:then\s+|later\s+)?"
    r"(?:interviewed|questioned|spoke with|spoke to)\b"
)
_OWN_STATES = {"states", "stated", "says", "said", "alleges"}


def _described(match: re.Match[str]) -> str:
    """ "a man in a green jacket" as "the man in the green jacket"."""
    return f"the {match.group('noun').lower()} {match.group('how')} the {match.group('what')}"


class _Reader:
    """Reads one complaint, keeping who the informants are as it goes."""

    def __init__(self, text: str, document_date: str) -> None:
        self.text = text
        self.people: People = find_people(text)
        self.date = self.people.date or document_date
        self.informants: list[str] = []
        self.dates = dates_in(text)
        self.named = [(match.start(), iso(match)) for match in DATE.finditer(text)]
        self.described = [
            (m.end(), m.group("noun").lower(), _described(m)) for m in _DESCRIPTION.finditer(text)
        ]
        self.out: list[Proposal] = []
        self.last_voice = ""
        self.told: dict[str, str] = {}
        self.said: list[tuple[int, int]] = []
        # the complaining witness, unless "complainant" is the sworn officer
        self.complainant = "" if self.people.sworn_complainant else deposition.complainant(text)
        self.defendant_setting = ""  # where the defendant last spoke to the police
        self.deposer = ""  # the witness whose supporting deposition is being read

    def known(self) -> list[str]:
        return [self.people.deponent, self.people.defendant, *self.informants]

    def speaker(self, report: Report, unit: Unit) -> tuple[str, str] | None:
        """(name, title) of who spoke in ``report``."""
        people = self.people
        if report.kind == "deponent":
            return people.deponent, people.deponent_title
        if report.kind == "defendant":
            named = re.sub(r"(?i)^(?:the\s+|said\s+)?defendant\s*", "", report.who).strip()
            if named and people.defendant.split()[-1:] != named.split()[-1:]:
                return resolve_name(named, self.text, self.known())
            return people.defendant or "the defendant", ""
        if report.kind == "alias":
            return report.who, ""
        if report.kind == "role":
            words = report.who.strip().split(None, 1)
            if words[0].lower() in {"the", "said"} and len(words) > 1:
                words = words[1:]
            described = self.description(" ".join(words).lower(), report.who_start)
            return described or f"the {' '.join(words).lower()}", ""
        if report.kind == "informant":
            named = report.who.split()[1:] if report.who.lower().startswith("informant ") else []
            if named:
                return resolve_name(" ".join(named), self.text, self.informants)
            return (self.informants[-1], "") if self.informants else ("informant", "")
        if report.kind == "pronoun":
            sentence_start = max(
                self.text.rfind(". ", unit.start, report.who_start) + 1, unit.start
            )
            before = self.text[sentence_start : report.who_start]
            # the person last named in the sentence before the pronoun
            best: tuple[int, str] = (-1, "")
            for name in (people.defendant, *self.informants):
                if name:
                    best = max(best, (before.rfind(name.split()[-1]), name))
            best = max(
                best, (before.lower().rfind("defendant"), people.defendant or "the defendant")
            )
            if self.informants:
                best = max(best, (before.lower().rfind("informant"), self.informants[-1]))
            if best[0] >= 0 and best[1]:
                return best[1], ""
            return (self.last_voice, "") if self.last_voice else None
        name, title = resolve_name(report.who, self.text, self.known())
        return name, title

    def date_at(self, offset: int) -> str:
        """The day in force at ``offset``: the last one named before it, leaving out a day
        named inside words already reported in the paragraph, which is when things
        happened, not when the next words were said."""
        index = bisect.bisect_left(self.dates, (offset, "")) - 1
        while index >= 0:
            at = self.dates[index][0]
            if not any(a <= at < b <= offset for a, b in self.said):
                return self.dates[index][1]
            index -= 1
        return ""

    def description(self, noun: str, before: int) -> str:
        """ "the man in the green jacket" for "the man" where the text introduced "a man in
        a green jacket" earlier: an unnamed person is known by how they were described."""
        if noun not in _DESCRIBED_NOUNS:
            return ""
        last = ""
        for end, described, words in self.described:  # read once for the whole text
            if end > before:
                break
            if described == noun:
                last = words
        return last

    def recipient(self, report: Report, reporter: str, teller: str = "") -> str:
        to = report.to.lower()
        if report.verb == "wrote" and not to:
            return teller
        if report.verb == "heard":  # overheard: to whom only when the text says
            called = to.removeprefix("the ")
            return self.complainant if called == "complainant" and self.complainant else ""
        if to in {"him", "her", "them"} and not reporter:
            return teller  # "X told deponent that ..., and that the man said to him, ..."
        if to in _DEPONENT_WORDS:
            return self.people.deponent
        if to in {"informant", "the informant"}:
            return self.informants[-1] if self.informants else "informant"
        if to in {"the defendant", "defendant"}:
            return self.people.defendant
        if report.to and report.to[0].isupper():
            return resolve_name(report.to, self.text, self.known())[0]
        return reporter

    def read_unit(self, unit: Unit) -> None:
        text = self.text
        body = text[unit.start : unit.end]
        oath = deposition.OATH.match(body)
        sworn = self.people.deponent.split()[-1:]
        if oath and oath.group("name").split()[-1:] != sworn:  # a witness's own account follows
            self.deposer = oath.group("name")
            return
        if _BOILERPLATE.search(body) or (self.deposer and deposition.is_form(body)):
            return
        found = reports(text, unit.start, unit.end, phrases(text, unit.start, unit.end))
        if self.deposer:
            self.read_deposed(unit, found)
            return
        if self.people.sworn_complainant:
            for report in found:  # "Complainant states": the sworn officer speaks
                if report.kind == "role" and _COMPLAINANT.fullmatch(report.who.strip()):
                    report.kind = "deponent"
        nesting = nest(text, found)
        keep, reporter_of, inside_of = nesting.keep, nesting.reporter_of, nesting.inside_of
        names: list[tuple[str, str]] = []
        self.last_voice = ""  # "Teller-1 described ... She said ...": the one just reported
        self.told = {}  # whom each speaker of this paragraph told, as the text says
        self.said = [(r.start, r.end) for r in found if r.kind != "deponent"]
        for report in found:
            who = self.speaker(report, unit)
            names.append(who or ("", ""))
            if who and report.kind not in ("deponent", "pronoun"):
                self.last_voice = who[0]
            if who and report.verb == "informed" and report.kind == "name":
                self.informants.append(who[0])
        last_quote: Proposal | None = None
        for i, report in enumerate(found):
            name, title = names[i]
            if not keep[i] or not name:
                continue
            reporter = names[reporter_of[i]][0] if i in reporter_of else ""
            reporter = "" if reporter == name else reporter  # her own account goes on
            teller = names[inside_of[i]][0] if i in inside_of else ""
            if report.verb == "wrote":  # a note passed to the one whose account tells it
                told = [k for k, r in enumerate(found) if r.start <= report.who_start < r.end]
                teller = names[told[-1]][0] if told else ""
            for piece in fragments(self.text, report):
                proposal = self.propose(piece, unit, name, title, reporter, teller)
            if report.verbatim:
                last_quote = proposal
        for i, tail in nesting.tails:
            name, title = names[i]
            reporter = names[reporter_of[i]][0] if i in reporter_of else ""
            if name:
                self.propose(tail, unit, name, title, reporter)
        self.loose_quotes(unit, found, last_quote)
        signer = _FIRST_PERSON.match(body)
        if not found and signer and signer.group("name") != self.people.deponent:
            # "I, Jane Roe, have read the complaint ...": a witness's supporting deposition
            at = unit.start + signer.start("name")
            name = signer.group("name")
            self.add(unit, unit.start, unit.end, name, "", "sworn_statement", self.date, False,
                     "", "a sworn statement in the first person", at, at + len(name))  # fmt: skip
        elif not found and (_OWN_VOICE.match(body) or deposition.ALLEGATION.match(body)):
            self.add(
                unit,
                unit.start,
                unit.end,
                self.people.deponent,
                self.people.deponent_title,
                "sworn_statement",
                self.date,
                False,
                "",
                "the affiant's own words",
                self.people.deponent_start,
                self.people.deponent_end,
            )

    def read_deposed(self, unit: Unit, found: list[Report]) -> None:
        """A line of a supporting deposition: the witness's own words around what it quotes."""
        for report in found:
            if report.kind == "deponent":  # "I told ...": the witness, not the officer
                report.kind, report.who = "alias", self.deposer
            who = self.speaker(report, unit)
            if who:
                self.propose(report, unit, *who, "", self.deposer)
        quoted = deposition.quotations(self.text, unit.start, unit.end, found)
        for start, end in quoted:  # the words the complaint already gave someone
            said = [p for p in self.out if p.speech == "verbatim"]
            said = [p for p in said if deposition.same_words(p.text, self.text[start:end])]
            if said:
                self.add(unit, start, end, said[0].speaker, said[0].speaker_title, "",
                         said[0].date, True, said[0].recipient,
                         "the words the complaint gives " + said[0].speaker, -1, -1)  # fmt: skip
        taken = [(r.start, r.end) for r in found] + quoted
        for start, end in deposition.own_spans(self.text, unit.start, unit.end, taken):
            self.add(unit, start, end, self.deposer, "", "sworn_statement", self.date, False,
                     "", "the witness's supporting deposition", -1, -1)  # fmt: skip

    def propose(
        self, report: Report, unit: Unit, name: str, title: str, reporter: str, teller: str = ""
    ) -> Proposal:
        people = self.people
        setting = ""
        date = self.date_at(report.start)
        if reporter or teller:  # words an account tells of: said when things happened
            date = date_before(self.named, report.start) or date
        if report.kind == "deponent" and report.verb in _OWN_STATES and not reporter:
            setting, date = "sworn_statement", self.date
        elif name == people.defendant and reporter in ("", people.deponent):
            # the defendant heard by the police (words a witness tells of were said to her)
            context = self.text[max(unit.start, report.start - 400) : report.start]
            # questioned after the warnings; a patrol officer's arrest stays an encounter
            warned = _RIGHTS.search(context) and (
                not _PATROL.match(people.deponent_title) or _STATION.search(context)
            )
            questioned = _INTERVIEW.search(context) or warned
            # "the defendant also stated": the questioning told of before goes on
            again = _ALSO.search(self.text, report.who_end, report.start)
            questioned = questioned or (again and self.defendant_setting == "police_interview")
            setting = "police_interview" if questioned else "police_encounter"
            self.defendant_setting = setting
        recipient = self.recipient(report, reporter, teller)
        call = _CALL.search(self.text, max(unit.start, report.who_start - 200), report.who_start)
        if call and report.kind != "deponent":
            # "CS-1 placed a recorded call to X, who said": on the phone, to the caller
            setting = "phone_call"
            recipient = recipient or resolve_name(call.group("caller"), self.text, self.known())[0]
        if report.to and recipient:
            self.told[name] = recipient
        elif not report.to and not recipient and not reporter:
            # "Teller-1 told me that ... Teller-1 said that ...": still telling the same one
            recipient = self.told.get(name, "")
        questioned = not report.to and _QUESTIONED_BY_DEPONENT.search(
            self.text[max(unit.start, report.start - 400) : report.start]
        )
        if questioned and (setting == "police_interview" or not (recipient or reporter)):
            # "Affiant interviewed the defendant ... he said", "I spoke with X, who stated"
            recipient = people.deponent
        if not setting and not reporter and report.verb != "informed" and report.to:
            # a witness telling the police: the investigating deponent questions them;
            # an officer by rank hears them where it happened
            if report.to.lower() in _DEPONENT_WORDS:
                # an investigator takes statements; a patrol officer hears them on the spot
                rank = people.deponent_title.lower()
                if _PATROL.match(rank):
                    setting = "police_encounter"
                elif split_rank(people.deponent_title + " X")[0]:
                    setting = "police_interview"
            elif split_rank(report.to)[0] or re.match(r"(?i)(?:TFO|SA|P\.O\.)\s", report.to):
                setting = "police_encounter"
        if report.kind == "informant" or report.verb == "informed":
            recipient = recipient or people.deponent
        if setting == "sworn_statement":
            how = f"the deponent's own allegation ({report.who} {report.verb})"
        elif report.verb == "informed":
            how = f"the deponent is informed by {report.who}"
        else:
            how = f'"{report.who} {report.verb}"' + (
                f", as {reporter} reports it" if reporter else ""
            )
        how += ", words in quotation marks" if report.verbatim else ", reported speech"
        return self.add(
            unit,
            report.start,
            report.end,
            name,
            title,
            setting,
            date,
            report.verbatim,
            recipient if recipient != name else "",
            how,
            report.who_start,
            report.who_end,
        )

    def loose_quotes(self, unit: Unit, found: list[Report], last: Proposal | None) -> None:
        """Quotations no report introduces take the voice of the paragraph's last quotation."""
        if last is None:
            return
        for match in re.finditer(r"[\"“]([^\"”]+)[\"”]", self.text[unit.start : unit.end]):
            start, end = unit.start + match.start(1), unit.start + match.end(1)
            if len(match.group(1).split()) < 3 or start < last.end:
                continue
            if any(r.start <= start < r.end for r in found):
                continue
            self.add(
                unit,
                start,
                end,
                last.speaker,
                last.speaker_title,
                last.setting,
                last.date,
                True,
                last.recipient,
                "a quotation after " + last.speaker + "'s",
                last.speaker_start,
                last.speaker_end,
            )

    def add(
        self,
        unit: Unit,
        start: int,
        end: int,
        name: str,
        title: str,
        setting: str,
        date: str,
        verbatim: bool,
        recipient: str,
        how: str,
        who_start: int,
        who_end: int,
    ) -> Proposal:
        proposal = Proposal(
            text=self.text[start:end],
            speaker=name,
            speaker_as_written=self.text[who_start:who_end] if who_start >= 0 else name,
            speaker_title=title,
            speaker_kind="person",
            recipient=recipient,
            paragraph=unit.number,
            end_paragraph=unit.number,
            context=self.text[unit.start : unit.end],
            how=how + f" in ¶ {unit.number}",
            confidence=(0.8 if verbatim else 0.7)
            - (0.2 if who_start < 0 or "pronoun" in how else 0),
            start=start,
            end=end,
            setting=setting,
            date=date,
            speech="verbatim" if verbatim else "reported",
            pin=f"¶ {unit.number}" if unit.number else "",
            speaker_start=who_start,
            speaker_end=who_end,
            form="complaint",
        )
        self.out.append(proposal)
        return proposal


def read(
    text: str,
    progress: Callable[[int, int], None] | None = None,
    *,
    document_date: str = "",
) -> list[Proposal]:
    """The statements of ``text``, in the order they appear."""
    reader = _Reader(text, document_date)
    paragraphs, numbered = units(text)
    for index, unit in enumerate(paragraphs):
        if progress and index % 50 == 0:
            progress(index, len(paragraphs))
        reader.read_unit(unit)
    if progress:
        progress(len(paragraphs), len(paragraphs))
    if not numbered:  # pin each statement at the line where its words begin
        starts, counts = line_counts(text)
        for proposal in reader.out:
            index = bisect.bisect_right(starts, proposal.start) - 1
            if index >= 0:
                proposal.paragraph = proposal.end_paragraph = counts[index]
                proposal.pin = f"¶ {counts[index]}"
    return sorted(reader.out, key=lambda p: p.start)
