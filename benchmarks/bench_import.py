"""Importing the 50,000-statement archive against raw sqlite3 executemany of the same
rows plus one FTS rebuild per search table."""

from __future__ import annotations

import json
import sqlite3
import time
from typing import Any

from benchmarks.common import WORK, demo_archive, demo_data, figure


def _raw_insert(path: str, data: dict[str, Any]) -> None:
    """The floor: the same rows, straight through the driver, index rebuilt once."""
    from app.core.search import query as search

    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys = ON")
    now = "2026-01-01T00:00:00+00:00"
    track = {"created_at": now, "updated_at": now, "version": 1}
    with con:
        for name in search.trigger_names():
            con.execute(f"DROP TRIGGER IF EXISTS {name}")

        def put(table: str, rows: list[dict[str, Any]]) -> None:
            if not rows:
                return
            cols = list(rows[0])
            sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
            con.executemany(sql, [tuple(r[c] for c in cols) for r in rows])

        case = {**data["case"], **track, "id": 1}
        put("cases", [case])
        ids: dict[str, int] = {}

        def number(records: list[dict[str, Any]]) -> None:
            for i, r in enumerate(records, 1):
                ids[r["ref"]] = i

        for key in ("people", "parties", "documents", "statements", "events", "issues"):
            number(data[key])
        plain = ("ref", "person", "speaker", "recipient_party", "source_document", "issues")
        put(
            "people",
            [
                {
                    **{k: v for k, v in p.items() if k != "ref"},
                    "aliases": json.dumps(p["aliases"]),
                    "phone": "",
                    "email": "",
                    "address": "",
                    "id": ids[p["ref"]],
                    **track,
                }
                for p in data["people"]
            ],
        )
        put(
            "parties",
            [
                {
                    "id": ids[p["ref"]],
                    "case_id": 1,
                    "person_id": ids[p["person"]],
                    "roles": json.dumps(p["roles"]),
                    "notes": p["notes"],
                    **track,
                }
                for p in data["parties"]
            ],
        )
        put(
            "issues",
            [
                {**{k: v for k, v in i.items() if k != "ref"}, "id": ids[i["ref"]], "case_id": 1}
                | track
                for i in data["issues"]
            ],
        )
        docs = []
        for d in data["documents"]:
            f = d["file"] or {}
            row = {k: v for k, v in d.items() if k not in ("ref", "issues", "file")}
            blob = data["_attachments"].get(f.get("sha256", ""))
            docs.append(
                row
                | track
                | {
                    "id": ids[d["ref"]],
                    "case_id": 1,
                    "file_sha256": f.get("sha256"),
                    "file_size": f.get("size"),
                    "file_media_type": f.get("media_type"),
                    "file_name": f.get("original_name"),
                    "extracted_text": blob.decode() if blob else None,
                }
            )
        put("documents", docs)
        put(
            "statements",
            [
                {k: v for k, v in s.items() if k not in plain}
                | track
                | {
                    "id": ids[s["ref"]],
                    "case_id": 1,
                    "speaker_id": ids[s["speaker"]],
                    "recipient_party_id": None,
                    "source_document_id": ids.get(s["source_document"] or ""),
                }
                for s in data["statements"]
            ],
        )
        put(
            "events",
            [
                {
                    k: v
                    for k, v in e.items()
                    if k not in ("ref", "people", "issues", "source_document")
                }
                | track
                | {"id": ids[e["ref"]], "case_id": 1, "source_document_id": None}
                for e in data["events"]
            ],
        )
        put(
            "event_parties",
            [
                {"event_id": ids[e["ref"]], "party_id": ids[p]}
                for e in data["events"]
                for p in e["people"]
            ],
        )
        put(
            "statement_issues",
            [
                {"statement_id": ids[s["ref"]], "issue_id": ids[i]}
                for s in data["statements"]
                for i in s["issues"]
            ],
        )
        for source in search.SOURCES:
            con.execute(f"INSERT INTO {source.fts}({source.fts}) VALUES('rebuild')")
    con.close()


def run() -> dict[str, dict[str, Any]]:
    try:
        from app.core.archive.transfer import import_archive
    except ImportError as exc:
        return {"import_50k": {"skipped": f"archive import not available: {exc}"}}
    from app.core.storage.workspace import open_workspace

    data, archive = demo_data(), demo_archive()
    ws = open_workspace(WORK / "import.casefile", user="bench")
    started = time.perf_counter()
    import_archive(ws, archive)
    app = time.perf_counter() - started
    ws.close()
    floor_ws = open_workspace(WORK / "raw.casefile", user="bench")
    path = str(floor_ws.path)
    floor_ws.close()
    started = time.perf_counter()
    _raw_insert(path, data)
    raw = time.perf_counter() - started
    return {"import_50k": figure(app / raw, 2, "lower", app_s=app, raw_s=raw)}
