"""The rules files: the shipped New York table, and how an office changes and extends it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.core.errors import ValidationError
from app.core.schedule.rules import load_rules, office_rules_dir


def test_shipped_new_york_discovery_rule() -> None:
    book = load_rules([])
    (rule,) = [r for r in book.rules if r.code == "ny-discovery"]
    assert rule.after == "arraignment" and rule.kind == "discovery"
    assert rule.days_for("in") == 20 and rule.days_for("out") == 35
    assert rule.days_for(None) is None  # custody unknown: no guess
    assert book.jurisdiction.timezone == "America/New_York"


def test_an_office_file_changes_a_day_count_and_adds_a_rule(tmp_path: Path) -> None:
    (tmp_path / "office.toml").write_text(
        """
[[rule]]
code = "ny-discovery"
days = { in = 20, out = 30 }

[[rule]]
code = "omnibus"
kind = "motion"
title = "Omnibus motion due"
citation = "CPL 255.20(1)"
after = "arraignment"
days = 45
""",
        encoding="utf-8",
    )
    book = load_rules([tmp_path])
    rules = {r.code: r for r in book.rules}
    assert rules["ny-discovery"].days_for("out") == 30
    assert rules["ny-discovery"].title == "The People's automatic discovery due"  # kept
    assert rules["omnibus"].days_for("in") == rules["omnibus"].days_for(None) == 45


def test_an_office_switches_a_rule_off(tmp_path: Path) -> None:
    (tmp_path / "off.toml").write_text('[[rule]]\ncode = "ny-discovery"\nenabled = false\n')
    assert load_rules([tmp_path]).rules == ()


def test_the_office_folder_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CASEFILE_RULES", str(tmp_path))
    assert office_rules_dir() == tmp_path
    (tmp_path / "a.toml").write_text('[[rule]]\ncode = "ny-discovery"\ndays = { in = 10 }\n')
    assert load_rules().rules[0].days_for("in") == 10


def test_an_office_changes_the_days_its_courts_close(tmp_path: Path) -> None:
    (tmp_path / "j.toml").write_text(
        '[jurisdiction]\nholidays_courts_open = ["Susan B. Anthony Day", "Election Day"]\n'
        'closed_days = { 2026-12-24 = "Christmas Eve: courts closed" }\n'
    )
    book = load_rules([tmp_path])
    assert book.court_holiday(dt.date(2026, 11, 3)) is None  # Election Day 2026
    assert book.court_holiday(dt.date(2026, 12, 24)) == "Christmas Eve: courts closed"
    assert load_rules([]).court_holiday(dt.date(2026, 11, 3)) == "Election Day"
    assert load_rules([]).court_holiday(dt.date(2026, 12, 24)) is None


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("[[rule]\n", "cannot read"),
        ('[[rule]]\ncode = "x"\nkind = "nap"\n', "kind 'nap'"),
        ('[[rule]]\ncode = "x"\nkind = "other"\ntitle = "t"\nafter = "party"\n', "after 'party'"),
        ('[[rule]]\ncode = "x"\nkind = "other"\ntitle = "t"\nafter = "trial"\n', "'days'"),
        ('[[rule]]\ncode = "ny-discovery"\ndays = { jail = 3 }\n', "days by custody"),
        ('[[rule]]\ncode = "ny-discovery"\ndays = -1\n', "whole numbers"),
        ('[[rule]]\ncode = "ny-discovery"\nmet_by = ["nap"]\n', "met_by"),
        ('[jurisdiction]\ntimezone = "Mars/Olympus"\n', "unknown timezone"),
        ('[jurisdiction]\nclosed_days = { tomorrow = "x" }\n', "closed_days"),
    ],
)
def test_a_bad_rules_file_is_an_error_naming_it(tmp_path: Path, text: str, fragment: str) -> None:
    (tmp_path / "bad.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        load_rules([tmp_path])
    assert fragment in str(caught.value)
    assert str(caught.value).startswith("rules: ")


def test_the_clock_flags_a_last_day_on_the_office_closed_days(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The clock's last day is flagged by the same rule book as the calendar's deadlines:
    an office's extra closed day is flagged, a holiday its courts sit on is not."""
    from app.core.clock import compute_clock
    from app.core.clock.court_days import day_flag
    from tests.core.clock.helpers import MISD_A, appear, d, ledger

    (tmp_path / "j.toml").write_text(
        '[jurisdiction]\nholidays_courts_open = ["Susan B. Anthony Day", "Election Day"]\n'
        'closed_days = { 2026-12-24 = "Christmas Eve: courts closed" }\n'
    )
    monkeypatch.setenv("CASEFILE_RULES", str(tmp_path))
    assert day_flag(dt.date(2026, 11, 3)) is None  # Election Day: this office's courts sit
    # 90 days, every one chargeable, from 2026-09-25: the last day is 2026-12-24.
    clock = compute_clock(
        ledger("2026-09-25", MISD_A,
               appear("2026-09-25", "2026-10-01", requested_by="people", people_ready=False)),
        d("2026-10-01"),
    )  # fmt: skip
    assert clock.last_day == d("2026-12-24")
    assert clock.last_day_flag == "holiday (Christmas Eve: courts closed)"
