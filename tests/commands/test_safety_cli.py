"""``casefile check``, ``casefile backup`` and ``casefile restore`` from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from app.core.safety import backup
from app.core.services import cases, documents
from app.core.storage.workspace import open_workspace


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    path = tmp_path / "w.casefile"
    ws = open_workspace(path, user="tester")
    case_id = cases.add_case(ws, caption="People v. Ingram")
    source = tmp_path / "exhibit.txt"
    source.write_text("exhibit")
    documents.add_document(ws, case_id, file=source)
    ws.close()
    return path


def test_check_backup_damage_and_restore(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(filled)
    assert main(["--db", db, "check"]) == 0
    assert "no damage found" in capsys.readouterr().out

    assert main(["--db", db, "backup"]) == 0
    out = capsys.readouterr().out
    assert "backed up" in out and "1 attachment(s)" in out
    latest = backup.latest_backup(filled)
    assert latest is not None

    # Damage: an attachment goes missing.
    ws = open_workspace(filled, user="tester")
    (doc,) = documents.documents_of_case(ws, cases.list_cases(ws)[0].id)
    ws.store.path_for(doc.file_sha256).unlink()
    cases.add_case(ws, caption="Added after the backup")
    ws.close()
    assert main(["--db", db, "check"]) == 2
    out = capsys.readouterr().out
    assert "DAMAGE" in out and "missing" in out
    assert f"restore {latest}" in out

    assert main(["--db", db, "restore", str(latest)]) == 0
    out = capsys.readouterr().out
    assert "restored" in out and "kept at" in out
    assert main(["--db", db, "check"]) == 0
    ws = open_workspace(filled, user="tester")
    assert [c.caption for c in cases.list_cases(ws)] == ["People v. Ingram"]
    ws.close()


def test_backup_to_a_named_file(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "usb" / "office.zip"
    assert main(["--db", str(filled), "backup", "-o", str(target)]) == 0
    assert target.is_file()
    assert str(target) in capsys.readouterr().out


def test_restore_of_something_else_is_one_clear_line(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bogus = tmp_path / "bogus.zip"
    bogus.write_text("not a zip")
    assert main(["--db", str(filled), "restore", str(bogus)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("casefile: ") and "not a Casefile backup" in err
    assert err.count("\n") == 1
