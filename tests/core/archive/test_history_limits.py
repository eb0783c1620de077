"""The limits of a case archive's ``history``: its note, each changed value, the changes
of one entry as a whole and the number of entries are bounded like every other field
(docs/archive-format.md, "Limits"), so a small archive cannot write hundreds of
megabytes into the audit trail."""

from __future__ import annotations

import io
import json
import tracemalloc
import zipfile
from typing import Any

import pytest
from sqlalchemy import select

from app.core import limits
from app.core.archive import history
from app.core.archive.transfer import ArchiveLimits, import_archive
from app.core.errors import ArchiveError
from app.core.services import cases
from app.core.storage.models import AuditEntry
from app.core.storage.workspace import Workspace
from tests.core.archive.test_archive import assert_nothing_imported, make_zip, minimal
from tests.core.archive.test_hostile_archive import refused

TOO_LONG = "x" * (limits.MAX_FIELD_CHARS + 1)


def entry(**fields: Any) -> dict[str, Any]:
    base = {"at": "2021-01-01T10:00:00+00:00", "user": "ana", "action": "update"}
    return {**base, "record": {"kind": "statement", "ref": "s1"}, **fields}


def with_history(*entries: dict[str, Any]) -> dict[str, Any]:
    return minimal(history=list(entries))


def test_a_note_past_the_field_limit_is_refused(sqlite_workspace: Workspace) -> None:
    data = with_history(entry(note="fine"), entry(note=TOO_LONG))
    message = refused(sqlite_workspace, data, message="history[1]")
    assert "note" in message and f"{limits.MAX_FIELD_CHARS:,}" in message


def test_a_changed_value_past_the_field_limit_is_refused(sqlite_workspace: Workspace) -> None:
    data = with_history(entry(changes={"text": ["I was home.", TOO_LONG]}))
    message = refused(sqlite_workspace, data, message="history[0]")
    assert "'text'" in message and f"{limits.MAX_FIELD_CHARS:,}" in message


def test_text_in_a_list_value_counts_too(sqlite_workspace: Workspace) -> None:
    changes = {"aliases": [[], ["Sam", TOO_LONG]]}
    data = with_history(entry(record={"kind": "person", "ref": "p1"}, changes=changes))
    message = refused(sqlite_workspace, data, message="history[0]")
    assert "'aliases'" in message and f"{limits.MAX_FIELD_CHARS:,}" in message


def test_the_longest_edit_of_a_person_imports(sqlite_workspace: Workspace) -> None:
    """Address, notes and two aliases at the field limit, all changed in one edit: what
    a workspace can record, an archive can carry."""
    old, new = "o" * limits.MAX_FIELD_CHARS, "n" * limits.MAX_FIELD_CHARS
    changes = {
        "address": [old, new],
        "notes": [old, new],
        "aliases": [[old], [new, "m" * limits.MAX_FIELD_CHARS]],
        "name": ["Sam Smal", "Sam Small"],
    }
    data = with_history(entry(record={"kind": "person", "ref": "p1"}, changes=changes))
    import_archive(sqlite_workspace, make_zip(data))
    assert [case.caption for case in cases.list_cases(sqlite_workspace)] == ["People v. Small"]


def test_the_changes_of_one_entry_have_a_limit_of_their_own(
    sqlite_workspace: Workspace,
) -> None:
    # Each value within the field limit, but together past the entry's limit.
    each = "y" * limits.MAX_FIELD_CHARS
    names = limits.MAX_HISTORY_CHANGE_CHARS // (2 * limits.MAX_FIELD_CHARS) + 1
    changes = {f"field_{n}": [each, each] for n in range(names)}
    message = refused(sqlite_workspace, with_history(entry(changes=changes)), message="history[0]")
    assert "changes" in message and f"{limits.MAX_HISTORY_CHANGE_CHARS:,}" in message


