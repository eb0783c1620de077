"""What a dropped file is taken to be: real small files made here, hostile ones too."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.dates import PartialDate
from app.core.documents.guess import guess_document


def make_pdf(path: Path, lines: list[str], title: str | None = None) -> Path:
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path))
    if title is not None:
        pdf.setTitle(title)
    y = 780
    for line in lines:
        pdf.drawString(72, y, line)
        y -= 18
    pdf.showPage()
    pdf.drawString(72, 780, "Page two: NOTICE OF MOTION (not the first page)")
    pdf.save()
    return path


def make_jpeg(path: Path, taken: str | None) -> Path:
    from PIL import Image

    image = Image.new("RGB", (8, 8), "red")
    exif = Image.Exif()
    if taken is not None:
        exif.get_ifd(0x8769)[36867] = taken  # DateTimeOriginal
    image.save(path, "JPEG", exif=exif.tobytes())
    return path


COMPLAINT = [
    "CRIMINAL COURT OF THE CITY OF NEW YORK",
    "COUNTY OF NEW YORK",
    "THE PEOPLE OF THE STATE OF NEW YORK",
    "against",
    "MARIA LOPEZ, Defendant.",
    "FELONY COMPLAINT",
    "Police Officer Jane Doe, shield 1234, states as follows ...",
]


def test_a_felony_complaint_is_known_by_its_first_page(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "scan0001.pdf", COMPLAINT)
    guess = guess_document(pdf)
    assert (guess.kind, guess.title) == ("criminal_complaint", "Felony complaint")
    assert "first page" in guess.how


def test_a_pdf_s_own_title_is_its_title(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "x.pdf", COMPLAINT, title="Complaint - People v. Lopez")
    guess = guess_document(pdf)
    assert (guess.kind, guess.title) == ("criminal_complaint", "Complaint - People v. Lopez")
    filler = make_pdf(tmp_path / "y.pdf", ["Some letter"], title="Microsoft Word - untitled")
    assert guess_document(filler).title == "Y"


@pytest.mark.parametrize(
    ("heading", "kind", "title"),
    [
        ("DD5 - COMPLAINT FOLLOW-UP INFORMATIONAL", "police_report", "DD5"),
        ("OMNIFORM COMPLAINT REPORT", "police_report", "Complaint report"),
        ("ARREST REPORT - M26612345", "police_report", "Arrest report"),
        ("BWC TRANSCRIPT of PO Doe", "video", "Body-worn camera transcript"),
        ("Body-Worn Camera footage summary", "video", "Body-worn camera transcript"),
        ("SUBPOENA DUCES TECUM", "court_filing", "Subpoena duces tecum"),
        ("NOTICE OF MOTION to dismiss", "court_filing", "Notice of motion"),
        ("CERTIFICATE OF COMPLIANCE", "court_filing", "Certificate of compliance"),
        ("VOLUNTARY DISCLOSURE FORM", "court_filing", "Voluntary disclosure form"),
        ("SEARCH WARRANT", "warrant", "Search warrant"),
    ],
)
def test_the_papers_of_a_case_by_their_heading(
    tmp_path: Path, heading: str, kind: str, title: str
) -> None:
    pdf = make_pdf(tmp_path / "scan.pdf", ["SUPREME COURT OF THE STATE OF NEW YORK", heading])
    guess = guess_document(pdf)
    assert (guess.kind, guess.title) == (kind, title)


def test_a_photo_is_titled_and_dated_by_when_it_was_taken(tmp_path: Path) -> None:
    photo = make_jpeg(tmp_path / "IMG_2041.jpg", "2026:08:03 14:15:00")
    guess = guess_document(photo)
    assert (guess.kind, guess.title, guess.date) == (
        "photo",
        "Photo, 3 Aug 2026",
        PartialDate(2026, 8, 3),
    )
    undated = guess_document(make_jpeg(tmp_path / "IMG_2042.jpg", None))
    assert (undated.kind, undated.title, undated.date) == ("photo", "Photo IMG_2042", None)
    named = guess_document(make_jpeg(tmp_path / "lobby_door.jpg", "2026:08:04 10:00:00"))
    assert (named.kind, named.title, named.date) == (
        "photo",
        "Lobby door",
        PartialDate(2026, 8, 4),
    )


def test_file_names_when_nothing_better(tmp_path: Path) -> None:
    plain = tmp_path / "complaint_lopez-final.pdf"
    plain.write_bytes(b"%PDF-1.4 not really")
    guess = guess_document(plain)
    assert (guess.kind, guess.title) == ("criminal_complaint", "Complaint lopez final")
    video = tmp_path / "PXL_20260803_141500.mp4"
    video.write_bytes(b"\x00\x00\x00\x18ftypmp42")
    assert (guess_document(video).kind, guess_document(video).title) == (
        "video",
        "Video, 3 Aug 2026",
    )
    audio = tmp_path / "911 call.m4a"
    audio.write_bytes(b"\x00" * 32)
    assert (guess_document(audio).kind, guess_document(audio).title) == ("other", "911 call")
    mail = tmp_path / "re_discovery.eml"
    mail.write_text("Subject: discovery\n\nPlease find attached the certificate of compliance.")
    assert guess_document(mail).kind == "court_filing"
    other = tmp_path / "notes.bin"
    other.write_bytes(b"\x00\x01")
    assert (guess_document(other).kind, guess_document(other).title) == ("other", "Notes")


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.7\n" + b"\x00\xff" * 5000,
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>",
        b"%PDF-1.4\n1 0 obj << /Length 999999999 >> stream\nxx\nendstream\nendobj\n%%EOF",
        b"",
    ],
)
def test_a_hostile_or_broken_file_never_raises(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "evil.pdf"
    path.write_bytes(content)
    guess = guess_document(path)
    assert guess.kind == "other" and guess.title == "Evil"


def test_a_broken_image_and_a_missing_file_never_raise(tmp_path: Path) -> None:
    fake = tmp_path / "IMG_1.jpg"
    fake.write_bytes(b"\xff\xd8\xff\xe1" + b"\x00" * 100)
    assert guess_document(fake).kind == "photo"
    gone = guess_document(tmp_path / "gone.pdf")
    assert (gone.kind, gone.title) == ("other", "Gone")


def test_a_long_first_page_is_read_only_so_far(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app.core.documents import readers

    big = tmp_path / "long.txt"
    big.write_text("filler " * 50_000 + "FELONY COMPLAINT")
    read: list[int] = []
    real_open = Path.open

    def counting_open(self: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        handle = real_open(self, *args, **kwargs)
        real_read = handle.read

        def read_some(size: int = -1) -> bytes:
            data = real_read(size)
            read.append(len(data))
            return data

        handle.read = read_some
        return handle

    monkeypatch.setattr(Path, "open", counting_open)
    assert guess_document(big).kind == "other"  # the heading is past what is read
    assert sum(read) <= readers.HEAD_BYTES
