"""The built-in sample case, People v. Derrick Ingram (resources/sample/).

The sample is an archive's ``case.json`` plus the article it cites. It is packed
into an in-memory archive and goes through the ordinary import, so it gets the
same checks as any archive. Loading it again returns the case already there
(matched by its fixed case ``uid``) instead of adding a second copy, also when
several load it at once (the import decides under a lock on the uid).
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from typing import Any

from sqlalchemy import select

from app.core.archive.container import ATTACHMENTS, CASE_JSON
from app.core.archive.transfer import import_archive
from app.core.errors import ArchiveError
from app.core.storage.models import Case
from app.core.storage.workspace import Workspace
from app.resources import resource

SAMPLE_JSON = ("sample", "ingram-case.json")
SAMPLE_FILES = (("sample", "article.txt"),)


def sample_case_json() -> dict[str, Any]:
    path = resource(*SAMPLE_JSON)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ArchiveError(f"the sample case {path} cannot be read: {exc}") from None
    if not isinstance(data, dict):
        raise ArchiveError(f"the sample case {path} is not a case archive object")
    return data


def sample_archive() -> bytes:
    """The sample as archive bytes: case.json plus attachments/<sha256>."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(CASE_JSON, resource(*SAMPLE_JSON).read_bytes())
        for parts in SAMPLE_FILES:
            data = resource(*parts).read_bytes()
            zf.writestr(ATTACHMENTS + hashlib.sha256(data).hexdigest(), data)
    return buffer.getvalue()


def sample_case_id(ws: Workspace) -> int | None:
    uid = sample_case_json().get("case", {}).get("uid")
    with ws.reader() as session:
        return session.scalar(select(Case.id).where(Case.uid == uid)) if uid else None


def load_sample(ws: Workspace) -> int:
    """Add the sample case unless it is already in the workspace; returns its id."""
    existing = sample_case_id(ws)
    if existing is not None:
        return existing
    try:
        payload = sample_archive()
    except OSError as exc:
        raise ArchiveError(f"the sample case files cannot be read: {exc}") from None
    # Looked up again under the import's lock: runs at once add it once.
    return import_archive(ws, io.BytesIO(payload), once=True)
