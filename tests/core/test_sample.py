"""The built-in sample case, People v. Derrick Ingram, loaded through the archive import."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from sqlalchemy import func, select

from app.core.lists.casedump import case_dump
from app.core.sample import load_sample, sample_case_json
from app.core.storage.models import Case, Person
from app.core.storage.workspace import Workspace
from tests.conftest import SAMPLE_ARTICLE


def _norm(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def dump(workspace: Workspace) -> dict[str, Any]:
    return case_dump(workspace, load_sample(workspace))


def _person(dump: dict[str, Any], name: str) -> dict[str, Any]:
    return next(p for p in dump["people"] if p["name"] == name)


def _said_by(dump: dict[str, Any], name: str) -> list[str]:
    return [s["text"] for s in dump["statements"] if s["speaker"] == name]


def test_sample_is_added_once(workspace: Workspace) -> None:
    first = load_sample(workspace)
    second = load_sample(workspace)
    assert first == second
    with workspace.reader() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 1
        people = session.scalar(select(func.count()).select_from(Person))
    assert people == len(sample_case_json()["people"])


def test_client_and_complainant(dump: dict[str, Any]) -> None:
    case = dump["case"]
    assert case["caption"] == "People v. Derrick Ingram"
    assert case["clients"] == ["Derrick Ingram"]
    ingram = _person(dump, "Derrick Ingram")
    assert ingram["roles"] == ["client"]
    assert "Dwreck" in ingram["aliases"]
    complainants = [p for p in dump["people"] if "complainant" in p["roles"]]
    assert len(complainants) == 1
    assert "police_officer" in complainants[0]["roles"]


def test_statements_by_speaker(dump: dict[str, Any]) -> None:
    assert any("waste of taxpayer money" in t for t in _said_by(dump, "Derrick Ingram"))
    assert _said_by(dump, "Danny Frost")
    assert _said_by(dump, "Lupe Todd-Medina")
    assert _said_by(dump, "Bill de Blasio")
    mcrorie = [s for s in dump["statements"] if s["speaker"] == "Jessica McRorie"]
    assert mcrorie and mcrorie[0]["recipient"] == "CNN"
    assert mcrorie[0]["setting"] == "press_statement"
    for statement in dump["statements"]:
        assert set(statement) >= {"speaker", "text", "date", "setting", "source"}


def test_every_statement_is_verbatim_from_the_article(dump: dict[str, Any]) -> None:
    article = _norm(SAMPLE_ARTICLE.read_text(encoding="utf-8"))
    assert len(dump["statements"]) >= 20
    for statement in dump["statements"]:
        assert _norm(statement["text"]) in article, statement["text"]


def test_the_charge(dump: dict[str, Any]) -> None:
    (charge,) = dump["charges"]
    assert charge["statute"] == "PL 120.00"
    assert charge["description"].lower() == "assault in the third degree"
    assert charge["class"] == "A misdemeanor"
    assert charge["status"] == "pending"
    assert charge["offense_date"] == "2020-06-14"


def test_chronology_order(dump: dict[str, Any]) -> None:
    titles = [e["title"] for e in dump["events"]]

    def index(word: str) -> int:
        return next(i for i, t in enumerate(titles) if word in t.lower())

    assert index("protest in manhattan") < index("stand-off") < index("turns himself in")
    protest = dump["events"][index("protest in manhattan")]
    assert (protest["date"], protest["kind"]) == ("2020-06-14", "incident")
    # Dates keep their precision: a year alone, approximate days.
    dates = {e["date"] for e in dump["events"]}
    assert "2020" in dates and any(d and d.endswith("~") for d in dates)


def test_documents_with_the_article_attached(workspace: Workspace, dump: dict[str, Any]) -> None:
    article = next(d for d in dump["documents"] if d["kind"] == "news_article")
    data = SAMPLE_ARTICLE.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    assert article["file"]["sha256"] == sha
    assert article["file"]["size"] == len(data)
    assert workspace.store.read_bytes(sha) == data
    assert workspace.store.verify(sha)
    assert any(d["kind"] == "warrant" for d in dump["documents"])


def test_issues_include_facial_recognition(dump: dict[str, Any]) -> None:
    assert any("facial" in i["title"].lower() for i in dump["issues"])
    assert dump["notes"] and any(n["is_todo"] for n in dump["notes"])
