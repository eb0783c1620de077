"""Statements from this document: an attached file's text read (decrypted in memory
in an encrypted workspace, nothing left behind), reviewed, and cited without a copy;
a file with no text said plainly; the Documents section, its context menu and the
viewer each offer it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog
from sqlalchemy import func, select

from app.context import AppContext
from app.core.services import cases, documents
from app.core.storage import crypto
from app.core.storage.models import Document, Statement
from app.core.storage.workspace import Workspace, open_workspace
from app.gui.dialogs.extract import ExtractDialog
from app.gui.dialogs.extract_document import (
    READ_DOCUMENT_TASK,
    add_viewer_button,
    read_document,
    statements_from_document,
)
from tests.gui.recording import RecordingInteraction

ARTICLE = (
    "BROOKLYN, N.Y. (March 4, 2026) - The district attorney spoke on Tuesday.\n\n"
    '"We will not tolerate this," said District Attorney Jane Roe.\n\n'
    '"I am innocent," Luis Reyes told reporters outside the courthouse.\n'
)
WORDS = "We will not tolerate this"


def _attach(ws: Workspace, case_id: int, folder: Path, name: str, data: bytes) -> int:
    path = folder / name
    path.write_bytes(data)
    return documents.add_document(ws, case_id, file=path, title=name.split(".")[0])


def _count(ws: Workspace, model: type) -> int:
    with ws.reader() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_reading_an_attachment_proposes_its_statements(
    ctx: AppContext, sample_case_id: int, tmp_path: Path
) -> None:
    ws = ctx.workspace
    doc = _attach(ws, sample_case_id, tmp_path, "release.txt", ARTICLE.encode())
    found = read_document(ws, doc)
    assert found.text == ARTICLE.strip() and found.case_id == sample_case_id
    assert any(WORDS in p.text for p in found.proposals)


@pytest.mark.parametrize(
    ("name", "data", "said"),
    [
        ("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "found no text in “photo”"),
        ("blank.txt", b"   \n\n  ", "found no text in “blank”"),
    ],
)
def test_a_file_with_no_text_is_said_plainly(
    ctx: AppContext, sample_case_id: int, tmp_path: Path, name: str, data: bytes, said: str
) -> None:
    doc = _attach(ctx.workspace, sample_case_id, tmp_path, name, data)
    found = read_document(ctx.workspace, doc)
    assert found.text is None and said in found.note and "OCR" in found.note
    bare = documents.add_document(ctx.workspace, sample_case_id, title="Notes by phone")
    assert "has no file attached" in read_document(ctx.workspace, bare).note


@pytest.mark.skipif(not crypto.available(), reason="the 'encryption' extra is not installed")
def test_an_encrypted_attachment_is_read_without_plaintext_left_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(crypto, "WORKSPACE_KDF", crypto.KdfParams(log2_n=10))
    ws = open_workspace(tmp_path / "sealed.casefile", "a long passphrase here", user="tester")
    try:
        case_id = cases.add_case(ws, caption="People v. Reyes")
        outside = tmp_path / "outside"
        outside.mkdir()
        doc = _attach(ws, case_id, outside, "release.txt", ARTICLE.encode())
        (outside / "release.txt").unlink()
        found = read_document(ws, doc)
        assert found.text == ARTICLE.strip() and found.proposals
        leftovers = [
            p for p in ws.store.root.rglob("*") if p.is_file() and b"tolerate" in p.read_bytes()
        ]
        assert leftovers == []
    finally:
        ws.close()


@pytest.fixture
def talk(ctx: AppContext) -> Iterator[RecordingInteraction]:
    ctx.interaction = RecordingInteraction()
    yield ctx.interaction


def test_the_review_cites_the_document_and_stores_no_copy(
    qtbot: Any, ctx: AppContext, sample_case_id: int, tmp_path: Path, talk: RecordingInteraction
) -> None:
    from PySide6.QtGui import QUndoStack

    ws = ctx.workspace
    doc = _attach(ws, sample_case_id, tmp_path, "release.txt", ARTICLE.encode())
    documents_before, files_before = _count(ws, Document), set(ws.store.all_hashes())
    seen: list[str] = []

    def accept(dialog: QDialog) -> int:
        assert isinstance(dialog, ExtractDialog)
        seen.append(dialog.windowTitle())
        dialog.accept()
        return int(dialog.result())

    talk.dialogs.append(accept)
    stack = QUndoStack()
    statements_from_document(ctx, stack, doc)
    assert ctx.tasks.wait(30)
    qtbot.waitUntil(lambda: stack.count() == 1, timeout=5000)
    assert seen == ["Statements in release"]
    assert _count(ws, Document) == documents_before
    assert set(ws.store.all_hashes()) == files_before
    with ws.reader() as session:
        sources = set(session.scalars(select(Statement.source_document_id).where(
            Statement.text.contains("tolerate"))))  # fmt: skip
    assert sources == {doc}
    stack.undo()
    assert _count(ws, Document) == documents_before


def test_no_text_warns_and_opens_no_review(
    qtbot: Any, ctx: AppContext, sample_case_id: int, tmp_path: Path, talk: RecordingInteraction
) -> None:
    doc = _attach(
        ctx.workspace, sample_case_id, tmp_path, "photo.png", b"\x89PNG\r\n\x1a\n" + bytes(200)
    )
    statements_from_document(ctx, None, doc)
    assert ctx.tasks.wait(30)
    qtbot.waitUntil(lambda: bool(talk.of_kind("warn")), timeout=5000)
    [warning] = talk.of_kind("warn")
    assert warning.title == "No text to read" and "photo" in warning.text
    assert not talk.of_kind("dialog")
    assert READ_DOCUMENT_TASK not in ctx.tasks.running()


def test_the_viewer_gets_a_statements_button(
    qtbot: Any, ctx: AppContext, sample_case_id: int, tmp_path: Path
) -> None:
    from app.gui.viewer import open_document_viewer

    doc = _attach(ctx.workspace, sample_case_id, tmp_path, "release.txt", ARTICLE.encode())
    viewer = open_document_viewer(ctx, doc)
    assert viewer is not None
    qtbot.addWidget(viewer)
    viewer.complete()  # the row of controls comes once the first page is painted
    button = viewer.statements_button
    assert button.accessibleName() == "Statements from this document"
    row = viewer.controls
    assert row.indexOf(button) == row.indexOf(viewer.new_statement_button) + 1
    assert viewer.new_statement_button.nextInFocusChain() is button
    assert add_viewer_button(object()) is None  # a viewer without a source: no button


def test_the_documents_section_and_its_menu_offer_statements_from_the_document(
    qtbot: Any,
    ctx: AppContext,
    sample_case_id: int,
    tmp_path: Path,
    talk: RecordingInteraction,
    qsettings: Any,
) -> None:
    from app.gui import actions
    from app.gui.settings import QSettingsMapping
    from app.gui.window.context_menus import menu_texts
    from app.gui.window.main_window import MainWindow

    doc = _attach(ctx.workspace, sample_case_id, tmp_path, "release.txt", ARTICLE.encode())
    ctx.settings = QSettingsMapping(qsettings)  # type: ignore[assignment]
    window = MainWindow(ctx, actions=actions)
    window.resize(1200, 760)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.open_case(sample_case_id)
    window.show_section("documents")
    section = window.case_view.sections["documents"]
    table = section.table  # type: ignore[attr-defined]
    assert section.select_key({"id": doc})  # type: ignore[attr-defined]
    button = section.statements_button  # type: ignore[attr-defined]
    assert button.isEnabled() and button.accessibleName() == "Statements from this document"
    row = table.currentIndex().row()
    table.customContextMenuRequested.emit(table.visualRect(table.model().index(row, 0)).center())
    menu = window.context_menus.last_menu
    assert menu is not None and "Statements from This Document…" in menu_texts(menu)
    seen: list[int] = []

    def review(dialog: QDialog) -> int:
        assert isinstance(dialog, ExtractDialog)
        seen.append(dialog.row_count())
        dialog.accept()
        return int(dialog.result())

    talk.dialogs.append(review)
    before = _count(ctx.workspace, Statement)
    window.context_menus.statements_action.trigger()
    assert ctx.tasks.wait(30)
    qtbot.waitUntil(lambda: window.undo.count() == 1, timeout=5000)
    assert seen and seen[0] >= 2
    assert _count(ctx.workspace, Statement) > before
    window.undo.undo()
    assert _count(ctx.workspace, Statement) == before
