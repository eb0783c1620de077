"""What the parallel-import tests share: a small archive whose case and people carry uids."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from sqlalchemy import func, select

from app.core.storage.models import Case, Person
from app.core.storage.workspace import Workspace

CASE_UID = "5f1d2c3b-0a9e-4c8d-9b7a-000000000014"
PEOPLE_UIDS = (
    "5f1d2c3b-0a9e-4c8d-9b7a-0000000000a1",
    "5f1d2c3b-0a9e-4c8d-9b7a-0000000000a2",
)


def write_archive(path: Path, case_uid: str = CASE_UID) -> Path:
    """An archive of one case (with a uid) and two people (with uids) at ``path``."""
    data = {
        "format": "casefile-archive",
        "format_version": 1,
        "case": {"uid": case_uid, "caption": "People v. Parallel", "opened_on": "2024"},
        "people": [
            {"ref": "p1", "uid": PEOPLE_UIDS[0], "name": "Pat Parallel"},
            {"ref": "p2", "uid": PEOPLE_UIDS[1], "name": "Officer Race"},
        ],
        "parties": [
            {"ref": "pa1", "person": "p1", "roles": ["client"]},
            {"ref": "pa2", "person": "p2", "roles": ["police_officer"]},
        ],
        "statements": [{"ref": "s1", "speaker": "pa2", "text": "We all came at once."}],
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("case.json", json.dumps(data))
    return path


def case_uids(ws: Workspace) -> list[str]:
    with ws.reader() as session:
        return list(session.scalars(select(Case.uid)))


def people_by_uid(ws: Workspace) -> dict[str, int]:
    """How many people rows each uid has."""
    with ws.reader() as session:
        rows = session.execute(select(Person.uid, func.count()).group_by(Person.uid)).all()
    return {uid: n for uid, n in rows}


def assert_one_original_and_copies(ws: Workspace, imports: int) -> None:
    """``imports`` cases: one keeps the archive's uid, every other one is a copy with its
    own new uid; the archive's people exist once each."""
    uids = case_uids(ws)
    assert len(uids) == imports
    assert uids.count(CASE_UID) == 1
    assert len(set(uids)) == imports
    assert people_by_uid(ws) == dict.fromkeys(PEOPLE_UIDS, 1)
