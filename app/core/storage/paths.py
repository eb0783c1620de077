"""Where workspaces are and what they are called, without the database layer.

The desktop app names the workspace it is opening in its first frame, before
SQLAlchemy is imported (``app/core/storage/db.py`` opens it just after that frame), so these
helpers import nothing beyond the standard library (and platformdirs, when the default
workspace is asked for).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

WORKSPACE_SUFFIX = ".casefile"
ENV_VAR = "CASEFILE_DB"


def default_workspace_path() -> Path:
    """The workspace used when none is named: one file in the user's data folder."""
    import platformdirs  # ~6 ms: not before the first frame of a start that names one

    return Path(platformdirs.user_data_dir("Casefile", appauthor=False)) / (
        "workspace" + WORKSPACE_SUFFIX
    )


def describe_target(target: str | os.PathLike[str]) -> str:
    """The name ``Workspace.describe()`` will give ``target`` once it is open: the
    resolved file, or the URL with its password hidden."""
    raw = os.fspath(target)
    if "://" not in raw:
        return str(Path(raw).expanduser().resolve())
    try:
        parts = urlsplit(raw)
        password = parts.password
    except ValueError:
        return raw.split("://", 1)[0] + "://…"
    if not password:
        return raw
    login, host = parts.netloc.rsplit("@", 1)
    user = login.split(":", 1)[0]
    return parts._replace(netloc=f"{user}:***@{host}").geturl()
