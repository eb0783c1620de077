"""``casefile sample`` run several times at once adds the sample case once, on both
backends: the look for it and the insert are one step under the case uid's lock."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import copy_template
from tests.faults import GIVE_UP_AFTER, Paused, casefile, child_env

OTHERS = 3
# How long the other runs are given to finish while the first is held between its look
# and its insert. They should not finish then: they wait for its lock. (Under SQLite's
# busy timeout of 5 s, so they still wait rather than give up.)
HELD_FOR = 2.5


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, sqlite_template: Path, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(copy_template(sqlite_template, tmp_path / "w.casefile"))
    template = request.getfixturevalue("pg_template")
    return str(request.getfixturevalue("pg_url_factory")(template=template))


def _ended(proc: subprocess.Popen[str]) -> subprocess.CompletedProcess[str]:
    out, err = proc.communicate(timeout=GIVE_UP_AFTER)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def test_sample_run_at_once_adds_the_case_once(database: str, tmp_path: Path) -> None:
    argv = ["--db", database, "sample"]
    first = Paused(argv, tmp_path, "import:case-looked-up")
    others = [casefile(argv, child_env(tmp_path)) for _ in range(OTHERS)]
    try:
        deadline = time.monotonic() + HELD_FOR
        for proc in others:
            try:
                proc.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass  # waiting for the first one's lock, as it should
        finished = first.release()
        results = [finished] + [_ended(proc) for proc in others]
    finally:
        first.kill()
        for proc in others:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
    for result in results:
        assert result.returncode == 0, result.stderr
    printed = {result.stdout.strip() for result in results}
    assert len(printed) == 1, printed
    lister = casefile(["--db", database, "cases", "--json"], child_env(tmp_path))
    out, err = lister.communicate(timeout=GIVE_UP_AFTER)
    listed = json.loads(out)
    assert [case["caption"] for case in listed] == ["People v. Derrick Ingram"], err
    assert printed == {str(listed[0]["id"])}
