"""Run every ``benchmarks/bench_*.py`` module and report each figure against its target.

Each module exposes ``run() -> dict[str, dict]``: figure name -> ``{"ratio": x,
"target": y, "ok": bool, ...}`` (or ``{"skipped": "reason"}``). A figure is a
ratio of two things measured side by side in the same run, so it means the same
on a fast laptop and a slow CI box. Results go to ``benchmarks/results.json``.
"""

from __future__ import annotations

import importlib
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    only = set(argv if argv is not None else sys.argv[1:])
    results: dict[str, dict] = {}
    for path in sorted(HERE.glob("bench_*.py")):
        if only and path.stem not in only:
            continue
        started = time.perf_counter()
        print(f"# {path.stem} ...", flush=True)
        try:
            figures = importlib.import_module(f"benchmarks.{path.stem}").run()
        except Exception as exc:  # one broken module must not hide the others' figures
            figures = {path.stem: {"skipped": f"failed: {type(exc).__name__}: {exc}"}}
        for name, figure in figures.items():
            results[name] = figure
            print(_line(name, figure), flush=True)
        print(f"# {path.stem}: {time.perf_counter() - started:.0f} s", flush=True)
    out = HERE / "results.json"
    out.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"# wrote {out}")
    return 0 if all(f.get("ok", True) for f in results.values()) else 1


def _line(name: str, figure: dict) -> str:
    if "skipped" in figure:
        return f"{name:<24} skipped: {figure['skipped']}"
    ratio, target = figure["ratio"], figure["target"]
    sense = {"lower": "<= ", "higher": ">= "}.get(figure.get("better", ""), "")
    status = "ok" if figure.get("ok") else "MISSED"
    return f"{name:<24} {ratio:>10.2f}x   target {sense}{target}   {status}"


if __name__ == "__main__":
    raise SystemExit(main())
