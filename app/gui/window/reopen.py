"""Where the person left a workspace: the section of the open case and its selected row.

The window keeps the last open case of each workspace (``settings.remember_case``);
this keeps, beside it, which section was on screen and which row was selected, so the
next start (or switching back to the workspace) reopens there rather than on the
Overview. Kept per workspace, as plain JSON in the person's settings.
"""

from __future__ import annotations

import json
from collections.abc import MutableMapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.gui.window.host import WindowHost

LAST_PLACE = "workspace/last_place"  # per workspace: "workspace/last_place/<name>"


def place_key(workspace_name: str) -> str:
    # QSettings treats "/" and "\" in keys as groups; keep the workspace name flat.
    safe = "".join(ch if ch.isalnum() or ch in "-._" else "_" for ch in workspace_name)
    return f"{LAST_PLACE}/{safe}"


def remember_place(
    settings: MutableMapping[str, Any], workspace_name: str, window: WindowHost
) -> None:
    """Keep the section and selected row of the case on screen ("" on the case list)."""
    case_id = window.current_case_id()
    if case_id is None:
        settings[place_key(workspace_name)] = ""
        return
    view = window.case_view
    section = view.current_list()
    key = section.current_key() if section is not None else None
    place = {"case": case_id, "section": view.current_section_name(), "key": key or {}}
    settings[place_key(workspace_name)] = json.dumps(place, default=str)


def last_place(
    settings: MutableMapping[str, Any], workspace_name: str, case_id: int
) -> tuple[str, dict[str, Any]] | None:
    """(section, row key) last shown of case ``case_id`` in this workspace, if kept."""
    try:
        place = json.loads(str(settings.get(place_key(workspace_name)) or "null"))
    except ValueError:
        return None  # a hand-edited or damaged setting: start on the Overview
    if not isinstance(place, dict) or place.get("case") != case_id:
        return None
    section, key = place.get("section"), place.get("key")
    if not isinstance(section, str) or not isinstance(key, dict):
        return None
    return section, key


def restore_place(
    settings: MutableMapping[str, Any], workspace_name: str, window: WindowHost
) -> None:
    """Show the section and row kept for the case now open (nothing kept: as it is)."""
    case_id = window.current_case_id()
    place = last_place(settings, workspace_name, case_id) if case_id is not None else None
    if place is None:
        return
    section, key = place
    view = window.case_view
    if section not in view.sections or section == "overview":
        return
    if key:
        view.navigate_to(section, key)
    else:
        view.show_section(section)
