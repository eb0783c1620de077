"""“Did you mean”: spellings from the index's own words, in the search's own scope."""

from __future__ import annotations

import pytest

from app.core.search.query import search
from app.core.search.suggest import did_you_mean, near_spellings
from app.core.services import cases, notes, statements
from app.core.services import people as people_service
from app.core.storage.workspace import Workspace


@pytest.fixture
def two_cases(workspace: Workspace) -> dict[str, int]:
    ws = workspace
    lopez = cases.add_case(ws, caption="People v. Maria Lopez")
    other = cases.add_case(ws, caption="People v. Sam Other")
    person = people_service.add_person(ws, name="Dana Reyes")
    party = people_service.add_party(ws, lopez, person_id=person, roles=["witness"])
    statements.add_statement(
        ws, lopez, speaker_id=party, text="She wore a red scarf and held a megaphone."
    )
    notes.add_note(ws, lopez, body="Ask about the scarf at the precinct.")
    notes.add_note(ws, other, body="The tarpaulin was blue.")
    return {"lopez": lopez, "other": other}


def test_a_typo_that_finds_nothing_gets_the_index_s_word(
    workspace: Workspace, two_cases: dict[str, int]
) -> None:
    assert search(workspace, "scraf") == []
    assert did_you_mean(workspace, "scraf") == "scarf"
    assert did_you_mean(workspace, "megahpone") == "megaphone"
    assert did_you_mean(workspace, "red scraf") == "red scarf"
    assert did_you_mean(workspace, '"red scraf"') == '"red scarf"'
    assert did_you_mean(workspace, "Scraf", case_id=two_cases["lopez"]) == "scarf"


def test_nothing_is_offered_for_words_the_index_knows_or_nothing_near(
    workspace: Workspace, two_cases: dict[str, int]
) -> None:
    assert did_you_mean(workspace, "scarf") is None
    assert did_you_mean(workspace, "zqxwvy") is None
    assert did_you_mean(workspace, "") is None
    for nasty in ['"', "AND OR NOT", "'; DROP TABLE notes; --", "\x00", "é" * 70, "x " * 300]:
        did_you_mean(workspace, nasty)  # never raises


def test_a_word_from_another_case_is_not_offered_in_this_one(
    workspace: Workspace, two_cases: dict[str, int]
) -> None:
    # "tarpaulin" is only in the other case: searching the Lopez case for a typo of it
    # must not show it (it would find nothing there anyway).
    assert did_you_mean(workspace, "tarpualin") == "tarpaulin"
    assert did_you_mean(workspace, "tarpualin", case_id=two_cases["other"]) == "tarpaulin"
    assert did_you_mean(workspace, "tarpualin", case_id=two_cases["lopez"]) is None


def test_near_spellings_are_one_edit_away() -> None:
    near = near_spellings("scraf")
    assert {"scarf", "scra", "scrafe", "scrof"} <= near
    assert "scraf" not in near and "" not in near


def test_casefile_search_says_did_you_mean_only_when_nothing_is_found(
    sqlite_workspace: Workspace,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path,  # type: ignore[no-untyped-def]
) -> None:
    import json

    from app.cli import main

    monkeypatch.delenv("CASEFILE_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    ws = sqlite_workspace
    notes.add_note(ws, cases.add_case(ws, caption="People v. Lopez"), body="a red scarf")
    target = str(ws.path)
    capsys.readouterr()
    assert main(["--db", target, "search", "scraf"]) == 0
    assert capsys.readouterr().out.splitlines() == ["No matches.", "Did you mean: scarf?"]
    assert main(["--db", target, "search", "scarf"]) == 0
    assert "Did you mean" not in capsys.readouterr().out
    assert main(["--db", target, "search", "zqxwvy"]) == 0
    assert capsys.readouterr().out.splitlines() == ["No matches."]
    assert main(["--db", target, "search", "scraf", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []  # the JSON keeps its shape
