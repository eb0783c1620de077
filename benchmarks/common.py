"""Shared set-up for the benchmarks: the 50k-statement demo case, timing helpers."""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SPEC = dict(people=2000, statements=50000, documents=5000, events=5000, seed=1)
WORK = Path(tempfile.mkdtemp(prefix="casefile-bench-"))
# The 50k workspace and archive take ~200 MB: gone when the run ends, unless asked
# to keep them for a closer look (CASEFILE_BENCH_KEEP=1 prints where they are).
if os.environ.get("CASEFILE_BENCH_KEEP"):
    atexit.register(print, f"# benchmark data kept in {WORK}")
else:
    atexit.register(shutil.rmtree, WORK, ignore_errors=True)


@functools.cache
def demo_data() -> dict[str, Any]:
    from app.core import demo

    return demo.build_case(demo.DemoSpec(**SPEC))


@functools.cache
def demo_archive() -> Path:
    from app.core import demo

    return demo.write_archive(demo_data(), WORK / "demo-50k.zip")


def median_time(fn: Callable[[], Any], *, repeat: int, warmup: int = 1) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def figure(ratio: float, target: float, better: str, **extra: Any) -> dict[str, Any]:
    ok = ratio >= target if better == "higher" else ratio <= target
    return {"ratio": round(ratio, 3), "target": target, "better": better, "ok": ok, **extra}
