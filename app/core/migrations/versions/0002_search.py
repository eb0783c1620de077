"""Search: the text of attachments, and a full-text index over the whole case file.

Adds ``documents.extracted_text`` / ``documents.extraction_note`` and the search
index described in :mod:`app.core.search.query` - FTS5 tables kept current by triggers
on SQLite, generated ``tsvector`` columns with GIN indexes on PostgreSQL - and
indexes every row already in the workspace, so an older workspace is searchable
as soon as it is opened.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.core.search import query as search

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None
# The tables this migration indexes: later migrations index the tables they add.
INDEXED = search.sources_of("0002")


def upgrade() -> None:
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("extracted_text", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("extraction_note", sa.Text(), nullable=True))
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        search.install_sqlite_index(bind, rebuild=True, sources=INDEXED)
    elif bind.dialect.name == "postgresql":
        for statement in search.pg_index_ddl(unaccent=_create_unaccent(bind), sources=INDEXED):
            bind.exec_driver_sql(statement)


def _create_unaccent(bind: sa.Connection) -> bool:
    """Whether accent folding is available; a server without the contrib module (or a
    user who may not create it) still gets a working, accent-sensitive index."""
    try:
        with bind.begin_nested():
            bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS unaccent")
    except sa.exc.DBAPIError:
        return False
    return True


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        search.drop_sqlite_index(bind, sources=INDEXED)
    elif bind.dialect.name == "postgresql":
        for statement in search.pg_drop_ddl(sources=INDEXED):
            bind.exec_driver_sql(statement)
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_column("extraction_note")
        batch_op.drop_column("extracted_text")
