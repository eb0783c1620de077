"""`casefile` with no arguments on a new machine: the window opens on a new default workspace."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_the_app_starts_on_a_machine_that_has_never_run_it(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "QT_QPA_PLATFORM": "offscreen",
        "CASEFILE_SMOKE_TEST": "1",  # paint the window once, then close it
    }
    env.pop("CASEFILE_DB", None)
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
