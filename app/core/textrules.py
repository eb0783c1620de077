"""Which characters text may hold: what is refused at save, what a writer replaces.

Case material is pasted from anywhere (PDFs, e-mails, social media), so the
same few characters cause trouble everywhere. The rules live here, once:

* **Storing** (:func:`storage_problem`, used by the services' field cleaning):
  a NUL character is refused (PostgreSQL rejects it; elsewhere it cuts text
  short) and so is a lone UTF-16 surrogate (not Unicode: no database encodes
  it). Everything else is kept as typed.
* **Writing a document** (:func:`printable`, used by the brief writers through
  :mod:`app.briefs.text`): control characters other than tab and line endings,
  C1 controls, lone surrogates and the XML non-characters U+FFFE/U+FFFF become
  U+FFFD, the visible replacement character, so a reader sees that something
  was there (lxml rejects them, and a PDF would show nothing).
* **Searching extracted text** (:func:`blank_controls`, used by
  :mod:`app.core.textextract`): C0 controls and DEL become spaces, so they
  neither reach the database nor glue two words into one search token.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"

NUL_MESSAGE = "contains a NUL character (U+0000), which cannot be stored"
NOT_UNICODE_MESSAGE = "contains characters that are not valid Unicode"

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def storage_problem(text: str) -> str | None:
    """Why ``text`` cannot be stored (to follow a field's name), or None if it can."""
    if "\x00" in text:
        return NUL_MESSAGE
    if _LONE_SURROGATE.search(text):
        return NOT_UNICODE_MESSAGE
    return None


def printable(text: str) -> str:
    """``text`` with every character a document cannot show replaced by U+FFFD."""
    return _UNPRINTABLE.sub(REPLACEMENT, text)


def blank_controls(text: str) -> str:
    """``text`` with C0 control characters (but tab and line endings) and DEL as spaces."""
    return _CONTROL.sub(" ", text)
