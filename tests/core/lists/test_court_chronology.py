"""Court appearances and filings in a case's chronology list, and the case list's next
court date read from the appearances' adjourned-to dates, on both backends."""

from __future__ import annotations

from app.core.lists import queries as q
from app.core.services import appearances, cases, events, filings
from app.core.storage.workspace import Workspace

TODAY = "2026-03-10"


def _rows(ws: Workspace, name: str, case_id: int | None = None, **kw: object) -> list[dict]:
    query = q.ListQuery(q.SPECS[name], case_id=case_id, today=TODAY, **kw)
    return q.fetch_rows(ws, query, 0, 1000)


def test_the_chronology_shows_court_dates_and_filings_in_time_order(
    workspace: Workspace,
) -> None:
    case_id = cases.add_case(workspace, caption="People v. Hale")
    events.add_event(workspace, case_id, kind="arrest", date="2026-01-04", title="Arrest")
    appearances.add_appearance(
        workspace, case_id, date="2026-01-05", time="09:30", purpose="arraignment",
        part="AR-2", judge="Hon. Pita", adjourned_to="2026-02-09", requested_by="people",
    )  # fmt: skip
    appearances.add_appearance(workspace, case_id, date="2026-02-09", purpose="conference")
    filings.add_filing(
        workspace, case_id, date="2026-02-01", kind="readiness", with_coc=True, title="SOR"
    )
    rows = _rows(workspace, "chronology", case_id)
    assert [(r["date"], r["time"], r["record"], r["kind"]) for r in rows] == [
        ("2026-01-04", "", "event", "arrest"),
        ("2026-01-05", "09:30", "appearance", "appearance"),
        ("2026-02-01", "", "filing", "filing"),
        ("2026-02-09", "", "appearance", "appearance"),
    ]
    assert rows[1]["what"] == "Arraignment \u2014 Adjourned to February 9, 2026"
    assert rows[1]["where"] == "Part AR-2, Hon. Pita"
    assert rows[2]["what"] == "Statement of readiness with a certificate of compliance: SOR"
    assert (rows[3]["what"], rows[3]["where"]) == ("Conference", "")
    # The kind's label is what the filter matches, and every row comes back by its key.
    found = _rows(workspace, "chronology", case_id, text="court appearance")
    assert [r["record"] for r in found] == ["appearance", "appearance"]
    found = _rows(workspace, "chronology", case_id, text="adjourned february")
    assert [r["id"] for r in found] == [rows[1]["id"]]
    query = q.ListQuery(q.SPECS["chronology"], case_id=case_id, today=TODAY, sort="kind")
    keys = q.fetch_keys(workspace, query)
    assert ("appearance", rows[1]["id"]) in keys and ("filing", rows[2]["id"]) in keys
    by_key = q.fetch_by_keys(workspace, query, keys)
    assert by_key[("filing", rows[2]["id"])]["what"].startswith("Statement of readiness")


def test_the_next_court_date_is_the_pending_adjournment(workspace: Workspace) -> None:
    def next_dates() -> dict[int, str | None]:
        return {r["id"]: r["next_court_date"] for r in _rows(workspace, "cases")}

    hale = cases.add_case(workspace, caption="People v. Hale")
    quiet = cases.add_case(workspace, caption="People v. Quiet")
    assert next_dates() == {hale: None, quiet: None}
    appearances.add_appearance(
        workspace, hale, date="2026-01-05", purpose="arraignment", adjourned_to="2026-02-09"
    )
    assert next_dates()[hale] == "2026-02-09"
    # Still the next court date once it has passed: the appearance on it is not recorded.
    appearances.add_appearance(
        workspace, hale, date="2026-02-09", purpose="conference", adjourned_to="2026-04-20"
    )
    assert next_dates()[hale] == "2026-04-20"
    # A court-appearance event before the adjourned date comes first.
    events.add_event(workspace, hale, kind="court_appearance", date="2026-03-30", title="Calendar")
    assert next_dates()[hale] == "2026-03-30"
    # An appearance on the last adjourned date with no new date: nothing scheduled but the event.
    appearances.add_appearance(workspace, hale, date="2026-04-20", purpose="sentencing")
    assert next_dates() == {hale: "2026-03-30", quiet: None}
    # An earlier appearance entered late does not bring back its old adjourned date.
    appearances.add_appearance(
        workspace, quiet, date="2026-03-01", purpose="conference", adjourned_to="2026-05-01"
    )
    appearances.add_appearance(
        workspace, quiet, date="2026-01-01", purpose="arraignment", adjourned_to="2026-03-01"
    )
    assert next_dates()[quiet] == "2026-05-01"
    # Sortable: the case list orders by it, empty last.
    rows = _rows(workspace, "cases", sort="next_court_date")
    assert [r["id"] for r in rows] == [hale, quiet]
    rows = _rows(workspace, "cases", sort="next_court_date", descending=True)
    assert [r["id"] for r in rows] == [quiet, hale]
