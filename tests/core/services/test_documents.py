"""Documents and their attached files."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from app.core.errors import StoreError, ValidationError
from app.core.services import documents, events, statements
from app.core.storage.workspace import Workspace
from tests.core.services.test_services import CaseFile, table_counts


def _file(folder: Path, name: str, content: bytes) -> tuple[Path, str]:
    path = folder / name
    path.write_bytes(content)
    return path, hashlib.sha256(content).hexdigest()


def test_attach_and_duplicate_detection(workspace: Workspace, tmp_path: Path) -> None:
    cf = CaseFile.build(workspace)
    complaint, sha = _file(tmp_path, "complaint.pdf", b"%PDF-1.4 the complaint")

    doc = documents.add_document(workspace, cf.case_id, file=complaint, kind="criminal_complaint")
    snapshot = documents.get_document(workspace, doc)
    assert snapshot["title"] == "complaint"  # from the file name when none is given
    assert snapshot["file_sha256"] == sha and snapshot["file_name"] == "complaint.pdf"
    assert workspace.store.read_bytes(sha) == complaint.read_bytes()
    assert documents.document_with_file(workspace, cf.case_id, sha) == "complaint"

    # The same file again in the same case is refused, naming the document that has it.
    before = table_counts(workspace)
    with pytest.raises(ValidationError, match="already in the case as the document 'complaint'"):
        documents.add_document(workspace, cf.case_id, file=complaint, title="Again")
    assert table_counts(workspace) == before
    # ... unless the user says so; and another case may have it too.
    documents.add_document(workspace, cf.case_id, file=complaint, allow_duplicate=True)
    documents.add_document(workspace, cf.other_case_id, file=complaint)
    assert list(workspace.store.all_hashes()) == [sha]

    # Attaching a new file to an existing document replaces the reference; the old bytes stay.
    report, report_sha = _file(tmp_path, "report.txt", b"police report")
    documents.attach_file(workspace, cf.document, report)
    snapshot = documents.get_document(workspace, cf.document)
    assert snapshot["file_sha256"] == report_sha
    assert snapshot["file_size"] == len(b"police report")
    assert snapshot["file_media_type"] == "text/plain"
    assert sorted(workspace.store.all_hashes()) == sorted([sha, report_sha])

    # A file that cannot be read is refused before anything is written.
    before = table_counts(workspace)
    with pytest.raises(StoreError, match="cannot read"):
        documents.add_document(workspace, cf.case_id, file=tmp_path / "missing.pdf")
    assert table_counts(workspace) == before


def test_file_fields_are_checked(workspace: Workspace) -> None:
    cf = CaseFile.build(workspace)
    before = table_counts(workspace)
    for field, value in (
        ("file_sha256", "not-a-hash"),
        ("file_sha256", "AB" * 32),
        ("file_size", -1),
        ("file_size", "12"),
        ("file_size", 2**63),  # past a 64-bit column
        ("file_size", 2**64),
        ("kind", "rumor"),
        ("privileged", "yes"),
    ):
        with pytest.raises(ValidationError) as caught:
            documents.add_document(workspace, cf.case_id, title="Doc", **{field: value})
        assert caught.value.field == field
    assert table_counts(workspace) == before


def test_a_file_past_2_gib_keeps_its_size(workspace: Workspace) -> None:
    # Body-camera video passes 2 GiB; PostgreSQL's column was a 32-bit INTEGER.
    cf = CaseFile.build(workspace)
    size = 5 * 2**30
    doc = documents.add_document(
        workspace, cf.case_id, title="Body camera", file_sha256="ab" * 32, file_size=size
    )
    assert documents.get_document(workspace, doc)["file_size"] == size


def test_deleting_a_cited_document_keeps_what_cites_it(workspace: Workspace) -> None:
    cf = CaseFile.build(workspace)
    statement = statements.add_statement(
        workspace, cf.case_id, speaker_id=cf.client, text="Said.", source_document_id=cf.document
    )
    event = events.add_event(workspace, cf.case_id, title="Filed", source_document_id=cf.document)
    assert documents.document_dependents(workspace, cf.document) == {
        "statements": 1,
        "events": 1,
    }
    documents.delete_document(workspace, cf.document)
    assert statements.get_statement(workspace, statement)["source_document_id"] is None
    assert events.get_event(workspace, event)["source_document_id"] is None
    assert documents.document_dependents(workspace, cf.document) == {"statements": 0, "events": 0}
