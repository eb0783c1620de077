"""Each case's speedy-trial last day is kept current beside it as its ledger changes, and
the office calendar shows it on its day, on both backends."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import delete, select

from app.core.archive.importer import import_archive
from app.core.archive.transfer import export_case
from app.core.clock import clock_of_case
from app.core.schedule.agenda import calendar_items
from app.core.services import appearances, cases, charges, filings
from app.core.storage.models import CaseClock
from app.core.storage.workspace import Workspace

D = dt.date


def _kept(ws: Workspace, case_id: int) -> str | None:
    with ws.reader() as session:
        return session.scalar(select(CaseClock.last_day).where(CaseClock.case_id == case_id))


def test_the_last_day_follows_every_change_to_the_ledger(workspace: Workspace) -> None:
    case_id = cases.add_case(workspace, caption="People v. Kept")
    charge = charges.add_charge(
        workspace, case_id, statute="PL 155.25", offense_class="Class A misdemeanor"
    )
    arraigned = appearances.add_appearance(
        workspace, case_id, date="2026-11-02", purpose="arraignment"
    )
    # 90 days from Nov 2 (day 0): Jan 31, 2027, while every day is chargeable.
    assert _kept(workspace, case_id) == "2027-01-31"

    # The defense asks for an adjournment to Nov 30: 28 days excluded -> Feb 28.
    appearances.update_appearance(
        workspace, arraigned, adjourned_to="2026-11-30", requested_by="defense"
    )
    assert _kept(workspace, case_id) == "2027-02-28"

    # Reduced to a class B misdemeanor by charging it so: 60 days -> Jan 29.
    charges.update_charge(workspace, charge, offense_class="Class B misdemeanor")
    assert _kept(workspace, case_id) == "2027-01-29"

    # The People answer ready with a certificate of compliance: no last day any more.
    filings.add_filing(workspace, case_id, date="2026-12-10", kind="readiness", with_coc=True)
    assert _kept(workspace, case_id) is None

    with workspace.reader() as session:
        assert clock_of_case(session, case_id, D(2026, 12, 20)).last_day is None


def test_the_calendar_shows_the_last_day_on_its_day(workspace: Workspace) -> None:
    case_id = cases.add_case(workspace, caption="People v. Calendar", docket_number="CR-7")
    charges.add_charge(workspace, case_id, statute="PL 155.25", offense_class="A misdemeanor")
    appearances.add_appearance(workspace, case_id, date="2026-11-02", purpose="arraignment")
    other = cases.add_case(workspace, caption="People v. Elsewhere")
    charges.add_charge(workspace, other, statute="PL 155.25", offense_class="A misdemeanor")
    appearances.add_appearance(workspace, other, date="2026-06-01", purpose="arraignment")

    def last_days(start: D, end: D) -> list[tuple[D, str]]:
        with workspace.reader() as session:
            items = calendar_items(session, start, end, as_of=D(2026, 12, 1))
        return [(i.date, i.case_label) for i in items if i.title == "Speedy-trial last day"]

    assert last_days(D(2027, 1, 1), D(2027, 1, 31)) == [(D(2027, 1, 31), "CR-7")]
    assert last_days(D(2027, 2, 1), D(2027, 2, 28)) == []

    # A case whose kept row is missing (imported in bulk) is computed on the spot.
    with workspace.session() as session:
        session.execute(delete(CaseClock))
    assert last_days(D(2027, 1, 1), D(2027, 1, 31)) == [(D(2027, 1, 31), "CR-7")]


def test_deleting_a_case_takes_its_kept_clock_with_it(workspace: Workspace) -> None:
    case_id = cases.add_case(workspace, caption="People v. Gone")
    appearances.add_appearance(workspace, case_id, date="2026-11-02", purpose="arraignment")
    with workspace.reader() as session:
        assert session.scalar(select(CaseClock.case_id).where(CaseClock.case_id == case_id))
    cases.delete_case(workspace, case_id)
    with workspace.reader() as session:
        assert session.scalars(select(CaseClock)).all() == []


def test_an_imported_case_brings_its_last_day(
    workspace: Workspace, sqlite_workspace: Workspace, tmp_path: Path
) -> None:
    case_id = cases.add_case(sqlite_workspace, caption="People v. Travels")
    charges.add_charge(sqlite_workspace, case_id, statute="PL 155.25", offense_class="A misd.")
    appearances.add_appearance(sqlite_workspace, case_id, date="2026-11-02", purpose="arraignment")
    archive = export_case(sqlite_workspace, case_id, tmp_path / "case.zip")

    imported = import_archive(workspace, archive)

    # Rows go in past the ORM on import; the kept last day is written all the same.
    assert _kept(workspace, imported) == "2027-01-31"
