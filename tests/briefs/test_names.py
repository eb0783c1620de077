"""The file name a brief is offered under, and the suffix a chosen format gives it."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.briefs.export import export_brief, format_for
from app.briefs.names import brief_file_name, with_format
from app.core.errors import ValidationError
from tests.briefs.intake_case import PREPARED, IntakeCase


@pytest.mark.parametrize(
    ("caption", "name"),
    [
        ("People v. Maria Lopez", "People v. Maria Lopez - brief.pdf"),
        ("People v. Ingram & <Ortiz>", "People v. Ingram & _Ortiz_ - brief.pdf"),
        ('A/B\\C:D*E?F"G|H', "A_B_C_D_E_F_G_H - brief.pdf"),
        ("People v. José Núñez-O'Brien", "People v. José Núñez-O'Brien - brief.pdf"),
        ("People\tv.\nSmith\x00\x07", "People v. Smith - brief.pdf"),
        ("..hidden.  ", "hidden - brief.pdf"),
        ("", "brief.pdf"),
        ("???", "___ - brief.pdf"),
    ],
)
def test_the_name_keeps_the_caption_but_what_no_system_allows(caption: str, name: str) -> None:
    assert brief_file_name(caption, "pdf") == name


def test_a_long_caption_fits_every_file_system() -> None:
    name = brief_file_name("Pueblo c. " + "Ñ" * 300, "docx")
    assert len(name.encode()) <= 255 and name.endswith(" - brief.docx")
    assert name.startswith("Pueblo c. ÑÑÑ")


def test_a_format_replaces_only_a_brief_suffix() -> None:
    assert with_format("/tmp/People v. Maria Lopez - brief.pdf", "docx") == (
        "/tmp/People v. Maria Lopez - brief.docx"
    )
    assert with_format("/tmp/People v. Maria Lopez", "pdf") == "/tmp/People v. Maria Lopez.pdf"
    assert with_format("/tmp/notes.txt", "pdf") == "/tmp/notes.txt.pdf"


def test_the_suggested_name_is_written_as_it_reads(intake: IntakeCase, tmp_path: Path) -> None:
    folder = tmp_path / "briefs"
    path = folder / brief_file_name("People v. Maria Lopez", "pdf")
    assert format_for(path) == "pdf"
    export_brief(intake.ws, intake.case_id, path, today=PREPARED)
    assert [p.name for p in folder.iterdir()] == ["People v. Maria Lopez - brief.pdf"]
    with pytest.raises(ValidationError, match="'People v. Maria Lopez' does not end in .pdf"):
        format_for(folder / "People v. Maria Lopez")
