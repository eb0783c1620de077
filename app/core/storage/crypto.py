"""Encryption at rest: passphrase-protected workspaces, their attachments and archives.

Needs the ``encryption`` extra (``sqlcipher3`` and ``cryptography``); nothing here
imports either until it is used, so a plain workspace never needs them.

Keys (none is ever written to disk in the clear):

* **Workspace master key** = scrypt(passphrase NFC-normalised as UTF-8, salt), where the
  salt is 16 random bytes made when the workspace is created. SQLCipher keeps it as
  the first 16 bytes of the workspace file (the "raw key with explicit salt" form),
  so the workspace stays one self-contained file and every new connection costs no
  key derivation. The scrypt parameters are fixed (:data:`WORKSPACE_KDF`); a future
  version that raises them tries the old ones when the new ones fail.
* **Database key** = HKDF(master, "casefile sqlcipher"), handed to SQLCipher as
  ``PRAGMA key = "x'<hex key><hex salt>'"``: only hex digits ever reach SQL, so a
  passphrase with quotes, spaces or any script is safe.
* **Attachment data key**: 32 random bytes kept in ``workspace_settings`` *inside* the
  encrypted database, so SQLCipher's page encryption under the passphrase-derived
  key is what wraps it (a key-encryption-key design). Changing the passphrase is one
  ``PRAGMA rekey``, atomic, and no attachment is rewritten. It also means an old
  backup opens with the passphrase the workspace had when the backup was made.
* **Archive keys** = HKDF(scrypt(passphrase, kdf_salt), file_salt) with the scrypt
  parameters and both salts in the archive's header. An archive exported from a
  workspace uses the workspace's own salt (so no second scrypt is needed to export,
  and re-importing into the same workspace needs no passphrase).

Files (attachments, archives) use one chunked AES-256-GCM format (the STREAM
construction): a header, then chunks of :data:`CHUNK` plaintext bytes, each sealed
with nonce = chunk index + "last chunk" flag and the header as associated data. So
chunks cannot be reordered, the file cannot be truncated or extended unnoticed,
and a reader can seek (a PDF or a zip is read with random access, never decrypted
to disk).
"""

from __future__ import annotations

import hashlib
import hmac
import io
import os
import struct
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from app.core.errors import WorkspaceError

SQLITE_HEADER = b"SQLite format 3\x00"
SALT_BYTES = 16
KEY_BYTES = 32
CHUNK = 64 * 1024
TAG = 16
MAGIC = b"\x89CFE"  # 0x89 first: never mistaken for text, a zip or a SQLite file
FORMAT_VERSION = 1
KDF_NONE = 0  # the file key comes from a key the caller holds (attachments)
KDF_SCRYPT = 1  # the file key comes from a passphrase (archives)
EXTRA_HINT = "install Casefile with the 'encryption' extra: pip install 'casefile[encryption]'"


class EncryptionError(WorkspaceError):
    """Something about encryption: a missing passphrase, a wrong one, a missing library."""


class PassphraseRequired(EncryptionError):
    pass


class WrongPassphrase(EncryptionError):
    pass


class EncryptionUnavailable(EncryptionError):
    pass


# -- libraries ---------------------------------------------------------------------------


def sqlcipher() -> Any:
    """The SQLCipher DB-API module, or EncryptionUnavailable saying how to get it."""
    try:
        from sqlcipher3 import dbapi2
    except ImportError:
        raise EncryptionUnavailable(
            f"encrypted workspaces need SQLCipher, which is not installed; {EXTRA_HINT}"
        ) from None
    return dbapi2


def available() -> bool:
    try:
        sqlcipher()
        import cryptography  # noqa: F401
    except (EncryptionUnavailable, ImportError):
        return False
    return True


def _aead(key: bytes) -> Any:
    try:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    except ImportError:
        raise EncryptionUnavailable(
            f"encryption needs the 'cryptography' package; {EXTRA_HINT}"
        ) from None
    return AESGCM(key)


def _hkdf(key: bytes, info: bytes, salt: bytes | None = None) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(hashes.SHA256(), KEY_BYTES, salt, info).derive(key)


# -- passphrases and keys ----------------------------------------------------------------


@dataclass(frozen=True)
class KdfParams:
    log2_n: int = 17  # scrypt N = 2**17, r = 8, p = 1: 128 MiB, about half a second
    r: int = 8
    p: int = 1


WORKSPACE_KDF = KdfParams()


