"""Chain the audit trail: each entry carries the hash of the one before it, and its own.

Adds ``audit_log.prev_hash`` and ``audit_log.hash`` and the one-row ``audit_head``
(the chain's end). The entries a workspace already has are chained here, in id
order, so an older workspace opens and verifies. See
``app.core.storage.audit_chain`` for what the chain does and does not catch.

The UPDATE/DELETE triggers of 0003 are dropped while the existing entries get their
hashes, and created again; ``audit_head`` gets a trigger refusing DELETE.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.core.storage.audit_chain import GENESIS, HASHED_FIELDS, HEAD_ID, entry_hash

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_MESSAGE = "the audit log cannot be changed"
_HEAD_MESSAGE = "the audit head cannot be deleted"
_BATCH = 2000

_log = sa.table(
    "audit_log",
    sa.column("id", sa.Integer()),
    sa.column("at", sa.DateTime(timezone=True)),
    sa.column("user", sa.String()),
    sa.column("action", sa.String()),
    sa.column("table_name", sa.String()),
    sa.column("record_id", sa.Integer()),
    sa.column("case_id", sa.Integer()),
    sa.column("changes", sa.JSON()),
    sa.column("note", sa.Text()),
    sa.column("prev_hash", sa.String()),
    sa.column("hash", sa.String()),
)
_head = sa.table(
    "audit_head",
    sa.column("id", sa.Integer()),
    sa.column("last_id", sa.Integer()),
    sa.column("last_hash", sa.String()),
    sa.column("entries", sa.Integer()),
)


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def upgrade() -> None:
    _drop_log_triggers()
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("prev_hash", sa.String(length=64), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("hash", sa.String(length=64), nullable=False, server_default="")
        )
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_id", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
    )
    last_id, last_hash, entries = _chain_existing()
    op.execute(
        _head.insert().values(id=HEAD_ID, last_id=last_id, last_hash=last_hash, entries=entries)
    )
    _create_triggers()


def _chain_existing() -> tuple[int, str, int]:
    """Hash every existing entry in id order; the chain's end (last id, hash, count)."""
    bind = op.get_bind()
    columns = [_log.c[name] for name in HASHED_FIELDS if name != "prev_hash"]
    last_id, last_hash, entries = 0, GENESIS, 0
    while True:
        rows = bind.execute(
            sa.select(*columns).where(_log.c.id > last_id).order_by(_log.c.id).limit(_BATCH)
        ).mappings()
        updates = []
        for row in rows:
            entry = dict(row) | {"prev_hash": last_hash}
            last_hash = entry_hash(entry)
            last_id = entry["id"]
            updates.append({"key": last_id, "prev": entry["prev_hash"], "hash": last_hash})
        if not updates:
            return last_id, last_hash, entries
        entries += len(updates)
        bind.execute(
            _log.update()
            .where(_log.c.id == sa.bindparam("key"))
            .values(prev_hash=sa.bindparam("prev"), hash=sa.bindparam("hash")),
            updates,
        )


def _drop_log_triggers() -> None:
    if _sqlite():
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_change ON audit_log")


def _create_triggers() -> None:
    if _sqlite():
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_log_no_{verb.lower()} BEFORE {verb} ON audit_log "
                f"BEGIN SELECT RAISE(ABORT, '{_MESSAGE}'); END"
            )
        op.execute(
            "CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head "
            f"BEGIN SELECT RAISE(ABORT, '{_HEAD_MESSAGE}'); END"
        )
    else:
        op.execute(
            "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log "
            "FOR EACH ROW EXECUTE FUNCTION audit_log_refuse()"
        )
        op.execute(
            "CREATE FUNCTION audit_head_refuse() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN RAISE EXCEPTION '{_HEAD_MESSAGE}'; END $$"
        )
        op.execute(
            "CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head "
            "FOR EACH ROW EXECUTE FUNCTION audit_head_refuse()"
        )


def downgrade() -> None:
    if _sqlite():
        op.execute("DROP TRIGGER IF EXISTS audit_head_no_delete")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_head_no_delete ON audit_head")
        op.execute("DROP FUNCTION IF EXISTS audit_head_refuse()")
    op.drop_table("audit_head")
    _drop_log_triggers()
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_column("hash")
        batch_op.drop_column("prev_hash")
    _create_triggers_0003()


def _create_triggers_0003() -> None:
    if _sqlite():
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_log_no_{verb.lower()} BEFORE {verb} ON audit_log "
                f"BEGIN SELECT RAISE(ABORT, '{_MESSAGE}'); END"
            )
    else:
        op.execute(
            "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log "
            "FOR EACH ROW EXECUTE FUNCTION audit_log_refuse()"
        )
