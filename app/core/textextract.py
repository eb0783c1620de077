"""The text of an attached file, so its words can be searched.

``extract_text(path) -> (text | None, note)``: plain text (UTF-8, else the
encoding ``charset_normalizer`` detects, else Latin-1), Word ``.docx`` (read from
the zip with lxml: entities are not resolved and nothing is fetched from the
network) and the text layer of a PDF (pypdf). It never raises: a file whose text
cannot be read gives ``None`` and a note saying why, and the document is stored
all the same. Extraction of a big PDF takes seconds, so the GUI runs this in a
worker and hands the result to ``add_document(..., extracted=...)``.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from app.core.textrules import blank_controls

MAX_CHARS = 2_000_000  # a 1,000-page PDF; the rest of a longer text is not searchable
MAX_DOCX_XML = 200 * 1024 * 1024  # refuse zip bombs before parsing
TEXT_SUFFIXES = {".txt", ".text", ".md", ".csv", ".log", ".eml", ".rtf", ".htm", ".html", ".xml"}

Extracted = tuple[str | None, str]


def extract_text(path: Path | str, name: str | None = None) -> Extracted:
    """The searchable text of ``path`` and a note (empty when all went well). ``name``
    is the file's original name when ``path`` has none (a file in the store)."""
    path = Path(path)
    try:
        suffix = Path(name or path.name).suffix.lower()
        with path.open("rb") as fh:
            head = fh.read(8)
        if head.startswith(b"%PDF") or suffix == ".pdf":
            text = _pdf(path)
        elif suffix == ".docx" or (head.startswith(b"PK") and suffix in {".docm", ".dotx"}):
            text = _docx(path)
        elif suffix in TEXT_SUFFIXES or _looks_like_text(path):
            text = _plain(path.read_bytes())
        else:
            return None, f"text could not be extracted: {suffix or 'this'} files are not read"
    except Exception as exc:  # a damaged file must not stop the document being stored
        return None, f"text could not be extracted: {_reason(exc)}"
    return _finish(text)


def _finish(text: str) -> Extracted:
    text = blank_controls(text).strip()
    if not text:
        return None, "text could not be extracted: the file has no text layer (a scan?)"
    if len(text) > MAX_CHARS:
        return text[:MAX_CHARS], f"only the first {MAX_CHARS:,} characters are searchable"
    return text, ""


def _reason(exc: Exception) -> str:
    message = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def _looks_like_text(path: Path) -> bool:
    with path.open("rb") as fh:
        sample = fh.read(4096)
    return bool(sample) and b"\x00" not in sample


def _plain(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:1_000_000]).best()
        if best is not None:
            return data.decode(best.encoding, errors="replace")
    except ImportError:  # pragma: no cover - shipped with requests-free installs too
        pass
    return data.decode("cp1252", errors="replace")


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx(path: Path) -> str:
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    paragraphs: list[str] = []
    with zipfile.ZipFile(path) as archive:
        names = ["word/document.xml"] + sorted(
            n
            for n in archive.namelist()
            if re.fullmatch(r"word/(header|footer|footnotes|endnotes)\d*\.xml", n)
        )
        for name in names:
            try:
                info = archive.getinfo(name)
            except KeyError:
                continue
            if info.file_size > MAX_DOCX_XML:
                raise ValueError(f"{name} is too large to read")
            root = etree.fromstring(archive.read(name), parser)
            for para in root.iter(f"{_W}p"):
                parts = []
                for node in para.iter(f"{_W}t", f"{_W}tab", f"{_W}br"):
                    parts.append((node.text or "") if node.tag == f"{_W}t" else " ")
                line = "".join(parts).strip()
                if line:
                    paragraphs.append(line)
    return "\n".join(paragraphs)


def _pdf(path: Path) -> str:
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed-PDF chatter
    reader = PdfReader(str(path))
    if reader.is_encrypted:
        try:
            reader.decrypt("")
        except Exception:
            raise ValueError("the PDF is password-protected") from None
    pages, total = [], 0
    for page in reader.pages:
        page_text = page.extract_text() or ""
        pages.append(page_text)
        total += len(page_text)
        if total > MAX_CHARS:
            break
    return "\n".join(pages)
