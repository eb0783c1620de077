"""The environment of a person who has never run Casefile, for starting the app in a
subprocess: their own home, config and data folders, offscreen Qt, and none of this
shell's Casefile settings."""

from __future__ import annotations

import os
from pathlib import Path


def fresh_home_env(home: Path, **settings: str) -> dict[str, str]:
    """``os.environ`` with ``home`` as the person's home (config and data folders under
    it), offscreen Qt, no ``CASEFILE_*`` setting of this shell, then ``settings``."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("CASEFILE_")}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        QT_QPA_PLATFORM="offscreen",
    )
    env.update(settings)
    return env
