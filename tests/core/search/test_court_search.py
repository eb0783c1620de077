"""The court records are searched like every other record, on both backends: an
appearance by its part, judge, outcome and notes, a filing and a hand-added deadline
by their title and notes; the index follows edits and deletes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from app.core.search.query import search
from app.core.services import appearances, cases, deadlines, filings
from app.core.storage.workspace import Workspace


@pytest.fixture
def court(workspace: Workspace) -> dict[str, int]:
    case_id = cases.add_case(workspace, caption="People v. Quill", docket_number="CR-77")
    return {
        "case": case_id,
        "appearance": appearances.add_appearance(
            workspace,
            case_id,
            date="2026-03-02",
            time="09:30",
            purpose="hearing",
            part="Zephyr",
            judge="Hon. Marguerite Okafor",
            outcome="Mapp hearing held",
            notes="bring the body-cam stills",
        ),  # fmt: skip
        "filing": filings.add_filing(
            workspace,
            case_id,
            date="2026-03-05",
            kind="motion",
            title="Omnibus quillmotion",
            notes="served on ADA Brandywine",
        ),  # fmt: skip
        "deadline": deadlines.add_deadline(
            workspace,
            case_id,
            title="Reply to the People's xylophone",
            date="2026-03-20",
            notes="ask Farnsworth",
        ),  # fmt: skip
    }


@pytest.mark.parametrize(
    ("words", "kind"),
    [
        ("zephyr", "appearance"),
        ("okafor", "appearance"),
        ("mapp", "appearance"),
        ("body-cam stills", "appearance"),
        ("quillmotion", "filing"),
        ("brandywine", "filing"),
        ("xylophone", "deadline"),
        ("farnsworth", "deadline"),
    ],
)
def test_each_searched_column_finds_its_record(
    workspace: Workspace, court: dict[str, int], words: str, kind: str
) -> None:
    hits = search(workspace, words)
    assert [(h.kind, h.id, h.case_id) for h in hits] == [(kind, court[kind], court["case"])]
    assert hits[0].case_caption == "People v. Quill"


def test_titles_say_what_the_record_is_and_when(
    workspace: Workspace, court: dict[str, int]
) -> None:
    titles = {
        h.kind: h.title
        for words in ("okafor", "quillmotion", "xylophone")
        for h in search(workspace, words)
    }
    assert titles["appearance"] == "Hearing, Part Zephyr (March 2, 2026)"
    assert titles["filing"] == "Motion filed: Omnibus quillmotion (March 5, 2026)"
    assert titles["deadline"] == "Reply to the People's xylophone (March 20, 2026)"


def test_the_index_follows_edits_and_deletes(workspace: Workspace, court: dict[str, int]) -> None:
    appearances.update_appearance(workspace, court["appearance"], judge="Hon. T. Ruiz")
    assert search(workspace, "okafor") == []
    assert [h.kind for h in search(workspace, "ruiz")] == ["appearance"]
    filings.delete_filing(workspace, court["filing"])
    assert search(workspace, "brandywine") == []
    cases.delete_case(workspace, court["case"])  # the cascade leaves nothing in the index
    assert search(workspace, "zephyr") == [] and search(workspace, "farnsworth") == []


def test_one_case_s_search_keeps_to_that_case(workspace: Workspace, court: dict[str, int]) -> None:
    other = cases.add_case(workspace, caption="People v. Other")
    appearances.add_appearance(workspace, other, date="2026-03-02", judge="Hon. Okafor")
    assert {h.case_id for h in search(workspace, "okafor")} == {court["case"], other}
    assert [h.case_id for h in search(workspace, "okafor", case_id=other)] == [other]


def test_casefile_search_prints_the_court_records(
    workspace: Workspace,
    court: dict[str, int],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.delenv("CASEFILE_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    target = (
        str(workspace.path)
        if workspace.path is not None
        else workspace.url.render_as_string(hide_password=False)
    )
    capsys.readouterr()
    assert main(["--db", target, "search", "okafor", "--json"]) == 0
    [hit] = json.loads(capsys.readouterr().out)
    assert (hit["kind"], hit["id"]) == ("appearance", court["appearance"])
    assert main(["--db", target, "search", "brandywine"]) == 0
    out = capsys.readouterr().out
    assert "Filings (1)" in out and "Motion filed: Omnibus quillmotion" in out
