"""Reported speech: a statement told in substance ("the defendant stated in substance
that ...", "he told officers he had been drinking") rather than quoted verbatim.

A defender weighs the two differently: reported words are the reporter's paraphrase,
not the speaker's own. Every statement already stored was entered as verbatim text,
so the new column is "no" on every existing row and a workspace made by an older
version opens with its statements as they were. No policy or grant changes on the
office server: row security and the grants are per table, not per column.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A literal default: SQLite adds a NOT NULL column only with a constant one. A plain
    # ADD COLUMN on both databases (a batch would copy the statements table on SQLite).
    op.add_column(
        "statements",
        sa.Column("reported", sa.Boolean(), server_default=sa.text("false"), nullable=False),
    )


def downgrade() -> None:
    with op.batch_alter_table("statements", schema=None) as batch_op:
        batch_op.drop_column("reported")
