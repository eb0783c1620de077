"""Progress of long work, as one bar: ``Progress`` callbacks and :class:`Stages`.

A long job (importing or exporting a case archive, reading a long text) reports
``progress(done, total)`` as it goes. The callback may raise to stop the job: the
desktop app's task runner raises its ``TaskCancelled`` from there once the person
pressed Cancel, so a job calls it only where stopping leaves nothing half-done
(before a transaction commits, before a file is renamed into place).

A job made of unequal stages (read, check, insert, index) gives each stage a share
of one bar by weight, so the bar moves at about the same speed from start to end.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

Progress = Callable[[int, int], None]

# The bar's resolution: fine enough to move visibly, coarse enough to be cheap.
SCALE = 1000


class Stages:
    """One bar over named stages, each weighted (a weight of 0 skips the stage)."""

    def __init__(self, progress: Progress | None, weights: Mapping[str, float]) -> None:
        self._progress = progress
        total = sum(weights.values()) or 1.0
        self._start: dict[str, float] = {}
        self._share: dict[str, float] = {}
        at = 0.0
        for name, weight in weights.items():
            self._start[name] = at / total
            self._share[name] = weight / total
            at += weight

    def report(self, stage: str, done: int, total: int) -> None:
        """``done`` of ``total`` of ``stage`` is done (the callback may raise to stop)."""
        if self._progress is None:
            return
        fraction = min(max(done / total, 0.0), 1.0) if total > 0 else 1.0
        value = int(SCALE * (self._start[stage] + self._share[stage] * fraction))
        value = min(value, SCALE)
        self._progress(value, SCALE)

    def begin(self, stage: str) -> None:
        self.report(stage, 0, 1)

    def finish(self, stage: str) -> None:
        self.report(stage, 1, 1)

    def part(self, stage: str) -> Progress:
        """A callback for code that reports its own ``(done, total)`` within ``stage``."""
        return lambda done, total: self.report(stage, done, total)
