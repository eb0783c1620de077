"""Files dropped or chosen: the drop highlight, the confirm dialog, one undo step."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from app.context import AppContext
from app.core.dates import PartialDate
from app.core.services import documents
from app.gui import actions
from app.gui.dialogs.attach_files import AttachFilesDialog
from app.gui.sections.documents import DocumentsSection
from app.gui.settings import QSettingsMapping
from app.gui.window.main_window import MainWindow
from tests.core.documents.test_guess import COMPLAINT, make_jpeg, make_pdf
from tests.gui.recording import RecordingInteraction


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    return [
        make_pdf(tmp_path / "scan0001.pdf", COMPLAINT),
        make_jpeg(tmp_path / "IMG_2041.jpg", "2026:08:03 14:15:00"),
    ]


@pytest.fixture
def window(qtbot: Any, ctx: AppContext, qsettings: Any, sample_case_id: int) -> MainWindow:
    ctx.interaction = RecordingInteraction()
    ctx.settings = QSettingsMapping(qsettings)  # type: ignore[assignment]
    win = MainWindow(ctx, actions=actions)
    win.resize(1200, 760)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.open_case(sample_case_id)
    win.show_section("documents")
    return win


def _talk(window: MainWindow) -> RecordingInteraction:
    talk = window.ctx.interaction
    assert isinstance(talk, RecordingInteraction)
    return talk


def _documents(window: MainWindow) -> DocumentsSection:
    section = window.case_view.sections["documents"]
    assert isinstance(section, DocumentsSection)
    return section


def _mime(paths: list[Path]) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def _titles(ctx: AppContext, case_id: int) -> dict[str, dict[str, Any]]:
    ws = ctx.workspace
    found = [documents.get_document(ws, d.id) for d in documents.documents_of_case(ws, case_id)]
    return {d["title"]: d for d in found}


def test_dragging_files_over_the_documents_shows_where_they_go(
    window: MainWindow, files: list[Path]
) -> None:
    section = _documents(window)
    zone = section.drop_zone
    assert not zone.isVisible()
    mime = _mime(files)
    enter = QDragEnterEvent(
        QPoint(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(section, enter)
    assert enter.isAccepted()
    assert zone.isVisible() and zone.label.text() == "Drop to attach 2 files"
    assert zone.geometry() == section.rect()
    assert zone.accessibleName() == "Drop zone"
    assert zone.accessibleDescription() == "Drop to attach 2 files"
    QApplication.sendEvent(section, QDragLeaveEvent())
    assert not zone.isVisible()
    # Something that is not files shows nothing.
    text = QMimeData()
    text.setText("not a file")
    ignored = QDragEnterEvent(
        QPoint(20, 20),
        Qt.DropAction.CopyAction,
        text,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(section, ignored)
    assert not zone.isVisible()


def _drop(section: DocumentsSection, paths: list[Path]) -> None:
    mime = _mime(paths)
    QApplication.sendEvent(
        section,
        QDragEnterEvent(
            QPoint(20, 20),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        ),
    )
    assert section.drop_zone.isVisible()
    section.dropEvent(
        QDropEvent(
            QPointF(20, 20),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
    )
    assert not section.drop_zone.isVisible()


def test_dropped_files_are_confirmed_then_added_together(
    qtbot: Any, window: MainWindow, files: list[Path], sample_case_id: int
) -> None:
    ctx, talk = window.ctx, _talk(window)
    before = set(_titles(ctx, sample_case_id))
    seen: list[tuple[str, str, str]] = []

    def confirm_by_keyboard(dialog: QDialog) -> int:
        assert isinstance(dialog, AttachFilesDialog)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        for row in dialog.rows:
            seen.append((row.kind.currentText(), row.title.text(), row.date.text()))
        complaint, photo = dialog.rows
        # Tab order: kind, title, date of each file in turn.
        assert QApplication.focusWidget() is complaint.kind
        qtbot.keyClick(complaint.kind, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is complaint.title
        complaint.title.selectAll()
        qtbot.keyClicks(complaint.title, "Felony complaint (Lopez)")
        qtbot.keyClick(complaint.title, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is complaint.date
        qtbot.keyClicks(complaint.date, "June 14, 2026")
        qtbot.keyClick(complaint.date, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is photo.kind
        photo.kind.set_value("social_media_post")
        qtbot.keyClick(photo.kind, Qt.Key.Key_Return)  # the default button: Attach
        return int(dialog.result())

    talk.dialogs.append(confirm_by_keyboard)
    _drop(_documents(window), files)
    assert seen == [
        ("Criminal complaint", "Felony complaint", ""),
        ("Photo", "Photo, 3 Aug 2026", "August 3, 2026"),
    ]
    added = {t: d for t, d in _titles(ctx, sample_case_id).items() if t not in before}
    assert set(added) == {"Felony complaint (Lopez)", "Photo, 3 Aug 2026"}
    complaint, photo = added["Felony complaint (Lopez)"], added["Photo, 3 Aug 2026"]
    assert (complaint["kind"], complaint["date"]) == (
        "criminal_complaint",
        PartialDate(2026, 6, 14),
    )
    assert complaint["file_name"] == "scan0001.pdf"
    assert (photo["kind"], photo["date"]) == ("social_media_post", PartialDate(2026, 8, 3))
    assert window.undo.undoText() == "Add 2 documents"
    window.undo.undo()
    assert set(_titles(ctx, sample_case_id)) == before
    window.undo.redo()
    assert set(_titles(ctx, sample_case_id)) == before | set(added)


def test_cancel_attaches_nothing(
    window: MainWindow, files: list[Path], sample_case_id: int
) -> None:
    ctx, talk = window.ctx, _talk(window)
    before = _titles(ctx, sample_case_id)
    count = window.undo.count()
    talk.dialogs.append(lambda dialog: int(QDialog.DialogCode.Rejected))
    _drop(_documents(window), files)
    assert _titles(ctx, sample_case_id) == before and window.undo.count() == count


def test_add_files_goes_through_the_same_confirmation(
    window: MainWindow, files: list[Path], sample_case_id: int
) -> None:
    ctx, talk = window.ctx, _talk(window)
    talk.file_lists.append([str(files[0])])

    def attach(dialog: QDialog) -> int:
        assert dialog.windowTitle() == "Attach 1 file"
        assert isinstance(dialog, AttachFilesDialog)
        dialog.rows[0].title.setText("")
        dialog.attach()  # refused: a title is needed
        assert dialog.result() != QDialog.DialogCode.Accepted
        assert "scan0001.pdf needs a title" in dialog.message.text()
        dialog.rows[0].title.setText("Complaint")
        dialog.rows[0].date.setText("not a date")
        dialog.attach()
        assert "is not a date" in dialog.message.text()
        dialog.rows[0].date.setText("")
        dialog.attach()
        return int(dialog.result())

    talk.dialogs.append(attach)
    window.add_files_action.trigger()
    added = _titles(ctx, sample_case_id)["Complaint"]
    assert (added["kind"], added["date"]) == ("criminal_complaint", None)
    assert window.undo.undoText() == "Add document “Complaint”"


def test_every_control_of_the_dialog_is_named(qtbot: Any, files: list[Path]) -> None:
    from app.core.documents.guess import guess_document

    dialog = AttachFilesDialog([guess_document(p) for p in files])
    qtbot.addWidget(dialog)
    dialog.show()
    unnamed = [
        widget
        for widget in dialog.findChildren(QWidget)
        if widget.isVisible()
        and widget.focusPolicy() != Qt.FocusPolicy.NoFocus
        and not widget.accessibleName()
        and not getattr(widget, "text", lambda: "")()
    ]
    assert unnamed == []
    names = {w.accessibleName() for w in dialog.findChildren(QWidget)}
    assert {"Kind of scan0001.pdf", "Title of IMG_2041.jpg", "Date of IMG_2041.jpg"} <= names
