"""A screenshot of every form, filled with the sample case, for people to look at.

Saved to a temporary folder; with ``CASEFILE_SCREENSHOTS`` set, also to
``test-output/screenshots`` in the repository.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from app.context import AppContext
from app.core.services import charges, statements
from app.core.storage import models
from app.gui import actions
from tests.casebuilder import build_small_case

REPO = Path(__file__).resolve().parents[3]
LAPTOP = (1366, 768)  # the smallest screen the app is laid out for
KINDS = ("case", "party", "statement", "charge", "document", "event", "issue", "note")


def _load_case(ws: Any) -> int:
    try:
        from app.core.sample import load_sample
    except ImportError:
        return build_small_case(ws).case_id
    return load_sample(ws)


def _first(ws: Any, model: Any, case_id: int) -> int:
    with ws.reader() as session:
        if model is models.Case:
            return case_id
        if model is models.Party:
            # The client: the richest party of the sample.
            rows = session.execute(
                select(models.Party.id, models.Party.roles).where(models.Party.case_id == case_id)
            ).all()
            clients = [r.id for r in rows if "client" in (r.roles or [])]
            return clients[0] if clients else rows[0].id
        if model is models.Statement:
            # The longest statement shows the text area best.
            return session.scalar(
                select(model.id)
                .where(model.case_id == case_id)
                .order_by(func.length(model.text).desc())
                .limit(1)
            )
        return session.scalar(
            select(model.id).where(model.case_id == case_id).order_by(model.id).limit(1)
        )


@pytest.fixture(scope="module")
def shot_dirs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    dirs = [tmp_path_factory.mktemp("form-screenshots")]
    if os.environ.get("CASEFILE_SCREENSHOTS"):
        extra = REPO / "test-output" / "screenshots"
        extra.mkdir(parents=True, exist_ok=True)
        dirs.append(extra)
    return dirs


def _save(dialog: Any, name: str, dirs: list[Path]) -> None:
    dialog.show()
    dialog.resize(*dialog.default_size)
    QApplication.processEvents()
    image = dialog.grab()
    # The form shows at its default size, which holds everything its layout needs
    # (no field squeezed or cut off) and fits a laptop screen with the room that
    # RecordDialog._fit_to_screen leaves for the window frame.
    width, height = dialog.default_size
    needs = dialog.minimumSizeHint()
    assert (image.width(), image.height()) == (width, height)
    assert needs.width() <= width and needs.height() <= height, (name, needs)
    assert width <= LAPTOP[0] - 40 and height <= LAPTOP[1] - 60, name
    for folder in dirs:
        path = folder / f"form-{name}.png"
        assert image.save(str(path))
        assert path.stat().st_size > 5000


@pytest.mark.parametrize("kind", KINDS)
def test_screenshot_of_each_form(qtbot, sqlite_workspace, shot_dirs, kind) -> None:
    ctx = AppContext(workspace=sqlite_workspace)
    case_id = _load_case(sqlite_workspace)
    model = {
        "case": models.Case,
        "party": models.Party,
        "statement": models.Statement,
        "charge": models.Charge,
        "document": models.Document,
        "event": models.Event,
        "issue": models.Issue,
        "note": models.Note,
    }[kind]
    record_id = _first(sqlite_workspace, model, case_id)
    dialog = actions.open_form(ctx, kind, case_id, record_id, None)
    qtbot.addWidget(dialog)
    _save(dialog, kind, shot_dirs)
    empty = actions.open_form(ctx, kind, case_id, None, None)
    qtbot.addWidget(empty)
    _save(empty, f"{kind}-new", shot_dirs)


def test_screenshot_of_errors(qtbot, sqlite_workspace, shot_dirs) -> None:
    """What a refused save looks like: banner, marked fields, messages under them."""
    ctx = AppContext(workspace=sqlite_workspace)
    case_id = _load_case(sqlite_workspace)
    dialog = actions.open_form(ctx, "statement", case_id, None, None)
    qtbot.addWidget(dialog)
    dialog.fields["date"].set_value("June 31 2020")

    def save(form: Any) -> None:
        statements.add_statement(sqlite_workspace, case_id, **form.plan().values)

    dialog.save_handler = save
    dialog.fields["speaker_id"].edit.setText("")
    assert not dialog.try_save()
    _save(dialog, "statement-errors", shot_dirs)
    charge = actions.open_form(ctx, "charge", case_id, None, None)
    qtbot.addWidget(charge)
    charge.fields["statute"].set_value("")
    charge.fields["offense_date"].set_value("Junee 2020")
    charge.save_handler = lambda form: charges.add_charge(
        sqlite_workspace, case_id, **form.plan().values
    )
    assert not charge.try_save()
    _save(charge, "charge-errors", shot_dirs)
