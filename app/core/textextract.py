"""The text of an attached file, so its words can be searched.

``extract_text(path) -> (text | None, note)``: plain text (UTF-8, else the
encoding ``charset_normalizer`` detects, else Latin-1), Word ``.docx`` (read from
the zip with lxml: entities are not resolved and nothing is fetched from the
network; a table row is one line, its cells side by side) and the text layer of a
PDF (pypdf). It never raises: a file whose text cannot be read gives ``None`` and a
note saying why, and the document is stored all the same. Extraction of a big PDF
takes seconds, so the GUI runs this in a worker and hands the result to
``add_document(..., extracted=...)``.

Transcripts keep their line numbers, so pin cites (``12:4-9``) can be read from the
text (app/core/intake/transcript.py): a PDF that draws the numbers as a column apart
from the lines, or in the right margin, is laid out by position, each number back beside
its line; one whose
text layer has no numbers at all is numbered by each line's place on the page's grid.

Memory stays bounded whatever the file claims (app/core/limits.py): a Word part is
parsed as a stream, paragraph by paragraph, and one that unpacks past
``MAX_EXTRACT_XML_BYTES`` (a zip bomb in a 14 KB file) gets no text and a note; a
plain-text file is read only as far as ``MAX_EXTRACTED_CHARS`` can need, and only
that many characters are kept of any file.
"""

from __future__ import annotations

import codecs
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from app.core.limits import MAX_EXTRACT_XML_BYTES, MAX_EXTRACTED_CHARS, MIB
from app.core.textrules import blank_controls

MAX_CHARS = MAX_EXTRACTED_CHARS  # a 1,000-page PDF; the rest of a longer text is not searchable
MAX_DOCX_XML = MAX_EXTRACT_XML_BYTES  # one part of a Word file, uncompressed
# A character takes at most 4 bytes in any encoding read here.
_MAX_PLAIN_BYTES = 4 * MAX_CHARS
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
            with path.open("rb") as fh:
                text = _plain(fh.read(_MAX_PLAIN_BYTES + 1))
        else:
            return None, f"text could not be extracted: {suffix or 'this'} files are not read"
    except TooLarge as exc:
        return None, f"text could not be extracted: {exc}"
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


class TooLarge(Exception):
    """A part of the file unpacks past the documented limit; its text is not read."""


def _reason(exc: Exception) -> str:
    message = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def _looks_like_text(path: Path) -> bool:
    with path.open("rb") as fh:
        sample = fh.read(4096)
    return bool(sample) and b"\x00" not in sample


def _plain(data: bytes) -> str:
    """The text of ``data``; a multi-byte character cut at the end of a file read only
    in part is left out, not taken for a sign of another encoding."""
    cut = len(data) > _MAX_PLAIN_BYTES
    data = data[:_MAX_PLAIN_BYTES]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return codecs.getincrementaldecoder("utf-16")("replace").decode(data, final=not cut)
    try:
        return codecs.getincrementaldecoder("utf-8-sig")().decode(data, final=not cut)
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
    paragraphs: list[str] = []
    total = 0
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
                raise _too_large(name, f"{info.file_size / MIB:,.0f} MB")
            with archive.open(info) as raw:
                for line in _paragraphs(_Counted(raw, name)):
                    paragraphs.append(line)
                    total += len(line) + 1
                    if total > MAX_CHARS:
                        return "\n".join(paragraphs)
    return "\n".join(paragraphs)


def _too_large(name: str, size: str) -> TooLarge:
    return TooLarge(
        f"{name} unpacks to {size}, more than the limit of {MAX_DOCX_XML // MIB} MB "
        "read from one file"
    )


