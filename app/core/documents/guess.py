"""What a dropped or chosen file probably is, as a document: its kind, title and date.

``guess_document(path) -> Guess``. The person confirms or corrects each guess before
anything is attached (``app/gui/dialogs/attach_files.py``). In order of trust:

1. the words at the top of its first page ("FELONY COMPLAINT", "DD5", "Notice of
   Motion") name the kind, and the title when the file has none of its own;
2. a PDF's own Title (unless it is the filler programs write);
3. the family of the file: a photo, a video, an audio recording, an e-mail;
4. the file's name ("complaint_lopez-final.pdf" -> "Complaint lopez final", the
   criminal complaint); a camera's name ("IMG_2041.jpg") gives "Photo, 3 Aug 2026"
   from the date the photo was taken.

A photo's date taken (EXIF), or a date written into the file's name, becomes the
document's date. Reading is bounded and never raises (:mod:`.readers`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.core.dates import PartialDate
from app.core.documents import clues
from app.core.documents.readers import FileFacts, read_facts

# What each family is when nothing else is known, and its word in a camera title.
_FAMILY_KIND = {"image": "photo", "video": "video", "mail": "correspondence"}
_FAMILY_WORD = {"image": "Photo", "video": "Video", "audio": "Audio recording"}


@dataclass(frozen=True)
class Guess:
    """A file and what it is taken to be, until the person says otherwise."""

    path: Path
    kind: str  # a code of app.core.vocab.DOCUMENT_KINDS
    title: str
    date: PartialDate | None = None
    how: str = ""  # what the guess rests on, for a tooltip

    @property
    def file_name(self) -> str:
        return self.path.name


def guess_document(path: Path | str) -> Guess:
    """The kind, title and date ``path`` probably has as a document. Never raises."""
    path = Path(path)
    return guess_from_facts(path, read_facts(path))


def guess_from_facts(path: Path, facts: FileFacts) -> Guess:
    stem = path.stem or path.name
    name_words = clues.words_of_name(stem)
    date = facts.taken or clues.date_in_name(stem)
    found = clues.first_clue(facts.text) if facts.text else None
    if found is not None:
        kind, heading = found
        title = facts.title or heading
        return Guess(path, kind, title, date, f"“{heading}” on its first page")
    named = clues.first_clue(name_words, clues.NAME_CLUES)
    kind = _FAMILY_KIND.get(facts.family) or (named[0] if named else "other")
    if facts.title:
        return Guess(path, kind, facts.title, date, "the title the PDF gives itself")
    word = _FAMILY_WORD.get(facts.family)
    if word and clues.is_camera_name(stem):
        title = f"{word}, {clues.short_date(date)}" if date else f"{word} {stem}"
        how = "the date the photo was taken" if facts.taken else "the kind of file"
        return Guess(path, kind, title, date, how)
    how = "its file name" if named or kind == "other" else "the kind of file"
    return Guess(path, kind, clues.title_from_name(stem), date, how)
