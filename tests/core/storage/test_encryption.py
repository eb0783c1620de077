"""Encrypted workspaces: nothing readable on disk, the right errors, re-keying, backups,
archives and converting a plain workspace (app/core/storage/crypto.py and encryption.py)."""

from __future__ import annotations

import io
import json
import unicodedata
import zipfile
from pathlib import Path

import pytest

from app.core.storage import crypto

pytestmark = pytest.mark.skipif(
    not crypto.available(),
    reason="SQLCipher (sqlcipher3) or cryptography is not installed: "
    "install Casefile with the 'encryption' extra",
)

from app.core.archive.transfer import export_case, import_archive  # noqa: E402
from app.core.errors import WorkspaceError  # noqa: E402
from app.core.safety import backup  # noqa: E402
from app.core.safety.check import check_workspace  # noqa: E402
from app.core.services import cases, documents, people, statements  # noqa: E402
from app.core.storage import db  # noqa: E402
from app.core.storage.crypto import PassphraseRequired, WrongPassphrase  # noqa: E402
from app.core.storage.workspace import Workspace, open_workspace  # noqa: E402

SAID = "The quokka took the red bicycle at 11:42 on Halsey Street"
EXHIBIT = b"Exhibit 7: the bicycle shop's receipt, number 99-ZEBRA-4411\n" * 50
TITLE = "Receipt from Halsey Cycles"
PASSPHRASE = "correct horse battery staple"


@pytest.fixture(autouse=True)
def cheap_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    # The real scrypt cost (128 MiB, ~0.5 s) is for laptops; tests derive many keys.
    monkeypatch.setattr(crypto, "WORKSPACE_KDF", crypto.KdfParams(log2_n=10))


