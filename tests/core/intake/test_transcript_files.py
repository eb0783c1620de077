"""Transcripts read from Word files and PDF text layers keep their pages and line numbers,
including a PDF whose line numbers are drawn as a column apart from the lines."""

from __future__ import annotations

from pathlib import Path

from app.core.intake import transcript
from app.core.textextract import extract_text

PAGES = {
    18: [
        "      THE COURT: Be seated, everyone.",
        "Q.   Ms. Halloran, where were you that night?",
        "A.   At the ferry terminal, waiting for the",
        "last boat.",
    ]
    * 6
    + ["Q.   Alone?"],
    19: ["A.   With my cousin.", "      THE COURT: Thank you."],
}


def _column_pdf(path: Path) -> Path:
    """Line numbers drawn first as their own column, then the lines: the text layer lists
    all the numbers before any line."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=letter)
    for page, lines in PAGES.items():
        canvas.setFont("Courier", 10)
        canvas.drawRightString(560, 750, str(page))
        for number in range(1, len(lines) + 1):
            canvas.drawRightString(60, 720 - number * 26, str(number))
        for number, line in enumerate(lines, 1):
            canvas.drawString(80, 720 - number * 26, line)
        canvas.showPage()
    canvas.save()
    return path


def test_a_pdf_whose_line_numbers_are_a_column_of_their_own(tmp_path: Path) -> None:
    text, note = extract_text(_column_pdf(tmp_path / "t.pdf"))
    assert note == "" and text
    pins = [p.pin for p in transcript.read(text)]
    assert pins[:4] == ["18:1", "18:2", "18:3-4", "18:5"]
    assert pins[-3:] == ["18:25", "19:1", "19:2"]
    answer = transcript.read(text)[2]
    assert answer.text == "At the ferry terminal, waiting for the last boat."


def test_plain_pdf_text_is_read_as_before(tmp_path: Path) -> None:
    """A page without a number column keeps pypdf's ordinary reading."""
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "plain.pdf"
    canvas = Canvas(str(path))
    for row, line in enumerate(["Exhibit 4", "1 2 3", "The list of items."]):
        canvas.drawString(72, 720 - row * 20, line)
    canvas.showPage()
    canvas.save()
    assert extract_text(path)[0] == "Exhibit 4\n1 2 3\nThe list of items."


def test_a_word_file_of_a_transcript(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("DEPOSITION OF EDMUND FAIRCLOTH")
    document.add_paragraph("For the Plaintiff: NADIA OYELARAN, ESQ.")
    document.add_paragraph("                                Page 9")
    lines = ["             BY MS. OYELARAN:", "Q.   Mr. Faircloth, who hired you?"]
    lines += ["A.   The harbour board, in", "March."] + ["Q.   And then?", "A.   Nothing."] * 3
    for number, line in enumerate(lines, 1):
        document.add_paragraph(f"{number:>2}   {line}")
    document.save(str(tmp_path / "t.docx"))
    text, note = extract_text(tmp_path / "t.docx")
    assert text and note == ""
    found = {p.pin: p for p in transcript.read(text)}
    assert found["9:2"].speaker == "Nadia Oyelaran"
    assert found["9:3-4"].speaker == "Edmund Faircloth"
    assert found["9:3-4"].setting == "sworn_testimony"
    assert found["9:2"].setting == ""


def test_a_word_file_that_sets_the_transcript_as_a_table(tmp_path: Path) -> None:
    """Pleading-paper templates put the line numbers in one column, the lines in another."""
    import docx

    document = docx.Document()
    document.add_paragraph("BEFORE: HON. OTTILIE BRAMWELL, Judge")
    document.add_paragraph("Page 5")
    lines = ["THE COURT: Be seated.", "Q.   Where were you?", "A.   At the quay,", "near the"]
    lines += ["ferry.", "THE COURT: Go on."] + ["Q.   Then?", "A.   Home."] * 3
    table = document.add_table(rows=len(lines), cols=2)
    for number, line in enumerate(lines, 1):
        table.cell(number - 1, 0).text = str(number)
        table.cell(number - 1, 1).text = line
    document.save(str(tmp_path / "t.docx"))
    text, _note = extract_text(tmp_path / "t.docx")
    assert text is not None
    assert "3    A.   At the quay," in text
    found = {p.pin: p for p in transcript.read(text)}
    assert found["5:3-5"].text == "At the quay, near the ferry."
    assert found["5:6"].speaker == "Ottilie Bramwell"


def _gridded_pdf(path: Path) -> Path:
    """A transcript whose line numbers are not in the text layer at all (printed on the
    paper's background): the lines sit on a 26-point grid, one slot left empty."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=letter)
    lines = ["     THE COURT: Good morning.", "Q.   Where do you work?"]
    lines += ["A.   At the depot on Main", "Street.", "", "     MR. DALE: Objection."]
    for page in (31, 32):
        canvas.setFont("Courier", 10)
        canvas.drawRightString(560, 752, str(page))
        canvas.drawString(200, 735, "PEOPLE v. QUILL - HEARING")
        for number, line in enumerate(lines * 4, 1):
            if line and number <= 25:
                canvas.drawString(80, 720 - number * 26, line)
        canvas.showPage()
    canvas.save()
    return path


def test_a_pdf_without_line_numbers_is_numbered_by_the_line_grid(tmp_path: Path) -> None:
    text, _note = extract_text(_gridded_pdf(tmp_path / "g.pdf"))
    assert text is not None
    assert " 6   MR. DALE: Objection." in text
    pins = [p.pin for p in transcript.read(text)]
    assert pins[:5] == ["31:1", "31:2", "31:3-4", "31:6", "31:7"]
    assert "32:1" in pins


def _right_margin_pdf(path: Path, numbers_first: bool) -> Path:
    """Line numbers drawn in the right margin, before all the lines or after each one."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=letter)
    for page, lines in PAGES.items():
        canvas.setFont("Courier", 10)
        canvas.drawRightString(560, 750, f"Page {page}")
        if numbers_first:
            for number in range(1, len(lines) + 1):
                canvas.drawRightString(560, 720 - number * 26, str(number))
        for number, line in enumerate(lines, 1):
            canvas.drawString(60, 720 - number * 26, line)
            if not numbers_first:
                canvas.drawRightString(560, 720 - number * 26, str(number))
        canvas.showPage()
    canvas.save()
    return path


def test_a_pdf_numbered_in_the_right_margin(tmp_path: Path) -> None:
    for numbers_first in (True, False):
        text, note = extract_text(_right_margin_pdf(tmp_path / "r.pdf", numbers_first))
        assert note == "" and text
        proposals = transcript.read(text)
        pins = [p.pin for p in proposals]
        assert pins[:4] == ["18:1", "18:2", "18:3-4", "18:5"]
        assert pins[-3:] == ["18:25", "19:1", "19:2"]
        answer = proposals[2]
        assert answer.text == "At the ferry terminal, waiting for the last boat."
        assert answer.setting == "sworn_testimony"
        assert proposals[0].text == "Be seated, everyone."
