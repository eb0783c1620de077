"""Progress of a case archive's export and import, and stopping either from the callback:
an import stopped at any report adds nothing, an export stopped leaves no file."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app.core.archive import importer
from app.core.archive.container import CASE_JSON
from app.core.archive.transfer import export_case, import_archive
from app.core.progress import SCALE, Stages
from app.core.search.query import search
from app.core.services import cases
from app.core.storage.models import AuditEntry, Case, Document, Person, Statement
from app.core.storage.workspace import Workspace
from tests.core.archive.test_archive import build_case


class Stop(Exception):
    """What a cancelled task raises from its progress callback."""


def _counts(ws: Workspace) -> dict[str, int]:
    with ws.reader() as session:
        return {
            model.__tablename__: int(session.scalar(select(func.count()).select_from(model)) or 0)
            for model in (Case, Person, Document, Statement, AuditEntry)
        }


@pytest.fixture
def archive(workspace: Workspace, tmp_path: Path) -> Path:
    case_id = build_case(workspace, tmp_path)
    return export_case(workspace, case_id, tmp_path / "rivera.zip")


def test_stages_share_one_bar_by_weight() -> None:
    seen: list[tuple[int, int]] = []
    stages = Stages(lambda done, total: seen.append((done, total)), {"a": 1, "b": 3})
    stages.begin("a")
    stages.finish("a")
    stages.report("b", 1, 2)
    stages.finish("b")
    assert seen == [(0, SCALE), (250, SCALE), (625, SCALE), (SCALE, SCALE)]
    Stages(None, {"a": 1}).finish("a")  # no callback: nothing to tell


def test_export_reports_rising_progress_to_the_end(workspace: Workspace, tmp_path: Path) -> None:
    case_id = build_case(workspace, tmp_path)
    seen: list[int] = []
    target = export_case(
        workspace, case_id, tmp_path / "out.zip", progress=lambda d, t: seen.append(d * 1000 // t)
    )
    assert seen == sorted(seen) and seen[0] == 0 and seen[-1] == 1000 and len(seen) >= 5
    # case.json is written in pieces, yet as writestr would have written it.
    with zipfile.ZipFile(target) as zf:
        info = zf.getinfo(CASE_JSON)
        assert info.external_attr == 0o600 << 16
        assert info.compress_type == zipfile.ZIP_DEFLATED
        assert json.loads(zf.read(CASE_JSON))["case"]["caption"] == "People v. Rivera"


def test_an_export_stopped_at_any_report_leaves_no_file(
    sqlite_workspace: Workspace, tmp_path: Path
) -> None:
    ws = sqlite_workspace
    case_id = build_case(ws, tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "case.zip").write_bytes(b"the archive made last week")
    reports: list[int] = []
    export_case(ws, case_id, out / "count.zip", progress=lambda d, t: reports.append(d))
    (out / "count.zip").unlink()
    before = sorted(p.name for p in out.iterdir())
    for stop_at in range(len(reports)):
        calls = iter(range(len(reports)))

        def progress(done: int, total: int, stop_at: int = stop_at, calls: Any = calls) -> None:
            if next(calls) == stop_at:
                raise Stop

        with pytest.raises(Stop):
            export_case(ws, case_id, out / "case.zip", progress=progress)
        assert sorted(p.name for p in out.iterdir()) == before, f"stopped at report {stop_at}"
        assert (out / "case.zip").read_bytes() == b"the archive made last week"


def test_import_reports_rising_progress(workspace: Workspace, archive: Path) -> None:
    seen: list[int] = []
    import_archive(workspace, archive, progress=lambda d, t: seen.append(d * 1000 // t))
    assert seen == sorted(seen) and seen[0] == 0 and len(seen) >= 6
    assert seen[-1] == 1000  # the last report comes before the commit


@pytest.mark.parametrize("bulk", [False, True], ids=["row-by-row index", "index rebuilt"])
def test_an_import_stopped_at_any_report_adds_nothing(
    sqlite_workspace: Workspace,
    archive: Path,
    tmp_path: Path,
    bulk: bool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ws = sqlite_workspace
    if bulk:
        monkeypatch.setattr(importer, "BULK_INDEX_THRESHOLD", 0)
    reports: list[int] = []
    before = _counts(ws)
    case_id = import_archive(ws, archive, progress=lambda d, t: reports.append(d))
    assert _counts(ws)["cases"] == before["cases"] + 1
    cases.delete_case(ws, case_id)
    before = _counts(ws)
    for stop_at in range(len(reports)):
        calls = iter(range(len(reports)))

        def progress(done: int, total: int, stop_at: int = stop_at, calls: Any = calls) -> None:
            if next(calls) == stop_at:
                raise Stop

        with pytest.raises(Stop):
            import_archive(ws, archive, progress=progress)
        assert _counts(ws) == before, f"stopped at report {stop_at}"
    # The search index's triggers came back with the rollback: a new record is found.
    cases.add_case(ws, caption="People v. Quetzalcoatl")
    assert any("Quetzalcoatl" in hit.title for hit in search(ws, "Quetzalcoatl"))
