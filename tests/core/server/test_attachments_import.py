"""Moving a server workspace whose files sit in a folder: ``server init`` copies them into
the database once, resumably (an interrupted run switches nothing and the next one
skips what was copied), and says how many it moved."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg.conninfo import make_conninfo
from sqlalchemy import make_url

from app.cli import main
from app.core.server.setup import server_init
from app.core.services import cases, documents
from app.core.storage import db_store
from app.core.storage.db_store import DatabaseAttachmentStore
from app.core.storage.workspace import open_workspace, set_store_root
from tests.pgserver import PostgresServer


def test_server_init_moves_the_folder_into_the_database_resumably(
    module_pg: PostgresServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = module_pg.create_database("moving")
    folder = tmp_path / "shared-attachments"
    files = []
    for n in range(3):
        files.append(tmp_path / f"exhibit-{n}.pdf")
        files[-1].write_bytes(f"exhibit {n} ".encode() * (40_000 * (n + 1)))
    before = open_workspace(make_url(url), store_root=folder)
    try:
        set_store_root(before, folder)  # the office named its shared folder
        case_id = cases.add_case(before, caption="People v. Folder", docket_number="CR-F-1")
        shas = [documents.add_document(before, case_id, title=p.stem, file=p) for p in files]
        shas = [documents.get_document(before, i)["file_sha256"] for i in shas]
        assert not isinstance(before.store, DatabaseAttachmentStore)
        assert all(before.store.has(sha) for sha in shas)
    finally:
        before.close()

    real_write = db_store.write_blob
    calls = []

    def cut_short(connection: Any, stream: Any) -> Any:
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt  # the IT person presses Ctrl-C mid-way
        return real_write(connection, stream)

    monkeypatch.setattr(db_store, "write_blob", cut_short)
    with pytest.raises(KeyboardInterrupt):
        server_init(make_url(url), admin="ada")
    monkeypatch.undo()
    assert _blobs(module_pg) == 1
    halfway = open_workspace(make_url(url))
    try:  # nothing switched yet: every desk still reads the folder, which has every file
        assert not isinstance(halfway.store, DatabaseAttachmentStore)
    finally:
        halfway.close()

    assert main(["--db", url, "server", "init", "--admin", "ada"]) == 0
    said = capsys.readouterr().out
    assert f"2 attachments moved into the database from {folder} (1 were there already)" in said
    assert _blobs(module_pg) == 3
    assert server_init(make_url(url)).attachments.result.moved == 0  # type: ignore[union-attr]

    ada = open_workspace(make_url(url).set(username="ada"), store_root=tmp_path / "desk")
    try:
        assert isinstance(ada.store, DatabaseAttachmentStore)
        for path, sha in zip(files, shas, strict=True):
            assert ada.store.read_bytes(sha) == path.read_bytes()
    finally:
        ada.close()


def _blobs(server: PostgresServer, database: str = "moving") -> int:
    info = make_conninfo(
        host=str(server.socket_dir), port=server.port, user="postgres", dbname=database
    )
    with psycopg.connect(info, autocommit=True) as owner:
        return int(owner.execute("SELECT count(*) FROM attachment_blobs").fetchone()[0])  # type: ignore[index]


def test_a_damaged_file_in_the_folder_is_left_out_and_named(
    module_pg: PostgresServer, tmp_path: Path
) -> None:
    url = module_pg.create_database("damaged")
    folder = tmp_path / "shared"
    exhibit = tmp_path / "exhibit.pdf"
    exhibit.write_bytes(b"the original bytes " * 1000)
    before = open_workspace(make_url(url), store_root=folder)
    try:
        set_store_root(before, folder)
        case_id = cases.add_case(before, caption="People v. Damage", docket_number="CR-D-1")
        doc = documents.add_document(before, case_id, title="Exhibit", file=exhibit)
        sha = documents.get_document(before, doc)["file_sha256"]
        stored = before.store.path_for(sha)
    finally:
        before.close()
    stored.chmod(0o600)
    stored.write_bytes(b"rotten")
    report = server_init(make_url(url))
    assert report.attachments is not None
    assert report.attachments.result.damaged == [sha]
    assert report.attachments.result.moved == 0
    assert _blobs(module_pg, "damaged") == 0
