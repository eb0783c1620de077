"""The command line leaves no passphrase in its environment, and its hint to delete the
unencrypted backups works on the workspace it just encrypted."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.core.storage import crypto

pytestmark = pytest.mark.skipif(
    not crypto.available(), reason="SQLCipher (sqlcipher3) or cryptography is not installed"
)

from app.cli import main  # noqa: E402
from app.core.safety import backup  # noqa: E402
from app.core.storage.workspace import open_workspace  # noqa: E402

PASSPHRASE = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _quick_keys(quick_keys: None) -> None:
    """Every test here runs with cheap keys and a clean environment (tests/conftest.py)."""


def test_the_passphrases_are_taken_out_of_the_environment_once_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "w.casefile")
    monkeypatch.setenv("CASEFILE_NEW_PASSPHRASE", PASSPHRASE)
    assert main(["new-workspace", db, "--encrypt"]) == 0
    assert "CASEFILE_NEW_PASSPHRASE" not in os.environ
    monkeypatch.setenv("CASEFILE_PASSPHRASE", PASSPHRASE)
    assert main(["--db", db, "sample"]) == 0
    assert "CASEFILE_PASSPHRASE" not in os.environ
    capsys.readouterr()
    # Read once, used for as long as the command needs it: encrypt, then its backup check.
    monkeypatch.setenv("CASEFILE_PASSPHRASE", PASSPHRASE)
    assert main(["--db", db, "check"]) == 0
    assert "no damage found" in capsys.readouterr().out
    assert "CASEFILE_PASSPHRASE" not in os.environ


def test_the_hinted_command_deletes_the_plain_backups_of_an_encrypted_workspace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "w.casefile"
    assert main(["--db", str(db), "sample"]) == 0
    assert main(["--db", str(db), "backup"]) == 0
    plain = backup.list_backups(db)
    assert plain
    capsys.readouterr()
    monkeypatch.setenv("CASEFILE_NEW_PASSPHRASE", PASSPHRASE)
    assert main(["--db", str(db), "encrypt"]) == 0
    out = capsys.readouterr().out
    assert "run again with --delete-plain-backups" in out
    ws = open_workspace(db, PASSPHRASE)  # an encrypted backup (not rotated): it stays
    backup.make_backup(ws)
    ws.close()
    sealed = set(backup.list_backups(db)) - set(plain)
    assert len(sealed) == 1
    capsys.readouterr()
    # Exactly as the hint says: the plain backups go, the encrypted one stays.
    assert main(["--db", str(db), "encrypt", "--delete-plain-backups"]) == 0
    out = capsys.readouterr().out
    assert "already encrypted" in out and f"deleted {len(plain)} unencrypted" in out
    assert set(backup.list_backups(db)) == sealed
    assert all(not p.exists() for p in plain)
