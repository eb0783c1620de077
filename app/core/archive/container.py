"""Opening a case archive safely: the zip container and the bytes of its entries.

An archive comes from outside the office, so every entry name, size and byte is
distrusted: path traversal, absolute names, symlinks, encrypted or duplicate entries
and anything but ``case.json`` and ``attachments/<sha256>`` are refused; the declared
sizes are capped *and* the bytes actually decompressed are counted (a zip bomb can lie
in its headers). An encrypted archive is decrypted as it is read, never written out
in the clear (:func:`open_archive`). ``case.json`` is parsed strictly (no duplicate
keys, no NaN); what it says is checked in app/core/archive/read.py.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import re
import stat
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from app.core.errors import ArchiveError
from app.core.limits import (
    CASE_JSON_BLANK_CHECK_FROM,
    MAX_ARCHIVE_BYTES,
    MAX_ARCHIVE_ENTRIES,
    MAX_CASE_JSON_BLANK_PERCENT,
    MAX_CASE_JSON_BYTES,
    MAX_JSON_NUMBER_CHARS,
)
from app.core.storage import crypto
from app.core.storage.store import CHUNK

CASE_JSON = "case.json"
ATTACHMENTS = "attachments/"
_ATTACHMENT = re.compile(r"^attachments/([0-9a-f]{64})$")


@dataclass(frozen=True)
class ArchiveLimits:
    """What an archive may hold before it is refused as hostile (the defaults are the
    documented limits of app/core/limits.py; tests pass smaller ones)."""

    max_total_bytes: int = MAX_ARCHIVE_BYTES  # all entries, uncompressed
    max_entries: int = MAX_ARCHIVE_ENTRIES
    max_json_bytes: int = MAX_CASE_JSON_BYTES  # case.json is parsed in memory


DEFAULT_LIMITS = ArchiveLimits()


def _check_name(info: zipfile.ZipInfo) -> None:
    name = info.filename
    shown = repr(name)
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        raise ArchiveError(f"the archive entry {shown} has an absolute path; refusing the archive")
    if "\\" in name:
        raise ArchiveError(f"the archive entry {shown} contains a backslash; refusing the archive")
    if any(part == ".." for part in name.split("/")):
        raise ArchiveError(
            f"the archive entry {shown} points outside the archive (path traversal); "
            "refusing the archive"
        )
    if stat.S_ISLNK(info.external_attr >> 16):
        raise ArchiveError(f"the archive entry {shown} is a symbolic link; refusing the archive")
    if info.flag_bits & 0x1:
        raise ArchiveError(f"the archive entry {shown} is encrypted; Casefile archives are not")
    if name in (CASE_JSON, ATTACHMENTS) or _ATTACHMENT.match(name):
        if info.is_dir() != (name == ATTACHMENTS):
            raise ArchiveError(f"the archive entry {shown} has the wrong type")
        return
    raise ArchiveError(
        f"the archive has an unexpected entry {shown} "
        "(a case archive holds only case.json and attachments/<sha256>)"
    )


class ArchiveReader:
    """An opened, checked archive. Reads count against one byte budget."""

    def __init__(self, source: str | Path | IO[bytes], limits: ArchiveLimits = DEFAULT_LIMITS):
        self.limits = limits
        self.label = str(source) if isinstance(source, str | Path) else "the archive"
        try:
            self._zip = zipfile.ZipFile(source)
        except FileNotFoundError:
            raise ArchiveError(f"{self.label} does not exist") from None
        except IsADirectoryError:
            raise ArchiveError(f"{self.label} is a folder, not a case archive") from None
        except OSError as exc:
            raise ArchiveError(f"cannot read {self.label}: {exc.strerror or exc}") from None
        except (zipfile.BadZipFile, ValueError, EOFError):
            raise ArchiveError(f"{self.label} is not a case archive (not a zip file)") from None
        try:
            self.entries = self._check_entries()
        except BaseException:
            self._zip.close()
            raise
        self._read_total = 0

    def _check_entries(self) -> dict[str, zipfile.ZipInfo]:
        infos = self._zip.infolist()
        if len(infos) > self.limits.max_entries:
            raise ArchiveError(
                f"the archive has {len(infos)} entries, more than the limit of "
                f"{self.limits.max_entries}; refusing it"
            )
        entries: dict[str, zipfile.ZipInfo] = {}
        declared = 0
        for info in infos:
            _check_name(info)
            if info.filename in entries:
                raise ArchiveError(f"the archive has the entry {info.filename!r} twice")
            entries[info.filename] = info
            declared += info.file_size
        if declared > self.limits.max_total_bytes:
            raise ArchiveError(
                f"the archive would unpack to {declared:,} bytes, more than the limit of "
                f"{self.limits.max_total_bytes:,}; refusing it"
            )
        if CASE_JSON not in entries:
            raise ArchiveError(f"{self.label} is not a Casefile case archive (no case.json)")
        return entries

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> ArchiveReader:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def chunks(self, name: str) -> Iterator[bytes]:
        """The bytes of one entry, counted against its declared size and the total budget."""
        info = self.entries.get(name)
        if info is None:
            raise ArchiveError(f"the archive has no entry {name!r}")
        size = 0
        try:
            with self._zip.open(info) as stream:
                while chunk := stream.read(CHUNK):
                    size += len(chunk)
                    self._read_total += len(chunk)
                    if size > info.file_size:
                        raise ArchiveError(f"the archive entry {name!r} is larger than declared")
                    if self._read_total > self.limits.max_total_bytes:
                        raise ArchiveError(
                            "the archive unpacks to more than the limit of "
                            f"{self.limits.max_total_bytes:,} bytes; refusing it"
                        )
                    yield chunk
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
            raise ArchiveError(f"the archive entry {name!r} is damaged: {exc}") from None
        except OSError as exc:
            raise ArchiveError(f"cannot read {self.label}: {exc.strerror or exc}") from None

    def read_case_json(self) -> Any:
        """``case.json`` parsed; refused past ``max_json_bytes`` by its declared size
        before any byte is read, and by the bytes counted as they are read."""
        limit = self.limits.max_json_bytes
        info = self.entries[CASE_JSON]
        if info.file_size > limit:
            raise self._json_too_big(f"{info.file_size:,} bytes")
        # Read into one buffer (chunks() refuses more than the declared size): the file
        # is held once, never copied or joined.
        data = bytearray()
        size = blank = 0
        for chunk in self.chunks(CASE_JSON):
            data += chunk  # grown in place (a large block is remapped, not copied)
            size += len(chunk)
            blank += len(chunk) - len(chunk.translate(None, _BLANK))
            if (
                size >= CASE_JSON_BLANK_CHECK_FROM
                and blank * 100 > size * MAX_CASE_JSON_BLANK_PERCENT
            ):
                raise ArchiveError(
                    f"case.json is more than {MAX_CASE_JSON_BLANK_PERCENT}% blank space "
                    f"({blank:,} of its first {size:,} bytes); refusing the archive"
                )
        with memoryview(data) as view:
            text, lines_before = _json_text(view[:size])
        del data  # the bytes go before the parse makes its objects
        return _parse_text(text, lines_before)

    def _json_too_big(self, size: str) -> ArchiveError:
        return ArchiveError(
            f"case.json is {size}, more than the limit of {self.limits.max_json_bytes:,} "
            "bytes for the records of one case; refusing the archive"
        )

    def check_attachment(self, sha256: str, size: int | None) -> None:
        """Refuse a missing attachment, or one whose bytes do not hash to its name."""
        name = ATTACHMENTS + sha256
        if name not in self.entries:
            raise ArchiveError(f"the attachment {name} is missing from the archive")
        digest = hashlib.sha256()
        actual = 0
        for chunk in self.chunks(name):
            digest.update(chunk)
            actual += len(chunk)
        if digest.hexdigest() != sha256:
            raise ArchiveError(
                f"the attachment {name} does not hash to its name (damaged or altered)"
            )
        if size is not None and size != actual:
            raise ArchiveError(
                f"the attachment {name} is {actual:,} bytes, but case.json says {size:,}"
            )

    def open_attachment(self, sha256: str) -> _ChunkStream:
        return _ChunkStream(self.chunks(ATTACHMENTS + sha256))


class _ChunkStream:
    """A minimal binary stream over counted chunks (what the store reads from)."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._buffer = b""

    def read(self, size: int = -1) -> bytes:
        while size < 0 or len(self._buffer) < size:
            chunk = next(self._chunks, b"")
            if not chunk:
                break
            self._buffer += chunk
        if size < 0:
            data, self._buffer = self._buffer, b""
        else:
            data, self._buffer = self._buffer[:size], self._buffer[size:]
        return data


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ArchiveError(
                f"case.json is malformed: the key {key!r} appears twice in one object"
            )
        result[key] = value
    return result


