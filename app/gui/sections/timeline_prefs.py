"""The Timeline section's choices of each case, kept in the person's settings.

Lanes, filters, date range and zoom (with the moment in the middle of the view) are
kept per workspace and case, as plain JSON, so the timeline of a case opens the next
time as it was left. A damaged or hand-edited entry is ignored: the case opens fitted,
with nothing filtered.
"""

from __future__ import annotations

import json
from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import Any

TIMELINE_VIEW = "timeline/view"  # per workspace and case: "timeline/view/<name>/<case>"


@dataclass
class Kept:
    """One case's timeline as it was left: what the controls said, and the zoom."""

    lanes: str = "kind"
    kind: str | None = None
    issue: int | None = None
    person: str | None = None
    start: str = ""  # the date range as typed
    end: str = ""
    zoom: float = 1.0
    middle: float = 0.5  # the share of the drawing's width in the middle of the view


def view_key(workspace_name: str, case_id: int) -> str:
    # QSettings treats "/" and "\" in keys as groups; keep the workspace name flat.
    safe = "".join(ch if ch.isalnum() or ch in "-._" else "_" for ch in workspace_name)
    return f"{TIMELINE_VIEW}/{safe}/{int(case_id)}"


def load(settings: MutableMapping[str, Any], workspace_name: str, case_id: int) -> Kept:
    try:
        raw = json.loads(str(settings.get(view_key(workspace_name, case_id)) or "{}"))
    except ValueError:
        return Kept()
    if not isinstance(raw, dict):
        return Kept()
    kept = Kept()
    for name, kind in (("lanes", str), ("start", str), ("end", str)):
        if isinstance(raw.get(name), kind):
            setattr(kept, name, raw[name])
    for name in ("kind", "person"):
        if isinstance(raw.get(name), str):
            setattr(kept, name, raw[name])
    if isinstance(raw.get("issue"), int) and not isinstance(raw.get("issue"), bool):
        kept.issue = raw["issue"]
    for name in ("zoom", "middle"):
        value = raw.get(name)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value == value:
            setattr(kept, name, float(value))
    return kept


def save(settings: MutableMapping[str, Any], workspace_name: str, case_id: int, kept: Kept) -> None:
    values = {
        "lanes": kept.lanes,
        "kind": kept.kind,
        "issue": kept.issue,
        "person": kept.person,
        "start": kept.start,
        "end": kept.end,
        "zoom": kept.zoom,
        "middle": kept.middle,
    }
    settings[view_key(workspace_name, case_id)] = json.dumps(values)
