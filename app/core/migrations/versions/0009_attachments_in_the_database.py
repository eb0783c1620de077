"""Attachments in the database of an office server: blobs and their chunks.

On an office server (``casefile server init``) each attached file is kept once, by its
SHA-256, as ~1 MB chunks (``app.core.storage.db_store``), under the row security of the
documents that use it, so ``pg_dump`` holds everything. The tables are made on every
backend so the schema is one; SQLite and a server opened without ``server init`` leave
them empty and keep their files in the folder store.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "attachment_blobs",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer().with_variant(sa.BigInteger(), "postgresql"), nullable=False),
        sa.Column("chunks", sa.Integer(), nullable=False),
        sa.Column("added_by", sa.String(length=63), nullable=False),
        sa.Column(
            "added_at",
            sa.DateTime(timezone=True),
            server_default=sa.func.current_timestamp(),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_attachment_blobs")),
    )
    op.create_table(
        "attachment_chunks",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", "seq", name=op.f("pk_attachment_chunks")),
    )
    if op.get_bind().dialect.name == "postgresql":
        # Attached files are mostly compressed already (PDF, JPEG, video): storing the
        # chunks uncompressed spares the server a futile attempt on every write and read.
        op.execute("ALTER TABLE attachment_chunks ALTER COLUMN data SET STORAGE EXTERNAL")


def downgrade() -> None:
    op.drop_table("attachment_chunks")
    op.drop_table("attachment_blobs")