def _paragraphs(stream: IO[bytes]) -> Iterator[str]:
    """The text of each ``w:p``, parsed as a stream: each paragraph is dropped from the
    tree once read, so memory does not grow with the part. A table row is one line, its
    cells side by side (a transcript set as a table: line number, then the line)."""
    from lxml import etree

    events = etree.iterparse(
        stream,
        events=("end",),
        tag=(f"{_W}p", f"{_W}tr"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
    )
    for _event, node in events:
        parent = node.getparent()
        if node.tag == f"{_W}p":
            if parent is not None and parent.tag == f"{_W}tc":
                continue  # read with its row
            line = _words(node)
        else:
            cells = (" ".join(_words(p) for p in cell.iter(f"{_W}p")) for cell in node)
            line = "    ".join(c.strip() for c in cells if c.strip())
        node.clear(keep_tail=False)
        # What was already read goes too (its parent would keep it otherwise).
        while node.getprevious() is not None:
            del node.getparent()[0]
        if line:
            yield line


def _words(para: object) -> str:
    parts = []
    for node in para.iter(f"{_W}t", f"{_W}tab", f"{_W}br"):  # type: ignore[attr-defined]
        parts.append((node.text or "") if node.tag == f"{_W}t" else " ")
    return "".join(parts).strip()


class _Counted:
    """A part's bytes, counted as they are read: the size a zip declares can lie."""

    def __init__(self, raw: IO[bytes], name: str) -> None:
        self._raw = raw
        self._name = name
        self._read = 0

    def read(self, size: int = -1) -> bytes:
        chunk = self._raw.read(size if 0 <= size <= MIB else MIB)
        self._read += len(chunk)
        if self._read > MAX_DOCX_XML:
            raise _too_large(self._name, f"more than {MAX_DOCX_XML // MIB} MB")
        return chunk


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
    apart: list[int] = []  # pages whose line numbers the text layer lists apart
    column = False
    for number, page in enumerate(reader.pages):
        page_text = page.extract_text() or ""
        run = max(
            _number_run(page_text),
            _number_run(page_text, skip=1),
            _number_run(page_text, _RIGHT_NUMBER),
        )
        if run >= 2:
            apart.append(number)
            column = column or run >= _NUMBER_RUN
        pages.append(page_text)
        total += len(page_text)
        if total > MAX_CHARS:
            break
    if column:
        # A transcript whose line numbers are drawn as a column of their own: the text
        # layer lists them apart from their lines, so lay those pages out by position.
        for number in apart:
            pages[number] = _by_position(reader.pages[number]) or pages[number]
    elif _unnumbered_transcript("\n".join(pages)):
        # A transcript whose line numbers are not in the text layer at all (drawn as
        # pictures, or on a background): number its lines by their place on the grid.
        numbered = _numbered_by_grid(reader.pages[: len(pages)])
        pages = numbered or pages
    return "\n".join(pages)


_TURN_START = re.compile(
    r"(?m)^[ \t]*(?:[QA](?:\.|:|[ \t]{2,})|THE [A-Z]+:|(?:MR|MS|MRS)\.[ \t]+[A-Z'’-]+:)"
)
_NUMBERED_START = re.compile(r"(?m)^[ \t]*\d{1,2}[ \t]+\S")


def _unnumbered_transcript(text: str) -> bool:
    """Whether ``text`` reads as a transcript (many turn labels) without line numbers."""
    labels = _TURN_START.findall(text)
    court = sum(1 for label in labels if not label.strip().startswith(("Q", "A")))
    return len(labels) >= 8 and court >= 2 and len(_NUMBERED_START.findall(text)) * 2 < len(labels)


def _numbered_by_grid(pages: list[object]) -> list[str]:
    """Each page's lines top to bottom, those on the transcript's line grid numbered from
    the top line of the grid (line 1); headers, footers and page numbers left unnumbered.
    The grid's spacing is the commonest gap between lines, its top the highest line that
    opens a turn. An empty list when the positions cannot be read."""
    laid: list[list[tuple[float, str]]] = []
    try:
        for page in pages:
            laid.append(_lines_by_height(page))
    except Exception:  # an odd font or layout: keep the plain text layer
        return []
    gaps: dict[float, int] = {}
    for lines in laid:
        for (upper, _), (lower, _) in zip(lines, lines[1:], strict=False):
            gap = round(upper - lower, 0)
            if gap >= 4:
                gaps[gap] = gaps.get(gap, 0) + 1
    starts = [y for lines in laid for y, words in lines if _TURN_START.match(words)]
    if not gaps or not starts:
        return []
    leading = max(gaps, key=lambda g: gaps[g])
    top = max(starts)
    out = []
    for lines in laid:
        rows = []
        for y, words in lines:
            slot = (top - y) / leading
            number = round(slot) + 1
            on_grid = abs(slot - round(slot)) < 0.25 and 1 <= number <= 35
            rows.append(f"{number:>2}   {words}" if on_grid else words)
        out.append("\n".join(rows))
    return out


def _lines_by_height(page: object) -> list[tuple[float, str]]:
    """The page's text as (height, words) lines, top first: pieces at one height joined
    left to right."""
    pieces: list[tuple[float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            pieces.append((round(y * 2) / 2, x, text.strip("\n")))

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    rows: dict[float, list[tuple[float, str]]] = {}
    for y, x, text in pieces:
        rows.setdefault(y, []).append((x, text))
    return [
        (y, " ".join(t for _, t in sorted(rows[y])).strip())
        for y in sorted(rows, reverse=True)
        if "".join(t for _, t in rows[y]).strip()
    ]


_BARE_NUMBER = re.compile(r"\s*(\d{1,2})\s*")
_NUMBER_RUN = 10  # consecutive bare line numbers that show a separate number column


# A line ending in its line number, drawn in the right margin: "Q. Where were you? 6".
_RIGHT_NUMBER = re.compile(r".*\S\s+(\d{1,2})\s*")


def _number_run(page_text: str, pattern: re.Pattern[str] = _BARE_NUMBER, skip: int = 0) -> int:
    """The longest run of lines holding only the numbers 1, 2, 3 ... in turn. With
    ``skip`` 1, each number may follow a line of words: numbers drawn in the right margin,
    which the text layer puts after their lines; with ``_RIGHT_NUMBER``, lines ending in
    them. Laid out by position, those numbers stand apart again beside their lines."""
    run, previous, longest, words = 0, 0, 0, 0
    for line in page_text.splitlines():
        match = pattern.fullmatch(line)
        number = int(match.group(1)) if match else 0
        if not number:
            words += 1
            if words <= skip:
                continue
        if number and number == previous + 1:
            run += 1
        else:
            run = 1 if number == 1 else 0
        previous, words = number, 0
        longest = max(longest, run)
    return longest


def _by_position(page: object) -> str:
    """The page's text laid out by the position of each piece (line numbers back beside
    their lines), blank lines left out."""
    try:
        text = page.extract_text(extraction_mode="layout") or ""  # type: ignore[attr-defined]
    except Exception:  # an odd font or layout: keep the plain text layer
        return ""
    return "\n".join(line.rstrip() for line in text.splitlines() if line.strip())