@pytest.fixture
def outside(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the person's own files are (not part of the workspace being scanned)."""
    folder = tmp_path_factory.mktemp("outside")
    (folder / "receipt.txt").write_bytes(EXHIBIT)
    return folder


def _fill(ws: Workspace, outside: Path) -> tuple[int, str]:
    case_id = cases.add_case(ws, caption="People v. Ingram")
    party = people.add_person_to_case(ws, case_id, ["client"], name="Derrick Ingram")
    statements.add_statement(ws, case_id, speaker_id=party, text=SAID)
    doc = documents.add_document(ws, case_id, file=outside / "receipt.txt", title=TITLE)
    return case_id, documents.get_document(ws, doc)["file_sha256"]


def _scan(folder: Path, needles: list[bytes]) -> list[str]:
    """Every file under ``folder`` (-wal and -shm included) that holds a needle."""
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            found += [f"{path.relative_to(folder)}: {n!r}" for n in needles if n in data]
    return found


NEEDLES = [SAID.encode(), b"99-ZEBRA-4411", TITLE.encode(), b"Derrick Ingram"]


def test_nothing_readable_in_the_workspace_store_backups_or_archive(
    tmp_path: Path, outside: Path
) -> None:
    ws = open_workspace(tmp_path / "w.casefile", PASSPHRASE, user="tester")
    case_id, sha = _fill(ws, outside)
    made = backup.make_backup(ws)
    export_case(ws, case_id, tmp_path / "case.zip")
    # Scan while it is open too: the -wal and -shm files exist now.
    assert (tmp_path / "w.casefile-wal").exists()
    assert _scan(tmp_path, NEEDLES + [sha.encode()]) == []
    ws.close()

    assert _scan(tmp_path, NEEDLES + [sha.encode()]) == []
    assert not (tmp_path / "w.casefile").read_bytes().startswith(b"SQLite format 3")
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert b"SQLite format 3" not in path.read_bytes()[:100], path
    # The store keeps the file under an HMAC of its hash, never the hash itself.
    (stored,) = [p for p in (tmp_path / "w.casefile.attachments").rglob("*") if p.is_file()]
    assert stored.name != sha and not stored.read_bytes().startswith(EXHIBIT[:10])
    manifest = backup.read_manifest(made.path)
    assert manifest["encrypted"] is True
    assert sha not in json.dumps(manifest) and TITLE not in json.dumps(manifest)
    assert (tmp_path / "case.zip").read_bytes()[:4] == crypto.MAGIC


def test_missing_and_wrong_passphrases_are_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "w.casefile"
    open_workspace(path, PASSPHRASE, user="tester").close()
    with pytest.raises(PassphraseRequired, match="this workspace is encrypted: give its passph"):
        open_workspace(path)
    with pytest.raises(WrongPassphrase, match="wrong passphrase or not a Casefile workspace"):
        open_workspace(path, "not it")
    with pytest.raises(PassphraseRequired):
        check_workspace(db.resolve_url(path))
    # A plain workspace does not need one, and ignores one given.
    plain = open_workspace(tmp_path / "plain.casefile", user="tester")
    plain.close()
    again = open_workspace(tmp_path / "plain.casefile", "whatever", user="tester")
    assert not again.encrypted
    again.close()


def test_a_locked_workspace_is_not_called_a_wrong_passphrase(tmp_path: Path) -> None:
    # A disk error or a lock is not a key that does not fit: say what happened.
    path = tmp_path / "w.casefile"
    open_workspace(path, PASSPHRASE, user="tester").close()
    key = crypto.WorkspaceKey.derive(PASSPHRASE, crypto.workspace_salt(path))
    holder = crypto.connect(path, key)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")  # no reader gets in, even with WAL
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(crypto.EncryptionError, match="cannot open the workspace: .*locked"):
            crypto.connect(path, key, timeout=0.1)
        with pytest.raises(WorkspaceError, match="cannot open the workspace") as caught:
            open_workspace(path, PASSPHRASE, user="tester")  # waits out its 5 s busy timeout
        assert not isinstance(caught.value, WrongPassphrase)
    finally:
        holder.rollback()
        holder.close()
    crypto.connect(path, key).close()  # the right passphrase still opens it


@pytest.mark.parametrize(
    "passphrase",
    [
        'it\'s "quoted"; DROP TABLE cases; --',
        "  spaces  around and inside  ",
        "x'00' \\ backslash",
        "Ünïcödé パスフレーズ 🔐 عربى",
    ],
)
def test_any_passphrase_works(tmp_path: Path, outside: Path, passphrase: str) -> None:
    path = tmp_path / "w.casefile"
    ws = open_workspace(path, passphrase, user="tester")
    case_id, sha = _fill(ws, outside)
    ws.close()
    ws = open_workspace(path, passphrase, user="tester")
    assert [c.caption for c in cases.list_cases(ws)] == ["People v. Ingram"]
    assert ws.store.read_bytes(sha) == EXHIBIT
    ws.close()
    with pytest.raises(WrongPassphrase):
        open_workspace(path, passphrase.strip() + "!")


def test_the_same_words_typed_differently_are_the_same_passphrase(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "w.casefile"
    composed = unicodedata.normalize("NFC", "Café Núñez")
    decomposed = unicodedata.normalize("NFD", "Café Núñez")
    assert composed != decomposed  # different code points for the same words
    ws = open_workspace(path, composed, user="t")
    cases.add_case(ws, caption="People v. Núñez")
    ws.close()
    # Encrypted on disk: plain SQLite cannot read it.
    assert not path.read_bytes().startswith(b"SQLite format 3")
    plain = sqlite3.connect(path)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="not a database"):
            plain.execute("SELECT count(*) FROM sqlite_master").fetchall()
    finally:
        plain.close()
    ws = open_workspace(path, decomposed, user="t")
    try:
        assert ws.encrypted
        assert [c.caption for c in cases.list_cases(ws)] == ["People v. Núñez"]
    finally:
        ws.close()
    with pytest.raises(WrongPassphrase):
        open_workspace(path, "Cafe Nunez")  # without the accents it is another passphrase


def test_attachments_dedup_check_and_tamper(tmp_path: Path, outside: Path) -> None:
    ws = open_workspace(tmp_path / "w.casefile", PASSPHRASE, user="tester")
    case_id, sha = _fill(ws, outside)
    other = cases.add_case(ws, caption="People v. Someone Else")
    documents.add_document(ws, other, file=outside / "receipt.txt")
    assert len(list(ws.store.stored_names())) == 1  # one copy for two cases
    assert ws.store.verify(sha)
    with ws.store.open(sha) as fh:  # random access, as a PDF reader does
        fh.seek(len(EXHIBIT) - 20)
        assert fh.read() == EXHIBIT[-20:]
    report = check_workspace(ws.url, passphrase=PASSPHRASE)
    assert not report.damaged and report.attachments_checked == 1
    # One flipped bit in the sealed file is damage.
    stored = ws.store.path_for(sha)
    data = bytearray(stored.read_bytes())
    data[100] ^= 1
    stored.write_bytes(bytes(data))
    report = check_workspace(ws.url, passphrase=PASSPHRASE)
    assert report.damaged and "damaged" in report.problems[0].message
    ws.close()


def test_search_reads_the_text_of_an_encrypted_attachment_on_import(
    tmp_path: Path, outside: Path
) -> None:
    ws = open_workspace(tmp_path / "w.casefile", PASSPHRASE, user="tester")
    case_id, _sha = _fill(ws, outside)
    export_case(ws, case_id, tmp_path / "case.zip")
    new_id = import_archive(ws, tmp_path / "case.zip")  # its own archive: no passphrase
    (doc,) = documents.documents_of_case(ws, new_id)
    from sqlalchemy import select

    from app.core.storage.models import Document

    with ws.reader() as session:
        text = session.scalar(select(Document.extracted_text).where(Document.id == doc.id))
    assert "99-ZEBRA-4411" in (text or "")
    ws.close()


def test_change_passphrase(tmp_path: Path, outside: Path) -> None:
    path = tmp_path / "w.casefile"
    ws = open_workspace(path, PASSPHRASE, user="tester")
    _case_id, sha = _fill(ws, outside)
    before = backup.make_backup(ws, tmp_path / "before.zip")
    from app.core.storage.encryption import change_passphrase

    with pytest.raises(WrongPassphrase):
        change_passphrase(ws, "not the old one", "new one")
    change_passphrase(ws, PASSPHRASE, "a brand new ünïcode one")
    # The open workspace goes on working with the new key.
    cases.add_case(ws, caption="After the change")
    assert ws.store.read_bytes(sha) == EXHIBIT
    ws.close()
    with pytest.raises(WrongPassphrase):
        open_workspace(path, PASSPHRASE)
    ws = open_workspace(path, "a brand new ünïcode one", user="tester")
    assert len(cases.list_cases(ws)) == 2 and ws.store.read_bytes(sha) == EXHIBIT
    ws.close()
    assert _scan(tmp_path, NEEDLES) == []
    # A backup made before keeps the passphrase it was made with.
    restored = tmp_path / "restored.casefile"
    backup.restore_backup(before.path, restored, passphrase=PASSPHRASE)
    ws = open_workspace(restored, PASSPHRASE, user="tester")
    assert [c.caption for c in cases.list_cases(ws)] == ["People v. Ingram"]
    assert ws.store.read_bytes(sha) == EXHIBIT
    ws.close()


def test_backup_of_an_encrypted_workspace_restores_whole(tmp_path: Path, outside: Path) -> None:
    path = tmp_path / "w.casefile"
    ws = open_workspace(path, PASSPHRASE, user="tester")
    _case_id, sha = _fill(ws, outside)
    made = backup.make_backup(ws)
    assert made.problems == [] and made.attachments == 1
    ws.close()
    with zipfile.ZipFile(made.path) as zf:
        assert not zf.read(backup.DB_NAME).startswith(b"SQLite format 3")
    with pytest.raises(WrongPassphrase):
        backup.restore_backup(made.path, tmp_path / "r.casefile", passphrase="not it")
    result = backup.restore_backup(made.path, tmp_path / "r.casefile", passphrase=PASSPHRASE)
    assert result.problems == []
    ws = open_workspace(tmp_path / "r.casefile", PASSPHRASE, user="tester")
    assert ws.store.read_bytes(sha) == EXHIBIT
    assert not check_workspace(ws.url, passphrase=PASSPHRASE).damaged
    ws.close()


def test_archives_need_their_passphrase_unless_plain(tmp_path: Path, outside: Path) -> None:
    ws = open_workspace(tmp_path / "w.casefile", PASSPHRASE, user="tester")
    case_id, _sha = _fill(ws, outside)
    export_case(ws, case_id, tmp_path / "sealed.zip")
    export_case(ws, case_id, tmp_path / "shared.zip", passphrase="for co-counsel")
    export_case(ws, case_id, tmp_path / "plain.zip", plain=True)
    ws.close()
    assert zipfile.is_zipfile(tmp_path / "plain.zip")
    assert not zipfile.is_zipfile(tmp_path / "sealed.zip")

    other = open_workspace(tmp_path / "other.casefile", user="tester")
    with pytest.raises(PassphraseRequired, match="archive is encrypted: give its passphrase"):
        import_archive(other, tmp_path / "sealed.zip")
    with pytest.raises(WrongPassphrase):
        import_archive(other, tmp_path / "sealed.zip", passphrase="for co-counsel")
    first = import_archive(other, tmp_path / "sealed.zip", passphrase=PASSPHRASE)
    second = import_archive(other, tmp_path / "shared.zip", passphrase="for co-counsel")
    third = import_archive(other, tmp_path / "plain.zip")
    for case_id in (first, second, third):
        (doc,) = documents.documents_of_case(other, case_id)
        assert other.store.read_bytes(doc.file_sha256) == EXHIBIT
    other.close()


def test_a_damaged_or_truncated_archive_is_refused(tmp_path: Path, outside: Path) -> None:
    ws = open_workspace(tmp_path / "w.casefile", PASSPHRASE, user="tester")
    case_id, _sha = _fill(ws, outside)
    sealed = export_case(ws, case_id, tmp_path / "sealed.zip")
    data = sealed.read_bytes()
    (tmp_path / "cut.zip").write_bytes(data[: -crypto.TAG - 1])
    (tmp_path / "flipped.zip").write_bytes(data[:60] + bytes([data[60] ^ 1]) + data[61:])
    for name in ("cut.zip", "flipped.zip"):
        with pytest.raises(crypto.EncryptionError):
            import_archive(ws, tmp_path / name, passphrase=PASSPHRASE)
    ws.close()


@pytest.mark.parametrize(
    "size", [0, 1, crypto.CHUNK - 1, crypto.CHUNK, crypto.CHUNK + 1, 3 * crypto.CHUNK]
)
def test_the_sealed_stream_round_trips_and_detects_truncation(size: int) -> None:
    key = crypto.AttachmentKey.new()
    plain = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    sealed = io.BytesIO()
    with key.writer(sealed) as writer:
        writer.write(plain)
    with key.reader(io.BytesIO(sealed.getvalue())) as reader:
        assert reader.read() == plain
    if size > crypto.CHUNK:  # cut at a chunk boundary: the last chunk is missing
        cut = sealed.getvalue()[: 22 + crypto.CHUNK + crypto.TAG]
        with pytest.raises(crypto.EncryptionError), key.reader(io.BytesIO(cut)) as reader:
            reader.read()
    with (
        pytest.raises(crypto.EncryptionError),
        crypto.AttachmentKey.new().reader(io.BytesIO(sealed.getvalue())) as reader,
    ):
        reader.read()


def test_encrypting_a_plain_workspace(tmp_path: Path, outside: Path) -> None:
    path = tmp_path / "w.casefile"
    ws = open_workspace(path, user="tester")
    _case_id, sha = _fill(ws, outside)
    backup.make_backup(ws)
    ws.close()
    from app.core.storage.encryption import encrypt_workspace

    result = encrypt_workspace(path, PASSPHRASE)
    assert result.attachments == 1 and result.problems == []
    assert len(result.plain_backups) == 1  # named so the person can delete it
    for old in result.plain_backups:
        old.unlink()
    assert _scan(tmp_path, NEEDLES + [sha.encode()]) == []
    with pytest.raises(PassphraseRequired):
        open_workspace(path)
    ws = open_workspace(path, PASSPHRASE, user="tester")
    assert ws.encrypted and ws.store.read_bytes(sha) == EXHIBIT
    assert [c.caption for c in cases.list_cases(ws)] == ["People v. Ingram"]
    ws.close()
    report = check_workspace(ws.url, passphrase=PASSPHRASE)
    assert report.problems == [] and report.attachments_checked == 1


def test_a_file_opened_for_viewing_is_decrypted_and_swept_on_the_next_open(
    tmp_path: Path, outside: Path
) -> None:
    ws = open_workspace(tmp_path / "w.casefile", PASSPHRASE, user="tester", exclusive=True)
    _case_id, sha = _fill(ws, outside)
    copy = ws.store.viewing_copy(sha, "receipt.txt")
    assert copy.name == "receipt.txt" and copy.read_bytes() == EXHIBIT
    ws.close()
    # The desktop app's next open removes what an earlier session left for viewers.
    ws = open_workspace(tmp_path / "w.casefile", PASSPHRASE, user="tester", exclusive=True)
    try:
        assert not copy.exists()
        assert _scan(tmp_path, [EXHIBIT]) == []
    finally:
        ws.close()
