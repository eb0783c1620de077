"""The brief of an intake day's case, read back from the PDF and the .docx: every
chronology entry in its own date column (a time under or beside its date), the place
apart from the description, and a person with two roles listed once."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Length
from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.briefs.build import build_brief
from app.briefs.export import export_brief
from app.briefs.model import Brief, ChronoEntry, Cover
from app.briefs.pdf.document import write_pdf
from app.briefs.roles import ordered_roles, roles_label
from app.core.services import events
from tests.briefs.helpers import docx_text, pdf_placed, pdf_text, squash
from tests.briefs.intake_case import PREPARED, IntakeCase

SOFFICE = shutil.which("libreoffice") or shutil.which("soffice")
# The chronology's entries, oldest first: (date, time, the start of the entry's text).
ENTRIES = [
    ("November 30, 2026", "", "Jordan Pike (criminal complaint)"),
    ("November 30, 2026", "", "Daniel Reyes (police report)"),
    ("December 1, 2026", "09:30", "Arraignment \u2014 Part AP-2 (Event: Court appearance)"),
    ("December 1, 2026", "09:30", "Arraignment \u2014 Part AP-2, Hon. Bell (Court appearance)"),
    ("December 1, 2026", "", "Statement of readiness: SOR (Filing)"),
]


def test_the_model_keeps_date_time_place_and_description_apart(intake: IntakeCase) -> None:
    brief = build_brief(intake.ws, intake.case_id, today=PREPARED)
    rows = [(e.date, e.time, e.kind, e.title, e.detail) for e in brief.chronology]
    assert rows[2:] == [
        ("December 1, 2026", "09:30", "Event: Court appearance", "Arraignment \u2014 Part AP-2",
         "Client arraigned."),
        ("December 1, 2026", "09:30", "Court appearance", "Arraignment \u2014 Part AP-2, Hon. Bell",
         "Released on her own recognizance. Adjourned to January 12, 2027 (asked by the People)."),
        ("December 1, 2026", "", "Filing", "Statement of readiness: SOR", ""),
    ]  # fmt: skip
    assert [(e.date, e.time) for e in brief.chronology[:2]] == [("November 30, 2026", "")] * 2


def test_a_person_with_two_roles_is_listed_once_with_both(intake: IntakeCase) -> None:
    brief = build_brief(intake.ws, intake.case_id, today=PREPARED)
    people = [(g.role, [p.name for p in g.people]) for g in brief.people]
    assert people == [
        ("Client", ["Maria Lopez"]),
        ("Complainant and witness", ["Jordan Pike"]),
        ("Police officer", ["Daniel Reyes"]),
    ]
    assert brief.glance is not None
    assert brief.glance.key_people == [
        ("Client", ["Maria Lopez"]),
        ("Complainant and witness", ["Jordan Pike"]),
        ("Police officer", ["Daniel Reyes"]),
    ]


def test_role_labels_name_every_role_once_in_the_vocabulary_order() -> None:
    assert ordered_roles(["police_officer", "witness", "witness"]) == ("witness", "police_officer")
    assert ordered_roles([]) == ("other",)
    assert roles_label(ordered_roles(["investigator", "witness", "police_officer"])) == (
        "Witness, police officer and investigator"
    )
    assert roles_label(ordered_roles(["client", "DA liaison"])) == "Client and DA liaison"


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_glance_counts_in_words_that_agree(
    intake: IntakeCase, tmp_path: Path, fmt: str
) -> None:
    path = tmp_path / f"brief.{fmt}"
    export_brief(intake.ws, intake.case_id, path, today=PREPARED)
    text = pdf_text(path) if fmt == "pdf" else docx_text(path)
    assert "2 statements \u00b7 0 documents \u00b7 1 event\n" in text + "\n"
    assert "Complainant and witness: Jordan Pike" in text
    assert "Witness: Jordan Pike" not in text


def _chronology_lines(path: Path) -> list[tuple[int, float, float, str]]:
    placed = pdf_placed(path)
    start = next(i for i, (_, _, _, text) in enumerate(placed) if text == "Chronology")
    end = next(i for i, item in enumerate(placed) if i > start and item[3] == "Statements")
    return placed[start + 1 : end]


def test_the_pdf_sets_each_date_and_time_in_the_date_column(
    intake: IntakeCase, tmp_path: Path
) -> None:
    path = tmp_path / "brief.pdf"
    export_brief(intake.ws, intake.case_id, path, today=PREPARED)
    lines = _chronology_lines(path)
    date_x = min(x for _, x, _, _ in lines)
    body_x = {x for _, x, _, text in lines if text.startswith(("Jordan", "Daniel", "Arraign"))}
    assert len(body_x) == 1 and body_x.pop() > date_x + inch  # one body column, right of dates
    for date, time, start in ENTRIES:
        page, y = next((p, y) for p, x, y, text in lines if text.startswith(start.split(" (")[0]))
        beside = [text for p, x, y2, text in lines if (p, x, y2) == (page, date_x, y)]
        assert beside == [date], start  # the entry's own date, at the height of its first line
        if time:
            below = [text for p, x, y2, text in lines if (p, x) == (page, date_x) and y2 < y]
            assert below[0] == time, start  # the time under its date, in the date column
    text = squash(pdf_text(path))
    assert "Arraignment\u2014PartAP-2(Event:Courtappearance)Clientarraigned." in text
    assert "PartAP-2Clientarraigned" not in text


def _hanging(path: Path) -> tuple[Length, list[str]]:
    doc = docx.Document(str(path))
    fmt = doc.styles["Brief Chronology"].paragraph_format
    assert fmt.left_indent == -fmt.first_line_indent  # the date column hangs left of the text
    paragraphs = [p.text for p in doc.paragraphs if p.style.name == "Brief Chronology"]
    return fmt.left_indent, paragraphs


def test_the_docx_date_column_holds_date_and_time_with_room_to_spare(
    intake: IntakeCase, tmp_path: Path
) -> None:
    path = tmp_path / "brief.docx"
    export_brief(intake.ws, intake.case_id, path, today=PREPARED)
    column, paragraphs = _hanging(path)
    assert [p.split("\t")[0] for p in paragraphs] == [
        f"{date}, {time}" if time else date for date, time, _ in ENTRIES
    ]
    assert [p.split("\t")[1] for p in paragraphs] == [
        "Jordan Pike (criminal complaint) (Statement) \u201cI saw her take the bag from the "
        "counter.\u201d",
        "Daniel Reyes (police report) (Statement) \u201cDefendant was stopped outside the store "
        "at 18:40.\u201d",
        "Arraignment \u2014 Part AP-2 (Event: Court appearance) Client arraigned.",
        "Arraignment \u2014 Part AP-2, Hon. Bell (Court appearance) Released on her own "
        "recognizance. Adjourned to January 12, 2027 (asked by the People).",
        "Statement of readiness: SOR (Filing)",
    ]
    # The longest date with a time (Times New Roman bold, 10 pt) leaves a gutter before the
    # tab stop, so the tab never lands on the text's own end and runs the two together.
    longest = stringWidth("September 30, 2026, 09:30", "Times-Bold", 10) / inch
    assert column.inches >= longest + 0.1


def test_a_date_too_long_for_the_column_gets_a_line_of_its_own(
    intake: IntakeCase, tmp_path: Path
) -> None:
    events.add_event(
        intake.ws, intake.case_id, kind="meeting", date="about 2026-09-30", time="10:15",
        title="Met the client's employer", place="Bronx office",
    )  # fmt: skip
    word, pdf = tmp_path / "brief.docx", tmp_path / "brief.pdf"
    export_brief(intake.ws, intake.case_id, word, today=PREPARED)
    export_brief(intake.ws, intake.case_id, pdf, today=PREPARED)
    doc = docx.Document(str(word))
    para = next(p for p in doc.paragraphs if "employer" in p.text)
    # Word: the date on the first line, a line break, the text in its column below.
    assert para.text == (
        "about September 30, 2026, 10:15\nMet the client's employer \u2014 Bronx office "
        "(Event: Meeting)"
    )
    # PDF: the date wraps inside its column; the text starts beside its first line.
    lines = _chronology_lines(pdf)
    date_x = min(x for _, x, _, _ in lines)
    page, y = next((p, y) for p, _, y, text in lines if text.startswith("Met the client"))
    column = [text for p, x, y2, text in lines if (p, x) == (page, date_x) and y2 <= y]
    assert " ".join(column[:3]).startswith("about September 30, 2026 10:15")


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_libreoffice_sets_the_docx_chronology_in_two_columns(
    intake: IntakeCase, tmp_path: Path
) -> None:
    source = tmp_path / "brief.docx"
    export_brief(intake.ws, intake.case_id, source, today=PREPARED)
    result = subprocess.run(
        [str(SOFFICE), f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path / "out"), str(source)],
        capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = _chronology_lines(tmp_path / "out" / "brief.pdf")
    starts = {
        start: next(x for _, x, _, text in lines if text.startswith(start.split(" ")[0]))
        for _, _, start in ENTRIES
    }
    assert len(set(starts.values())) == 1, starts  # every entry's text in one column
    dates = [x for _, x, _, text in lines if text.startswith("December 1, 2026, 09:30")]
    # LibreOffice's Liberation Serif has the metrics of Times: a visible gap after the date.
    width = stringWidth("December 1, 2026, 09:30", "Times-Bold", 10)
    assert len(dates) == 2 and max(dates) + width + 0.05 * inch < min(starts.values())


def test_the_docx_court_date_and_deadline_rows_are_never_split(
    intake: IntakeCase, tmp_path: Path
) -> None:
    path = tmp_path / "brief.docx"
    export_brief(intake.ws, intake.case_id, path, today=PREPARED)
    doc = docx.Document(str(path))
    tables = [t for t in doc.tables if t.rows[0].cells[0].text in ("Date", "Due")]
    assert len(tables) == 2
    for table in tables:  # a page never starts with the tail of a row ("custody)")
        for row in table.rows[1:]:
            assert row._tr.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None


def test_an_entry_longer_than_a_page_carries_its_date_on_its_first_page(tmp_path: Path) -> None:
    detail = " ".join(f"word{n}" for n in range(2500))
    brief = Brief(
        caption="People v. Maria Lopez", marking="", prepared="December 2, 2026",
        profile_key="full", profile_label="Full", sections=("chronology",), toc=False,
        cover=Cover("People v. Maria Lopez"),
        chronology=[
            ChronoEntry("November 30, 2026", "Statement", "Before", "short"),
            ChronoEntry("December 1, 2026", "Event: Meeting", "Long", detail, time="09:30"),
            ChronoEntry("December 2, 2026", "Filing", "After"),
        ],
    )  # fmt: skip
    path = tmp_path / "long.pdf"
    write_pdf(brief, path)
    placed = pdf_placed(path)
    pages = {page for page, _, _, text in placed if "word" in text}
    assert len(pages) >= 2  # the entry split across pages, in its column on each...
    assert len({x for _, x, _, text in placed if text.startswith("word")}) == 1
    dated = [(page, text) for page, x, _, text in placed if text in ("December 1, 2026", "09:30")]
    assert dated == [(min(pages), "December 1, 2026"), (min(pages), "09:30")]  # ...dated once
    assert "word2499" in pdf_text(path) and "December 2, 2026" in pdf_text(path)
