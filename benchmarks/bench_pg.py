"""The office server on PostgreSQL: a 200 MB attachment streamed out of the database
against the same file read from disk (``pg_attachment_stream``), and search and the
statements list on a generated office of 2,000 cases, 200,000 statements and 50 staff.

The database side is what the viewer, a brief or the check does with a server
workspace's file: a staff login (under row security, through the document that uses
the file) reads its chunks in order with ``DatabaseAttachmentStore.chunks``. The floor
is the same bytes read from a file on this machine's disk in the same 1 MB pieces.
Both sides only touch the bytes (their length), so the figure is the cost of the
transport. Memory is measured on the database side with ``tracemalloc``: its peak must
stay a few chunks, whatever the file's size. PostgreSQL is started the way the tests
start it (``tests/pgserver.py``), data on disk (not the RAM disk), durability on.
Run alone with ``python -m benchmarks.bench_pg``.

Where the time goes (measured on a busy 2-core machine): the file from the page cache
takes ~40-50 ms; the database ~370 ms (``COPY ... TO STDOUT`` in binary, ~540 MB/s), of
which the server's own reading of the out-of-line (TOAST) values is ~190 ms. A
server-side cursor was a third slower, and smaller chunks kept in the row (8 KB, no
TOAST) no faster, so the 3x bar against a cached file is out of reach of any layout in
PostgreSQL 15 here; the figure says so rather than hiding it (a file read cold from a
disk is several times slower than a cached one).

Measured again with the office generated beside it (a machine at load 5, 200 MB, median
of three): the file 74 ms; binary ``COPY`` of 1 MB out-of-line chunks 544 ms; of 8,000-byte
chunks kept in the row (``STORAGE PLAIN``, no TOAST) 488 ms; a binary cursor streaming
rows in single-row mode 622 / 582 ms; the in-row chunks glued back into 1 MB pieces by
the server (``string_agg``) 1,750 ms. The server alone, copying to ``/dev/null`` with no
client at all, takes 246-368 ms: over 3x the file before a byte leaves it. Large objects
are kept in 2 KB pages like TOAST and cannot be screened row by row. So the layout stays.

The office figures (``pg_search_selective``, ``pg_search_overhead``,
``pg_list_first_paint``) run on a generated office in the same server:
benchmarks/office_data.py, office_search.py and office_list.py.
"""

from __future__ import annotations

import hashlib
import statistics
import time
import tracemalloc
from pathlib import Path
from typing import Any

from benchmarks.common import WORK, figure

FIGURES = (
    "pg_attachment_stream",
    "pg_search_selective",
    "pg_search_overhead",
    "pg_list_first_paint",
)
SIZE = 200 * 1024 * 1024
TARGET = 3.0
ROUNDS = 5
FLAT_MEMORY = 16 * 1024 * 1024  # the read's peak must stay under this, for 200 MB


def _big_file(path: Path, size: int = SIZE) -> Path:
    """``size`` incompressible bytes, made a piece at a time."""
    with path.open("wb") as out:
        left, n = size, 0
        while left:
            piece = hashlib.shake_256(n.to_bytes(8, "big")).digest(1024 * 1024)[:left]
            out.write(piece)
            left -= len(piece)
            n += 1
    return path


def _disk_read(path: Path) -> int:
    from app.core.storage.store import CHUNK

    total = 0
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(CHUNK), b""):
            total += len(chunk)
    return total


def _db_read(store: Any, sha: str) -> int:
    return sum(len(chunk) for chunk in store.chunks(sha))


def run() -> dict[str, dict[str, Any]]:
    from tests.pgserver import PostgresServer, PostgresUnavailable, unavailable_reason

    reason = unavailable_reason()
    if reason is not None:
        return {name: {"skipped": reason} for name in FIGURES}
    server = PostgresServer(ram_disk=False, settings={"fsync": "on", "synchronous_commit": "on"})
    try:
        server.start()
    except PostgresUnavailable as exc:
        return {name: {"skipped": str(exc)} for name in FIGURES}
    try:
        results = {"pg_attachment_stream": _stream_figure(server)}
        results.update(_office_figures(server))
        return results
    finally:
        server.stop()


def _office_figures(server: Any) -> dict[str, dict[str, Any]]:
    """Search and the statements list on a generated office (benchmarks/office_data.py)."""
    from benchmarks import office_data, office_list, office_search

    office = office_data.build(server)
    print(f"# generated office in {office.seconds:.0f} s", flush=True)
    results = office_search.figures(server, office)
    results.update(office_list.figure_of(office))
    return results


def _stream_figure(server: Any) -> dict[str, Any]:
    from sqlalchemy import make_url

    from app.core.server.setup import server_init
    from app.core.server.staff import add_staff
    from app.core.services import cases, documents
    from app.core.storage.workspace import open_workspace

    url = make_url(server.create_database("bench_office"))
    server_init(url, admin="ada")
    ada = open_workspace(url.set(username="ada"), store_root=WORK / "pg-ada")
    add_staff(ada, "bea", name="Bea Ortiz", role="attorney")
    ada.close()
    path = _big_file(WORK / "bodycam.mp4")
    bea = open_workspace(url.set(username="bea"), store_root=WORK / "pg-bea")
    try:
        case_id = cases.add_case(bea, caption="People v. Bench", docket_number="CR-B-1")
        started = time.perf_counter()
        doc = documents.add_document(
            bea, case_id, title="Body camera", file=path, extracted=(None, "")
        )
        write_s = time.perf_counter() - started
        sha = documents.get_document(bea, doc)["file_sha256"]
        assert _db_read(bea.store, sha) == _disk_read(path) == SIZE  # warm both
        disk, database = [], []
        for _ in range(ROUNDS):  # interleaved: the machine's load falls on both alike
            started = time.perf_counter()
            _disk_read(path)
            disk.append(time.perf_counter() - started)
            started = time.perf_counter()
            _db_read(bea.store, sha)
            database.append(time.perf_counter() - started)
        tracemalloc.start()
        try:
            _db_read(bea.store, sha)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    finally:
        bea.close()
        path.unlink(missing_ok=True)
    disk_s, db_s = statistics.median(disk), statistics.median(database)
    result = figure(
        db_s / disk_s,
        TARGET,
        "lower",
        database_ms=round(db_s * 1000, 1),
        disk_ms=round(disk_s * 1000, 1),
        database_mb_per_s=round(SIZE / db_s / 2**20),
        write_s=round(write_s, 2),
        peak_mb=round(peak / 2**20, 2),
    )
    result["ok"] = result["ok"] and peak < FLAT_MEMORY
    return result


if __name__ == "__main__":
    for name, value in run().items():
        print(name, value)
