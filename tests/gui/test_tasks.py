"""The one background-task runner: outcomes come back on the window's thread."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest

from app.gui.tasks import TaskCancelled, TaskControl, TaskRunner


@pytest.fixture
def runner(qapp: Any) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    assert runner.wait(10), "a task was left running"


def test_work_runs_off_the_gui_thread_and_on_done_on_it(runner: TaskRunner) -> None:
    threads: dict[str, threading.Thread] = {}
    results: list[Any] = []

    def work(control: TaskControl) -> int:
        threads["work"] = threading.current_thread()
        return 42

    def done(result: Any) -> None:
        threads["done"] = threading.current_thread()
        results.append(result)

    runner.start("answer", work, on_done=done)
    assert runner.wait()
    assert results == [42]
    assert threads["work"] is not threading.main_thread()
    assert threads["work"].name == "casefile-answer"
    assert threads["done"] is threading.main_thread()


def test_an_exception_reaches_on_failed_on_the_gui_thread(runner: TaskRunner) -> None:
    failures: list[tuple[BaseException, threading.Thread]] = []

    def work(control: TaskControl) -> None:
        raise ValueError("boom")

    runner.start(
        "broken",
        work,
        on_done=lambda _r: pytest.fail("done after a failure"),
        on_failed=lambda exc: failures.append((exc, threading.current_thread())),
    )
    assert runner.wait()
    [(error, thread)] = failures
    assert isinstance(error, ValueError) and str(error) == "boom"
    assert thread is threading.main_thread()


def test_a_failure_nobody_listens_for_is_kept(runner: TaskRunner) -> None:
    def work(control: TaskControl) -> None:
        raise OSError("disk full")

    runner.start("unheard", work)
    assert runner.wait()
    assert isinstance(runner.last_error, OSError)


def test_cancel_raises_task_cancelled_in_the_worker(runner: TaskRunner) -> None:
    go = threading.Event()
    seen_in_worker: list[BaseException] = []
    failures: list[BaseException] = []

    def work(control: TaskControl) -> str:
        go.wait(10)
        try:
            control.progress(1, 10)
        except TaskCancelled as exc:
            seen_in_worker.append(exc)
            raise
        return "finished anyway"

    control = runner.start(
        "cancelled",
        work,
        on_done=lambda _r: pytest.fail("a cancelled task reported done"),
        on_failed=failures.append,
    )
    control.cancel()
    go.set()
    assert runner.wait()
    assert len(seen_in_worker) == 1 and isinstance(seen_in_worker[0], TaskCancelled)
    assert failures == seen_in_worker


def test_progress_arrives_on_the_gui_thread_in_order(runner: TaskRunner) -> None:
    reports: list[tuple[int, int, bool]] = []

    def work(control: TaskControl) -> None:
        for done in range(1, 4):
            control.progress(done, 3)

    runner.start(
        "counting",
        work,
        on_progress=lambda done, total: reports.append(
            (done, total, threading.current_thread() is threading.main_thread())
        ),
    )
    assert runner.wait()
    assert reports == [(1, 3, True), (2, 3, True), (3, 3, True)]


def test_running_lists_names_and_wait_delivers_outcomes(runner: TaskRunner) -> None:
    release = threading.Event()
    results: list[str] = []
    runner.start("slow", lambda _c: release.wait(10) and "slow", on_done=results.append)
    runner.start("also slow", lambda _c: release.wait(10) and "also", on_done=results.append)
    assert sorted(runner.running()) == ["also slow", "slow"]
    assert runner.is_running("slow") and not runner.is_running("quick")
    assert not runner.wait(timeout=0.05)  # still running: wait gives up
    assert results == []
    release.set()
    assert runner.wait()
    assert sorted(results) == ["also", "slow"]  # delivered by wait(), no event loop needed
    assert runner.running() == []
