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


def test_check_reports_the_plain_backups_a_killed_encrypt_was_asked_to_delete(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.core.storage.encryption import deletion_marker
    from tests.faults import casefile, child_env, run_killed

    db = tmp_path / "w.casefile"
    assert main(["--db", str(db), "sample"]) == 0
    assert main(["--db", str(db), "backup"]) == 0
    plain = backup.list_backups(db)
    assert plain
    secret = tmp_path / "new-passphrase"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    secret.chmod(0o600)
    encrypt = ["--db", str(db), "encrypt", "--new-passphrase-file", str(secret)]
    run_killed([*encrypt, "--delete-plain-backups"], tmp_path, "encrypt:after-swap")
    assert crypto.looks_encrypted(db) and deletion_marker(db).exists()
    assert all(p.exists() for p in plain)  # readable still: the request is unfinished

    def run(*args: str) -> tuple[int, str]:
        child = casefile(
            ["--db", str(db), *args], child_env(tmp_path, CASEFILE_PASSPHRASE=PASSPHRASE)
        )
        out, err = child.communicate(timeout=120)
        assert "Traceback" not in err
        return child.returncode, out

    status, out = run("check")
    assert status == 2 and "no damage found" not in out
    assert (
        f"  DAMAGE: {len(plain)} unencrypted backup(s) of this workspace can still be read, "
        "though 'casefile encrypt --delete-plain-backups' was asked to delete them (it was "
        f"cut short): {', '.join(str(p) for p in plain)}\n"
    ) in out
    assert out.endswith(
        "the workspace is damaged. The way out: open the workspace once (any casefile "
        f"command, e.g. casefile --db {db} cases, or the desktop app): that finishes "
        "deleting them\n"
    )
    assert all(p.exists() for p in plain)  # check only reads
    assert run("cases")[0] == 0
    assert not any(p.exists() for p in plain) and not deletion_marker(db).exists()
    status, out = run("check")
    assert status == 0 and out.endswith("no damage found\n")
