"""Writing a case archive: ``case.json`` in a stable order, and the attached files.

The same case always gives the same ``case.json`` (``exported_at`` aside), in any
workspace: records are ordered by what they say (date, name, then their whole
content), never by database ids, and refs are numbered in that order. So an
export, imported elsewhere and exported again, compares equal.

The zip is written to a temporary file beside the target, flushed to disk and
renamed over it: a crash leaves the old file or the new one, never half of one.

Each record's keys follow its kind's field table and the sections of
app/core/archive/read.py (which keys hold refs, which hold the file), so a new
plain field is exported with no edit here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import os
import time
import zipfile
from collections.abc import Callable, Mapping
from operator import attrgetter
from pathlib import Path
from typing import IO, Any

from app.core.archive.container import ATTACHMENTS, CASE_JSON
from app.core.archive.history import export_history
from app.core.archive.read import FORMAT, FORMAT_VERSION, SECTION_BY_NAME, Section
from app.core.errors import ArchiveError, StoreError
from app.core.lists.case_loader import CaseRecords, load_case
from app.core.lists.casedump import case_fields
from app.core.lists.record_fields import (
    FILE_KEYS,
    Getter,
    Plan,
    arrange,
    as_dicts,
    exchanged,
    file_object,
)
from app.core.progress import Progress, Stages
from app.core.storage.atomic import atomic_write
from app.core.storage.store import CHUNK
from app.core.storage.workspace import Workspace
from app.version import app_version


def _content_key(record: dict[str, Any]) -> str:
    return json.dumps(record, sort_keys=True, ensure_ascii=False)


def _number(
    items: list[tuple[int, dict[str, Any]]], prefix: str, key: Callable[[dict[str, Any]], Any]
) -> tuple[list[dict[str, Any]], dict[int, str]]:
    """Order (db id, record) pairs by ``key`` then content; give refs prefix1, prefix2, ..."""
    ordered: list[tuple[int, dict[str, Any]]] = []
    for _, group in itertools.groupby(
        sorted(items, key=lambda pair: key(pair[1])), key=lambda pair: key(pair[1])
    ):
        tied = list(group)
        # Serialising every record is costly on 50,000 statements: only break real ties.
        ordered.extend(
            sorted(tied, key=lambda pair: _content_key(pair[1])) if len(tied) > 1 else tied
        )
    refs: dict[int, str] = {}
    result = []
    for n, (record_id, record) in enumerate(ordered, start=1):
        ref = f"{prefix}{n}"
        refs[record_id] = ref
        result.append({"ref": ref, **record})
    return result, refs


def _date_sort(value: str | None) -> tuple[bool, str]:
    return (value is None, value or "")


def _when(record: dict[str, Any]) -> tuple[str, str]:
    """A court date's order: its day (always full), then its time (none first)."""
    return (record["date"], record["time"] or "")


# Keys written elsewhere than in the field table's order: key -> the key it follows.
MOVED: Mapping[str, Mapping[str, str]] = {
    "people": {"name": "kind"},
    "events": {"people": "place"},
}
_FIRST_FILE_FIELD = next(iter(FILE_KEYS))


def _plan(section: Section, rec: CaseRecords, refs: Mapping[str, dict[int, str]]) -> Plan:
    """The keys of a record of ``section``: its plain fields in field-table order, its
    references (read.py's ``RefSpec``s) as refs, the document's file as one object."""
    entity = section.entity
    plan: Plan = [("uid", attrgetter("uid"))] if "uid" in section.extra_keys else []
    ref_specs = {spec.field: spec for spec in section.refs}
    for name in entity.fields:
        spec = ref_specs.get(name)
        if spec is not None:
            targets = refs[spec.target]
            if spec.many:
                plan.append((spec.key, _ref_list(rec.linked(entity, name), targets)))
            else:
                plan.append((spec.key, _ref(attrgetter(name), targets, spec.required)))
        elif name in section.replaced:
            if name == _FIRST_FILE_FIELD:
                plan.append(("file", file_object))
        else:
            plan.append((name, exchanged(entity.model, name)))
    return arrange(plan, MOVED.get(section.name, {}))


def _ref(get: Getter, targets: dict[int, str], required: bool) -> Getter:
    if required:
        return lambda record: targets[get(record)]
    return lambda record: targets.get(get(record) or 0)


def _ref_list(links: dict[int, list[int]], targets: dict[int, str]) -> Getter:
    return lambda record: sorted(targets[i] for i in links.get(record.id, []))


def case_data(rec: CaseRecords) -> dict[str, Any]:
    """The case as the ``case.json`` object of docs/archive-format.md (without history)."""
    return case_data_and_refs(rec)[0]