def _passphrase_bytes(passphrase: str) -> bytes:
    if not passphrase:
        raise EncryptionError("the passphrase is empty")
    # The same words typed on another keyboard or OS must give the same key.
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def scrypt(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    try:
        from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
    except ImportError:
        raise EncryptionUnavailable(
            f"encryption needs the 'cryptography' package; {EXTRA_HINT}"
        ) from None
    if not (10 <= params.log2_n <= 22 and 1 <= params.r <= 32 and 1 <= params.p <= 16):
        raise EncryptionError("the key derivation parameters are out of range (damaged file?)")
    return Scrypt(salt=salt, length=KEY_BYTES, n=1 << params.log2_n, r=params.r, p=params.p).derive(
        _passphrase_bytes(passphrase)
    )


@dataclass(frozen=True, repr=False)
class WorkspaceKey:
    """The keys of one encrypted workspace, derived once when it is opened."""

    salt: bytes
    master: bytes
    params: KdfParams

    @classmethod
    def derive(cls, passphrase: str, salt: bytes, params: KdfParams | None = None) -> WorkspaceKey:
        params = params or WORKSPACE_KDF  # read at call time: tests use cheaper ones
        return cls(salt, scrypt(passphrase, salt, params), params)

    @classmethod
    def new(cls, passphrase: str, params: KdfParams | None = None) -> WorkspaceKey:
        return cls.derive(passphrase, os.urandom(SALT_BYTES), params)

    def __repr__(self) -> str:  # never print a key
        return "WorkspaceKey(<hidden>)"

    def literal(self) -> str:
        """SQLCipher's raw key with explicit salt, as an SQL literal: hex digits only."""
        raw = _hkdf(self.master, b"casefile sqlcipher key")
        return f"\"x'{raw.hex()}{self.salt.hex()}'\""

    def pragma(self, verb: str = "key") -> str:
        """``PRAGMA key`` (or ``rekey``) with the raw key and salt."""
        assert verb in ("key", "rekey")
        return f"PRAGMA {verb} = {self.literal()}"


def looks_encrypted(path: Path) -> bool:
    """True for a file that is not plain SQLite but has the shape of a SQLCipher one."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_HEADER))
    except OSError:
        return False
    return size >= 1024 and size % 512 == 0 and head != SQLITE_HEADER


def wrong_passphrase(path: Path | None) -> WrongPassphrase:
    """The error for a workspace its passphrase does not open. A file copied by hand
    while the app was saving is often the cause: without its ``-wal`` file beside it the
    copy opens with no passphrase at all (``casefile backup`` is the safe way to copy)."""
    wal = f"{path.name}-wal" if path is not None else "-wal"
    return WrongPassphrase(
        f"{path}: wrong passphrase or not a Casefile workspace (a copy made by hand opens only "
        f"with its {wal} file beside it, if it had one; 'casefile backup' makes one that does)"
    )


def workspace_salt(path: Path) -> bytes:
    with path.open("rb") as fh:
        salt = fh.read(SALT_BYTES)
    if len(salt) != SALT_BYTES:
        raise wrong_passphrase(path)
    return salt


def unlock(path: Path, passphrase: str) -> WorkspaceKey:
    """The key of the encrypted workspace at ``path``, checked against the file."""
    key = WorkspaceKey.derive(passphrase, workspace_salt(path))
    con = connect(path, key)
    con.close()
    return key


def apply_key(dbapi_connection: Any, key: WorkspaceKey) -> None:
    """Key a fresh SQLCipher connection; must come before anything reads the file."""
    cursor = dbapi_connection.cursor()
    try:
        # SQLCipher logs every failed page decryption to stderr; a wrong passphrase is
        # reported once, as an error, by whoever opened the workspace.
        cursor.execute("PRAGMA cipher_log_level = NONE")
        cursor.execute(key.pragma())
    finally:
        cursor.close()


def connect(path: Path, key: WorkspaceKey, **kwargs: Any) -> Any:
    """A SQLCipher connection to ``path``, keyed and checked (WrongPassphrase if not)."""
    module = sqlcipher()
    con = module.connect(str(path), **kwargs)
    try:
        apply_key(con, key)
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except module.OperationalError as exc:
        # Locked, a disk I/O error, a full disk: the passphrase may well be right.
        con.close()
        raise EncryptionError(f"{path}: cannot open the workspace: {exc}") from None
    except module.DatabaseError:  # "file is not a database": the key did not fit
        con.close()
        raise wrong_passphrase(path) from None
    return con


# -- the attachment key ------------------------------------------------------------------


class AttachmentKey:
    """The random data key of an encrypted workspace's attachments."""

    def __init__(self, data_key: bytes) -> None:
        if len(data_key) != KEY_BYTES:
            raise EncryptionError("the attachment key of this workspace is damaged")
        self._key = data_key
        self._name_key = _hkdf(data_key, b"casefile attachment names")

    @classmethod
    def new(cls) -> AttachmentKey:
        return cls(os.urandom(KEY_BYTES))

    def __repr__(self) -> str:
        return "AttachmentKey(<hidden>)"

    def hex(self) -> str:
        return self._key.hex()

    def name_for(self, sha256: str) -> str:
        """The stored file name: HMAC-SHA256(key, sha256), so the store does not show
        which known file (a published report, a police form) a workspace holds."""
        return hmac.new(self._name_key, sha256.encode("ascii"), hashlib.sha256).hexdigest()

    def writer(self, out: BinaryIO) -> EncryptingWriter:
        salt = os.urandom(SALT_BYTES)
        header = MAGIC + bytes([FORMAT_VERSION, KDF_NONE]) + salt
        return EncryptingWriter(out, _hkdf(self._key, b"casefile attachment", salt), header)

    def reader(self, fp: BinaryIO) -> io.BufferedReader:
        header = fp.read(len(MAGIC) + 2 + SALT_BYTES)
        if len(header) != len(MAGIC) + 2 + SALT_BYTES or header[:6] != (
            MAGIC + bytes([FORMAT_VERSION, KDF_NONE])
        ):
            fp.close()
            raise EncryptionError("the attachment is not an encrypted Casefile file (damaged?)")
        key = _hkdf(self._key, b"casefile attachment", header[6:])
        try:
            raw = DecryptingReader(fp, key, header)
        except EncryptionError:
            fp.close()
            raise
        if not raw.key_fits():  # checked up front: a reader may never reach the end
            fp.close()
            raise EncryptionError("the attachment is damaged (it does not authenticate)")
        return io.BufferedReader(raw, buffer_size=CHUNK)


# -- archives: a whole file sealed with a passphrase ----------------------------------------


def is_encrypted_file(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def _archive_header(params: KdfParams, kdf_salt: bytes, file_salt: bytes) -> bytes:
    return (
        MAGIC
        + bytes([FORMAT_VERSION, KDF_SCRYPT, params.log2_n, params.r, params.p])
        + kdf_salt
        + file_salt
    )


ARCHIVE_HEADER_BYTES = len(MAGIC) + 5 + 2 * SALT_BYTES


def archive_writer(
    out: BinaryIO, *, passphrase: str | None = None, key: WorkspaceKey | None = None
) -> EncryptingWriter:
    """Seal what is written to ``out`` with ``passphrase`` (or the workspace's key)."""
    if key is None:
        if passphrase is None:
            raise PassphraseRequired("give a passphrase to encrypt the archive with")
        key = WorkspaceKey.new(passphrase)
    file_salt = os.urandom(SALT_BYTES)
    header = _archive_header(key.params, key.salt, file_salt)
    return EncryptingWriter(out, _hkdf(key.master, b"casefile archive", file_salt), header)


def archive_reader(
    fp: BinaryIO, *, passphrase: str | None = None, key: WorkspaceKey | None = None
) -> io.BufferedReader:
    """A seekable reader of the plaintext of an encrypted archive.

    ``key`` (the open workspace's) is tried first when the archive was exported from
    that workspace; otherwise ``passphrase`` is needed.
    """
    header = fp.read(ARCHIVE_HEADER_BYTES)
    if len(header) != ARCHIVE_HEADER_BYTES or header[:4] != MAGIC:
        raise EncryptionError("this is not an encrypted Casefile file")
    if header[4] > FORMAT_VERSION:
        raise EncryptionError("this file was encrypted by a newer Casefile; update Casefile")
    if header[5] != KDF_SCRYPT:
        raise EncryptionError("this encrypted file is not a case archive")
    params = KdfParams(header[6], header[7], header[8])
    kdf_salt, file_salt = header[9:25], header[25:41]
    candidates: list[bytes] = []
    if key is not None and hmac.compare_digest(key.salt, kdf_salt) and key.params == params:
        candidates.append(key.master)
    if passphrase is not None:
        candidates.append(scrypt(passphrase, kdf_salt, params))
    if not candidates:
        raise PassphraseRequired("this case archive is encrypted: give its passphrase")
    for master in candidates:
        raw = DecryptingReader(fp, _hkdf(master, b"casefile archive", file_salt), header)
        if raw.key_fits():
            return io.BufferedReader(raw, buffer_size=CHUNK)
    if passphrase is None:  # the workspace's own key did not fit: another passphrase
        raise PassphraseRequired("this case archive is encrypted: give its passphrase")
    raise WrongPassphrase("wrong passphrase for this case archive (or the archive is damaged)")


# -- the chunked AES-GCM stream ----------------------------------------------------------


def _nonce(index: int, last: bool) -> bytes:
    return struct.pack(">QB3x", index, 1 if last else 0)


class EncryptingWriter(io.BufferedIOBase):
    """Write-only, not seekable (zipfile then writes data descriptors). ``close()``
    seals the last chunk; it does not close ``out``."""

    def __init__(self, out: BinaryIO, key: bytes, header: bytes) -> None:
        super().__init__()
        self._out, self._aead, self._header = out, _aead(key), header
        self._buffer = bytearray()
        self._index = 0
        self._sealed = False
        out.write(header)

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if self._sealed:
            raise ValueError("write to a sealed encrypted file")
        data = memoryview(data).cast("B")
        self._buffer += data
        # Keep up to one chunk back: only at close is it known which chunk is last.
        while len(self._buffer) > CHUNK:
            self._seal(bytes(self._buffer[:CHUNK]), last=False)
            del self._buffer[:CHUNK]
        return len(data)

    def _seal(self, chunk: bytes, *, last: bool) -> None:
        self._out.write(self._aead.encrypt(_nonce(self._index, last), chunk, self._header))
        self._index += 1

    def close(self) -> None:
        if not self._sealed:
            self._sealed = True
            self._seal(bytes(self._buffer), last=True)
            self._buffer.clear()
        super().close()


class DecryptingReader(io.RawIOBase):
    """Read-only and seekable: each chunk is decrypted (and authenticated) when read."""

    def __init__(self, fp: BinaryIO, key: bytes, header: bytes) -> None:
        super().__init__()
        self._fp, self._aead, self._header = fp, _aead(key), header
        self._owns_fp = False  # until it is whole: a failed reader must not close fp
        self._start = len(header)
        fp.seek(0, os.SEEK_END)
        body = fp.tell() - self._start
        stride = CHUNK + TAG
        self._chunks = max(1, -(-body // stride))
        last = body - (self._chunks - 1) * stride
        if body < TAG or last < TAG:
            raise EncryptionError("the encrypted file is truncated or damaged")
        self._size = body - self._chunks * TAG
        self._pos = 0
        self._cached: tuple[int, bytes] | None = None
        self._owns_fp = True

    def key_fits(self) -> bool:
        """Whether the key opens the last chunk (which also proves nothing was cut
        off); when it does not, this reader lets go of the file without closing it."""
        try:
            self._chunk(self._chunks - 1)
        except EncryptionError:
            self._owns_fp = False
            return False
        return True

    def _chunk(self, index: int) -> bytes:
        if self._cached is not None and self._cached[0] == index:
            return self._cached[1]
        from cryptography.exceptions import InvalidTag

        stride = CHUNK + TAG
        self._fp.seek(self._start + index * stride)
        sealed = self._fp.read(stride)
        try:
            plain = self._aead.decrypt(
                _nonce(index, index == self._chunks - 1), sealed, self._header
            )
        except InvalidTag:
            raise EncryptionError(
                "the encrypted file is damaged, or the key is wrong (it does not authenticate)"
            ) from None
        self._cached = (index, plain)
        return plain

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        base = {os.SEEK_SET: 0, os.SEEK_CUR: self._pos, os.SEEK_END: self._size}[whence]
        if base + offset < 0:
            raise OSError("negative seek position")
        self._pos = base + offset
        return self._pos

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        if self._pos >= self._size or not len(view):
            return 0
        index, offset = divmod(self._pos, CHUNK)
        piece = self._chunk(index)[offset : offset + len(view)]
        view[: len(piece)] = piece
        self._pos += len(piece)
        return len(piece)

    def close(self) -> None:
        if not self.closed and self._owns_fp:
            self._fp.close()
        super().close()
