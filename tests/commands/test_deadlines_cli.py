"""``casefile deadlines CASE [--as-of YYYY-MM-DD] [--json]``, on both backends."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.core.storage.workspace import Workspace
from tests.commands.schedule_cli import casefile, one_line_error
from tests.core.schedule.helpers import (
    add_appearance,
    add_case,
    add_charge,
    add_deadline,
    add_filing,
)


def test_deadlines_json(workspace: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    case_id = add_case(workspace, docket_number="CR-2026-9")
    add_charge(workspace, case_id, "Class A misdemeanor")
    add_appearance(workspace, case_id, "2026-11-27", purpose="arraignment", custody_after="out")
    add_deadline(workspace, case_id, "2026-12-12", "Omnibus motion", kind="motion")
    add_deadline(workspace, case_id, "2026-12-02", "Reply", kind="response", met_on="2026-12-01")
    code, out, _ = casefile(
        workspace, capsys, "deadlines", "CR-2026-9", "--as-of", "2026-12-08", "--json"
    )
    assert code == 0
    got = json.loads(out)
    keys = ("kind", "date", "title", "rule", "case", "met_on", "flag")
    assert [{k: d[k] for k in keys} for d in got] == [
        {"kind": "response", "date": "2026-12-02", "title": "Reply", "rule": None,
         "case": case_id, "met_on": "2026-12-01", "flag": None},
        # A Saturday.
        {"kind": "motion", "date": "2026-12-12", "title": "Omnibus motion", "rule": None,
         "case": case_id, "met_on": None, "flag": "weekend"},
        # Out of custody: Nov 27 + 35 days = Jan 1, 2027, New Year's Day: flagged, kept.
        {"kind": "discovery", "date": "2027-01-01",
         "title": "The People's automatic discovery due", "rule": "ny-discovery",
         "case": case_id, "met_on": None, "flag": "holiday"},
        # A class A misdemeanor: 90 days from the arraignment (day 0, not counted), every
        # day chargeable while nothing else is recorded: Nov 27 + 90 = Feb 25, 2027.
        {"kind": "speedy_trial", "date": "2027-02-25", "title": "Speedy-trial last day",
         "rule": "ny-cpl-30.30", "case": case_id, "met_on": None, "flag": None},
    ]  # fmt: skip
    # As of Jan 4 the holiday has passed with no certificate of compliance.
    code, out, _ = casefile(
        workspace, capsys, "deadlines", str(case_id), "--as-of", "2027-01-04", "--json"
    )
    # The reply was met on Dec 1; the motion and the discovery are past and not met.
    assert [d["flag"] for d in json.loads(out)] == [None, "overdue", "overdue", None]
    add_filing(workspace, case_id, "2026-12-30", "coc")
    code, out, _ = casefile(
        workspace, capsys, "deadlines", str(case_id), "--as-of", "2027-01-04", "--json"
    )
    (discovery,) = [d for d in json.loads(out) if d["kind"] == "discovery"]
    assert discovery["met_on"] == "2026-12-30" and discovery["flag"] == "holiday"


def test_deadlines_text(workspace: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    case_id = add_case(workspace, caption="People v. Roe")
    add_appearance(workspace, case_id, "2026-11-27", purpose="arraignment", custody_after="in")
    code, out, _ = casefile(workspace, capsys, "deadlines", str(case_id), "--as-of", "2026-12-01")
    assert code == 0
    assert out.splitlines() == [
        "Deadlines of People v. Roe, as of 2026-12-01",
        "  2026-12-17 Thu  The People's automatic discovery due (CPL 245.10(1)(a))",
        "  not computed    Speedy-trial last day (CPL 30.30(1))  [needs: a pending charge "
        "(no count is pending)]",
    ]


def test_a_missing_input_is_named(workspace: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    case_id = add_case(workspace)
    add_appearance(workspace, case_id, "2026-11-27", purpose="arraignment")
    code, out, _ = casefile(workspace, capsys, "deadlines", str(case_id), "--json")
    (item,) = [d for d in json.loads(out) if d["kind"] == "discovery"]
    assert item["date"] is None and "custody" in item["missing"]
    code, out, _ = casefile(workspace, capsys, "deadlines", str(case_id))
    assert "not computed" in out and "needs: the client's custody" in out


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["deadlines", "nope"], "no case with id or docket number 'nope'"),
        (["deadlines", "1", "--as-of", "2026-13-01"], "as-of: '2026-13-01' is not a date"),
        (["deadlines", "1", "--as-of", "12/01/2026"], "as-of: '12/01/2026' is not a date"),
        (["deadlines", "1", "--as-of", "0001-01-01"], "as-of: '0001-01-01' is not a date"),
    ],
)
def test_bad_input_is_one_line(
    workspace: Workspace, capsys: pytest.CaptureFixture[str], args: list[str], fragment: str
) -> None:
    add_case(workspace)
    one_line_error(casefile(workspace, capsys, *args), fragment)


def test_a_broken_office_rules_file_is_one_line(
    workspace: Workspace,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    case_id = add_case(workspace)
    (tmp_path / "office.toml").write_text('[[rule]]\ncode = "ny-discovery"\ndays = "soon"\n')
    monkeypatch.setenv("CASEFILE_RULES", str(tmp_path))
    one_line_error(casefile(workspace, capsys, "deadlines", str(case_id)), "rules: ")
    one_line_error(casefile(workspace, capsys, "calendar"), "office.toml: rule 1: days")


def test_a_deadline_met_late_says_how_late(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    case_id = add_case(workspace, caption="People v. Late")
    add_appearance(workspace, case_id, "2026-11-27", purpose="arraignment", custody_after="in")
    # In custody: due Nov 27 + 20 = Dec 17; the certificate came on Dec 20, 3 days late.
    add_filing(workspace, case_id, "2026-12-20", "coc")
    code, out, _ = casefile(workspace, capsys, "deadlines", str(case_id), "--as-of", "2027-01-04")
    assert code == 0
    assert "2026-12-17 Thu  The People's automatic discovery due" in out
    assert "[met 2026-12-20, 3 days late]" in out
