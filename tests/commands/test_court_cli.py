"""``casefile appearance`` and ``casefile filing`` through ``app.cli.main``, on both
backends: every option lands in its column, bad input is one line naming the option
with nothing written, and the case's custody follows its latest appearance."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from app.core.dates import PartialDate
from app.core.services import appearances, cases, filings
from app.core.storage.workspace import Workspace
from tests.core.services.test_services import table_counts


def _target(ws: Workspace) -> str:
    return str(ws.path) if ws.path is not None else ws.url.render_as_string(hide_password=False)


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("CASEFILE_DB", "CASEFILE_PASSPHRASE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


@pytest.fixture
def case_id(workspace: Workspace, env: None) -> int:
    return cases.add_case(workspace, caption="People v. Ledger", docket_number="CR-30-30")


def _run(ws: Workspace, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    status = main(["--db", _target(ws), *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_every_appearance_option_lands_in_its_field(
    workspace: Workspace, case_id: int, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = _run(
        workspace,
        capsys,
        "appearance",
        "CR-30-30",
        "--date", "2026-03-02",
        "--purpose", "conference",
        "--adjourned-to", "2026-04-06",
        "--time", "09:30",
        "--part", "AP-7",
        "--judge", "Hon. R. Alvarez",
        "--people-ready", "no",
        "--people-asked-days", "7",
        "--requested-by", "people",
        "--excludable", "exceptional",
        "--arguable",
        "--custody", "in",
        "--outcome", "People not ready; adjourned",
        "--note", "ask for a 30.30 hearing",
    )  # fmt: skip
    assert status == 0, err
    new_id = int(out.strip())
    assert appearances.get_appearance(workspace, new_id) == {
        "date": PartialDate.parse("2026-03-02"),
        "time": "09:30",
        "purpose": "conference",
        "part": "AP-7",
        "judge": "Hon. R. Alvarez",
        "outcome": "People not ready; adjourned",
        "custody_after": "in",
        "adjourned_to": PartialDate.parse("2026-04-06"),
        "requested_by": "people",
        "people_ready": False,
        "people_asked_days": 7,
        "excludable": "exceptional",
        "excludable_other": "",
        "arguable": True,
        "notes": "ask for a 30.30 hearing",
    }
    assert cases.get_case(workspace, case_id)["custody"] == "in"


def test_the_least_an_appearance_needs_is_its_date_and_purpose(
    workspace: Workspace, case_id: int, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = _run(
        workspace, capsys, "appearance", str(case_id), "--date", "2026-01-05",
        "--purpose", "arraignment", "--people-ready", "yes",
    )  # fmt: skip
    assert status == 0, err
    saved = appearances.get_appearance(workspace, int(out))
    assert saved["purpose"] == "arraignment" and saved["people_ready"] is True
    assert saved["adjourned_to"] is None and saved["requested_by"] is None
    assert saved["custody_after"] is None and saved["arguable"] is False
    assert cases.get_case(workspace, case_id)["custody"] is None


def test_an_other_ground_is_named_in_words(
    workspace: Workspace, case_id: int, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = _run(
        workspace, capsys, "appearance", str(case_id), "--date", "2026-01-05",
        "--purpose", "hearing", "--excludable-other", "court closed by a storm",
    )  # fmt: skip
    assert status == 0, err
    saved = appearances.get_appearance(workspace, int(out))
    assert (saved["excludable"], saved["excludable_other"]) == ("other", "court closed by a storm")


def test_custody_follows_the_latest_appearance_only(
    workspace: Workspace, case_id: int, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["appearance", str(case_id), "--purpose", "conference"]
    assert _run(workspace, capsys, *base, "--date", "2026-02-01", "--custody", "in")[0] == 0
    assert cases.get_case(workspace, case_id)["custody"] == "in"
    assert _run(workspace, capsys, *base, "--date", "2026-03-01", "--custody", "out")[0] == 0
    assert cases.get_case(workspace, case_id)["custody"] == "out"
    # An earlier appearance entered late says where the client was then, not now.
    assert _run(workspace, capsys, *base, "--date", "2026-01-10", "--custody", "in")[0] == 0
    assert cases.get_case(workspace, case_id)["custody"] == "out"


def test_every_filing_option_lands_in_its_field(
    workspace: Workspace, case_id: int, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = _run(
        workspace, capsys, "filing", "CR-30-30", "--date", "2026-02-10", "--kind", "readiness",
        "--with-coc", "--title", "SOR and COC", "--note", "served by email",
    )  # fmt: skip
    assert status == 0, err
    assert filings.get_filing(workspace, int(out)) == {
        "date": PartialDate.parse("2026-02-10"),
        "kind": "readiness",
        "with_coc": True,
        "title": "SOR and COC",
        "notes": "served by email",
    }
    status, out, err = _run(
        workspace, capsys, "filing", str(case_id), "--date", "2026-02-03", "--kind", "coc"
    )
    assert status == 0, err
    assert filings.get_filing(workspace, int(out))["with_coc"] is False


APPEARANCE = ["--date", "2026-03-02", "--purpose", "conference"]


@pytest.mark.parametrize(
    ("words", "option"),
    [
        (["--date", "02-03-2026", "--purpose", "conference"], "date"),
        (["--date", "2026-31-12", "--purpose", "conference"], "date"),
        (["--date", "2026-02-30", "--purpose", "conference"], "date"),
        (["--date", "2026-03", "--purpose", "conference"], "date"),
        (["--date", "2026-03-02", "--purpose", "lunch"], "purpose"),
        ([*APPEARANCE, "--adjourned-to", "2026-03-01"], "adjourned-to"),
        ([*APPEARANCE, "--adjourned-to", "2026-03-02"], "adjourned-to"),
        ([*APPEARANCE, "--adjourned-to", "04/06/2026"], "adjourned-to"),
        ([*APPEARANCE, "--excludable", "lunch"], "excludable"),
        ([*APPEARANCE, "--excludable", "other"], "excludable-other"),
        ([*APPEARANCE, "--excludable", "motions", "--excludable-other", "x"], "excludable-other"),
        ([*APPEARANCE, "--requested-by", "judge"], "requested-by"),
        ([*APPEARANCE, "--people-ready", "maybe"], "people-ready"),
        ([*APPEARANCE, "--people-ready", "yes", "--people-asked-days", "7"], "people-asked-days"),
        ([*APPEARANCE, "--people-ready", "no", "--people-asked-days", "-3"], "people-asked-days"),
        ([*APPEARANCE, "--people-ready", "no", "--people-asked-days", "a"], "people-asked-days"),
        ([*APPEARANCE, "--time", "9.75am"], "time"),
        ([*APPEARANCE, "--custody", "maybe"], "custody"),
        ([*APPEARANCE, "--arguable"], "arguable"),
        ([*APPEARANCE, "--part", "x" * 101], "part"),
    ],
)
def test_a_bad_appearance_is_one_line_naming_the_option_and_writes_nothing(
    workspace: Workspace,
    case_id: int,
    capsys: pytest.CaptureFixture[str],
    words: list[str],
    option: str,
) -> None:
    before = table_counts(workspace)
    status, out, err = _run(workspace, capsys, "appearance", str(case_id), *words)
    assert status == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"casefile: {option}: "), err
    assert table_counts(workspace) == before


@pytest.mark.parametrize(
    ("words", "option"),
    [
        (["--date", "10-02-2026", "--kind", "coc"], "date"),
        (["--date", "2026-02-10", "--kind", "brief"], "kind"),
        (["--date", "2026-02-10", "--kind", "motion", "--with-coc"], "with-coc"),
        (["--date", "2026-02-10", "--kind", "coc", "--note", "a\x00b"], "note"),
    ],
)
def test_a_bad_filing_is_one_line_naming_the_option_and_writes_nothing(
    workspace: Workspace,
    case_id: int,
    capsys: pytest.CaptureFixture[str],
    words: list[str],
    option: str,
) -> None:
    before = table_counts(workspace)
    status, out, err = _run(workspace, capsys, "filing", str(case_id), *words)
    assert status == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"casefile: {option}: "), err
    assert table_counts(workspace) == before


@pytest.mark.parametrize("command", ["appearance", "filing"])
def test_no_such_case_writes_nothing(
    workspace: Workspace, case_id: int, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    before = table_counts(workspace)
    extra = ["--purpose", "trial"] if command == "appearance" else ["--kind", "decision"]
    status, _out, err = _run(workspace, capsys, command, "CR-NONE", "--date", "2026-01-01", *extra)
    assert status == 1 and "no case" in err and err.count("\n") == 1
    assert table_counts(workspace) == before


def test_the_audit_trail_names_the_new_records(
    workspace: Workspace, case_id: int, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(workspace, capsys, "appearance", str(case_id), *APPEARANCE, "--custody", "out")
    _run(workspace, capsys, "filing", str(case_id), "--date", "2026-03-05", "--kind", "coc")
    status, out, err = _run(workspace, capsys, "history", str(case_id))
    assert status == 0, err
    assert "create appearances 1" in out and "create filings 1" in out
    # The case's custody followed its latest appearance, and the trail says so.
    assert "update cases" in out and "custody: null -> 'out'" in out


def test_show_lists_the_court_records_and_json_has_their_keys(
    workspace: Workspace, case_id: int, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from app.core.services import deadlines

    cases.update_case(workspace, case_id, commenced_on="2026-01-04")
    _run(
        workspace, capsys, "appearance", str(case_id), "--date", "2026-01-05",
        "--purpose", "arraignment", "--time", "09:30", "--part", "AP-7",
        "--adjourned-to", "2026-02-09", "--requested-by", "people", "--custody", "in",
    )  # fmt: skip
    _run(workspace, capsys, "filing", str(case_id), "--date", "2026-01-20", "--kind", "coc")
    deadlines.add_deadline(workspace, case_id, title="Omnibus motion due", date="2026-02-20")
    status, out, err = _run(workspace, capsys, "show", str(case_id), "--json")
    assert status == 0, err
    dump = json.loads(out)
    assert (dump["case"]["commenced_on"], dump["case"]["custody"]) == ("2026-01-04", "in")
    [appearance] = dump["appearances"]
    assert appearance["date"] == "2026-01-05" and appearance["adjourned_to"] == "2026-02-09"
    assert appearance["part"] == "AP-7" and appearance["requested_by"] == "people"
    assert [f["kind"] for f in dump["filings"]] == ["coc"]
    assert [d["title"] for d in dump["deadlines"]] == ["Omnibus motion due"]
    status, out, err = _run(workspace, capsys, "show", str(case_id))
    assert status == 0, err
    assert "Commenced:    January 4, 2026" in out and "Custody:      In custody" in out
    assert (
        "January 5, 2026 09:30: Arraignment (Part AP-7) - adjournment: the People; "
        "in custody; adjourned to February 9, 2026"
    ) in out
    assert "January 20, 2026: Certificate of compliance" in out
    assert "February 20, 2026: Omnibus motion due" in out


def test_deleting_a_case_says_which_court_records_went_with_it(
    workspace: Workspace, case_id: int, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(workspace, capsys, "appearance", str(case_id), *APPEARANCE)
    _run(workspace, capsys, "filing", str(case_id), "--date", "2026-03-05", "--kind", "coc")
    cases.delete_case(workspace, case_id)
    status, out, err = _run(workspace, capsys, "history", str(case_id))
    assert status == 0, err
    assert "deleted with it: 1 appearances, 1 filings" in out


def test_the_court_example_is_made_up_says_so_and_is_added_once(
    workspace: Workspace, env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    status, out, err = _run(workspace, capsys, "demo-data", "--court-example")
    assert status == 0, err
    example = int(out)
    status, out, err = _run(workspace, capsys, "show", str(example), "--json")
    dump = json.loads(out)
    assert "made-up example" in dump["case"]["caption"]
    assert dump["case"]["summary"].startswith("MADE-UP EXAMPLE.")
    assert any(n["body"].startswith("MADE-UP EXAMPLE.") for n in dump["notes"])
    ledger = [
        (a["date"], a["purpose"], a["requested_by"], a["excludable"]) for a in dump["appearances"]
    ]
    assert ledger[0] == ("2025-01-10", "arraignment", "people", None)
    assert {a[2] for a in ledger} >= {"people", "defense", "consent", "court"}
    assert ("2025-05-28", "hearing", None, "absent") in ledger  # the bench warrant
    # Each adjournment leads to the next appearance, and the last one is still to come.
    adjourned = [a["adjourned_to"] for a in dump["appearances"]]
    assert adjourned[:-1] == [a["date"] for a in dump["appearances"]][1:]
    kinds = [(f["date"], f["kind"]) for f in dump["filings"]]
    assert kinds == [
        ("2025-02-05", "readiness"), ("2025-02-28", "coc"), ("2025-03-10", "readiness"),
        ("2025-04-01", "motion"), ("2025-05-20", "decision"),
    ]  # fmt: skip
    before = table_counts(workspace)
    status, out, err = _run(workspace, capsys, "demo-data", "--court-example")
    assert status == 1 and err.startswith("casefile: court-example: ") and err.count("\n") == 1
    assert table_counts(workspace) == before


def test_the_sample_case_has_no_invented_court_dates(
    workspace: Workspace, env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    status, out, err = _run(workspace, capsys, "sample")
    assert status == 0, err
    dump = json.loads(_run(workspace, capsys, "show", out.strip(), "--json")[1])
    assert dump["appearances"] == dump["filings"] == dump["deadlines"] == []
    assert dump["case"]["commenced_on"] is None
