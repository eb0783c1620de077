"""The version, read from the installed distribution (declared once, in pyproject.toml)."""

from __future__ import annotations

from importlib import metadata


def app_version() -> str:
    try:
        return metadata.version("casefile")
    except metadata.PackageNotFoundError:  # running from a source tree that is not installed
        return "0.0.0+unknown"
