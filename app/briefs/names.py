"""The file name a brief is offered under: the case's caption as the person wrote it.

"People v. Maria Lopez - brief.pdf": only what a file name may not hold on Windows,
macOS or Linux is replaced (``< > : " / \\ | ? *``, control characters), so a caption's
dots, ampersands and accents stay. Light on purpose: the export dialog imports it.
"""

from __future__ import annotations

import re
from pathlib import Path

FORMATS = ("pdf", "docx")
# Forbidden in Windows file names (":" is also macOS's, "/" everyone's path separator).
_FORBIDDEN = re.compile(r'[<>:"/\\|?*]')
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]+")
MAX_STEM_CHARS = 80
MAX_STEM_BYTES = 200  # of UTF-8: file systems allow 255 bytes a name, the suffix included


def brief_file_name(caption: str, fmt: str) -> str:
    """``"{caption} - brief.{fmt}"``, safe as a file name on every system; ``brief.{fmt}``
    when nothing of the caption is left."""
    return case_file_name(caption, "brief", fmt)


def case_file_name(caption: str, what: str, fmt: str) -> str:
    """``"{caption} - {what}.{fmt}"`` ("People v. Maria Lopez - speedy-trial exhibit.pdf"),
    safe as a file name on every system; ``{what}.{fmt}`` when nothing of the caption is
    left."""
    stem = _FORBIDDEN.sub("_", _CONTROLS.sub(" ", caption or ""))
    stem = " ".join(stem.split())[:MAX_STEM_CHARS]
    while len(stem.encode("utf-8", "surrogatepass")) > MAX_STEM_BYTES:
        stem = stem[:-1]
    # A leading dot hides a file on macOS and Linux; Windows drops a trailing dot or space.
    stem = stem.lstrip(". ").rstrip(". ")
    return f"{stem} - {what}.{fmt}" if stem else f"{what}.{fmt}"


def with_format(path: str, fmt: str) -> str:
    """``path`` ending in ``.{fmt}``: a brief suffix is replaced, anything else kept and
    the suffix added ("People v. Maria Lopez" has no suffix, not ". Maria Lopez")."""
    name = Path(path)
    if name.suffix.lower().lstrip(".") in FORMATS:
        return str(name.with_suffix(f".{fmt}"))
    return f"{path}.{fmt}"
