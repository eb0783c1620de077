"""Starts the desktop app (placeholder until the main window lands)."""

from __future__ import annotations

import sys


def run_gui(db: str | None = None) -> int:
    from PySide6.QtWidgets import QApplication, QLabel

    from app.core.workspace import open_workspace

    workspace = open_workspace(db)
    app = QApplication.instance() or QApplication(sys.argv)
    label = QLabel(f"Casefile — {workspace.describe()}")
    label.resize(480, 120)
    label.show()
    return app.exec()
