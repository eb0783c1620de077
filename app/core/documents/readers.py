"""Read a little of a file to tell what it is: its family, the start of its words, its
own title, the date a photo was taken.

Everything here is bounded and never raises: at most the first page of a PDF, the
first :data:`HEAD_BYTES` of a text file and an image's header (its pixels are never
decoded), and a damaged or hostile file gives empty facts instead of an error. The
file's full text for search is still extracted by :mod:`app.core.textextract` when the
document is added.
"""

from __future__ import annotations

import logging
import warnings
from dataclasses import dataclass
from pathlib import Path

from app.core.dates import PartialDate
from app.core.documents import clues
from app.core.textrules import blank_controls

HEAD_BYTES = 64 * 1024  # of a text file: a first page is far less
FIRST_PAGE_CHARS = 8000  # of any text kept for the clues
TEXT_SUFFIXES = frozenset(".txt .text .md .csv .log .rtf .htm .html .xml".split())
WORD_SUFFIXES = frozenset(".docx .docm .dotx".split())
# EXIF tags: the Exif sub-directory, when the picture was taken, when it was changed.
_EXIF_IFD, _DATE_TAKEN, _DATE_CHANGED = 0x8769, 36867, 306
_MAGIC = (
    (b"%PDF", "pdf"),
    (b"\xff\xd8\xff", "image"),
    (b"\x89PNG", "image"),
    (b"GIF8", "image"),
)


@dataclass(frozen=True)
class FileFacts:
    """What a quick look at a file found; empty values when it found nothing."""

    family: str  # pdf, image, video, audio, mail, word, text or other
    text: str = ""  # the start of its words (a PDF's first page)
    title: str = ""  # its own title (a PDF's Title), filler left out
    taken: PartialDate | None = None  # when a photo was taken (EXIF)
    problem: str = ""  # why it could not be read, for a tooltip


def family_of(path: Path, head: bytes) -> str:
    suffix = path.suffix.lower()
    for magic, family in _MAGIC:
        if head.startswith(magic):
            return family
    if suffix == ".pdf":
        return "pdf"
    if suffix in clues.IMAGE_SUFFIXES:
        return "image"
    if suffix in clues.VIDEO_SUFFIXES:
        return "video"
    if suffix in clues.AUDIO_SUFFIXES:
        return "audio"
    if suffix in clues.MAIL_SUFFIXES:
        return "mail"
    if suffix in WORD_SUFFIXES:
        return "word"
    if suffix in TEXT_SUFFIXES:
        return "text"
    return "other"


def read_facts(path: Path) -> FileFacts:
    """What the file says about itself. Never raises."""
    try:
        with Path(path).open("rb") as fh:
            head = fh.read(HEAD_BYTES)
    except OSError as exc:
        return FileFacts("other", problem=f"the file could not be read: {exc.strerror or exc}")
    family = family_of(Path(path), head)
    try:
        if family == "pdf":
            return _pdf(Path(path))
        if family == "image":
            return FileFacts(family, taken=_date_taken(Path(path)))
        if family in ("text", "mail"):
            return FileFacts(family, text=_clean(head.decode("utf-8", "replace")))
        if family == "word":
            return FileFacts(family, text=_word(Path(path)))
    except Exception as exc:  # a damaged or hostile file: no clues, never an error
        return FileFacts(family, problem=f"the file could not be read ({type(exc).__name__})")
    return FileFacts(family)


def _clean(text: str) -> str:
    return " ".join(blank_controls(text[: FIRST_PAGE_CHARS * 2]).split())[:FIRST_PAGE_CHARS]


def _pdf(path: Path) -> FileFacts:
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed-PDF chatter
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reader = PdfReader(str(path), strict=False)
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:
                return FileFacts("pdf", problem="the PDF is password-protected")
        title = ""
        try:
            title = clues.usable_title((reader.metadata or {}).get("/Title"))
        except Exception:  # a broken Info dictionary: the words may still be read
            title = ""
        text = ""
        try:
            if len(reader.pages):
                text = _clean(reader.pages[0].extract_text() or "")
        except Exception:
            text = ""
    return FileFacts("pdf", text=text, title=title)


def _date_taken(path: Path) -> PartialDate | None:
    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Pillow's decompression-bomb warning: no pixels read
        with Image.open(path) as image:
            exif = image.getexif()
            taken = exif.get_ifd(_EXIF_IFD).get(_DATE_TAKEN) if exif else None
            return clues.exif_date(taken) or clues.exif_date(exif.get(_DATE_CHANGED))


def _word(path: Path) -> str:
    from app.core.textextract import extract_text

    text, _note = extract_text(path)
    return _clean(text or "")
