"""Hostile archives: fields of the wrong JSON type, numbers past what a column holds,
numbers Python will not read, and sizes past the documented limits. Each is refused
with an ArchiveError naming where, before anything is stored."""

from __future__ import annotations

import copy
import hashlib
import io
import json
import subprocess
import sys
import tracemalloc
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from app.core import limits
from app.core.archive.history import HISTORY_KEYS
from app.core.archive.read import CASE_KEYS, SECTIONS, read_content
from app.core.archive.transfer import DEFAULT_LIMITS, ArchiveLimits, import_archive
from app.core.errors import ArchiveError, ValidationError
from app.core.services import cases, charges
from app.core.services import statements as statement_service
from app.core.storage.models import (
    Appearance,
    AuditEntry,
    Case,
    Charge,
    Deadline,
    Document,
    Event,
    Filing,
    Issue,
    Note,
    Party,
    Person,
    Statement,
)
from app.core.storage.workspace import Workspace
from app.core.textextract import extract_text
from tests.core.archive.test_archive import SHA, assert_nothing_imported, make_zip, minimal


def refused(ws: Workspace, data: Any, *, message: str = "", **kwargs: Any) -> str:
    """Import ``data``; it must be refused, name ``message`` and leave nothing behind."""
    with pytest.raises(ArchiveError) as caught:
        import_archive(ws, make_zip(data), **kwargs)
    text = str(caught.value)
    assert message in text
    assert "\n" not in text and len(text) < 1000
    assert_nothing_imported(ws)
    assert not ws.store.has(SHA), "the attachment was stored before the archive was checked"
    return text


@pytest.mark.parametrize(
    ("section", "key", "value", "where"),
    [
        ("case", "status", [], "case"),
        ("parties", "roles", [["client"]], "parties[0]"),
        ("statements", "setting", {}, "statements[0]"),
        ("statements", "sworn", {"yes": True}, "statements[0]"),
        ("statements", "issues", [["i1"]], "statements[0]"),
        ("documents", "kind", ["letter"], "documents[0]"),
        ("people", "aliases", [[]], "people[0]"),
        ("events", "time", [], "events[0]"),
        ("statements", "date", 2021, "statements[0]"),
    ],
)
def test_a_field_of_the_wrong_type_is_refused_naming_where(
    sqlite_workspace: Workspace, section: str, key: str, value: Any, where: str
) -> None:
    data = minimal()
    target = data["case"] if section == "case" else data[section][0]
    target[key] = value
    message = refused(sqlite_workspace, data, message=f"case.json: {where}")
    assert key in message


@pytest.mark.parametrize("number", [2**63, 2**31, 10**30, -(2**63) - 1])
def test_a_count_past_the_column_is_refused_before_the_attachment_is_stored(
    workspace: Workspace, number: int
) -> None:
    data = minimal(charges=[{"ref": "c1", "statute": "PL 120.00", "count_number": number}])
    message = refused(workspace, data, message="charges[0]")
    assert "count_number" in message


def test_the_largest_count_a_column_holds_imports(sqlite_workspace: Workspace) -> None:
    data = minimal(charges=[{"statute": "PL 120.00", "count_number": limits.MAX_SMALL_INT}])
    case_id = import_archive(sqlite_workspace, make_zip(data))
    [charge] = charges.charges_of_case(sqlite_workspace, case_id)
    assert charge.count_number == limits.MAX_SMALL_INT


@pytest.mark.parametrize("number", ["9" * 5000, "1" + "0" * 5000 + ".5", "1e999", "-1e999"])
def test_a_number_python_will_not_read_is_refused(sqlite_workspace: Workspace, number: str) -> None:
    raw = json.dumps(minimal(charges=[{"statute": "PL 1", "count_number": 7}]))
    raw = raw.replace('"count_number": 7', f'"count_number": {number}')
    with pytest.raises(ArchiveError, match="number"):
        import_archive(sqlite_workspace, make_zip(raw_json=raw.encode()))
    assert_nothing_imported(sqlite_workspace)


