"""`casefile` with no arguments on a new machine: the window opens on a new default workspace."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.gui.fresh_home import fresh_home_env

REPO = Path(__file__).resolve().parents[2]


def test_the_app_starts_on_a_machine_that_has_never_run_it(tmp_path: Path) -> None:
    home = tmp_path / "home"
    # CASEFILE_SMOKE_TEST: paint the window once, then close it.
    env = fresh_home_env(home, CASEFILE_SMOKE_TEST="1")
    result = subprocess.run(
        [sys.executable, "-m", "app"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    # The default workspace, in the platform's user-data folder under this home.
    assert [p.name for p in home.rglob("workspace.casefile")] == ["workspace.casefile"]
