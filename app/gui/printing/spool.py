"""Where Qt spools a print job: the workspace's private folder, not the system's temp.

On Linux and macOS Qt's CUPS print engine writes the whole job (here: every page of the
brief, as images) to a file in ``QDir.tempPath()`` and hands that file to CUPS. Qt reads
``TMPDIR`` for that folder each time, so while Casefile prints, ``TMPDIR`` names the
workspace's owner-only private folder: the spool file lands there, Qt removes it once
CUPS has it, and a crash's leftover is swept at the next open like any other.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def spooling_in(folder: Path) -> Iterator[None]:
    """Point Qt's temporary folder at ``folder`` for the ``with`` block."""
    before = os.environ.get("TMPDIR")
    os.environ["TMPDIR"] = str(folder)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = before
