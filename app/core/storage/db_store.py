"""The attachment store of an office server: every file in the database, in chunks.

On a PostgreSQL workspace set up with ``casefile server init`` each attached file is a
row of ``attachment_blobs`` (its SHA-256, size and number of chunks) and its bytes are
``attachment_chunks`` of ``CHUNK`` bytes (app/core/storage/blob_rows.py). So a file
attached on one desk opens on the next, the connection encrypts it in transit,
``pg_dump`` backs it up with the rest, and row security guards it like the documents
that use it (a screened colleague reads no chunk of a walled case's file:
``app.core.server.policies.attachment_security``).

Why only after ``server init``: a server opened without it keeps working exactly as
before (its files in a folder); ``server init`` moves that folder's files in
(:func:`import_folder`) before the store is switched, so nothing is left behind.

Nothing is ever whole in memory: a write reads and inserts one chunk at a time in one
transaction, under a placeholder name, and renames the rows to the SHA-256 once it is
known (a file already stored is rolled back instead: deduplicated); a read streams the
chunks through a binary ``COPY ... TO STDOUT``. The same interface as the folder store, whose
private temporary folder (viewer copies, print spools) stays on this machine under
``root``; nothing else is written to disk.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

from app.core.errors import StoreError
from app.core.storage.store import CHUNK, AttachmentStore

PLACEHOLDER_PREFIX = "upload-"  # policies.UPLOADING: a write under way
_ROLES_SETTING = (
    "server_roles"  # app.core.server.roles.ROLES_SETTING (storage never imports server)
)


def keeps_files_in_database(engine: Engine) -> bool:
    """True for an office server (``server init`` recorded its roles): its files live in
    the database. One query; only asked of a PostgreSQL engine."""
    if engine.dialect.name != "postgresql":
        return False
    with engine.connect() as connection:
        return bool(
            connection.execute(
                text("SELECT 1 FROM workspace_settings WHERE key = :key"), {"key": _ROLES_SETTING}
            ).first()
        )


class DatabaseAttachmentStore(AttachmentStore):
    """The folder store's interface over the attachment tables; ``root`` holds only the
    private temporary folder of this machine."""

    in_database = True

    def __init__(self, engine: Engine, root: Path) -> None:
        super().__init__(root)
        self.engine = engine

    # -- writing ---------------------------------------------------------------------

    def _write(self, stream: BinaryIO) -> tuple[str, int]:
        try:
            with self.engine.connect() as connection:
                sha, size, _new = write_blob(connection, stream)
            return sha, size
        except DBAPIError as exc:
            raise StoreError(
                f"cannot store the attachment in the database: {_reason(exc)}"
            ) from None

    # -- reading ---------------------------------------------------------------------

    def has(self, sha256: str) -> bool:
        _check_name(sha256)
        with self.engine.connect() as connection:
            return _blob(connection, sha256) is not None

    def open(self, sha256: str) -> BinaryIO:
        _check_name(sha256)
        chunks = self.chunks(sha256)
        try:
            first = next(chunks)
        except StopIteration:
            first = b""
        return io.BufferedReader(_ChunkReader(first, chunks), CHUNK)  # type: ignore[return-value]

    def chunks(self, sha256: str) -> Iterator[bytes]:
        """The file's bytes, a chunk at a time, in order: one connection is held while
        they are read. Raises StoreError when the file is not there
        (or the login may not see it: a screened case's file is "missing" alike)."""
        _check_name(sha256)
        connection = self.engine.connect()
        try:
            blob = _blob(connection, sha256)
            if blob is None:
                raise StoreError(f"attachment {sha256[:12]}… is missing from the database")
        except BaseException:
            connection.close()
            raise
        return _stream(connection, sha256, blob[1])

    def read_bytes(self, sha256: str) -> bytes:
        return b"".join(self.chunks(sha256))

    def verify(self, sha256: str) -> bool:
        """True when the chunks, re-read from the database, still hash to the name."""
        digest = hashlib.sha256()
        size = 0
        try:
            with self.engine.connect() as connection:
                blob = _blob(connection, sha256)
            if blob is None:
                return False
            for chunk in self.chunks(sha256):
                digest.update(chunk)
                size += len(chunk)
        except (StoreError, DBAPIError):
            return False
        return digest.hexdigest() == sha256 and size == blob[0]

    @contextlib.contextmanager
    def plain_file(self, sha256: str, suffix: str = "") -> Iterator[Path]:
        """The bytes behind a path, for readers that need one (text extraction): in
        memory where the system allows, else owner-only in the private folder."""
        create = getattr(os, "memfd_create", None)
        if create is not None and Path("/proc/self/fd").is_dir():
            fd = create("casefile-attachment", getattr(os, "MFD_CLOEXEC", 0))
            out, path = os.fdopen(fd, "wb"), Path(f"/proc/self/fd/{fd}")
        else:
            fd, name = tempfile.mkstemp(prefix="plain-", suffix=suffix, dir=self.temporary_folder())
            out, path = os.fdopen(fd, "wb"), Path(name)
        try:
            for chunk in self.chunks(sha256):
                out.write(chunk)
            out.flush()
            yield path
        finally:
            out.close()
            if path.parent == self.temporary_folder():
                with contextlib.suppress(OSError):
                    path.unlink()

    # -- listing: nothing sits in a folder ------------------------------------------

    def stored_names(self) -> Iterator[str]:
        """No file of this store is in a folder (a backup's ``pg_dump`` holds them all)."""
        return iter(())

    def all_hashes(self) -> Iterator[str]:
        """Every blob this login may see."""
        with self.engine.connect() as connection:
            names = connection.execute(
                text("SELECT sha256 FROM attachment_blobs ORDER BY sha256")
            ).scalars()
            return iter(list(names))


def write_blob(connection: Connection, stream: BinaryIO) -> tuple[str, int, bool]:
    """Insert what ``stream`` yields as one blob, a chunk at a time, in one transaction
    on ``connection``: (SHA-256, size, whether it was new). Bytes already stored (maybe in
    a case this login may not see) are rolled back, not stored twice."""
    placeholder = PLACEHOLDER_PREFIX + uuid.uuid4().hex
    digest = hashlib.sha256()
    size = seq = 0
    with connection.begin() as transaction:
        insert = text("INSERT INTO attachment_chunks (sha256, seq, data) VALUES (:s, :n, :d)")
        for chunk in iter(lambda: stream.read(CHUNK), b""):
            digest.update(chunk)
            size += len(chunk)
            connection.execute(insert, {"s": placeholder, "n": seq, "d": chunk})
            seq += 1
        sha = digest.hexdigest()
        added = connection.execute(
            text(
                "INSERT INTO attachment_blobs (sha256, size, chunks, added_by) "
                "VALUES (:s, :size, :n, current_user) ON CONFLICT DO NOTHING"
            ),
            {"s": sha, "size": size, "n": seq},
        )
        if added.rowcount == 0:  # already stored: these chunks are not needed
            transaction.rollback()
            return sha, size, False
        connection.execute(
            text("UPDATE attachment_chunks SET sha256 = :s WHERE sha256 = :p"),
            {"s": sha, "p": placeholder},
        )
    return sha, size, True


@dataclass(frozen=True)
class FolderImport:
    moved: int  # files copied into the database by this run
    already: int  # files the database held already (an earlier, interrupted run)
    damaged: list[str]  # files whose bytes no longer match their name: left out


def import_folder(connection: Connection, folder: AttachmentStore) -> FolderImport:
    """Copy every file of the folder store into the database, one transaction each, so
    a run cut short keeps what it copied and the next run skips it. Run as the owner
    role (``server init``): it sees every blob."""
    stored = set(connection.execute(text("SELECT sha256 FROM attachment_blobs")).scalars())
    connection.commit()
    moved = already = 0
    damaged: list[str] = []
    for sha in folder.all_hashes():
        if sha in stored:
            already += 1
            continue
        if not folder.verify(sha):  # its bytes no longer match its name: left out, named
            damaged.append(sha)
            continue
        with folder.open(sha) as fh:
            _sha, _size, new = write_blob(connection, fh)
        moved += new
        already += not new
    return FolderImport(moved, already, damaged)


def _blob(connection: Connection, sha256: str) -> tuple[int, int] | None:
    row = connection.execute(
        text("SELECT size, chunks FROM attachment_blobs WHERE sha256 = :s"), {"s": sha256}
    ).first()
    return None if row is None else (int(row[0]), int(row[1]))


def _stream(connection: Connection, sha256: str, expected: int) -> Iterator[bytes]:
    """Yield the chunks in order through ``COPY ... TO STDOUT`` in binary: the rows
    flow without a round trip each and without hex text to decode (a third faster than
    a server-side cursor), a chunk at a time. The connection closes when the reading
    ends; one left half-read is discarded, not pooled (its copy is still under way).
    One connection: a second one reading every other chunk does the same work, is no
    faster on an idle machine and holds two connections per open file
    (benchmarks/bench_pg.py)."""
    finished = False
    try:
        raw: Any = connection.connection.driver_connection
        query = (
            "COPY (SELECT seq, data FROM attachment_chunks WHERE sha256 = %s ORDER BY seq) "
            "TO STDOUT (FORMAT binary)"
        )
        seen = 0
        with raw.cursor() as cursor, cursor.copy(query, (sha256,)) as copy:
            copy.set_types(["int4", "bytea"])
            for seq, data in copy.rows():
                if seq != seen:
                    raise StoreError(f"attachment {sha256[:12]}… is missing chunk {seen}")
                seen += 1
                yield data
        if seen != expected:
            raise StoreError(
                f"attachment {sha256[:12]}… has {seen} of its {expected} chunks in the "
                "database (or this login may not read them)"
            )
        connection.rollback()
        finished = True
    finally:
        if not finished:
            connection.invalidate()
        connection.close()


class _ChunkReader(io.RawIOBase):
    """A read-only file over a chunk iterator (what ``open`` hands out)."""

    def __init__(self, first: bytes, rest: Iterator[bytes]) -> None:
        self._pending = memoryview(first)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            nxt = next(self._rest, None)
            if nxt is None:
                return 0
            self._pending = memoryview(nxt)
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n

    def close(self) -> None:
        close = getattr(self._rest, "close", None)
        if close is not None:
            close()  # a generator: its finally closes the connection
        super().close()


def _check_name(sha256: str) -> None:
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise StoreError(f"{sha256!r} is not a SHA-256 name")


def _reason(exc: DBAPIError) -> str:
    return str(exc.orig or exc).splitlines()[0]
