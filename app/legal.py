"""Licence and third-party notices, shown in Help > About and shipped with builds."""

from __future__ import annotations

LICENSE_NAME = "GNU General Public License v3.0 or later"
LICENSE_SUMMARY = (
    "Casefile is free software: you can redistribute it and/or modify it under the terms of "
    "the GNU General Public License as published by the Free Software Foundation, either "
    "version 3 of the License, or (at your option) any later version. It is distributed in the "
    "hope that it will be useful, but WITHOUT ANY WARRANTY; without even the implied warranty "
    "of MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE."
)

# (component, licence, what Casefile uses it for, where its source is)
THIRD_PARTY: tuple[tuple[str, str, str, str], ...] = (
    ("Qt 6 / PySide6", "LGPL-3.0", "the desktop interface", "https://code.qt.io"),
    ("SQLAlchemy", "MIT", "database access", "https://github.com/sqlalchemy/sqlalchemy"),
    ("Alembic", "MIT", "workspace schema upgrades", "https://github.com/sqlalchemy/alembic"),
    ("SQLite", "Public domain", "the workspace file", "https://sqlite.org"),
    ("python-docx", "MIT", "Word briefs", "https://github.com/python-openxml/python-docx"),
    ("lxml", "BSD-3-Clause", "Word document XML", "https://github.com/lxml/lxml"),
    ("ReportLab", "BSD-3-Clause", "PDF briefs", "https://www.reportlab.com"),
    ("pypdf", "BSD-3-Clause", "reading PDF text", "https://github.com/py-pdf/pypdf"),
    (
        "platformdirs",
        "MIT",
        "where the workspace lives",
        "https://github.com/platformdirs/platformdirs",
    ),
    (
        "psycopg",
        "LGPL-3.0",
        "PostgreSQL workspaces (optional)",
        "https://github.com/psycopg/psycopg",
    ),
    (
        "DejaVu fonts",
        "Bitstream Vera / Public domain",
        "PDF text",
        "https://dejavu-fonts.github.io",
    ),
)


def notices_text() -> str:
    """Plain-text notices, as written to THIRD-PARTY-NOTICES.txt in a build."""
    lines = [f"Casefile is licensed under the {LICENSE_NAME}.", "", LICENSE_SUMMARY, ""]
    lines.append("Casefile includes or uses these components:")
    for name, licence, purpose, source in THIRD_PARTY:
        lines.append(f"- {name} ({licence}): {purpose}. Source: {source}")
    lines.append("")
    lines.append(
        "Qt and PySide6 are used under the LGPL-3.0: you may replace the Qt libraries shipped "
        "with Casefile with your own build of the same version."
    )
    return "\n".join(lines) + "\n"
