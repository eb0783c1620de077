"""Role fields of a criminal case's people: an officer's shield, command and tax id, a
client's NYSID, custody, language and interpreter, a witness's subpoena.

Where each lives (the person or their part in one case) and why:
:mod:`app.core.storage.role_fields`. Every new column is empty (or "no") on the rows
already there, so a workspace made by an older version opens with its people as they
were.

The search index takes the NYSID and the tax id into the people's index (rebuilt here
with the new columns) and indexes the parties (shield number, command) for the first
time.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.core.search import query as search

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None
NEW_INDEX = search.sources_of("0007")
WIDER_INDEX = search.widened_in("0007")


def _text(name: str, length: int) -> sa.Column[str]:
    return sa.Column(name, sa.String(length=length), server_default="", nullable=False)


def _no(name: str) -> sa.Column[bool]:
    # A literal default: SQLite adds a NOT NULL column only with a constant one.
    return sa.Column(name, sa.Boolean(), server_default=sa.text("false"), nullable=False)


def upgrade() -> None:
    bind = op.get_bind()
    _drop_index(bind, WIDER_INDEX)
    # Plain ALTER TABLE ... ADD COLUMN on both databases: a batch would copy the table
    # on SQLite, and people and parties are what everything else points at.
    for column in (
        _text("nysid", 20),
        _text("tax_id", 20),
        _text("language", 100),
        _no("needs_interpreter"),
    ):
        op.add_column("people", column)
    for column in (
        _text("shield_number", 20),
        _text("command", 300),
        sa.Column("custody_status", sa.String(length=20), nullable=True),
        _text("custody_note", 300),
        _no("subpoenaed"),
        sa.Column("subpoena_served_on", sa.String(length=16), nullable=True),
    ):
        op.add_column("parties", column)
    _install_index(bind, WIDER_INDEX + NEW_INDEX)


def downgrade() -> None:
    bind = op.get_bind()
    _drop_index(bind, WIDER_INDEX + NEW_INDEX)
    with op.batch_alter_table("parties", schema=None) as batch_op:
        for name in (
            "subpoena_served_on",
            "subpoenaed",
            "custody_note",
            "custody_status",
            "command",
            "shield_number",
        ):
            batch_op.drop_column(name)
    with op.batch_alter_table("people", schema=None) as batch_op:
        for name in ("needs_interpreter", "language", "tax_id", "nysid"):
            batch_op.drop_column(name)
    _install_index(bind, tuple(source.as_of("0006") for source in WIDER_INDEX))


def _drop_index(bind: sa.Connection, sources: tuple[search.Source, ...]) -> None:
    if bind.dialect.name == "sqlite":
        search.drop_sqlite_index(bind, sources=sources)
    elif bind.dialect.name == "postgresql":
        for source in sources:
            bind.exec_driver_sql(f"ALTER TABLE {source.table} DROP COLUMN IF EXISTS search_vector")


def _install_index(bind: sa.Connection, sources: tuple[search.Source, ...]) -> None:
    if bind.dialect.name == "sqlite":
        search.install_sqlite_index(bind, rebuild=True, sources=sources)
    elif bind.dialect.name == "postgresql":
        for statement in search.pg_vector_ddl(sources):
            bind.exec_driver_sql(statement)
