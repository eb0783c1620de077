"""Write accepted statement proposals into a case: all of it, or nothing.

The source text is stored first (the attachment store, like every file) and then,
in one unit of work: the source document, a person and a party for each new
speaker, and every accepted statement citing the document with its pin cite. A
text read from a document already in the case is not stored again: the statements
cite that document (``document_id``). Speaker labels ("OFFICER 1", "SPEAKER 2") are
mapped to a party once for the whole text (``speakers``): every statement under a
label gets the party (or the new person) the label was mapped to.
:func:`revert` takes it all out again in one unit of work (for undo) and returns
what it removed, which :func:`reapply` puts back under the same ids (for redo).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import select

from app.core.errors import ValidationError
from app.core.intake import names
from app.core.intake.proposal import Proposal
from app.core.services import documents, people, records, statements
from app.core.services import restore as rs
from app.core.storage.models import Document, Party, Person
from app.core.storage.workspace import Workspace

# A proposal's setting (app/core/intake/proposal.py SETTINGS) as a statement's setting
# (app.core.vocab.STATEMENT_SETTINGS): the proposal's words are finer in places
# (a release and a news conference are both a press statement).
STATEMENT_SETTING_OF: Mapping[str, str] = {
    "sworn_testimony": "sworn_testimony",
    "in_court": "in_court",
    "sworn_statement": "criminal_complaint",
    "police_interview": "police_interview",
    "police_encounter": "police_encounter",
    "interview": "interview",
    "written_statement": "press_statement",
    "press_conference": "press_statement",
    "social_media": "social_media_post",
    "phone_call": "phone_call",
}
# Proposal settings whose words were given under oath.
SWORN_SETTINGS = frozenset({"sworn_testimony", "sworn_statement"})


def statement_setting(proposal_setting: str) -> str:
    """The statement setting for a proposal's setting ("other" when it states none)."""
    return STATEMENT_SETTING_OF.get(proposal_setting, "other")


def is_sworn(proposal_setting: str) -> bool:
    """Whether a proposal's setting means sworn words (testimony, a sworn statement)."""
    return proposal_setting in SWORN_SETTINGS


@dataclass
class Accepted:
    """One proposal as the person accepted (and perhaps edited) it."""

    text: str
    speaker: str
    pin_cite: str = ""
    recipient_text: str = ""
    speaker_party_id: int | None = None  # an existing party of the case, if chosen
    speaker_title: str = ""
    speaker_kind: str = "individual"  # the person kind for a new speaker
    roles: Sequence[str] = ("other",)  # roles of a new speaker's party
    setting: str = "other"  # a statement setting (app.core.vocab.STATEMENT_SETTINGS)
    notes: str = ""
    date: str = ""  # YYYY-MM-DD (or any date the statement form takes); "" unknown
    sworn: bool = False
    reported: bool = False  # told in substance, not verbatim
    label: str = ""  # the speaker label this statement was proposed under, to map once


@dataclass
class Speaker:
    """Who a speaker label is: an existing party of the case, or a new person named
    ``name`` (``roles`` for the new party)."""

    party_id: int | None = None
    name: str = ""
    roles: Sequence[str] = ("other",)
    kind: str = "individual"


def speaker_key(proposal: Proposal) -> str:
    """What a proposal's speaker is mapped by: the speaker as proposed (a name, a
    resolved "Ms. Jones" for a Q) or, when unresolved, the label as written."""
    return (proposal.speaker or proposal.label).strip()


def accepted_from(proposal: Proposal, source_name: str = "", **edits: Any) -> Accepted:
    """An :class:`Accepted` carrying everything the proposal tells (setting, sworn,
    date, reported speech, pin cite, label); ``edits`` override fields."""
    values: dict[str, Any] = {
        "text": proposal.text,
        "speaker": proposal.speaker or proposal.label,
        "pin_cite": proposal.pin_cite,
        "recipient_text": proposal.recipient,
        "speaker_title": proposal.speaker_title,
        "speaker_kind": "organization" if proposal.speaker_kind == "org" else "individual",
        "setting": statement_setting(proposal.setting),
        "sworn": is_sworn(proposal.setting),
        "reported": proposal.speech == "reported",
        "date": proposal.date,
        "label": speaker_key(proposal),
        "notes": f"Proposed from “{source_name}” ({proposal.how})." if source_name else "",
    }
    values.update(edits)
    return Accepted(**values)


@dataclass
class Applied:
    document_id: int
    document_created: bool
    person_ids: list[int] = field(default_factory=list)
    party_ids: list[int] = field(default_factory=list)  # new parties only
    statement_ids: list[int] = field(default_factory=list)
    speaker_parties: dict[str, int] = field(default_factory=dict)  # speaker -> party

    @property
    def roots(self) -> list[rs.Root]:
        """What was added, parents first (the order undo capture expects)."""
        roots: list[rs.Root] = [("documents", self.document_id)] if self.document_created else []
        roots += [("people", i) for i in self.person_ids]
        roots += [("parties", i) for i in self.party_ids]
        roots += [("statements", i) for i in self.statement_ids]
        return roots


def existing_parties(ws: Workspace, case_id: int) -> dict[str, int]:
    """The case's parties by folded name and alias, to reuse for a speaker of that name."""
    found: dict[str, int] = {}
    with ws.reader() as session:
        rows = session.execute(
            select(Party.id, Person.name, Person.aliases)
            .join(Person, Party.person_id == Person.id)
            .where(Party.case_id == case_id)
        ).all()
    for party_id, name, aliases in rows:
        for variant in [name, *(aliases or [])]:
            found.setdefault(name_key(variant), party_id)
    return found


