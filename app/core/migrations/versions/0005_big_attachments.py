"""A document's file size is a 64-bit number: body-camera video passes 2 GiB.

SQLite's INTEGER already holds 64 bits, so only PostgreSQL's column changes (and a
rebuild of the searched ``documents`` table on SQLite, which would drop its search
triggers, is avoided).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.alter_column("documents", "file_size", type_=sa.BigInteger())


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.alter_column("documents", "file_size", type_=sa.Integer())
