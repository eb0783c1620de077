"""The version, read from the installed distribution (declared once, in pyproject.toml)."""

from __future__ import annotations


def app_version() -> str:
    # Imported here: reading package metadata costs start-up time the window never needs
    # (only --version, About and archives ask for it).
    from importlib import metadata

    try:
        return metadata.version("casefile")
    except metadata.PackageNotFoundError:  # running from a source tree that is not installed
        return "0.0.0+unknown"