def name_key(name: str) -> str:
    """A name as compared with the case's parties: folded, spaces collapsed."""
    return " ".join(names.fold(name).split())


def apply_proposals(
    ws: Workspace,
    case_id: int,
    text: str,
    source_name: str,
    accepted: Sequence[Accepted],
    *,
    document_title: str = "",
    document_kind: str = "other",
    progress: Callable[[int, int], None] | None = None,
    document_id: int | None = None,
    speakers: Mapping[str, Speaker] | None = None,
) -> Applied:
    """Store ``text`` as a document of the case and add the accepted statements, in one
    unit of work; with ``document_id`` (a document of the case the text was read from)
    nothing is stored and the statements cite that document. ``speakers`` maps a
    label (:attr:`Accepted.label`) to its party or new person, for every statement
    under it. ``progress(done, total)`` hears of each statement, inside the unit of
    work: an exception it raises (the person cancelled) adds nothing."""
    if not accepted:
        raise ValidationError("statements", "no statement was accepted")
    accepted = [_mapped(item, speakers or {}) for item in accepted]
    for item in accepted:
        if not item.text.strip():
            raise ValidationError("text", "a statement has no text")
        if item.speaker_party_id is None and not item.speaker.strip():
            raise ValidationError("speaker_id", f"no speaker for “{item.text[:40]}”")
    stored = None
    if document_id is None:
        data = text.encode("utf-8")
        name = source_name if "." in source_name else f"{source_name or 'text'}.txt"
        stored = ws.store.add_bytes(data, name, "text/plain")  # the file before the row
    by_name = existing_parties(ws, case_id)
    with ws.session() as session:
        if stored is None:
            document = session.get(Document, document_id)
            if document is None or document.case_id != case_id:
                raise ValidationError("source_document_id", "the document is not in this case")
        else:
            document = session.scalar(
                select(Document).where(
                    Document.case_id == case_id, Document.file_sha256 == stored.sha256
                )
            )
        created_doc = document is None
        if document is None:
            assert stored is not None
            values = {
                "title": document_title or source_name or "Pasted text",
                "kind": document_kind,
                "notes": "Statements in this text were proposed by Casefile's extraction "
                "and reviewed before they were added.",
                **documents.file_fields(stored),
            }
            document = records.create(session, documents.DOCUMENT, values, case_id=case_id)
            documents.write_extracted_text(session, document.id, (text, ""))
        result = Applied(document.id, created_doc)
        for done, item in enumerate(accepted):
            if progress is not None and done % 25 == 0:
                progress(done, len(accepted))
            party_id = item.speaker_party_id or by_name.get(name_key(item.speaker))
            if party_id is None:
                person = records.create(
                    session,
                    people.PERSON,
                    {
                        "name": item.speaker.strip(),
                        "kind": item.speaker_kind,
                        "title": item.speaker_title[:300],
                        "notes": f"Speaker named in “{source_name}”.",
                    },
                )
                party = records.create(
                    session,
                    people.PARTY,
                    {"person_id": person.id, "roles": list(item.roles) or ["other"]},
                    case_id=case_id,
                )
                party_id = party.id
                by_name[name_key(item.speaker)] = party_id
                result.person_ids.append(person.id)
                result.party_ids.append(party_id)
            result.speaker_parties[item.speaker] = party_id
            statement = records.create(
                session,
                statements.STATEMENT,
                {
                    "speaker_id": party_id,
                    "text": item.text,
                    "recipient_text": item.recipient_text[:300],
                    "source_document_id": document.id,
                    "pin_cite": item.pin_cite[:100],
                    "setting": item.setting,
                    "sworn": item.sworn,
                    "reported": item.reported,
                    "date": item.date or None,
                    "notes": item.notes,
                },
                case_id=case_id,
            )
            result.statement_ids.append(statement.id)
        if progress is not None:
            progress(len(accepted), len(accepted))  # the last chance to stop
    return result


def _mapped(item: Accepted, speakers: Mapping[str, Speaker]) -> Accepted:
    """``item`` with the party or new person its label was mapped to."""
    choice = speakers.get(item.label) if item.label else None
    if choice is None:
        return item
    if choice.party_id is not None:
        return replace(item, speaker_party_id=choice.party_id)
    return replace(
        item,
        speaker=choice.name.strip() or item.speaker,
        speaker_party_id=None,
        roles=tuple(choice.roles) or ("other",),
        speaker_kind=choice.kind,
    )


def revert(ws: Workspace, applied: Applied) -> rs.Captured:
    """Remove what :func:`apply_proposals` added, in one unit of work; return it for redo."""
    captured = rs.capture(ws, applied.roots)
    deletes: list[tuple[records.Entity, int]] = [
        (statements.STATEMENT, i) for i in reversed(applied.statement_ids)
    ]
    deletes += [(people.PARTY, i) for i in reversed(applied.party_ids)]
    deletes += [(people.PERSON, i) for i in reversed(applied.person_ids)]
    if applied.document_created:
        deletes.append((documents.DOCUMENT, applied.document_id))
    rs.perform(ws, deletes=deletes)
    return captured


def reapply(ws: Workspace, captured: rs.Captured) -> None:
    """Put back exactly what :func:`revert` removed (same ids), in one unit of work."""
    rs.restore(ws, captured)


def summary(applied: Applied) -> dict[str, Any]:
    return {
        "document_id": applied.document_id,
        "statements": len(applied.statement_ids),
        "new_people": len(applied.person_ids),
    }