def test_too_many_entries_are_refused(
    sqlite_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(history, "MAX_HISTORY_ENTRIES", 3)
    message = refused(sqlite_workspace, with_history(*[entry() for _ in range(4)]))
    assert "history" in message and "3" in message


def test_history_at_the_limits_imports(sqlite_workspace: Workspace) -> None:
    longest = "z" * limits.MAX_FIELD_CHARS
    data = with_history(entry(note=longest, changes={"text": ["I was out.", longest]}))
    import_archive(sqlite_workspace, make_zip(data))
    with sqlite_workspace.reader() as session:
        notes = session.scalars(select(AuditEntry.note)).all()
    assert any(note.endswith(longest) for note in notes)  # after the import's own words


# -- reading case.json frugally ------------------------------------------------------------


def spaces_zip(megabytes: int, before: bytes = b"", after: bytes = b"") -> io.BytesIO:
    """A small zip whose case.json unpacks to ``megabytes`` MB of spaces (between
    ``before`` and ``after``)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        with zf.open("case.json", "w", force_zip64=True) as out:
            out.write(before)
            for _ in range(megabytes):
                out.write(b" " * (1024 * 1024))
            out.write(after)
    buffer.seek(0)
    return buffer


def test_case_json_is_read_without_copies(sqlite_workspace: Workspace) -> None:
    """case.json is held once while it is read: no copy of its bytes, and no text made
    of the blank space around its value (a file of spaces once took five times its size)."""
    megabytes = 12
    bomb = spaces_zip(megabytes)
    wide = ArchiveLimits(max_json_bytes=(megabytes + 1) * 1024 * 1024)
    tracemalloc.start()
    try:
        with pytest.raises(ArchiveError, match="not valid JSON"):
            import_archive(sqlite_workspace, bomb, limits=wide)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1.3 * megabytes * 1024 * 1024
    assert_nothing_imported(sqlite_workspace)


@pytest.mark.parametrize("around", [(b"", b""), (b"{", b"}"), (b'{"case": ', b"null}")])
def test_a_case_json_of_blank_space_is_refused_as_it_is_read(
    sqlite_workspace: Workspace, around: tuple[bytes, bytes]
) -> None:
    megabytes = 40
    bomb = spaces_zip(megabytes, *around)
    tracemalloc.start()
    try:
        with pytest.raises(ArchiveError, match=r"more than 95% blank space"):
            import_archive(sqlite_workspace, bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # The buffer of its declared size, and nothing more: no text, no parse.
    assert peak < 1.2 * megabytes * 1024 * 1024
    assert_nothing_imported(sqlite_workspace)


def test_indented_json_is_far_from_mostly_blank() -> None:
    """JSON indented even eight spaces a level (Casefile writes one) stays under the
    blank limit, with room to spare."""
    data = minimal(
        statements=[
            {"ref": f"s{n}", "speaker": "pa1", "text": "I was home.", "issues": ["i1"]}
            for n in range(200)
        ]
    )
    raw = json.dumps(data, indent=8).encode()
    blank = len(raw) - len(raw.translate(None, b" \t\r\n"))
    assert blank * 100 < len(raw) * (limits.MAX_CASE_JSON_BLANK_PERCENT - 10)


def test_blank_space_around_case_json_is_fine(sqlite_workspace: Workspace) -> None:
    raw = b"\n \t\r\n" + json.dumps(minimal()).encode() + b"\n\n  \n"
    import_archive(sqlite_workspace, make_zip(raw_json=raw))
    assert cases.list_cases(sqlite_workspace)[0].caption == "People v. Small"


def test_a_json_error_after_blank_lines_names_its_line(sqlite_workspace: Workspace) -> None:
    raw = b"\n\n\n" + json.dumps(minimal(), indent=1).encode()[:-2]
    lines = raw.count(b"\n") + 1
    with pytest.raises(ArchiveError, match=rf"\(line {lines}, column"):
        import_archive(sqlite_workspace, make_zip(raw_json=raw))
