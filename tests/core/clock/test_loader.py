"""``clock_of_case`` reads a case's ledger from the database (SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.clock import clock_of_case, clock_to_json
from app.core.errors import NotFoundError
from app.core.storage.models import Appearance
from app.core.storage.workspace import Workspace, open_workspace
from tests.core.clock.helpers import d
from tests.core.clock.stored import make_case, pd


def test_the_stored_ledger_gives_the_hand_worked_figures(workspace: Workspace) -> None:
    # 01-10 -> 02-10: 31 chargeable; 02-10 -> 03-10: 28 excluded (defense, arguable);
    # 03-10 -> 03-20 and 03-20 -> 04-01: 10 + 12 chargeable (the certificate alone is
    # not readiness). 31 + 22 = 53 of 90; 81 with the arguable 28; last day 05-08.
    case_id = make_case(workspace)
    with workspace.reader() as session:
        clock = clock_of_case(session, case_id, d("2026-04-01"))
    assert [p.chargeable_days for p in clock.periods] == [31, 0, 10, 12]
    assert (clock.limit_days, clock.chargeable_days, clock.chargeable_with_arguable) == (
        90, 53, 81,
    )  # fmt: skip
    assert clock.last_day == d("2026-05-08") and clock.ready_on is None
    data = clock_to_json(clock)
    assert data["commenced_on"] == "2026-01-10" and data["last_day"] == "2026-05-08"
    assert data["periods"][1] == {
        "from": "2026-02-10", "to": "2026-03-10", "days": 28, "chargeable_days": 0,
        "arguable": 28,
        "reason": "Adjourned at the defense's request (30.30(4)(b)) — excludable; "
        "the defense argues chargeable",
    }  # fmt: skip
    # Later, the statement of readiness of 04-10 (with the 03-20 certificate) stops the
    # clock: 31 + 10 (03-10 -> 03-20) + 21 (03-20 -> 04-10) = 62.
    with workspace.reader() as session:
        later = clock_of_case(session, case_id, d("2026-05-01"))
    assert later.ready_on == d("2026-04-10") and later.chargeable_days == 62
    assert later.last_day is None


def test_partial_dates_are_named_not_guessed(workspace: Workspace) -> None:
    case_id = make_case(workspace, commenced=None)
    with workspace.session() as session:
        session.add(Appearance(case_id=case_id, date=pd("2026-03"), purpose="conference"))
    with workspace.reader() as session:
        clock = clock_of_case(session, case_id, d("2026-04-01"))
    assert clock.commenced_on == d("2026-01-10")  # from the arraignment
    assert clock.missing == ["an appearance dated '2026-03' has no full date"]


def test_an_unknown_case_is_not_found(workspace: Workspace) -> None:
    with workspace.reader() as session, pytest.raises(NotFoundError, match="no case with id 999"):
        clock_of_case(session, 999, d("2026-01-01"))


def test_an_encrypted_workspace_is_read_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The loader reads on the session's own driver connection: SQLCipher's too.
    from app.core.storage import crypto

    if not crypto.available():
        pytest.skip("SQLCipher is not installed (the 'encryption' extra)")
    monkeypatch.setattr(crypto, "WORKSPACE_KDF", crypto.KdfParams(log2_n=10))
    ws = open_workspace(tmp_path / "locked.casefile", "correct horse battery staple", user="t")
    try:
        case_id = make_case(ws)
        with ws.reader() as session:
            clock = clock_of_case(session, case_id, d("2026-04-01"))
    finally:
        ws.close()
    assert (clock.chargeable_days, clock.chargeable_with_arguable, clock.last_day) == (
        53, 81, d("2026-05-08"),
    )  # fmt: skip


def test_what_the_session_has_not_sent_yet_counts(workspace: Workspace) -> None:
    # An appearance added in the same unit of work, before any flush: the defense's
    # adjournment from 04-01 to 04-15 is excluded at once (as of 04-10: still 53).
    case_id = make_case(workspace)
    with workspace.session() as session:
        session.add(Appearance(case_id=case_id, date=pd("2026-04-01"),
                               adjourned_to=pd("2026-04-15"), requested_by="defense"))  # fmt: skip
        clock = clock_of_case(session, case_id, d("2026-04-10"))
    assert clock.periods[-1].reason.startswith("Adjourned at the defense's request")
    assert clock.chargeable_days == 53
