"""Both writers, read back: sections, header and footer, numbering, outline, tables, styles."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pypdf
import pytest
from docx.oxml.ns import qn

from app.briefs.export import export_brief
from app.briefs.profiles import SECTIONS
from tests.briefs.conftest import (
    CASE_NOTE,
    CHARGE_NOTE,
    OPEN_NOTE,
    PARTY_NOTE,
    PERSON_NOTE,
    PRIVILEGED_TITLE,
    QUOTE_TEXT,
    STAFF_NOTE,
    STATEMENT_NOTE,
    TODAY,
    SmallCase,
)
from tests.briefs.helpers import docx_text, outline_titles, pdf_pages, pdf_text, squash

MARKING = "PRIVILEGED & CONFIDENTIAL \u2014 ATTORNEY WORK PRODUCT"
INTERNAL = [CASE_NOTE, PARTY_NOTE, PERSON_NOTE, STATEMENT_NOTE, CHARGE_NOTE]


def _export(case: SmallCase, path: Path, **kw) -> Path:  # type: ignore[no-untyped-def]
    export_brief(case.ws, case.case_id, path, today=TODAY, **kw)
    return path


def test_pdf_has_every_section_page_numbers_header_outline_and_metadata(
    small_case: SmallCase, tmp_path: Path
) -> None:
    path = _export(small_case, tmp_path / "brief.pdf")
    pages = pdf_pages(path)
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {total}" in page
        assert MARKING in page and "People v. Ingram & <Ortiz>" in page
        assert "Prepared June 1, 2026" in page
    text = pdf_text(path)
    for title in SECTIONS.values():
        if title != "Cover":
            assert title in text
    assert squash(QUOTE_TEXT) in squash(text)
    assert "CR-2026-0117" in text and "PL 155.25" in text
    assert "ALV-0001\u2013ALV-0004" in squash(text)
    assert "abababababab" in text  # the short SHA-256
    assert "about March 2026" in text
    assert outline_titles(path)[:3] == ["Cover", "At a glance", "Charges"]
    assert "Derrick Ingram" in outline_titles(path)  # a speaker group, one level down
    meta = pypdf.PdfReader(str(path)).metadata
    assert meta.title == "Case brief: People v. Ingram & <Ortiz>"
    assert meta.subject == "Full brief \u2014 Internal case review"


def test_docx_uses_template_styles_header_footer_fields_and_tables(
    small_case: SmallCase, tmp_path: Path
) -> None:
    path = _export(small_case, tmp_path / "brief.docx")
    doc = docx.Document(str(path))
    styles_used = {p.style.name for p in doc.paragraphs}
    assert {"Title", "Heading 1", "Heading 2", "Quote", "Brief Meta", "Brief Source"} <= styles_used
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == [t for k, t in SECTIONS.items() if k != "cover"]
    quotes = [p.text for p in doc.paragraphs if p.style.name == "Quote"]
    assert QUOTE_TEXT in quotes and "My manager saw me clock out." in quotes
    header = doc.sections[0].header.paragraphs[0].text
    assert "People v. Ingram & <Ortiz>" in header and MARKING in header
    footer = doc.sections[0].footer.paragraphs[0]
    assert "Prepared June 1, 2026" in footer.text and "Page" in footer.text
    instructions = [n.text.strip() for n in footer._p.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    charges = doc.tables[1]
    documents = next(t for t in doc.tables if t.rows[0].cells[0].text == "Title")
    assert [c.text for c in charges.rows[0].cells][:3] == ["Count", "Statute", "Description"]
    assert charges.rows[1].cells[1].text == "PL 155.25"
    assert charges.style.name == "Brief Table"
    for table in (charges, documents):
        assert table.rows[0]._tr.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
    assert [c.text for c in documents.rows[2].cells][0] == "Complaint report"
    assert doc.core_properties.title == "Case brief: People v. Ingram & <Ortiz>"


def test_both_formats_show_the_same_sections_in_the_same_order(
    small_case: SmallCase, tmp_path: Path
) -> None:
    sections = "notes,charges,cover,statements"
    pdf = pdf_text(_export(small_case, tmp_path / "b.pdf", sections=sections))
    word = docx_text(_export(small_case, tmp_path / "b.docx", sections=sections))
    order = ["Charges", "Statements", "Notes and to-dos"]
    for text in (pdf, word):
        positions = [text.index("\n" + title) for title in order]
        assert positions == sorted(positions)
        assert "People" not in re.findall(r"^People$", text, re.M)
        assert "Chronology" not in text


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_client_profile_leaves_internal_material_out_of_the_file(
    small_case: SmallCase, tmp_path: Path, fmt: str
) -> None:
    read = pdf_text if fmt == "pdf" else docx_text
    full = read(_export(small_case, tmp_path / f"full.{fmt}"))
    client = read(_export(small_case, tmp_path / f"client.{fmt}", profile="client"))
    cocounsel = read(_export(small_case, tmp_path / f"cc.{fmt}", profile="co-counsel"))
    for marker in [*INTERNAL, STAFF_NOTE, PRIVILEGED_TITLE]:
        assert marker in full, marker
        assert marker not in client, marker
    assert STAFF_NOTE not in cocounsel
    assert all(m in cocounsel for m in [*INTERNAL, PRIVILEGED_TITLE])
    assert OPEN_NOTE in client and "1 privileged document is not listed." in client
    if fmt == "docx":  # also not hidden anywhere in the package's XML
        import zipfile

        with zipfile.ZipFile(tmp_path / f"client.{fmt}") as z:
            blob = b"".join(z.read(name) for name in z.namelist())
        assert STAFF_NOTE.encode() not in blob and PRIVILEGED_TITLE.encode() not in blob


def test_long_brief_gets_a_table_of_contents(small_case: SmallCase, tmp_path: Path) -> None:
    pdf = _export(small_case, tmp_path / "toc.pdf", toc=True)
    pages = pdf_pages(pdf)
    assert "Contents" in pages[1] and "Statements" in pages[1]
    word = docx.Document(str(_export(small_case, tmp_path / "toc.docx", toc=True)))
    body = word.element.body
    assert any("TOC" in (n.text or "") for n in body.iter(qn("w:instrText")))
    assert word.settings.element.find(qn("w:updateFields")) is not None
    toc_entries = [p.text for p in word.paragraphs if p.style.name.startswith("toc")]
    assert "Statements" in toc_entries


def test_empty_case_writes_valid_files(sqlite_workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.core.services.cases import add_case

    case_id = add_case(sqlite_workspace, caption="In re Nobody")
    for fmt in ("pdf", "docx"):
        path = tmp_path / f"empty.{fmt}"
        export_brief(sqlite_workspace, case_id, path, today=TODAY)
        text = pdf_text(path) if fmt == "pdf" else docx_text(path)
        assert "None recorded." in text and "None scheduled" in text