def test_one_field_past_the_limit_is_refused_naming_it(sqlite_workspace: Workspace) -> None:
    data = minimal()
    data["statements"][0]["text"] = "word " * (limits.MAX_FIELD_CHARS // 5 + 1)
    message = refused(sqlite_workspace, data, message="statements[0]")
    assert "text" in message and f"{limits.MAX_FIELD_CHARS:,}" in message


def test_the_field_limit_holds_for_the_services_too(sqlite_workspace: Workspace) -> None:
    case_id = cases.add_case(sqlite_workspace, caption="People v. Long")
    with pytest.raises(ValidationError) as caught:
        cases.update_case(sqlite_workspace, case_id, summary="x" * (limits.MAX_FIELD_CHARS + 1))
    assert caught.value.field == "summary" and "limit" in caught.value.message
    with pytest.raises(ValidationError, match="count_number"):
        charges.add_charge(sqlite_workspace, case_id, statute="PL 1", count_number="9" * 5000)
    with pytest.raises(ValidationError, match="speaker_id"):
        statement_service.add_statement(
            sqlite_workspace, case_id, speaker_id=2**64, text="I was home."
        )


def _spaces_zip(megabytes: int) -> io.BytesIO:
    """A small zip whose case.json unpacks to ``megabytes`` MB of spaces."""
    buffer = io.BytesIO()
    block = b" " * (1024 * 1024)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        with zf.open("case.json", "w", force_zip64=True) as out:
            for _ in range(megabytes):
                out.write(block)
    buffer.seek(0)
    return buffer


def test_a_case_json_past_the_limit_is_refused_without_reading_it(
    sqlite_workspace: Workspace,
) -> None:
    assert DEFAULT_LIMITS.max_json_bytes == limits.MAX_CASE_JSON_BYTES == 200 * 1024 * 1024
    bomb = _spaces_zip(limits.MAX_CASE_JSON_BYTES // (1024 * 1024) + 10)
    assert len(bomb.getvalue()) < 2_000_000
    tracemalloc.start()
    try:
        with pytest.raises(ArchiveError, match=r"case.json is .* more than the limit"):
            import_archive(sqlite_workspace, bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * 1024 * 1024
    assert_nothing_imported(sqlite_workspace)


def test_case_json_is_counted_as_it_is_read(sqlite_workspace: Workspace) -> None:
    small = ArchiveLimits(max_json_bytes=3 * 1024 * 1024)
    with pytest.raises(ArchiveError, match="more than the limit"):
        import_archive(sqlite_workspace, _spaces_zip(4), limits=small)
    assert_nothing_imported(sqlite_workspace)


@pytest.mark.parametrize(
    "entry",
    [
        {"action": ["update"]},
        {"record": {"kind": ["case"], "ref": None}},
        {"at": "0001-01-01T00:00:00+05:00"},
    ],
)
def test_a_history_entry_of_the_wrong_type_is_refused(
    sqlite_workspace: Workspace, entry: dict[str, Any]
) -> None:
    good = {"at": "2021-01-01T10:00:00+00:00", "user": "ana", "action": "update"}
    refused(sqlite_workspace, minimal(history=[{**good, **entry}]), message="history[0]")


# -- every field, every JSON type ---------------------------------------------------------


def every_kind() -> dict[str, Any]:
    """A valid archive with a record in every section and one history entry."""
    data = minimal(
        format_version=2,
        charges=[{"ref": "c1", "statute": "PL 1"}],
        notes=[{"body": "Call."}],
        appearances=[
            {
                "ref": "ap1",
                "date": "2021-03-02",
                "time": "09:30",
                "purpose": "conference",
                "part": "AP-7",
                "adjourned_to": "2021-04-06",
                "requested_by": "people",
                "people_ready": False,
                "people_asked_days": 7,
                "custody_after": "out",
            }
        ],
        filings=[{"ref": "f1", "date": "2021-03-20", "kind": "readiness", "with_coc": True}],
        deadlines=[{"ref": "dl1", "title": "Motions due", "date": "2021-04-01"}],
        history=[
            {
                "at": "2021-03-01T10:00:00+00:00",
                "user": "ana",
                "action": "update",
                "record": {"kind": "statement", "ref": "s1"},
                "changes": {"text": ["I was out.", "I was home."]},
                "note": "",
            },
            {
                "at": "2021-03-02T10:00:00+00:00",
                "user": "ana",
                "action": "update",
                "record": {"kind": "appearance", "ref": "ap1"},
                "changes": {"adjourned_to": ["2021-03-30", "2021-04-06"]},
                "note": "",
            },
        ],
    )
    data["case"].update(commenced_on="2021-03-01", custody="out")
    return data


def _record_fields() -> list[tuple[str, str]]:
    """(section, key) of every key an archive's case, records and history may have."""
    data = every_kind()
    found = [("case", key) for key in sorted(CASE_KEYS)]
    for section in SECTIONS:
        assert data.get(section.name), f"every_kind() has no {section.name}"
        found += [(section.name, key) for key in sorted(section.keys)]
    found += [("history", key) for key in sorted(HISTORY_KEYS)]
    return found


def with_value(section: str, key: str, value: Any) -> dict[str, Any]:
    data = every_kind()
    target = data["case"] if section == "case" else data[section][0]
    target[key] = copy.deepcopy(value)
    return data


def test_the_archive_with_every_kind_imports(sqlite_workspace: Workspace) -> None:
    import_archive(sqlite_workspace, make_zip(every_kind()))


HUGE = [2**63, -(2**63) - 1, 2**31, 10**40]
SIMPLE_VALUES: list[Any] = [None, True, False, 0, -1, 1.5, "", "x", [], {}, *HUGE]
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.sampled_from(HUGE)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


def workspace_state(ws: Workspace) -> dict[str, int]:
    """How many rows each table of records (and the audit trail) holds."""
    with ws.reader() as session:
        return {
            model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
            for model in (Case, Person, Party, Statement, Document, Charge, Event, Issue, Note)
            + (Appearance, Filing, Deadline)
        } | {"audit": session.scalar(select(func.count()).select_from(AuditEntry)) or 0}


def import_or_refuse(ws: Workspace, data: dict[str, Any]) -> None:
    """Import ``data``: a new case, or an ArchiveError and the workspace as it was."""
    before = workspace_state(ws)
    try:
        case_id = import_archive(ws, make_zip(data))
    except ArchiveError as exc:
        assert "\n" not in str(exc) and len(str(exc)) < 1000
        assert workspace_state(ws) == before
    else:
        assert workspace_state(ws)["cases"] == before["cases"] + 1
        cases.delete_case(ws, case_id)


def test_every_field_with_a_value_of_every_json_type_imports_or_is_refused(
    workspace: Workspace,
) -> None:
    """Every key, every JSON type: the reader refuses it (no database touched), or the
    import succeeds; never another exception. On both backends: PostgreSQL's columns
    are narrower."""
    for section, key in _record_fields():
        for value in [*SIMPLE_VALUES, [None], [[1]], {"a": []}, "\ud800", "a\x00b"]:
            data = with_value(section, key, value)
            try:
                read_content(data)
            except ArchiveError as exc:
                assert "\n" not in str(exc)
                continue
            import_or_refuse(workspace, data)


@settings(
    max_examples=80,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(field=st.sampled_from(_record_fields()), value=json_values)
def test_importing_any_json_value_in_any_field_succeeds_or_changes_nothing(
    sqlite_workspace: Workspace, field: tuple[str, str], value: Any
) -> None:
    section, key = field
    import_or_refuse(sqlite_workspace, with_value(section, key, value))


# -- the text of an attached file ---------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# Markup-heavy paragraphs: 1,000 empty runs and one word each (about 16 KB).
PARAGRAPH = (
    "<w:p>" + "<w:r><w:rPr><w:b/></w:rPr></w:r>" * 1000 + "<w:r><w:t>word</w:t></w:r></w:p>"
).encode()


def docx_of(megabytes: int) -> bytes:
    """A Word file whose document.xml unpacks to about ``megabytes`` MB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        with zf.open("word/document.xml", "w", force_zip64=True) as out:
            out.write(f'<w:document xmlns:w="{W}"><w:body>'.encode())
            for _ in range(megabytes * 1024 * 1024 // len(PARAGRAPH)):
                out.write(PARAGRAPH)
            out.write(b"<w:p><w:r><w:t>platypus</w:t></w:r></w:p></w:body></w:document>")
    return buffer.getvalue()


def test_a_docx_past_the_text_limit_is_stored_without_text_and_with_a_note(
    sqlite_workspace: Workspace,
) -> None:
    content = docx_of(limits.MAX_EXTRACT_XML_BYTES // (1024 * 1024) + 2)
    sha = hashlib.sha256(content).hexdigest()
    data = minimal()
    data["documents"][0]["file"] = {"sha256": sha, "size": len(content), "original_name": "a.docx"}
    archive = make_zip(data, files={f"attachments/{sha}": content})
    assert len(archive.getvalue()) < 500_000
    tracemalloc.start()
    try:
        case_id = import_archive(sqlite_workspace, archive)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 30 * 1024 * 1024
    with sqlite_workspace.reader() as session:
        text, note = session.execute(
            select(Document.extracted_text, Document.extraction_note).where(
                Document.case_id == case_id
            )
        ).one()
    assert text is None
    assert "more than the limit of 64 MB" in note


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_a_large_docx_under_the_limit_is_read_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.docx"
    path.write_bytes(docx_of(limits.MAX_EXTRACT_XML_BYTES // (1024 * 1024) - 4))
    # VmHWM: the peak memory of this process alone (ru_maxrss would count the
    # forked test runner's too).
    script = (
        "import re, sys; from app.core.textextract import extract_text; "
        "text, note = extract_text(sys.argv[1]); "
        "status = open('/proc/self/status').read(); "
        "print(int(re.search(r'VmHWM:\\s+(\\d+)', status)[1]) // 1024, "
        "text.count('word'), text.endswith('platypus'), repr(note))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        cwd=Path(__file__).resolve().parents[3],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    peak_mb, words, last, note = result.stdout.split(maxsplit=3)
    assert int(words) > 1500 and last == "True" and note.strip() == "''"
    assert int(peak_mb) < 150, f"{peak_mb} MB to read a {path.stat().st_size:,}-byte file"


def test_a_long_text_file_is_read_only_as_far_as_the_kept_text_needs(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    with path.open("wb") as out:
        for _ in range(10):
            out.write("é".encode() * (1024 * 1024))  # 20 MB in all
    tracemalloc.start()
    try:
        text, note = extract_text(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert text is not None and len(text) == limits.MAX_EXTRACTED_CHARS and set(text) == {"é"}
    assert "only the first" in note
    assert peak < 60 * 1024 * 1024
