"""The iCalendar export: read back with icalendar; UIDs stable across exports and edits."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest

from app.core.schedule.agenda import calendar_items
from app.core.schedule.ics import write_ics
from app.core.storage.models import Appearance, Case, Deadline
from app.core.storage.workspace import Workspace
from tests.core.schedule.helpers import add_appearance, add_case, add_deadline, update

START, END = dt.date(2026, 11, 1), dt.date(2027, 1, 31)


def export(ws: Workspace, path: Path) -> dict[str, icalendar.Event]:
    with ws.reader() as session:
        items = calendar_items(session, START, END, as_of=dt.date(2026, 12, 1))
    write_ics(path, items, timezone="America/New_York")
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert len(events) == len(items)  # one event each, no UID twice
    return events


def test_events_uids_and_times(workspace: Workspace, tmp_path: Path) -> None:
    case_id = add_case(workspace, docket_number="CR-7")
    with workspace.reader() as session:
        uid = session.get(Case, case_id).uid  # type: ignore[union-attr]
    arraigned = add_appearance(
        workspace, case_id, "2026-11-27", purpose="arraignment", custody_after="in",
        time="09:30", part="AP-1", adjourned_to="2026-12-14",
    )  # fmt: skip
    motion = add_deadline(workspace, case_id, "2026-12-19", "Omnibus motion")
    path = tmp_path / "court.ics"
    events = export(workspace, path)
    assert set(events) == {
        f"{uid}-appearance-{arraigned}@casefile",
        f"{uid}-court-{arraigned}@casefile",
        f"{uid}-deadline-{motion}@casefile",
        f"{uid}-rule-ny-discovery@casefile",
    }
    held = events[f"{uid}-appearance-{arraigned}@casefile"]
    start = held.decoded("dtstart")
    # 9:30 in New York on Nov 27 (EST, UTC-5) is 14:30 UTC.
    assert start.astimezone(dt.UTC) == dt.datetime(2026, 11, 27, 14, 30, tzinfo=dt.UTC)
    assert str(held["summary"]) == "CR-7: Arraignment"
    assert "Part AP-1" in str(held["description"])
    discovery = events[f"{uid}-rule-ny-discovery@casefile"]
    # Nov 27 + 20 days = Dec 17, all day.
    assert discovery.decoded("dtstart") == dt.date(2026, 12, 17)
    assert discovery.decoded("dtend") == dt.date(2026, 12, 18)
    assert str(discovery["summary"]) == "CR-7: The People's automatic discovery due"
    weekend = events[f"{uid}-deadline-{motion}@casefile"]
    assert str(weekend["summary"]) == "CR-7: Omnibus motion (falls on a weekend)"
    assert any(
        c.name == "VTIMEZONE" for c in icalendar.Calendar.from_ical(path.read_bytes()).walk()
    )


def test_uids_stay_the_same_across_exports_and_edits(workspace: Workspace, tmp_path: Path) -> None:
    case_id = add_case(workspace, caption="People v. Roe")
    first = add_appearance(workspace, case_id, "2026-11-02", adjourned_to="2026-12-07")
    deadline = add_deadline(workspace, case_id, "2026-12-10", "Reply")
    before = export(workspace, tmp_path / "a.ics")
    assert export(workspace, tmp_path / "b.ics").keys() == before.keys()
    # Edits: the deadline's date and title, the appearance's time.
    update(workspace, Deadline, deadline, date="2026-12-11", title="Reply papers")
    update(workspace, Appearance, first, time="10:00")
    after = export(workspace, tmp_path / "a.ics")
    assert after.keys() == before.keys()
    (reply,) = [e for e in after.values() if "Reply" in str(e["summary"])]
    assert str(reply["summary"]) == "People v. Roe: Reply papers"
    assert reply.decoded("dtstart") == dt.date(2026, 12, 11)
    # The court date of Dec 7 is held: its event becomes the appearance (same UID).
    (court_uid,) = [u for u, e in before.items() if str(e["summary"]).endswith("Court date")]
    add_appearance(workspace, case_id, "2026-12-07", purpose="hearing", time="14:00")
    held = export(workspace, tmp_path / "a.ics")
    assert court_uid in held and str(held[court_uid]["summary"]) == "People v. Roe: Hearing"


def test_a_failed_export_leaves_the_old_file(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.core.storage import atomic

    case_id = add_case(workspace)
    add_appearance(workspace, case_id, "2026-11-02", adjourned_to="2026-12-07")
    folder = tmp_path / "out"
    folder.mkdir()
    path = folder / "c.ics"
    path.write_bytes(b"old")
    with workspace.reader() as session:
        items = calendar_items(session, START, END)

    def no_rename(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", no_rename)  # fails once the bytes are written
    with pytest.raises(OSError):
        write_ics(path, items, timezone="America/New_York")
    monkeypatch.undo()
    assert path.read_bytes() == b"old"
    assert [p.name for p in folder.iterdir()] == ["c.ics"]  # no temporary file left
