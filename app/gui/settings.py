"""Per-user preferences kept in QSettings: window and dialog geometry, splitters, recent
workspaces.

:class:`QSettingsMapping` puts a QSettings behind the plain mapping that
``AppContext.settings`` is, so windows and dialogs read preferences through the
context and tests hand in a QSettings on a temporary ini file (never the user's).
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "Casefile"
APPLICATION = "Casefile"
RECENT_LIMIT = 8

RECENT_WORKSPACES = "workspace/recent"
LAST_WORKSPACE = "workspace/last"
LAST_CASE = "workspace/last_case"  # per workspace: "workspace/last_case/<path>"
WINDOW_GEOMETRY = "window/geometry"
WINDOW_STATE = "window/state"


def dialog_geometry_key(name: str) -> str:
    """Where a dialog's size and place are kept (app/gui/dialogs/base.py)."""
    return f"dialogs/{name}/geometry"


def user_settings() -> QSettings:
    """The real user's settings (only the running app uses this)."""
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
    )


def ini_settings(path: Path) -> QSettings:
    return QSettings(str(path), QSettings.Format.IniFormat)


class QSettingsMapping(MutableMapping[str, Any]):
    """A QSettings seen as a dict; writes go straight to the settings object."""

    def __init__(self, settings: QSettings) -> None:
        self.qsettings = settings

    def __getitem__(self, key: str) -> Any:
        if not self.qsettings.contains(key):
            raise KeyError(key)
        return self.qsettings.value(key)

    def __setitem__(self, key: str, value: Any) -> None:
        self.qsettings.setValue(key, value)

    def __delitem__(self, key: str) -> None:
        if not self.qsettings.contains(key):
            raise KeyError(key)
        self.qsettings.remove(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self.qsettings.allKeys())

    def __len__(self) -> int:
        return len(self.qsettings.allKeys())

    def sync(self) -> None:
        self.qsettings.sync()


def _as_list(value: Any) -> list[str]:
    # An ini file gives back a lone string for a one-item list, and None for none.
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    return [str(item) for item in value]


def recent_workspaces(settings: MutableMapping[str, Any]) -> list[str]:
    return _as_list(settings.get(RECENT_WORKSPACES))


def remember_workspace(settings: MutableMapping[str, Any], name: str) -> None:
    """Put ``name`` first in the recent list and make it the one opened next time."""
    recent = [name] + [item for item in recent_workspaces(settings) if item != name]
    settings[RECENT_WORKSPACES] = recent[:RECENT_LIMIT]
    settings[LAST_WORKSPACE] = name


def forget_workspace(settings: MutableMapping[str, Any], name: str) -> None:
    settings[RECENT_WORKSPACES] = [item for item in recent_workspaces(settings) if item != name]


def forget_all_workspaces(settings: MutableMapping[str, Any], keep: str | None = None) -> None:
    settings[RECENT_WORKSPACES] = [keep] if keep else []


def last_workspace(settings: MutableMapping[str, Any]) -> str | None:
    value = settings.get(LAST_WORKSPACE)
    return str(value) if value else None


def _case_key(workspace_name: str) -> str:
    # QSettings treats "/" and "\" in keys as groups; keep the workspace name flat.
    safe = "".join(ch if ch.isalnum() or ch in "-._" else "_" for ch in workspace_name)
    return f"{LAST_CASE}/{safe}"


def last_case(settings: MutableMapping[str, Any], workspace_name: str) -> int | None:
    value = settings.get(_case_key(workspace_name))
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def remember_case(
    settings: MutableMapping[str, Any], workspace_name: str, case_id: int | None
) -> None:
    settings[_case_key(workspace_name)] = "" if case_id is None else int(case_id)


def bytes_setting(settings: MutableMapping[str, Any], key: str) -> QByteArray | None:
    value = settings.get(key)
    if isinstance(value, QByteArray) and not value.isEmpty():
        return value
    if isinstance(value, bytes) and value:
        return QByteArray(value)
    return None
