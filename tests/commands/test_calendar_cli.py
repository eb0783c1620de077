"""``casefile calendar [--from] [--to] [--mine] [--json] [--ics FILE]``, on both backends."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import icalendar
import pytest

from app.core.storage.workspace import Workspace
from tests.commands.schedule_cli import casefile, command_user, one_line_error
from tests.core.schedule.helpers import add_appearance, add_case, add_deadline

RANGE = ("--from", "2026-11-27", "--to", "2026-12-31")


def _office(ws: Workspace) -> tuple[int, int]:
    mine = add_case(ws, docket_number="CR-1", assigned_staff=f"{command_user(ws)}, Pat")
    theirs = add_case(ws, caption="People v. Roe", assigned_staff="Pat")
    add_appearance(
        ws, mine, "2026-11-27", purpose="arraignment", custody_after="in", time="09:30",
        adjourned_to="2026-12-14",
    )  # fmt: skip
    add_deadline(ws, theirs, "2026-12-19", "Omnibus motion", kind="motion")
    return mine, theirs


def test_calendar_json(workspace: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    mine, theirs = _office(workspace)
    code, out, _ = casefile(workspace, capsys, "calendar", *RANGE, "--json")
    assert code == 0
    keys = ("date", "time", "kind", "title", "case")
    assert [{k: i[k] for k in keys} for i in json.loads(out)] == [
        {"date": "2026-11-27", "time": "09:30", "kind": "appearance", "title": "Arraignment",
         "case": mine},
        {"date": "2026-12-14", "time": None, "kind": "court-date", "title": "Court date",
         "case": mine},
        # In custody: Nov 27 + 20 days = Dec 17.
        {"date": "2026-12-17", "time": None, "kind": "deadline",
         "title": "The People's automatic discovery due", "case": mine},
        {"date": "2026-12-19", "time": None, "kind": "deadline", "title": "Omnibus motion",
         "case": theirs},
    ]  # fmt: skip
    code, out, _ = casefile(workspace, capsys, "calendar", *RANGE, "--json", "--mine")
    assert {i["case"] for i in json.loads(out)} == {mine}


def test_calendar_defaults_to_the_next_thirty_days(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    today = dt.date.today()
    case_id = add_case(workspace)
    for offset in (-1, 0, 30, 31):
        day = (today + dt.timedelta(days=offset)).isoformat()
        add_deadline(workspace, case_id, day, f"day {offset}")
    code, out, _ = casefile(workspace, capsys, "calendar", "--json")
    assert [i["title"] for i in json.loads(out)] == ["day 0", "day 30"]
    code, out, _ = casefile(workspace, capsys, "calendar")
    assert out.startswith(f"Calendar {today} to {today + dt.timedelta(days=30)}")


def test_calendar_text(workspace: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    _office(workspace)
    code, out, _ = casefile(
        workspace, capsys, "calendar", "--from", "2026-12-14", "--to", "2026-12-19"
    )
    assert code == 0
    assert out.splitlines() == [
        "Calendar 2026-12-14 to 2026-12-19",
        "",
        "Mon 2026-12-14",
        "         court-date  CR-1: Court date (adjourned to this day on 2026-11-27)",
        "",
        "Thu 2026-12-17",
        "         deadline    CR-1: The People's automatic discovery due (CPL 245.10(1)(a))",
        "",
        "Sat 2026-12-19",
        "         deadline    People v. Roe: Omnibus motion  [WEEKEND]",
    ]


def test_calendar_ics(
    workspace: Workspace, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _office(workspace)
    target = tmp_path / "office.ics"
    code, out, _ = casefile(workspace, capsys, "calendar", *RANGE, "--ics", str(target))
    assert code == 0 and out == f"wrote 4 events to {target}\n"
    first = {
        str(e["uid"]) for e in icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    }
    code, out, err = casefile(workspace, capsys, "calendar", *RANGE, "--ics", str(target), "--json")
    assert len(json.loads(out)) == 4 and "wrote 4 events" in err
    again = {
        str(e["uid"]) for e in icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    }
    assert len(first) == 4 and again == first


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (
            ["--from", "2026-12-10", "--to", "2026-12-01"],
            "from: 2026-12-10 is after --to 2026-12-01",
        ),
        (["--from", "tomorrow"], "from: 'tomorrow' is not a date"),
        (["--to", "2026-02-30"], "to: '2026-02-30' is not a date"),
        (["--from", "2026-01-01", "--to", "9999-12-31"], "to: '9999-12-31' is not a date"),
        (["--ics", "{tmp}/no-such-folder/x.ics"], "ics: there is no folder"),
    ],
)
def test_bad_input_is_one_line(
    workspace: Workspace,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    args: list[str],
    fragment: str,
) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    one_line_error(casefile(workspace, capsys, "calendar", *args), fragment)
    assert not (tmp_path / "no-such-folder").exists()