def _no_constants(name: str) -> Any:
    raise ArchiveError(f"case.json is malformed: {name} is not a JSON value")


def _number_text(text: str) -> None:
    if len(text) > MAX_JSON_NUMBER_CHARS:
        raise ArchiveError(
            f"case.json holds a number of {len(text):,} characters, more than the limit "
            f"of {MAX_JSON_NUMBER_CHARS}; refusing the archive"
        )


def _int(text: str) -> int:
    _number_text(text)
    return int(text)


def _float(text: str) -> float:
    _number_text(text)
    value = float(text)
    if not math.isfinite(value):
        raise ArchiveError(f"case.json is malformed: the number {text} is too large")
    return value


def parse_json(data: bytes | bytearray | memoryview) -> Any:
    """The JSON of ``data``, strictly: no duplicate keys, no NaN or Infinity, no number
    longer than ``MAX_JSON_NUMBER_CHARS`` (Python refuses to read very long ones)."""
    return _parse_text(*_json_text(memoryview(data)))


def _json_text(view: memoryview) -> tuple[str, int]:
    """The text of case.json's value, and the lines before it. Only the value is
    decoded, not the blank space around it: 200 MB of spaces around nothing costs no
    text at all."""
    start, end = _without_blank_ends(view)
    lines_before = sum(
        bytes(view[at : min(start, at + CHUNK)]).count(b"\n") for at in range(0, start, CHUNK)
    )
    try:
        return str(view[start:end], "utf-8"), lines_before
    except UnicodeDecodeError as exc:
        raise ArchiveError(f"case.json is not UTF-8 text (byte {start + exc.start})") from None


