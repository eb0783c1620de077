"""The portable case archive (docs/archive-format.md): export a case, check one, import one.

The entry points the CLI and the desktop app call. Writing the zip is
app/core/archive/write.py, opening one app/core/archive/container.py, checking what
``case.json`` says app/core/archive/read.py, and adding it to a workspace (all or
nothing) app/core/archive/importer.py. An archive is encrypted as a whole
(app/core/storage/crypto.py) when its workspace is, or when a passphrase is given.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO

from app.core.archive import write as archive_write
from app.core.archive.container import (
    DEFAULT_LIMITS,
    ArchiveLimits,
    open_archive,
    parse_json,
)
from app.core.archive.importer import import_archive
from app.core.archive.read import FORMAT, FORMAT_VERSION, ArchiveContent, read_content
from app.core.archive.write import case_data
from app.core.progress import Progress
from app.core.storage import crypto
from app.core.storage.workspace import Workspace

__all__ = [
    "DEFAULT_LIMITS",
    "FORMAT",
    "FORMAT_VERSION",
    "ArchiveContent",
    "ArchiveLimits",
    "case_data",
    "export_case",
    "import_archive",
    "parse_json",
    "read_archive",
    "read_content",
]


def export_case(
    ws: Workspace,
    case_ref: int | str,
    path: str | os.PathLike[str],
    *,
    plain: bool = False,
    passphrase: str | None = None,
    progress: Progress | None = None,
) -> Path:
    """Write the case to a case archive at ``path``.

    The archive of an encrypted workspace is encrypted as a whole (app/core/storage/crypto.py)
    with the workspace's passphrase, or with ``passphrase`` when one is given (which
    also encrypts an archive of a plain workspace), unless ``plain`` is asked for.
    ``progress(done, total)`` hears how far it got and may raise to stop it: then no
    file is left behind.
    """
    if plain or (ws.key is None and passphrase is None):
        return archive_write.export_case(ws, case_ref, path, progress=progress)
    key = ws.key if passphrase is None else None
    return archive_write.export_case(
        ws,
        case_ref,
        path,
        seal=lambda out: crypto.archive_writer(out, passphrase=passphrase, key=key),  # type: ignore[return-value]
        progress=progress,
    )


def read_archive(
    source: str | os.PathLike[str] | IO[bytes],
    *,
    limits: ArchiveLimits = DEFAULT_LIMITS,
    passphrase: str | None = None,
) -> ArchiveContent:
    """Read and check an archive completely, attachments included; import nothing."""
    with open_archive(source, limits=limits, passphrase=passphrase) as reader:
        content = read_content(reader.read_case_json())
        for sha, size in content.attachments.items():
            reader.check_attachment(sha, size)
        return content
