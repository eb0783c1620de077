"""Help > About: the version, the licence and the third-party notices."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTabWidget, QTextBrowser, QVBoxLayout, QWidget

from app import legal
from app.gui.dialogs.base import Buttons, Dialog
from app.version import app_version


def about_html() -> str:
    return (
        f"<h2>Casefile {escape(app_version())}</h2>"
        "<p>Case files for public-defender and legal-aid offices: the people, their "
        "statements, the charges, the documents, the chronology and the legal issues, "
        "with briefs for meetings and court.</p>"
        f"<p>Free software under the {escape(legal.LICENSE_NAME)}.</p>"
    )


def notices_html() -> str:
    rows = "".join(
        f"<tr><td><b>{escape(name)}</b></td><td>{escape(licence)}</td>"
        f"<td>{escape(purpose)}</td></tr>"
        for name, licence, purpose, _source in legal.THIRD_PARTY
    )
    return (
        "<p>Casefile is built on these components, each under its own licence:</p>"
        f"<table cellspacing='0' cellpadding='4'>{rows}</table>"
        "<p>Qt and PySide6 are used under the LGPL-3.0: you may replace the Qt libraries "
        "shipped with Casefile with your own build of the same version.</p>"
    )


class AboutDialog(Dialog):
    default_size = (620, 440)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, title="About Casefile")
        tabs = QTabWidget(self)
        summary = QLabel(about_html())
        summary.setWordWrap(True)
        summary.setAlignment(Qt.AlignmentFlag.AlignTop)
        summary.setContentsMargins(12, 12, 12, 12)
        tabs.addTab(summary, "&About")
        licence = QTextBrowser()
        licence.setPlainText(legal.LICENSE_SUMMARY)
        tabs.addTab(licence, "&Licence")
        notices = QTextBrowser()
        notices.setHtml(notices_html())
        tabs.addTab(notices, "&Third-party notices")
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(self.button_box(Buttons.Close))


def show_about(parent: QWidget | None) -> None:
    dialog = AboutDialog(parent)
    dialog.interaction.run_dialog(dialog)
    dialog.deleteLater()