def _parse_text(text: str, lines_before: int = 0) -> Any:
    try:
        return json.loads(
            text,
            object_pairs_hook=_no_duplicate_keys,
            parse_constant=_no_constants,
            parse_int=_int,
            parse_float=_float,
        )
    except json.JSONDecodeError as exc:
        raise ArchiveError(
            f"case.json is not valid JSON: {exc.msg} "
            f"(line {exc.lineno + lines_before}, column {exc.colno})"
        ) from None
    except RecursionError:
        raise ArchiveError("case.json is malformed: nested too deeply") from None


_BLANK = b" \t\r\n"  # JSON's whitespace
_LEADING_BLANK = re.compile(rb"[ \t\r\n]*")


def _without_blank_ends(view: memoryview) -> tuple[int, int]:
    """Where the JSON value in ``view`` starts and ends, without the whitespace around it
    (found without copying ``view``: from the end it is looked at a block at a time)."""
    match = _LEADING_BLANK.match(view)
    start = match.end() if match else 0
    end = len(view)
    while end > start:
        block = bytes(view[max(start, end - CHUNK) : end])
        kept = len(block.rstrip(_BLANK))
        end -= len(block) - kept
        if kept:
            break
    return start, end


@contextlib.contextmanager
def open_archive(
    source: str | os.PathLike[str] | IO[bytes],
    *,
    limits: ArchiveLimits = DEFAULT_LIMITS,
    passphrase: str | None = None,
    key: crypto.WorkspaceKey | None = None,
) -> Iterator[ArchiveReader]:
    """An :class:`ArchiveReader` on ``source``, plain or encrypted (with ``passphrase``,
    or the ``key`` of the workspace it was exported from)."""
    with _decrypted(source, passphrase, key) as zipped, ArchiveReader(zipped, limits) as reader:
        yield reader


@contextlib.contextmanager
def _decrypted(
    source: str | os.PathLike[str] | IO[bytes],
    passphrase: str | None,
    key: crypto.WorkspaceKey | None = None,
) -> Iterator[str | Path | IO[bytes]]:
    """The archive's zip: ``source`` itself, or the plaintext of an encrypted archive,
    decrypted as it is read (never written out)."""
    src = _source(source)
    if not isinstance(src, Path) or not crypto.is_encrypted_file(src):
        yield src
        return
    fp = src.open("rb")
    try:
        plain = crypto.archive_reader(fp, passphrase=passphrase, key=key)
    except BaseException:
        fp.close()
        raise
    with plain:
        yield plain


def _source(source: str | os.PathLike[str] | IO[bytes]) -> str | Path | IO[bytes]:
    if isinstance(source, str | os.PathLike):
        return Path(source)
    return source
