"""The content-addressed attachment store.

Each file is kept once, under the SHA-256 of its bytes (``ab/abcdef…``), so the
same complaint attached to three cases costs one copy and a file can always be
checked against its name. Files are written to a temporary name, flushed to disk
and renamed into place before any database row refers to them: a crash leaves
at worst an unreferenced file, never a row pointing at half a file.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import mimetypes
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from app.core.errors import StoreError
from app.core.storage.atomic import staged_file

if TYPE_CHECKING:
    from app.core.storage.crypto import AttachmentKey

CHUNK = 1024 * 1024


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    size: int
    media_type: str
    original_name: str


def guess_media_type(name: str) -> str:
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


class AttachmentStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    encrypted = False
    in_database = False  # db_store.DatabaseAttachmentStore: no file of it is in ``root``

    def name_for(self, sha256: str) -> str:
        """The file name the store keeps ``sha256`` under (itself, in a plain store)."""
        return sha256

    def path_for(self, sha256: str) -> Path:
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise StoreError(f"{sha256!r} is not a SHA-256 name")
        name = self.name_for(sha256)
        return self.root / name[:2] / name

    def stored_names(self) -> Iterator[str]:
        """Every file name in the store (``all_hashes`` of a plain store)."""
        return self.all_hashes()

    @contextlib.contextmanager
    def plain_file(self, sha256: str, suffix: str = "") -> Iterator[Path]:
        """A path holding the file's own bytes, for readers that need a path."""
        yield self.path_for(sha256)

    def viewing_copy(self, sha256: str, name: str) -> Path:
        """A read-only copy under the file's own name, for the system's viewer.

        The viewer needs the original extension to know the type (stored files are
        named by hash), and an encrypted store must hand it decrypted bytes. An external
        viewer gives no sign of being done with a file, so the copy lives in the
        workspace's private temporary folder until this process exits (or
        :meth:`discard_viewer_files` is called) and is swept at the next open.
        """
        target = self.viewer_file(name)
        try:
            with self.open(sha256) as src, target.open("xb") as out:
                for chunk in iter(lambda: src.read(CHUNK), b""):
                    out.write(chunk)
            os.chmod(target, 0o400)
        except OSError as exc:
            self.discard(target)
            raise StoreError(
                f"cannot prepare the file for viewing: {exc.strerror or exc}"
            ) from None
        return target

    def temporary_folder(self) -> Path:
        """The workspace's one private folder for files that hold client data for a
        moment (a copy for a viewer, a brief being printed): owner-only, emptied when
        each action ends, removed when the process exits, swept at every open."""
        folder = self.root / PLAIN_DIR
        try:
            self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
            folder.mkdir(exist_ok=True, mode=0o700)
            os.chmod(folder, 0o700)  # one made wider by hand, or by an older version
        except OSError as exc:
            raise StoreError(
                f"cannot make the private folder {folder}: {exc.strerror or exc}"
            ) from None
        return folder

    def viewer_file(self, name: str) -> Path:
        """A new path named ``name`` (not yet created) in a folder of its own inside
        :meth:`temporary_folder`, removed when this process exits at the latest."""
        try:
            folder = Path(tempfile.mkdtemp(prefix="view-", dir=self.temporary_folder()))
        except OSError as exc:
            raise StoreError(f"cannot prepare a private file: {exc.strerror or exc}") from None
        _remove_at_exit(folder)
        return folder / (Path(name).name.strip() or "attachment")

    def discard(self, path: Path) -> None:
        """Remove a file made by :meth:`viewer_file`, with its folder, now."""
        folder = path.parent
        if folder.parent != self.root / PLAIN_DIR:
            raise StoreError(f"{path} is not a private file of this workspace")
        _remove_now(folder)

    def discard_viewer_files(self) -> None:
        """Remove every copy this process made for a viewer (the app is closing)."""
        for folder in list(_VIEWER_FOLDERS):
            if folder.parent == self.root / PLAIN_DIR:
                _remove_now(folder)

    def sweep_plain_files(self) -> None:
        """Empty the private temporary folder of what an earlier session (or a crash) left."""
        folder = self.root / PLAIN_DIR
        if folder.is_dir():
            with contextlib.suppress(OSError):
                os.chmod(folder, 0o700)
            for leftover in folder.iterdir():
                with contextlib.suppress(OSError):
                    if leftover.is_dir() and not leftover.is_symlink():
                        _make_removable(leftover)
                        shutil.rmtree(leftover)
                    else:
                        leftover.unlink()

    def note_unsealed(self) -> None:
        """Say, in the store, that its plain files are being sealed (``encrypt``): until
        :meth:`sealing_done`, an encrypted open removes the plain ones already sealed."""
        self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
        (self.root / UNSEALED_MARKER).touch(mode=0o600)

    def sealing_done(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            (self.root / UNSEALED_MARKER).unlink()

    def has(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def add_file(self, source: Path) -> StoredFile:
        try:
            with source.open("rb") as fh:
                sha, size = self._write(fh)
        except OSError as exc:
            raise StoreError(f"cannot read {source}: {exc.strerror or exc}") from None
        return StoredFile(sha, size, guess_media_type(source.name), source.name)

    def add_bytes(self, data: bytes, name: str, media_type: str | None = None) -> StoredFile:
        import io

        sha, size = self._write(io.BytesIO(data))
        return StoredFile(sha, size, media_type or guess_media_type(name), name)

    def add_stream(self, stream: BinaryIO, name: str, media_type: str | None = None) -> StoredFile:
        """Store what ``stream`` yields, read in chunks (never whole in memory)."""
        sha, size = self._write(stream)
        return StoredFile(sha, size, media_type or guess_media_type(name), name)

    def _write(self, stream: BinaryIO) -> tuple[str, int]:
        digest = hashlib.sha256()
        size = 0
        try:
            self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
            # An unfinished write is named ``.incoming-*`` (``casefile check`` reports them).
            with staged_file(self.root, prefix=".incoming-") as staged:
                with self._sink(staged.file) as sink:
                    for chunk in iter(lambda: stream.read(CHUNK), b""):
                        digest.update(chunk)
                        size += len(chunk)
                        sink.write(chunk)
                sha = digest.hexdigest()
                final = self.path_for(sha)
                if not final.is_file():  # else: already stored, the copy is dropped
                    final.parent.mkdir(exist_ok=True, mode=0o700)
                    staged.commit(final)
            return sha, size
        except OSError as exc:
            # A stream that fails otherwise (an archive entry refused mid-read) propagates
            # as it is; either way the staged file is gone.
            raise StoreError(
                f"cannot write to the attachment store {self.root}: {exc.strerror or exc}"
            ) from None

    def _sink(self, out: BinaryIO) -> contextlib.AbstractContextManager[BinaryIO]:
        return contextlib.nullcontext(out)

    def open(self, sha256: str) -> BinaryIO:
        try:
            return self.path_for(sha256).open("rb")
        except FileNotFoundError:
            raise StoreError(f"attachment {sha256[:12]}… is missing from the store") from None

    def read_bytes(self, sha256: str) -> bytes:
        with self.open(sha256) as fh:
            return fh.read()

    def all_hashes(self) -> Iterator[str]:
        if not self.root.is_dir():
            return
        for sub in sorted(self.root.iterdir()):
            if sub.is_dir() and len(sub.name) == 2:
                for item in sorted(sub.iterdir()):
                    if item.is_file() and len(item.name) == 64:
                        yield item.name

    def verify(self, sha256: str) -> bool:
        """True when the stored bytes still hash to their name."""
        path = self.path_for(sha256)
        return path.is_file() and sha256_of(path) == sha256


class EncryptedAttachmentStore(AttachmentStore):
    """The store of an encrypted workspace (app/core/storage/crypto.py).

    Files are still addressed by the SHA-256 of their plaintext (dedup, ``check``,
    archives are unchanged), but kept under HMAC-SHA256(key, sha256), so the names
    do not show that a workspace holds some known file, and sealed with AES-GCM.
    ``all_hashes`` cannot list them (names do not reverse); use ``stored_names``.
    """

    encrypted = True

    def __init__(self, root: Path, key: AttachmentKey) -> None:
        super().__init__(root)
        self.key = key

    def name_for(self, sha256: str) -> str:
        return self.key.name_for(sha256)

    def _sink(self, out: BinaryIO) -> contextlib.AbstractContextManager[BinaryIO]:
        return self.key.writer(out)  # type: ignore[return-value]

    def open(self, sha256: str) -> BinaryIO:
        from app.core.storage.crypto import EncryptionError

        fh = super().open(sha256)
        try:
            return self.key.reader(fh)
        except EncryptionError as exc:
            raise StoreError(f"attachment {sha256[:12]}… cannot be read: {exc}") from None

    def stored_names(self) -> Iterator[str]:
        return AttachmentStore.all_hashes(self)

    def all_hashes(self) -> Iterator[str]:
        raise NotImplementedError("an encrypted store lists stored_names(), not hashes")

    def verify(self, sha256: str) -> bool:
        from app.core.storage.crypto import EncryptionError

        if not self.has(sha256):
            return False
        digest = hashlib.sha256()
        try:
            with self.open(sha256) as fh:
                for chunk in iter(lambda: fh.read(CHUNK), b""):
                    digest.update(chunk)
        except (StoreError, EncryptionError):
            return False
        return digest.hexdigest() == sha256

    def sweep_plain_files(self) -> None:
        """Also finish an ``encrypt`` killed after its swap: remove the plain files whose
        sealed copy is in place (every open of an encrypted workspace calls this)."""
        super().sweep_plain_files()
        if (self.root / UNSEALED_MARKER).exists():
            self.remove_sealed_plain_files()
            self.sealing_done()

    def remove_sealed_plain_files(self) -> int:
        """Remove each plain file (named by its hash) whose sealed copy is in the store."""
        removed = 0
        for name in list(AttachmentStore.all_hashes(self)):
            if self.path_for(name).is_file() and self.name_for(name) != name:
                with contextlib.suppress(OSError):
                    (self.root / name[:2] / name).unlink()
                    removed += 1
        return removed

    def plain_names(self) -> list[str]:
        """The files of this store that are not sealed (readable by anyone who finds them)."""
        from app.core.storage.crypto import MAGIC

        found = []
        for name in AttachmentStore.all_hashes(self):
            with contextlib.suppress(OSError), (self.root / name[:2] / name).open("rb") as fh:
                if fh.read(len(MAGIC)) != MAGIC:
                    found.append(name)
        return found

    @contextlib.contextmanager
    def plain_file(self, sha256: str, suffix: str = "") -> Iterator[Path]:
        """The decrypted bytes behind a path, for readers that need one (text extraction).

        Kept in memory where the system allows (an anonymous memory file on Linux, read
        through ``/proc/self/fd``): no decrypted byte is written to a disk. Elsewhere a
        copy owner-only in the private temporary folder, deleted on exit and swept at
        the next open after a crash.
        """
        with _memory_file() as (out, path):
            if out is None:
                out, path = self._scratch_file(suffix)
            try:
                with self.open(sha256) as src:
                    for chunk in iter(lambda: src.read(CHUNK), b""):
                        out.write(chunk)
                out.flush()
                yield path
            finally:
                out.close()
                if path.parent == self.root / PLAIN_DIR:
                    with contextlib.suppress(OSError):
                        path.unlink()

    def _scratch_file(self, suffix: str) -> tuple[BinaryIO, Path]:
        fd, name = tempfile.mkstemp(prefix="plain-", suffix=suffix, dir=self.temporary_folder())
        return os.fdopen(fd, "wb"), Path(name)


@contextlib.contextmanager
def _memory_file() -> Iterator[tuple[BinaryIO | None, Path]]:
    """An anonymous file in memory and a path that opens it, or ``(None, ...)``."""
    create = getattr(os, "memfd_create", None)
    if create is None or not Path("/proc/self/fd").is_dir():
        yield None, Path()
        return
    fd = create("casefile-plain", getattr(os, "MFD_CLOEXEC", 0))
    out = os.fdopen(fd, "wb")
    try:
        yield out, Path(f"/proc/self/fd/{fd}")
    finally:
        out.close()


# Folders of copies handed to viewers by this process, removed when it exits.
_VIEWER_FOLDERS: set[Path] = set()


def _remove_at_exit(folder: Path) -> None:
    if not _VIEWER_FOLDERS:
        atexit.register(_remove_all_viewer_folders)
    _VIEWER_FOLDERS.add(folder)


def _remove_all_viewer_folders() -> None:
    for folder in list(_VIEWER_FOLDERS):
        _remove_now(folder)


def _remove_now(folder: Path) -> None:
    _VIEWER_FOLDERS.discard(folder)
    with contextlib.suppress(OSError):
        _make_removable(folder)
        shutil.rmtree(folder)


def _make_removable(folder: Path) -> None:
    """Read-only copies sit in folders their owner may write (0700); make sure of it."""
    with contextlib.suppress(OSError):
        os.chmod(folder, 0o700)


PLAIN_DIR = ".plain"
UNSEALED_MARKER = ".sealing"  # encrypt is sealing this store (see note_unsealed)
