"""Attachments in the database of an office server, on a real PostgreSQL 15: a file
attached on one desk opens on another, is kept once, streams without being whole in
memory, and a screened colleague reads none of it (raw SQL or the app); nothing is
written to a folder; the integrity check re-hashes it from its chunks."""

from __future__ import annotations

import hashlib
import os
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg.conninfo import make_conninfo
from sqlalchemy import make_url

from app.core.errors import CasefileError, StoreError
from app.core.safety.check import check_workspace
from app.core.services import documents
from app.core.storage.db_store import CHUNK, DatabaseAttachmentStore
from app.core.storage.workspace import open_workspace
from tests.core.server.conftest import Office


def connect(office: Office, login: str) -> psycopg.Connection[Any]:
    info = make_conninfo(
        host=str(office.server.socket_dir), port=office.server.port, user=login, dbname="office"
    )
    return psycopg.connect(info, autocommit=True)


def count(connection: psycopg.Connection[Any], query: str, *params: Any) -> int:
    return int(connection.execute(query, params).fetchone()[0])  # type: ignore[index]


def make_file(path: Path, size: int, seed: bytes = b"casefile") -> Path:
    """``size`` pseudo-random bytes written a chunk at a time (never whole in memory)."""
    block = hashlib.sha256(seed).digest() * (65536 // 32)
    with path.open("wb") as out:
        left, n = size, 0
        while left:
            piece = hashlib.sha256(seed + n.to_bytes(8, "big")).digest() + block
            out.write(piece[:left])
            left -= min(left, len(piece))
            n += 1
    return path


def sha_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


@pytest.fixture(scope="module")
def attached(office: Office, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """A 2.5 MB complaint attached by Bea to her walled case, twice (two documents)."""
    folder = tmp_path_factory.mktemp("files")
    complaint = make_file(folder / "complaint.pdf", 5 * CHUNK // 2, b"complaint")
    bea = office.open_as("bea")
    case_id = office.walled.case_id
    first = documents.add_document(bea, case_id, title="Complaint", file=complaint)
    second = documents.add_document(
        bea, case_id, title="Complaint (copy)", file=complaint, allow_duplicate=True
    )
    yield {"bea": bea, "file": complaint, "sha": sha_of(complaint), "ids": (first, second)}


def test_a_server_workspace_keeps_its_files_in_the_database(
    office: Office, attached: dict[str, Any]
) -> None:
    assert isinstance(attached["bea"].store, DatabaseAttachmentStore)
    # Nothing but (at most) the private temporary folder is on this machine's disk.
    on_disk = [
        p
        for p in (office.folder / "attachments").rglob("*")
        if p.is_file() and ".plain" not in p.parts
    ]
    assert on_disk == []


def test_a_file_attached_on_one_desk_opens_on_another(
    office: Office, attached: dict[str, Any], tmp_path: Path
) -> None:
    other_desk = open_workspace(make_url(office.url_as("bea")), store_root=tmp_path / "desk2")
    try:
        sha = attached["sha"]
        assert other_desk.store.has(sha)
        assert other_desk.store.read_bytes(sha) == attached["file"].read_bytes()
        with other_desk.store.open(sha) as fh:
            assert hashlib.sha256(fh.read()).hexdigest() == sha
        with other_desk.store.plain_file(sha, ".pdf") as path:
            assert sha_of(path) == sha
        assert other_desk.store.verify(sha)
    finally:
        other_desk.close()


def test_the_same_file_twice_is_kept_once(office: Office, attached: dict[str, Any]) -> None:
    with connect(office, "postgres") as owner:
        sha = attached["sha"]
        assert count(owner, "SELECT count(*) FROM attachment_blobs WHERE sha256 = %s", sha) == 1
        assert count(owner, "SELECT count(*) FROM attachment_chunks WHERE sha256 = %s", sha) == 3
        assert (
            count(owner, "SELECT count(*) FROM attachment_chunks WHERE sha256 LIKE 'upload-%%'")
            == 0
        )


@pytest.mark.parametrize("login", ["cy", "sam", "pat", "ada"])
def test_a_screened_login_reads_no_byte_with_raw_sql(
    office: Office, attached: dict[str, Any], login: str
) -> None:
    sha = attached["sha"]
    with connect(office, login) as screened:
        assert count(screened, "SELECT count(*) FROM attachment_chunks WHERE sha256 = %s", sha) == 0
        assert count(screened, "SELECT count(*) FROM attachment_chunks") == 0
        assert count(screened, "SELECT count(*) FROM attachment_blobs WHERE sha256 = %s", sha) == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            screened.execute("DELETE FROM attachment_chunks")
    with connect(office, "bea") as team:
        assert count(team, "SELECT count(*) FROM attachment_chunks WHERE sha256 = %s", sha) == 3


def test_a_screened_login_cannot_open_it_through_the_app(
    office: Office, attached: dict[str, Any]
) -> None:
    cy = office.open_as("cy")
    sha = attached["sha"]
    with pytest.raises(CasefileError):
        documents.get_document(cy, attached["ids"][0])
    assert not cy.store.has(sha)
    assert not cy.store.verify(sha)
    with pytest.raises(StoreError):
        cy.store.read_bytes(sha)
    with pytest.raises(StoreError):
        cy.store.open(sha)


def test_a_screened_colleague_attaching_the_same_file_gets_their_own_view(
    office: Office, attached: dict[str, Any]
) -> None:
    """The bytes are stored once, and Cy, who holds the same file, reads it through his
    own document; the walled case's documents stay out of his sight."""
    cy = office.open_as("cy")
    doc = documents.add_document(cy, office.open_case, title="Same file", file=attached["file"])
    assert cy.store.read_bytes(attached["sha"]) == attached["file"].read_bytes()
    with connect(office, "cy") as conn:
        assert (
            count(conn, "SELECT count(*) FROM documents WHERE file_sha256 = %s", attached["sha"])
            == 1
        )
    with connect(office, "postgres") as owner:
        assert (
            count(owner, "SELECT count(*) FROM attachment_blobs WHERE sha256 = %s", attached["sha"])
            == 1
        )
    documents.delete_document(cy, doc)


def test_a_large_file_streams_in_and_out_with_flat_memory(office: Office, tmp_path: Path) -> None:
    size = 32 * CHUNK
    big = make_file(tmp_path / "bodycam.mp4", size, b"video")
    bea = office.open_as("bea")
    tracemalloc.start()
    try:
        stored = bea.store.add_file(big)
        _, writing = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        documents.add_document(
            bea, office.walled.case_id, title="Body camera", file=big, extracted=(None, "")
        )
        tracemalloc.reset_peak()
        digest = hashlib.sha256()
        for chunk in bea.store.chunks(stored.sha256):
            digest.update(chunk)
        _, reading = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert stored.size == size and digest.hexdigest() == stored.sha256 == sha_of(big)
    # Flat: a few chunks at a time whatever the size (a cursor's batch, a read buffer).
    assert writing < 6 * CHUNK, f"writing held {writing} bytes of a {size}-byte file"
    assert reading < 6 * CHUNK, f"reading held {reading} bytes of a {size}-byte file"


def test_the_check_rehashes_the_chunks(office: Office, attached: dict[str, Any]) -> None:
    url = make_url(office.url_as("bea"))
    sha = attached["sha"]
    before = check_workspace(url, store_root=office.folder / "attachments")
    assert not [p for p in before.problems if sha[:12] in p.message]
    with connect(office, "postgres") as owner:
        owner.execute(
            "UPDATE attachment_chunks SET data = overlay(data placing '\\x00'::bytea from 10) "
            "WHERE sha256 = %s AND seq = 1",
            (sha,),
        )
        try:
            after = check_workspace(url, store_root=office.folder / "attachments")
        finally:  # put the byte back for the other tests
            original = attached["file"].read_bytes()[CHUNK : 2 * CHUNK]
            owner.execute(
                "UPDATE attachment_chunks SET data = %s WHERE sha256 = %s AND seq = 1",
                (original, sha),
            )
    assert any("damaged" in p.message and sha[:12] in p.message for p in after.problems)
    assert attached["bea"].store.verify(sha)


def test_pg_dump_holds_every_byte(office: Office, attached: dict[str, Any], tmp_path: Path) -> None:
    """A dump of the database, restored into another one, gives the file back: a
    server's backup needs nothing but ``pg_dump``."""
    bin_dir = Path(office.server._bin("pg_dump")).parent  # noqa: SLF001 - the test server's own
    dump = tmp_path / "office.dump"
    restored = office.server.create_database("restored")
    host, port = str(office.server.socket_dir), str(office.server.port)
    common = ["--host", host, "--port", port, "--username", "postgres"]
    _run(office, [str(bin_dir / "pg_dump"), *common, "--format=custom", f"--file={dump}", "office"])
    _run(office, [str(bin_dir / "pg_restore"), *common, "--dbname", "restored", str(dump)])
    ws = open_workspace(make_url(restored).set(username="bea"), store_root=tmp_path / "desk")
    try:
        assert ws.store.read_bytes(attached["sha"]) == attached["file"].read_bytes()
    finally:
        ws.close()


def _run(office: Office, args: list[str]) -> None:
    import subprocess

    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    done = subprocess.run(args, capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr


def test_a_file_closed_half_read_leaves_the_store_working(
    office: Office, attached: dict[str, Any]
) -> None:
    bea = attached["bea"]
    for _ in range(3):  # more than once: a half-read connection must not come back
        with bea.store.open(attached["sha"]) as fh:
            assert len(fh.read(10)) == 10
        chunks = bea.store.chunks(attached["sha"])
        next(chunks)
        chunks.close()
    assert bea.store.read_bytes(attached["sha"]) == attached["file"].read_bytes()
    assert documents.get_document(bea, attached["ids"][0])["file_sha256"] == attached["sha"]
