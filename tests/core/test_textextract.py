"""Extracting the text of attachments: plain text, .docx, PDF; failures become notes."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from app.core.textextract import extract_text


def make_file(folder: Path, suffix: str, sentence: str) -> Path:
    """A small file of the given type containing ``sentence`` (made here, not fetched)."""
    path = folder / f"exhibit{suffix}"
    if suffix == ".txt":
        path.write_text(sentence, encoding="utf-8")
    elif suffix == ".docx":
        import docx

        document = docx.Document()
        document.add_paragraph("Exhibit A")
        document.add_paragraph(sentence)
        document.save(str(path))
    elif suffix == ".pdf":
        from reportlab.lib.pagesizes import letter
        from reportlab.pdfgen import canvas

        pdf = canvas.Canvas(str(path), pagesize=letter)
        pdf.drawString(72, 720, sentence)
        pdf.showPage()
        pdf.save()
    else:
        raise ValueError(suffix)
    return path


@pytest.mark.parametrize("suffix", [".txt", ".docx", ".pdf"])
def test_each_kind(tmp_path: Path, suffix: str) -> None:
    text, note = extract_text(make_file(tmp_path, suffix, "Officer Núñez saw the quokka."))
    assert text is not None and "quokka" in text and "Núñez" in text
    assert note == ""


def test_legacy_encoding(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes("Le café de José était fermé, déjà à midi.".encode("cp1252"))
    text, note = extract_text(path)
    assert text is not None and "café" in text and "José" in text


def test_utf16(tmp_path: Path) -> None:
    path = tmp_path / "w.txt"
    path.write_bytes("hello wörld".encode("utf-16"))
    assert extract_text(path)[0] == "hello wörld"


def test_damaged_pdf_gives_a_note(tmp_path: Path) -> None:
    path = tmp_path / "bad.pdf"
    path.write_bytes(b"%PDF-1.7\n garbage")
    text, note = extract_text(path)
    assert text is None
    assert note.startswith("text could not be extracted")


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.rect(10, 10, 100, 100)
    pdf.showPage()
    pdf.save()
    text, note = extract_text(path)
    assert text is None and "no text layer" in note


def test_binary_file_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)))
    text, note = extract_text(path)
    assert text is None and ".jpg" in note


def test_docx_entities_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    body = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://' + str(secret) + '">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>before &x; after</w:t></w:r></w:p></w:body></w:document>"
    )
    path = tmp_path / "evil.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", body)
    text, _note = extract_text(path)
    assert text is None or "TOPSECRET" not in text


def test_missing_file_gives_a_note(tmp_path: Path) -> None:
    text, note = extract_text(tmp_path / "nope.txt")
    assert text is None and note.startswith("text could not be extracted")


def test_name_decides_the_type_for_stored_files(tmp_path: Path) -> None:
    docx_path = make_file(tmp_path, ".docx", "platypus")
    stored = tmp_path / "ab12"
    stored.write_bytes(docx_path.read_bytes())
    assert "platypus" in (extract_text(stored, name="a.docx")[0] or "")
