"""Court dates and the speedy-trial ledger: appearances, filings, deadlines added by
hand, the case's commencement date and custody status, and each case's speedy-trial
last day kept for the office calendar.

The new tables are searched: their index (FTS5 tables and triggers on SQLite, generated
``tsvector`` columns on PostgreSQL) is installed here, not by 0002, which indexes only
the tables that existed when it ran.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.core.search import query as search

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None
INDEXED = search.sources_of("0006")


def _tracked() -> list[sa.Column[object]]:
    return [
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
    ]


def _belongs_to_case(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["case_id"], ["cases.id"], name=op.f(f"fk_{table}_case_id_cases"), ondelete="CASCADE"
    )


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("commenced_on", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("custody", sa.String(length=10), nullable=True))

    op.create_table(
        "appearances",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.String(length=16), nullable=False),
        sa.Column("time", sa.String(length=5), nullable=True),
        sa.Column("part", sa.String(length=100), nullable=False),
        sa.Column("judge", sa.String(length=300), nullable=False),
        sa.Column("purpose", sa.String(length=20), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("custody_after", sa.String(length=10), nullable=True),
        sa.Column("adjourned_to", sa.String(length=16), nullable=True),
        sa.Column("requested_by", sa.String(length=20), nullable=True),
        sa.Column("people_ready", sa.Boolean(), nullable=True),
        sa.Column("people_asked_days", sa.Integer(), nullable=True),
        sa.Column("excludable", sa.String(length=30), nullable=True),
        sa.Column("excludable_other", sa.String(length=300), nullable=False),
        sa.Column("arguable", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        *_tracked(),
        _belongs_to_case("appearances"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appearances")),
    )
    with op.batch_alter_table("appearances", schema=None) as batch_op:
        batch_op.create_index("ix_appearances_case_date", ["case_id", "date"], unique=False)
        batch_op.create_index(batch_op.f("ix_appearances_case_id"), ["case_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_appearances_adjourned_to"), ["adjourned_to"], unique=False
        )

    op.create_table(
        "filings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("with_coc", sa.Boolean(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        *_tracked(),
        _belongs_to_case("filings"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_filings")),
    )
    with op.batch_alter_table("filings", schema=None) as batch_op:
        batch_op.create_index("ix_filings_case_date", ["case_id", "date"], unique=False)
        batch_op.create_index(batch_op.f("ix_filings_case_id"), ["case_id"], unique=False)

    op.create_table(
        "deadlines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.String(length=16), nullable=False),
        sa.Column("time", sa.String(length=5), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("met_on", sa.String(length=16), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        *_tracked(),
        _belongs_to_case("deadlines"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deadlines")),
    )
    with op.batch_alter_table("deadlines", schema=None) as batch_op:
        batch_op.create_index("ix_deadlines_case_date", ["case_id", "date"], unique=False)
        batch_op.create_index(batch_op.f("ix_deadlines_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_deadlines_date"), ["date"], unique=False)

    # Derived: each case's speedy-trial last day, kept current by app.core.clock.kept.
    op.create_table(
        "case_clocks",
        sa.Column("case_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_day", sa.String(length=10), nullable=True),
        sa.Column("computed_on", sa.String(length=10), nullable=False),
        _belongs_to_case("case_clocks"),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_case_clocks")),
    )
    with op.batch_alter_table("case_clocks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_clocks_last_day"), ["last_day"], unique=False)

    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        search.install_sqlite_index(bind, rebuild=False, sources=INDEXED)  # the tables are new
    elif bind.dialect.name == "postgresql":
        for statement in search.pg_vector_ddl(INDEXED):
            bind.exec_driver_sql(statement)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        search.drop_sqlite_index(bind, sources=INDEXED)
    op.drop_table("case_clocks")
    op.drop_table("deadlines")
    op.drop_table("filings")
    op.drop_table("appearances")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_column("custody")
        batch_op.drop_column("commenced_on")
    if bind.dialect.name == "sqlite":
        # Dropping a column rebuilds the table on SQLite, and its search triggers with it.
        search.install_sqlite_index(bind, rebuild=True, sources=(search.BY_KIND["case"],))
