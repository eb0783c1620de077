"""The Documents section tells, through the context's interaction, why a file won't open."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QUrl

from app.context import AppContext
from app.core.services import documents
from app.gui.sections.documents import DocumentsSection
from tests.gui.forms import fixtures as forms_fixtures
from tests.gui.forms.fixtures import SmallCase, talk

form_ctx = forms_fixtures.form_ctx
small_case = forms_fixtures.small_case


def _section(qtbot: Any, ctx: AppContext, case_id: int) -> tuple[DocumentsSection, list[QUrl]]:
    section = DocumentsSection(ctx)
    qtbot.addWidget(section)
    section.set_case(case_id)
    opened: list[QUrl] = []
    section.open_url = lambda url: opened.append(url) or True  # a viewer took it
    return section, opened


def test_a_document_without_a_file_says_so(qtbot, form_ctx: AppContext, small_case: SmallCase):
    section, opened = _section(qtbot, form_ctx, small_case.case_id)
    section.open_file(small_case.memo)  # the memo has no file; the report's is not stored
    assert not opened
    (said,) = talk(form_ctx).log
    assert (said.kind, said.text) == ("inform", "This document has no file attached.")


def test_a_file_gone_from_the_store_is_a_warning(
    qtbot, tmp_path, form_ctx: AppContext, small_case: SmallCase
) -> None:
    path = tmp_path / "report.txt"
    path.write_text("the report")
    document_id = documents.add_document(form_ctx.workspace, small_case.case_id, file=path)
    sha = documents.get_document(form_ctx.workspace, document_id)["file_sha256"]
    form_ctx.workspace.store.path_for(sha).unlink()
    section, opened = _section(qtbot, form_ctx, small_case.case_id)
    section.open_file(document_id)
    assert not opened
    (said,) = talk(form_ctx).log
    assert said.kind == "warn" and said.title == "File missing"
    assert "“report” is not in the attachment folder" in said.text


def test_a_file_no_program_opens_is_a_warning_in_the_window(
    qtbot, tmp_path, form_ctx: AppContext, small_case: SmallCase
) -> None:
    path = tmp_path / "scan.xyz"
    path.write_text("a scan")
    document_id = documents.add_document(form_ctx.workspace, small_case.case_id, file=path)
    section, _opened = _section(qtbot, form_ctx, small_case.case_id)
    section.open_url = lambda _url: False  # the desktop has no program for it
    section.open_file(document_id)
    (said,) = talk(form_ctx).log
    assert said.kind == "warn" and said.title == "No program to open it"
    assert "“scan.xyz”" in said.text and "XYZ files" in said.text


def test_a_deleted_document_is_a_warning(qtbot, form_ctx: AppContext, small_case: SmallCase):
    section, opened = _section(qtbot, form_ctx, small_case.case_id)
    documents.delete_document(form_ctx.workspace, small_case.complaint)
    section.open_file(small_case.complaint)
    assert not opened
    (said,) = talk(form_ctx).log
    assert said.kind == "warn" and f"no document with id {small_case.complaint}" in said.text
