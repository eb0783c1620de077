"""The office on a shared server: staff (a login's name and office role), each case's
team, ethical walls, and the office's policy ("open" or "team").

Empty tables on SQLite, where nothing reads them: one person, no walls, the file is the
boundary. A team's and a wall's case is a plain number, not a foreign key: undoing a
case's delete brings it back behind the same wall. On PostgreSQL they hold nothing
either until ``casefile server init`` adds the roles, grants and row security that
read them (``app.core.server``), so a server workspace opened without it works as
before.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def _when() -> sa.Column[object]:
    return sa.Column(
        "added_at",
        sa.DateTime(timezone=True),
        server_default=sa.func.current_timestamp(),
        nullable=False,
    )


def upgrade() -> None:
    op.create_table(
        "staff",
        sa.Column("login", sa.String(length=63), nullable=False),
        sa.Column("name", sa.String(length=300), server_default="", nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        _when(),
        sa.PrimaryKeyConstraint("login", name=op.f("pk_staff")),
    )
    op.create_table(
        "case_team",
        sa.Column("case_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("login", sa.String(length=63), nullable=False),
        sa.ForeignKeyConstraint(
            ["login"], ["staff.login"], name=op.f("fk_case_team_login_staff"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("case_id", "login", name=op.f("pk_case_team")),
    )
    op.create_index(op.f("ix_case_team_login"), "case_team", ["login"], unique=False)
    op.create_table(
        "case_walls",
        sa.Column("case_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("reason", sa.Text(), server_default="", nullable=False),
        sa.Column("walled_by", sa.String(length=63), server_default="", nullable=False),
        sa.Column(
            "walled_at",
            sa.DateTime(timezone=True),
            server_default=sa.func.current_timestamp(),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_case_walls")),
    )
    policy = op.create_table(
        "office_policy",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("policy", sa.String(length=10), server_default="open", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_office_policy")),
    )
    op.bulk_insert(policy, [{"id": 1, "policy": "open"}])


def downgrade() -> None:
    op.drop_table("office_policy")
    op.drop_table("case_walls")
    op.drop_index(op.f("ix_case_team_login"), table_name="case_team")
    op.drop_table("case_team")
    op.drop_table("staff")
