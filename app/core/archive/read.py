"""Reading what a case archive says: ``case.json`` checked key by key, into records.

Nothing here touches the database or the zip (app/core/archive/container.py opens
that). ``case.json`` is checked key by key and cleaned with the same field rules as
the services, and every ``ref`` must point at a record of the archive.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from app.core.archive.history import HistoryEntry, read_history
from app.core.errors import ArchiveError, ValidationError
from app.core.progress import Progress
from app.core.services import records
from app.core.services.appearances import APPEARANCE
from app.core.services.cases import CASE
from app.core.services.charges import CHARGE
from app.core.services.deadlines import DEADLINE
from app.core.services.documents import DOCUMENT
from app.core.services.events import EVENT
from app.core.services.fields import clean_values
from app.core.services.filings import FILING
from app.core.services.issues import ISSUE
from app.core.services.notes import NOTE
from app.core.services.people import PARTY, PERSON
from app.core.services.statements import STATEMENT

FORMAT = "casefile-archive"
# Version 2 adds the court records (appearances, filings, deadlines) and the case's
# commenced_on and custody. A version 1 archive is read as a case without them.
# Version 3 adds the role fields of people (nysid, tax_id, language,
# needs_interpreter) and parties (shield_number, command, custody_status,
# custody_note, subpoenaed, subpoena_served_on); an older archive reads them empty.
# Version 4 adds a statement's ``reported`` (told in substance, not verbatim); an
# older archive's statements read as verbatim.
FORMAT_VERSION = 4


@dataclass(frozen=True)
class RefSpec:
    """An archive key holding refs, and the entity field it becomes."""

    key: str
    field: str
    target: str  # section name
    many: bool = False
    required: bool = False


@dataclass(frozen=True)
class Section:
    name: str
    noun: str
    entity: records.Entity
    refs: tuple[RefSpec, ...] = ()
    # Entity fields that are not plain archive keys (refs, the document file).
    replaced: frozenset[str] = frozenset()
    extra_keys: frozenset[str] = frozenset()

    @property
    def fields(self) -> dict[str, Any]:
        skip = self.replaced | {r.field for r in self.refs}
        return {k: v for k, v in self.entity.fields.items() if k not in skip}

    @property
    def keys(self) -> frozenset[str]:
        return frozenset({"ref", *self.fields, *(r.key for r in self.refs), *self.extra_keys})


_FILE_FIELDS = {
    "sha256": "file_sha256",
    "size": "file_size",
    "media_type": "file_media_type",
    "original_name": "file_name",
}

# In dependency order: a section only refers to sections before it.
SECTIONS: tuple[Section, ...] = (
    Section("people", "person", PERSON, extra_keys=frozenset({"uid"})),
    Section(
        "parties", "party", PARTY, refs=(RefSpec("person", "person_id", "people", required=True),)
    ),
    Section("issues", "issue", ISSUE),
    Section(
        "documents",
        "document",
        DOCUMENT,
        refs=(RefSpec("issues", "issue_ids", "issues", many=True),),
        replaced=frozenset(_FILE_FIELDS.values()),
        extra_keys=frozenset({"file"}),
    ),
    Section(
        "statements",
        "statement",
        STATEMENT,
        refs=(
            RefSpec("speaker", "speaker_id", "parties", required=True),
            RefSpec("recipient_party", "recipient_party_id", "parties"),
            RefSpec("source_document", "source_document_id", "documents"),
            RefSpec("issues", "issue_ids", "issues", many=True),
        ),
    ),
    Section("charges", "charge", CHARGE),
    Section(
        "events",
        "event",
        EVENT,
        refs=(
            RefSpec("people", "party_ids", "parties", many=True),
            RefSpec("source_document", "source_document_id", "documents"),
            RefSpec("issues", "issue_ids", "issues", many=True),
        ),
    ),
    Section("notes", "note", NOTE),
    Section("appearances", "appearance", APPEARANCE),
    Section("filings", "filing", FILING),
    Section("deadlines", "deadline", DEADLINE),
)
SECTION_BY_NAME = {s.name: s for s in SECTIONS}
TOP_KEYS = frozenset(
    {"format", "format_version", "app_version", "exported_at", "case", "history"}
    | {s.name for s in SECTIONS}
)
CASE_KEYS = frozenset({"uid", *CASE.fields})


@dataclass
class Record:
    where: str  # "statements[3] (ref 's1')", for messages
    ref: str
    values: dict[str, Any]  # cleaned entity fields, without refs
    refs: dict[str, Any] = field(default_factory=dict)  # entity field -> ref | [refs] | None
    uid: str | None = None
    file: dict[str, Any] | None = None  # a document's cleaned file_* fields (None if no file)


@dataclass
class ArchiveContent:
    format_version: int
    app_version: str
    exported_at: str | None
    case_uid: str | None
    case: dict[str, Any]
    sections: dict[str, list[Record]]
    history: list[HistoryEntry]

    @property
    def attachments(self) -> dict[str, int | None]:
        """SHA-256 -> size of every file the documents name."""
        files = (r.file for r in self.sections["documents"] if r.file and r.file["file_sha256"])
        return {f["file_sha256"]: f["file_size"] for f in files}


def _fail(where: str, problem: str) -> ArchiveError:
    return ArchiveError(f"case.json: {where}: {problem}")


def _shown(value: Any, limit: int = 60) -> str:
    """A value for a message: its repr, cut short (an archive's values can be huge)."""
    if isinstance(value, list | dict):
        return f"a {'list' if isinstance(value, list) else 'JSON object'}"
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 128:
        return "a huge number"
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _clean(
    where: str, entity: records.Entity, fields: Mapping[str, Any], values: dict[str, Any]
) -> dict[str, Any]:
    try:
        cleaned = clean_values(fields, values, partial=False)
        stand_in = SimpleNamespace(case_id=None, **cleaned)
        for check in entity.validators:
            check(None, stand_in, cleaned)  # type: ignore[arg-type]
    except ValidationError as exc:
        raise _fail(where, str(exc)) from None
    return cleaned


def _uid(where: str, value: Any) -> str | None:
    if value is None or value == "":
        return None
    try:
        return str(uuid.UUID(str(value))) if isinstance(value, str) else _bad_uid(where, value)
    except ValueError:
        return _bad_uid(where, value)


def _bad_uid(where: str, value: Any) -> str:
    raise _fail(where, f"uid {_shown(value)} is not a UUID")


def _unknown_keys(where: str, data: Mapping[str, Any], allowed: frozenset[str]) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise _fail(where, f"unknown key {_shown(unknown[0])}")


def _object(where: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _fail(where, f"expected an object, got {type(value).__name__}")
    return value


def _header(data: Any) -> tuple[int, str, str | None]:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ArchiveError("this is not a Casefile case archive (case.json has no casefile format)")
    version = data.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ArchiveError(f"case.json: format_version {_shown(version)} is not a version number")
    if version > FORMAT_VERSION:
        raise ArchiveError(
            f"this archive has format version {version}, made by a newer Casefile; "
            f"this one reads version {FORMAT_VERSION} (update Casefile to import it)"
        )
    _unknown_keys("top level", data, TOP_KEYS)
    app_version = data.get("app_version") or ""
    exported_at = data.get("exported_at")
    if not isinstance(app_version, str):
        raise _fail("app_version", "expected text")
    if exported_at is not None and not isinstance(exported_at, str):
        raise _fail("exported_at", "expected a timestamp or null")
    return version, app_version, exported_at


def _ticker(progress: Progress, before: int, total: int) -> Callable[[int], None]:
    """Tell ``progress`` of every thousandth record checked, counted over all sections."""

    def tick(index: int) -> None:
        if index % 1000 == 0:
            progress(before + index, total)

    return tick


def _read_section(
    section: Section, items: Any, tick: Callable[[int], None] | None = None
) -> list[Record]:
    if items is None:
        return []
    if not isinstance(items, list):
        raise _fail(section.name, f"expected a list, got {type(items).__name__}")
    result: list[Record] = []
    seen: set[str] = set()
    fields, keys = section.fields, section.keys
    for index, raw in enumerate(items):
        if tick is not None:
            tick(index)
        where = f"{section.name}[{index}]"
        item = _object(where, raw)
        ref = item.get("ref", "")
        if not isinstance(ref, str):
            raise _fail(where, f"ref {_shown(ref)} is not text")
        if ref:
            where += f" (ref {_shown(ref)})"
            if ref in seen:
                raise _fail(where, f"the ref {_shown(ref)} is used twice in {section.name}")
            seen.add(ref)
        _unknown_keys(where, item, keys)
        values = _clean(where, section.entity, fields, {k: item[k] for k in fields if k in item})
        record = Record(where, ref, values)
        for spec in section.refs:
            record.refs[spec.field] = _ref_value(where, spec, item.get(spec.key))
        if "uid" in section.extra_keys:
            record.uid = _uid(where, item.get("uid"))
        if "file" in section.extra_keys:
            record.file = _file(where, item.get("file"))
        result.append(record)
    return result


def _ref_value(where: str, spec: RefSpec, value: Any) -> Any:
    if spec.many:
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise _fail(where, f"{spec.key} must be a list of refs")
        return list(dict.fromkeys(value))
    if value is None or value == "":
        if spec.required:
            raise _fail(where, f"{spec.key} is required")
        return None
    if not isinstance(value, str):
        raise _fail(where, f"{spec.key} {_shown(value)} is not a ref")
    return value


def _file(where: str, value: Any) -> dict[str, Any]:
    if value is None:
        return dict.fromkeys(_FILE_FIELDS.values())
    where = f"{where}: file"
    data = _object(where, value)
    _unknown_keys(where, data, frozenset(_FILE_FIELDS))
    fields = {_FILE_FIELDS[k]: DOCUMENT.fields[_FILE_FIELDS[k]] for k in _FILE_FIELDS}
    cleaned = _clean(where, DOCUMENT, fields, {_FILE_FIELDS[k]: v for k, v in data.items()})
    if not cleaned["file_sha256"]:
        raise _fail(where, "sha256 is required")
    return cleaned


def _resolve(sections: dict[str, list[Record]]) -> None:
    """Every ref must name a record of the right section; check the cross-record rules."""
    index = {name: {r.ref for r in recs if r.ref} for name, recs in sections.items()}
    for section in SECTIONS:
        for record in sections[section.name]:
            for spec in section.refs:
                value = record.refs[spec.field]
                for ref in value if spec.many else [value] if value is not None else []:
                    if ref not in index[spec.target]:
                        noun = SECTION_BY_NAME[spec.target].noun
                        raise _fail(
                            record.where,
                            f"{spec.key} {_shown(ref)} points nowhere (no {noun} with that ref)",
                        )
    uids: set[str] = set()
    for person in sections["people"]:
        if person.uid and person.uid in uids:
            raise _fail(person.where, f"the uid {person.uid} is used by two people")
        if person.uid:
            uids.add(person.uid)
    in_case: set[str] = set()
    for party in sections["parties"]:
        ref = party.refs["person_id"]
        if ref in in_case:
            raise _fail(party.where, f"the person {ref!r} is a party twice")
        in_case.add(ref)
    for person in sections["people"]:
        if person.ref not in in_case:
            raise _fail(person.where, "this person is not a party of the case")


def read_content(data: Any, *, progress: Progress | None = None) -> ArchiveContent:
    """Check and clean a parsed case.json; raises ArchiveError naming the first problem.
    ``progress(done, total)`` hears of each section checked."""
    version, app_version, exported_at = _header(data)
    case_data = _object("case", data.get("case"))
    _unknown_keys("case", case_data, CASE_KEYS)
    case_uid = _uid("case", case_data.get("uid"))
    case = _clean(
        "case", CASE, CASE.fields, {k: v for k, v in case_data.items() if k in CASE.fields}
    )
    raw = {s.name: data.get(s.name) for s in SECTIONS}
    counted = [len(items) if isinstance(items, list) else 0 for items in raw.values()]
    sections = {}
    for n, section in enumerate(SECTIONS):
        before, total = sum(counted[:n]), sum(counted)
        tick = None if progress is None else _ticker(progress, before, total)
        sections[section.name] = _read_section(section, raw[section.name], tick)
    _resolve(sections)
    known = {s.noun: {r.ref for r in sections[s.name] if r.ref} for s in SECTIONS}
    history = read_history(data.get("history"), known)
    return ArchiveContent(version, app_version, exported_at, case_uid, case, sections, history)
