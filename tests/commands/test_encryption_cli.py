"""Encrypted workspaces from the command line: where passphrases come from, and the
``new-workspace --encrypt``, ``encrypt``, ``passphrase``, ``export``/``import`` paths."""

from __future__ import annotations

import contextlib
import json
import resource
import signal
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.storage import crypto

pytestmark = pytest.mark.skipif(
    not crypto.available(),
    reason="SQLCipher (sqlcipher3) or cryptography is not installed: "
    "install Casefile with the 'encryption' extra",
)

from app.cli import main  # noqa: E402

PASSPHRASE = 'it\'s a "long" passphrase, señor'


@pytest.fixture(autouse=True)
def _quick_keys(quick_keys: None) -> None:
    """Every test here runs with cheap keys and a clean environment (tests/conftest.py)."""


def _secret(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text + "\n", encoding="utf-8")
    path.chmod(0o600)
    return str(path)


def _err(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err.strip()
    assert err.startswith("casefile: ") and len(err.splitlines()) == 1, err
    return err


def test_new_encrypted_workspace_and_where_its_passphrase_comes_from(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(tmp_path / "w.casefile")
    key_file = _secret(tmp_path, "pass.txt", PASSPHRASE)
    assert main(["new-workspace", db, "--encrypt", "--new-passphrase-file", key_file]) == 0
    assert "created the encrypted workspace" in capsys.readouterr().out
    assert not Path(db).read_bytes().startswith(b"SQLite format 3")

    # No passphrase (and no terminal to ask on): one clear line.
    assert main(["--db", db, "cases"]) == 1
    assert "this workspace is encrypted: give its passphrase" in _err(capsys)
    wrong = _secret(tmp_path, "wrong.txt", "not it")
    assert main(["--db", db, "--passphrase-file", wrong, "cases"]) == 1
    assert "wrong passphrase or not a Casefile workspace" in _err(capsys)

    assert main(["--db", db, "--passphrase-file", key_file, "sample"]) == 0
    capsys.readouterr()
    # The variable is read once and taken out of the environment: set it for each run.
    monkeypatch.setenv("CASEFILE_PASSPHRASE", PASSPHRASE)
    assert main(["--db", db, "cases"]) == 0
    assert "People v. Derrick Ingram" in capsys.readouterr().out
    monkeypatch.setenv("CASEFILE_PASSPHRASE", PASSPHRASE)
    assert main(["--db", db, "check"]) == 0
    assert "no damage found" in capsys.readouterr().out
    monkeypatch.setenv("CASEFILE_PASSPHRASE", PASSPHRASE)
    assert main(["--db", db, "backup"]) == 0
    capsys.readouterr()


def test_change_passphrase(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "w.casefile")
    old = _secret(tmp_path, "old.txt", PASSPHRASE)
    new = _secret(tmp_path, "new.txt", "ein neues Passwort ß")
    assert main(["new-workspace", db, "--encrypt", "--new-passphrase-file", old]) == 0
    assert main(["--db", db, "--passphrase-file", old, "sample"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "passphrase", "--new-passphrase-file", new]) == 1
    assert "the current passphrase is needed" in _err(capsys)
    assert (
        main(["--db", db, "--passphrase-file", old, "passphrase", "--new-passphrase-file", new])
        == 0
    )
    assert "changed the passphrase" in capsys.readouterr().out
    assert main(["--db", db, "--passphrase-file", old, "cases"]) == 1
    assert "wrong passphrase" in _err(capsys)
    assert main(["--db", db, "--passphrase-file", new, "cases"]) == 0
    assert "People v. Derrick Ingram" in capsys.readouterr().out


def test_encrypt_a_plain_workspace(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "w.casefile")
    key_file = _secret(tmp_path, "pass.txt", PASSPHRASE)
    assert main(["--db", db, "sample"]) == 0
    assert main(["--db", db, "backup"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "encrypt", "--new-passphrase-file", key_file]) == 0
    out = capsys.readouterr().out
    assert "encrypted" in out and "NOT encrypted" in out  # the old backup is named
    assert main(["--db", db, "cases"]) == 1
    assert "encrypted: give its passphrase" in _err(capsys)
    assert main(["--db", db, "--passphrase-file", key_file, "cases"]) == 0
    assert "People v. Derrick Ingram" in capsys.readouterr().out
    assert main(["--db", db, "encrypt", "--new-passphrase-file", key_file]) == 1
    assert "already encrypted" in _err(capsys)


def test_archives_from_an_encrypted_workspace(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, other = str(tmp_path / "w.casefile"), str(tmp_path / "other.casefile")
    key_file = _secret(tmp_path, "pass.txt", PASSPHRASE)
    assert main(["new-workspace", db, "--encrypt", "--new-passphrase-file", key_file]) == 0
    assert main(["--db", db, "--passphrase-file", key_file, "sample"]) == 0
    case_id = capsys.readouterr().out.strip().splitlines()[-1]
    sealed, plain = str(tmp_path / "sealed.zip"), str(tmp_path / "plain.zip")
    assert main(["--db", db, "--passphrase-file", key_file, "export", case_id, "-o", sealed]) == 0
    assert (
        main(["--db", db, "--passphrase-file", key_file, "export", case_id, "-o", plain, "--plain"])
        == 0
    )
    capsys.readouterr()
    assert zipfile.is_zipfile(plain) and not zipfile.is_zipfile(sealed)

    assert main(["--db", other, "import", sealed]) == 1
    assert "archive is encrypted: give its passphrase" in _err(capsys)
    assert main(["--db", other, "--passphrase-file", key_file, "import", sealed]) == 0
    assert main(["--db", other, "import", plain]) == 0
    assert len(capsys.readouterr().out.split()) == 2


@contextlib.contextmanager
def _disk_full_after(size: int) -> Iterator[None]:
    """No file grows past ``size`` bytes: SQLCipher's own writes fail as on a full disk
    (the failure comes from inside the C library, where no Python hook reaches)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    quiet = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of a kill
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, quiet)


def test_a_full_disk_leaves_the_old_passphrase(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.core.services import cases
    from app.core.storage import encryption
    from app.core.storage.workspace import open_workspace

    db = tmp_path / "w.casefile"
    old = _secret(tmp_path, "old.txt", PASSPHRASE)
    new = _secret(tmp_path, "new.txt", "a new one")
    ws = open_workspace(db, PASSPHRASE)
    for number in range(60):
        cases.add_case(ws, caption=f"People v. Number {number} " + "x" * 200)
    ws.close()
    capsys.readouterr()
    real = encryption.change_passphrase

    def on_a_full_disk(*args: object) -> None:
        with _disk_full_after(db.stat().st_size // 2):  # the re-keyed pages do not fit
            real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(encryption, "change_passphrase", on_a_full_disk)
    argv = ["--db", str(db), "--passphrase-file", old, "passphrase"]
    assert main([*argv, "--new-passphrase-file", new]) == 1
    err = _err(capsys)
    assert "the passphrase was not changed" in err and "old passphrase" in err, err
    assert "unexpected" not in err

    ws = open_workspace(db, PASSPHRASE)  # nothing half-written: the old one still opens it
    assert len(cases.list_cases(ws)) == 60
    ws.close()
    monkeypatch.setattr(encryption, "change_passphrase", real)
    assert main([*argv, "--new-passphrase-file", new]) == 0  # space again: it works
    ws = open_workspace(db, "a new one")
    assert len(cases.list_cases(ws)) == 60
    ws.close()


def test_demo_data_opens_an_encrypted_workspace_like_every_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(tmp_path / "w.casefile")
    key_file = _secret(tmp_path, "pass.txt", PASSPHRASE)
    assert main(["new-workspace", db, "--encrypt", "--new-passphrase-file", key_file]) == 0
    small = ["--people", "2", "--statements", "1", "--documents", "0", "--events", "0"]
    assert main(["--db", db, "--passphrase-file", key_file, "demo-data", *small]) == 0
    assert "Added case" in capsys.readouterr().out
    monkeypatch.setenv("CASEFILE_PASSPHRASE", PASSPHRASE)
    assert main(["--db", db, "demo-data", "--court-example"]) == 0
    assert capsys.readouterr().out.strip().isdigit()
    assert main(["--db", db, "demo-data", *small, "--seed", "2"]) == 1  # none given
    assert "give its passphrase" in _err(capsys)
    monkeypatch.setenv("CASEFILE_PASSPHRASE", PASSPHRASE)
    assert main(["--db", db, "cases", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2