def case_data_and_refs(rec: CaseRecords) -> tuple[dict[str, Any], dict[str, dict[int, str]]]:
    """The ``case.json`` object, and the ref each record got (kind -> {db id: ref})."""
    refs: dict[str, dict[int, str]] = {}  # section -> {db id: ref}

    def numbered(
        name: str, records: list[Any], prefix: str, key: Callable[[dict[str, Any]], Any]
    ) -> list[dict[str, Any]]:
        values = as_dicts(_plan(SECTION_BY_NAME[name], rec, refs), records)
        items, refs[name] = _number(
            [(r.id, v) for r, v in zip(records, values, strict=True)], prefix, key
        )
        return items

    # In dependency order: refs are numbered before the sections that point at them.
    issues = numbered("issues", rec.issues, "i", lambda r: r["title"].casefold())
    documents = numbered(
        "documents", rec.documents, "d", lambda r: (_date_sort(r["date"]), r["title"].casefold())
    )
    people = numbered(
        "people", [p.person for p in rec.parties], "p", lambda r: (r["name"].casefold(), r["uid"])
    )
    # One party per person in a case: number parties in their person's order.
    parties = numbered("parties", rec.parties, "pa", lambda r: int(r["person"][1:]))
    speaker_names = {refs["parties"][p.id]: p.person.name.casefold() for p in rec.parties}
    statements = numbered(
        "statements",
        rec.statements,
        "s",
        lambda r: (_date_sort(r["date"]), speaker_names[r["speaker"]]),
    )
    charges = numbered("charges", rec.charges, "c", lambda r: (r["count_number"], r["statute"]))
    events = numbered(
        "events",
        rec.events,
        "e",
        lambda r: (_date_sort(r["date"]), r["time"] or "", r["title"].casefold()),
    )
    notes = numbered("notes", rec.notes, "n", lambda r: (r["is_todo"], r["done"]))
    appearances = numbered("appearances", rec.appearances, "ap", _when)
    filings = numbered("filings", rec.filings, "f", lambda r: (r["date"], r["kind"]))
    deadlines = numbered("deadlines", rec.deadlines, "dl", _when)
    data = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": app_version(),
        "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "case": case_fields(rec.case),
        "people": people,
        "parties": parties,
        "documents": documents,
        "statements": statements,
        "charges": charges,
        "events": events,
        "issues": issues,
        "notes": notes,
        "appearances": appearances,
        "filings": filings,
        "deadlines": deadlines,
        # Filled by export_case (app/core/archive/history.py): it needs the database.
        "history": [],
    }
    return data, {SECTION_BY_NAME[name].noun: ids for name, ids in refs.items()}


# Each stage's share of the progress bar: about its time on the 50,000-statement case.
EXPORT_WEIGHTS = {"load": 15, "arrange": 15, "encode": 20, "write": 50}
# case.json goes into the zip in pieces this big, so the bar moves while it is compressed.
_JSON_PIECE = 4 * 1024 * 1024


def export_case(
    ws: Workspace,
    case_ref: int | str,
    path: str | os.PathLike[str],
    *,
    seal: Callable[[IO[bytes]], IO[bytes]] | None = None,
    progress: Progress | None = None,
) -> Path:
    """Write the case (id or docket number) to a case archive at ``path``.

    ``seal`` wraps the file in a writer that encrypts it (app/core/storage/crypto.py; chosen
    by app/core/archive/transfer.py); closing that writer finishes it. The zip then never
    reaches the disk in the clear.

    ``progress(done, total)`` is told how far the export got; it is last called before
    the finished file is renamed into place, so an exception it raises (the person
    cancelled) leaves no file behind and ``path`` as it was."""
    target = Path(path)
    stages = Stages(progress, EXPORT_WEIGHTS)
    stages.begin("load")
    with ws.reader() as session:
        records = load_case(session, case_ref)
        stages.finish("load")
        data, refs = case_data_and_refs(records)
        data["history"] = export_history(session, records.case.id, refs)
        stages.finish("arrange")
    sizes = {d["file"]["sha256"]: d["file"]["size"] or 0 for d in data["documents"] if d["file"]}
    files = sorted(sizes)
    payload = json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
    del data
    stages.finish("encode")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ArchiveError(f"cannot write {target}: the folder {folder} does not exist")
    total = len(payload) + sum(sizes.values())
    written = stages.part("write")
    try:
        with atomic_write(target, prefix=".casefile-export-", suffix=".zip") as out:
            sink = seal(out) if seal is not None else out
            with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                _write_case_json(zf, payload, lambda done: written(done, total))
                done = len(payload)
                for sha in files:
                    written(done, total)
                    _copy_attachment(ws, zf, sha)
                    done += sizes[sha]
            if sink is not out:
                sink.close()
            # The last chance to stop: the file is complete but not yet in place.
            written(total, total)
    except OSError as exc:
        raise ArchiveError(f"cannot write {target}: {exc.strerror or exc}") from None
    return target


def _write_case_json(zf: zipfile.ZipFile, payload: bytes, written: Callable[[int], None]) -> None:
    """``zf.writestr(CASE_JSON, payload)``, the same entry byte for byte, written in
    pieces so that ``written(bytes so far)`` hears of each."""
    info = zipfile.ZipInfo(CASE_JSON, date_time=time.localtime(time.time())[:6])
    info.compress_type = zf.compression
    info.external_attr = 0o600 << 16  # what writestr gives a file
    info.file_size = len(payload)
    with zf.open(info, "w") as entry:
        for start in range(0, len(payload), _JSON_PIECE):
            written(start)
            entry.write(payload[start : start + _JSON_PIECE])


def _copy_attachment(ws: Workspace, zf: zipfile.ZipFile, sha: str) -> None:
    digest = hashlib.sha256()
    try:
        source = ws.store.open(sha)
    except StoreError as exc:
        raise ArchiveError(f"cannot export the case: {exc}") from None
    with source, zf.open(ATTACHMENTS + sha, "w", force_zip64=True) as entry:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            entry.write(chunk)
    if digest.hexdigest() != sha:
        raise ArchiveError(
            f"cannot export the case: the attachment {sha[:12]}… in the store is damaged "
            "(its bytes no longer match its SHA-256)"
        )
