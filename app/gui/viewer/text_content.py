"""The readable text of a text file or a Word document, from its bytes in memory.

The viewer gets a file's bytes from the attachment store (decrypted in memory for an
encrypted workspace), so it reads them from memory, never from a copy on disk.
"""

from __future__ import annotations

import io
from pathlib import Path

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp"}
WORD_SUFFIXES = {".docx", ".docm", ".dotx"}


def kind_of(name: str, data: bytes) -> str:
    """ "pdf", "image", "word" or "text": how the viewer shows the file."""
    suffix = Path(name).suffix.lower()
    if data.startswith(b"%PDF") or suffix == ".pdf":
        return "pdf"
    if suffix in IMAGE_SUFFIXES:
        return "image"
    if suffix in WORD_SUFFIXES and data.startswith(b"PK"):
        return "word"
    return "text"


def word_text(data: bytes) -> str:
    """The paragraphs of a Word document, one a line, tables' cells included."""
    import docx  # loaded only when a Word document is shown

    document = docx.Document(io.BytesIO(data))
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def plain_text(data: bytes) -> str:
    """Bytes of a text file as text: UTF-8 or UTF-16 by their marks, else Latin-1."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")
