"""Our direct PDF brief against LibreOffice turning our Word brief of the same case into
a PDF (what an office without Casefile's PDF writer would do).

* ``pdf_vs_libreoffice``: LibreOffice's ``--headless --convert-to pdf`` of the .docx
  (wall time of the process, after one warm-up run that creates its profile) divided
  by ``export_brief(..., "brief.pdf")`` (wall time, building the brief from the
  database included). Target >= 3x. Skipped, saying so, without ``libreoffice``.

The case is a mid-sized demo case (``SPEC``). Medians of ``ROUNDS`` interleaved runs.
Run alone with ``python -m benchmarks.bench_libreoffice``.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import time
from typing import Any

from benchmarks.common import WORK, figure

SPEC = dict(people=120, statements=600, documents=120, events=200, seed=3)
ROUNDS = 5


def run() -> dict[str, dict[str, Any]]:
    soffice = shutil.which("libreoffice") or shutil.which("soffice")
    if soffice is None:
        return {"pdf_vs_libreoffice": {"skipped": "libreoffice is not installed"}}
    import datetime as dt

    from app.briefs.export import export_brief
    from app.core import demo
    from app.core.storage.workspace import open_workspace

    folder = WORK / "libreoffice"
    folder.mkdir(exist_ok=True)
    ws = open_workspace(folder / "brief.casefile", user="bench")
    case_id = demo.insert_case(ws, demo.build_case(demo.DemoSpec(**SPEC)))
    today = dt.date(2026, 6, 1)
    docx = folder / "brief.docx"
    export_brief(ws, case_id, docx, today=today)
    profile = f"-env:UserInstallation=file://{folder / 'lo-profile'}"

    def ours() -> float:
        started = time.perf_counter()
        pages = export_brief(ws, case_id, folder / "brief.pdf", today=today)
        elapsed = time.perf_counter() - started
        assert pages and pages > 1
        return elapsed

    def libreoffice() -> float:
        out = folder / "lo"
        shutil.rmtree(out, ignore_errors=True)
        command = [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(out)]
        started = time.perf_counter()
        subprocess.run([*command, str(docx)], check=True, capture_output=True, timeout=600)
        elapsed = time.perf_counter() - started
        assert (out / "brief.pdf").stat().st_size > 0
        return elapsed

    libreoffice(), ours()  # warm-up: LibreOffice's profile, fonts, imports
    lo_times, our_times = [], []
    for _ in range(ROUNDS):
        lo_times.append(libreoffice())
        our_times.append(ours())
    ws.close()
    lo_s, our_s = statistics.median(lo_times), statistics.median(our_times)
    return {
        "pdf_vs_libreoffice": figure(
            lo_s / our_s,
            3,
            "higher",
            statements=SPEC["statements"],
            ours_s=our_s,
            libreoffice_s=lo_s,
        )
    }


if __name__ == "__main__":
    from benchmarks.run import _line

    for name, result in run().items():
        print(_line(name, result), flush=True)
