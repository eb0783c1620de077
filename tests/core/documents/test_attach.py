"""Several files attached in one unit of work, as one undo step."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.dates import PartialDate
from app.core.documents.attach import AttachFilesOperation, FileToAttach, attach_files
from app.core.errors import ValidationError
from app.core.services import cases, documents
from app.core.storage.workspace import Workspace


def _files(tmp_path: Path) -> list[Path]:
    first, second = tmp_path / "complaint.txt", tmp_path / "dd5.txt"
    first.write_text("FELONY COMPLAINT against Maria Lopez")
    second.write_text("DD5 follow-up: the megaphone")
    return [first, second]


def _titles(ws: Workspace, case_id: int) -> list[str]:
    return sorted(d.title for d in documents.documents_of_case(ws, case_id))


def test_all_or_nothing(workspace: Workspace, tmp_path: Path) -> None:
    case = cases.add_case(workspace, caption="People v. Lopez")
    first, second = _files(tmp_path)
    with pytest.raises(ValidationError):
        attach_files(
            workspace,
            case,
            [
                FileToAttach(first, "Felony complaint", "criminal_complaint"),
                FileToAttach(second, ""),
            ],
        )
    assert _titles(workspace, case) == []  # the first was not added alone
    done = attach_files(
        workspace,
        case,
        [
            FileToAttach(first, "Felony complaint", "criminal_complaint", "June 14, 2026"),
            FileToAttach(second, "DD5", "police_report"),
            FileToAttach(first, "Again"),  # the same bytes: left out, named
        ],
    )
    assert _titles(workspace, case) == ["DD5", "Felony complaint"]
    assert done.skipped == [
        "complaint.txt: this file is already in the case as the document 'Felony complaint'"
    ]
    complaint = documents.get_document(workspace, done.ids[0])
    assert (complaint["kind"], complaint["date"]) == (
        "criminal_complaint",
        PartialDate(2026, 6, 14),
    )
    from app.core.search.query import search

    assert [h.id for h in search(workspace, "megaphone", case_id=case)] == [done.ids[1]]


def test_one_undo_step(workspace: Workspace, tmp_path: Path) -> None:
    case = cases.add_case(workspace, caption="People v. Lopez")
    items = [FileToAttach(path, path.stem) for path in _files(tmp_path)]
    operation = AttachFilesOperation(workspace, case, items)
    operation.apply()
    assert _titles(workspace, case) == ["complaint", "dd5"]
    assert operation.changes().ids["document"] == frozenset(operation.result.ids)
    operation.revert()
    assert _titles(workspace, case) == []
    operation.reapply()
    assert _titles(workspace, case) == ["complaint", "dd5"]
    assert sorted(d.id for d in documents.documents_of_case(workspace, case)) == sorted(
        operation.result.ids
    )
