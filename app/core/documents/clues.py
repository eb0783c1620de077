"""What a document's words and its file's name say about it: its kind, a title, a date.

Plain text in, plain values out: no file is read here (:mod:`.readers` does that).
The kinds are the app's own (:data:`app.core.vocab.DOCUMENT_KINDS`); a heading found
on a first page ("FELONY COMPLAINT") names both the kind and the title.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from app.core.dates import PartialDate


@dataclass(frozen=True)
class Clue:
    """A phrase that marks a kind of document, and the title it gives."""

    pattern: re.Pattern[str]
    kind: str
    title: str  # "" keeps the words as found ("Felony complaint")


def _clue(pattern: str, kind: str, title: str = "") -> Clue:
    return Clue(re.compile(pattern, re.IGNORECASE), kind, title)


# The headings of the papers of a New York criminal case. A first page can name
# several (a DD5 mentions the criminal complaint): the one nearest the top wins.
CLUES: tuple[Clue, ...] = (
    _clue(r"\b(?:felony|misdemeanor|criminal)\s+complaint\b", "criminal_complaint"),
    _clue(r"\bsupporting\s+deposition\b", "criminal_complaint", "Supporting deposition"),
    _clue(r"\bbody[\s-]*worn\s+camera\b", "video", "Body-worn camera transcript"),
    _clue(r"\bBWC\b", "video", "Body-worn camera transcript"),
    _clue(r"\bDD[\s-]?5\b", "police_report", "DD5"),
    _clue(r"\bcomplaint\s+report\b", "police_report"),
    _clue(r"\barrest\s+report\b", "police_report"),
    _clue(r"\bonline\s+booking\b", "police_report", "Arrest report"),
    _clue(r"\bproperty\s+(?:clerk\s+)?invoice\b", "police_report", "Property invoice"),
    _clue(r"\bsubpo[e]?na(?:\s+duces\s+tecum)?\b", "court_filing"),
    _clue(r"\bnotice\s+of\s+motion\b", "court_filing"),
    _clue(r"\bcertificate\s+of\s+compliance\b", "court_filing"),
    _clue(r"\bstatement\s+of\s+readiness\b", "court_filing"),
    _clue(r"\bvoluntary\s+disclosure\s+form\b", "court_filing"),
    _clue(r"\b(?:search|arrest|bench)\s+warrant\b", "warrant"),
)

# A file's name is read with the same clues, its separators made spaces first
# ("felony_complaint.pdf"); a bare "complaint" in a name is the criminal complaint.
NAME_CLUES: tuple[Clue, ...] = (
    *CLUES,
    _clue(r"\bcomplaint\b", "criminal_complaint"),
    _clue(r"\bsubpoena\b", "court_filing"),
    _clue(r"\bwarrant\b", "warrant"),
)

IMAGE_SUFFIXES = frozenset(".jpg .jpeg .png .gif .bmp .tif .tiff .heic .heif .webp".split())
VIDEO_SUFFIXES = frozenset(".mp4 .mov .m4v .avi .mkv .wmv .webm .3gp .mpg .mpeg".split())
AUDIO_SUFFIXES = frozenset(".mp3 .wav .m4a .aac .ogg .oga .opus .flac .wma .amr".split())
MAIL_SUFFIXES = frozenset(".eml .msg".split())

# Names cameras and phones give their files: IMG_2041, DSC01234, PXL_20260803_141500,
# VID_20260803, "Screenshot 2026-08-03 at 14.15.00".
_CAMERA_NAME = re.compile(
    r"^(?:img|dsc[nf]?|dcim|pxl|mvimg|vid|mov|dji|gopr|rec|recording|audio|voice|"
    r"screenshot|screen shot|photo|image|video|signal|whatsapp image|whatsapp video)"
    r"(?:[\s_-]|\d|$)",
    re.IGNORECASE,
)
_DATE_IN_NAME = re.compile(
    r"(?<!\d)((?:19|20)\d\d)[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?!\d)"
)


def first_clue(text: str, clues: tuple[Clue, ...] = CLUES) -> tuple[str, str] | None:
    """The kind and title of the clue found nearest the start of ``text``."""
    best: tuple[int, str, str] | None = None
    for clue in clues:
        found = clue.pattern.search(text)
        if found is None or (best is not None and found.start() >= best[0]):
            continue
        title = clue.title or sentence_case(" ".join(found.group(0).split()))
        best = (found.start(), clue.kind, title)
    return None if best is None else (best[1], best[2])


def sentence_case(text: str) -> str:
    """ "FELONY COMPLAINT" -> "Felony complaint"; mixed case is left as written."""
    if text.isupper() or text.islower():
        text = text.lower()
    return text[:1].upper() + text[1:]


def words_of_name(stem: str) -> str:
    """A file name's words: "complaint_lopez-final" -> "complaint lopez final"."""
    return " ".join(re.split(r"[\s_.\-]+", stem)).strip()


def title_from_name(stem: str) -> str:
    """A title from a file name: "complaint_lopez-final" -> "Complaint lopez final"."""
    words = words_of_name(stem)
    return (words[:1].upper() + words[1:]) if words else stem


def is_camera_name(stem: str) -> bool:
    return bool(_CAMERA_NAME.match(stem.strip()))


def date_in_name(stem: str) -> PartialDate | None:
    """A date a phone writes into a name (PXL_20260803_141500, 2026-08-03 scan)."""
    found = _DATE_IN_NAME.search(stem)
    if found is None:
        return None
    try:
        return PartialDate(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        return None


def short_date(value: PartialDate) -> str:
    """A date as a title carries it: "3 Aug 2026", "Aug 2026", "2026"."""
    if value.month is None:
        return f"{value.year:04d}"
    month = calendar.month_abbr[value.month]
    if value.day is None:
        return f"{month} {value.year:04d}"
    return f"{value.day} {month} {value.year:04d}"


def exif_date(text: object) -> PartialDate | None:
    """EXIF's "2026:08:03 14:15:00" as a date; None for anything else ("0000:00:00")."""
    if isinstance(text, bytes):
        text = text.decode("ascii", "replace")
    if not isinstance(text, str):
        return None
    found = re.match(r"\s*(\d{4})[:\-/](\d{2})[:\-/](\d{2})", text)
    if found is None:
        return None
    try:
        day = dt.date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        return None
    if day.year < 1900:
        return None
    return PartialDate.from_date(day)


_JUNK_TITLE = re.compile(
    r"^(?:untitled|title|document\d*|microsoft word|none|null|scan|scanned document|"
    r"doc\d*|page \d+|\d+)$",
    re.IGNORECASE,
)


def usable_title(title: object) -> str:
    """A PDF's own Title, cleaned, or "" when it is the filler programs write
    ("untitled", "Microsoft Word - draft3.docx" is cut to "draft3")."""
    if not isinstance(title, str):
        return ""
    text = " ".join(title.replace("\x00", "").split())
    text = re.sub(r"^microsoft (?:word|powerpoint|excel) - ", "", text, flags=re.IGNORECASE)
    text = re.sub(r"\.(?:docx?|pdf|rtf|odt|xlsx?|pptx?|txt)$", "", text, flags=re.IGNORECASE)
    if len(text) < 3 or len(text) > 200 or _JUNK_TITLE.match(text):
        return ""
    if not any(ch.isalpha() for ch in text):
        return ""
    return text
