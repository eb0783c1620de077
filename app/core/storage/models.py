"""The case file as SQLAlchemy 2 typed mappings.

Every table has ``created_at``/``updated_at`` and a ``version`` counter that
SQLAlchemy checks on UPDATE, so a save based on a stale read fails instead of
silently overwriting someone else's change on a shared server.

Schema changes need an Alembic migration in ``app/core/migrations/versions``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.dates import PartialDate
from app.core.storage.base import Base, Tracked, new_uid, utc_now
from app.core.storage.column_types import PartialDateType
from app.core.storage.role_fields import PartyRoleFields, PersonRoleFields

statement_issues = Table(
    "statement_issues",
    Base.metadata,
    Column("statement_id", ForeignKey("statements.id", ondelete="CASCADE"), primary_key=True),
    Column("issue_id", ForeignKey("issues.id", ondelete="CASCADE"), primary_key=True, index=True),
)
event_issues = Table(
    "event_issues",
    Base.metadata,
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("issue_id", ForeignKey("issues.id", ondelete="CASCADE"), primary_key=True, index=True),
)
document_issues = Table(
    "document_issues",
    Base.metadata,
    Column("document_id", ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("issue_id", ForeignKey("issues.id", ondelete="CASCADE"), primary_key=True, index=True),
)
event_parties = Table(
    "event_parties",
    Base.metadata,
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("party_id", ForeignKey("parties.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Case(Tracked, Base):
    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    caption: Mapped[str] = mapped_column(String(300))
    docket_number: Mapped[str] = mapped_column(String(100), default="", index=True)
    court: Mapped[str] = mapped_column(String(300), default="")
    jurisdiction: Mapped[str] = mapped_column(String(300), default="")
    status: Mapped[str] = mapped_column(String(20), default="open")
    opened_on: Mapped[PartialDate | None] = mapped_column(PartialDateType)
    closed_on: Mapped[PartialDate | None] = mapped_column(PartialDateType)
    assigned_staff: Mapped[str] = mapped_column(String(300), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # The day the first accusatory instrument was filed: day 0 of the speedy-trial
    # clock. Empty means "the arraignment's date".
    commenced_on: Mapped[PartialDate | None] = mapped_column(PartialDateType)
    custody: Mapped[str | None] = mapped_column(String(10))  # vocab.CUSTODY

    parties: Mapped[list[Party]] = relationship(
        back_populates="case", cascade="all, delete-orphan", passive_deletes=True
    )
    statements: Mapped[list[Statement]] = relationship(
        back_populates="case", cascade="all, delete-orphan", passive_deletes=True
    )
    charges: Mapped[list[Charge]] = relationship(
        back_populates="case",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Charge.count_number",
    )
    documents: Mapped[list[Document]] = relationship(
        back_populates="case", cascade="all, delete-orphan", passive_deletes=True
    )
    events: Mapped[list[Event]] = relationship(
        back_populates="case", cascade="all, delete-orphan", passive_deletes=True
    )
    issues: Mapped[list[Issue]] = relationship(
        back_populates="case", cascade="all, delete-orphan", passive_deletes=True
    )
    case_notes: Mapped[list[Note]] = relationship(
        back_populates="case", cascade="all, delete-orphan", passive_deletes=True
    )
    appearances: Mapped[list[Appearance]] = relationship(
        back_populates="case", cascade="all, delete-orphan", passive_deletes=True
    )
    filings: Mapped[list[Filing]] = relationship(
        back_populates="case", cascade="all, delete-orphan", passive_deletes=True
    )
    deadlines: Mapped[list[Deadline]] = relationship(
        back_populates="case", cascade="all, delete-orphan", passive_deletes=True
    )


class Person(Tracked, PersonRoleFields, Base):
    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    kind: Mapped[str] = mapped_column(String(20), default="individual")
    name: Mapped[str] = mapped_column(String(300), index=True)
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    title: Mapped[str] = mapped_column(String(300), default="")
    affiliation: Mapped[str] = mapped_column(String(300), default="")
    phone: Mapped[str] = mapped_column(String(100), default="")
    email: Mapped[str] = mapped_column(String(300), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    date_of_birth: Mapped[PartialDate | None] = mapped_column(PartialDateType)
    notes: Mapped[str] = mapped_column(Text, default="")

    parties: Mapped[list[Party]] = relationship(back_populates="person")


class Party(Tracked, PartyRoleFields, Base):
    """A person taking part in one case, in one or more roles."""

    __tablename__ = "parties"
    __table_args__ = (UniqueConstraint("case_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="RESTRICT"), index=True)
    roles: Mapped[list[str]] = mapped_column(JSON, default=list)
    notes: Mapped[str] = mapped_column(Text, default="")

    case: Mapped[Case] = relationship(back_populates="parties")
    person: Mapped[Person] = relationship(back_populates="parties", lazy="joined")


class Document(Tracked, Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(30), default="other")
    date: Mapped[PartialDate | None] = mapped_column(PartialDateType)
    author: Mapped[str] = mapped_column(String(300), default="")
    provenance: Mapped[str] = mapped_column(Text, default="")
    privileged: Mapped[bool] = mapped_column(Boolean, default=False)
    bates_start: Mapped[str] = mapped_column(String(50), default="")
    bates_end: Mapped[str] = mapped_column(String(50), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # The attached file, if any; its bytes live in the store under their SHA-256.
    file_sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    # 64 bits: body-camera video passes 2 GiB (SQLite's INTEGER always holds 64 bits).
    file_size: Mapped[int | None] = mapped_column(Integer().with_variant(BigInteger, "postgresql"))
    file_media_type: Mapped[str | None] = mapped_column(String(200))
    file_name: Mapped[str | None] = mapped_column(String(500))
    # The attachment's text (plain text, .docx, a PDF's text layer) for search;
    # when none could be read, ``extraction_note`` says why.
    extracted_text: Mapped[str | None] = mapped_column(Text, deferred=True)
    extraction_note: Mapped[str | None] = mapped_column(Text)

    case: Mapped[Case] = relationship(back_populates="documents")
    issues: Mapped[list[Issue]] = relationship(
        secondary=document_issues, back_populates="documents"
    )


class Statement(Tracked, Base):
    """Who said what, when, to whom, and where we learned it."""

    __tablename__ = "statements"
    __table_args__ = (Index("ix_statements_case_date", "case_id", "date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    # A statement cannot outlive its speaker's part in the case.
    speaker_id: Mapped[int] = mapped_column(
        ForeignKey("parties.id", ondelete="CASCADE"), index=True
    )
    recipient_party_id: Mapped[int | None] = mapped_column(
        ForeignKey("parties.id", ondelete="SET NULL"), index=True
    )
    recipient_text: Mapped[str] = mapped_column(String(300), default="")
    date: Mapped[PartialDate | None] = mapped_column(PartialDateType)
    setting: Mapped[str] = mapped_column(String(30), default="other")
    text: Mapped[str] = mapped_column(Text)
    source_document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="SET NULL"), index=True
    )
    pin_cite: Mapped[str] = mapped_column(String(100), default="")
    sworn: Mapped[bool] = mapped_column(Boolean, default=False)
    # Told in substance (indirect speech), not the speaker's own words verbatim.
    reported: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")

    case: Mapped[Case] = relationship(back_populates="statements")
    speaker: Mapped[Party] = relationship(foreign_keys=[speaker_id], lazy="joined")
    recipient_party: Mapped[Party | None] = relationship(foreign_keys=[recipient_party_id])
    source_document: Mapped[Document | None] = relationship()
    issues: Mapped[list[Issue]] = relationship(
        secondary=statement_issues, back_populates="statements"
    )


class Charge(Tracked, Base):
    __tablename__ = "charges"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    count_number: Mapped[int] = mapped_column(Integer, default=1)
    statute: Mapped[str] = mapped_column(String(100), default="")
    description: Mapped[str] = mapped_column(String(500), default="")
    offense_class: Mapped[str] = mapped_column(String(100), default="")
    offense_date: Mapped[PartialDate | None] = mapped_column(PartialDateType)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    disposition: Mapped[str] = mapped_column(Text, default="")
    disposition_date: Mapped[PartialDate | None] = mapped_column(PartialDateType)
    notes: Mapped[str] = mapped_column(Text, default="")

    case: Mapped[Case] = relationship(back_populates="charges")


class Event(Tracked, Base):
    """One entry in the chronology."""

    __tablename__ = "events"
    __table_args__ = (Index("ix_events_case_date", "case_id", "date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(30), default="other")
    date: Mapped[PartialDate | None] = mapped_column(PartialDateType)
    time: Mapped[str | None] = mapped_column(String(5))
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="")
    place: Mapped[str] = mapped_column(String(300), default="")
    source_document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="SET NULL"), index=True
    )
    pin_cite: Mapped[str] = mapped_column(String(100), default="")

    case: Mapped[Case] = relationship(back_populates="events")
    source_document: Mapped[Document | None] = relationship()
    people: Mapped[list[Party]] = relationship(secondary=event_parties)
    issues: Mapped[list[Issue]] = relationship(secondary=event_issues, back_populates="events")


class Issue(Tracked, Base):
    """A legal issue or defense theory; statements, events and documents link to it."""

    __tablename__ = "issues"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="open")

    case: Mapped[Case] = relationship(back_populates="issues")
    statements: Mapped[list[Statement]] = relationship(
        secondary=statement_issues, back_populates="issues"
    )
    events: Mapped[list[Event]] = relationship(secondary=event_issues, back_populates="issues")
    documents: Mapped[list[Document]] = relationship(
        secondary=document_issues, back_populates="issues"
    )


class Note(Tracked, Base):
    """A note or a to-do on a case. Staff-only notes never leave the office in a brief."""

    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    body: Mapped[str] = mapped_column(Text)
    is_todo: Mapped[bool] = mapped_column(Boolean, default=False)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    staff_only: Mapped[bool] = mapped_column(Boolean, default=False)

    case: Mapped[Case] = relationship(back_populates="case_notes")


class Appearance(Tracked, Base):
    """One court appearance: an entry of the speedy-trial ledger and a court date.

    ``adjourned_to`` is the next court date. The 30.30 fields (who asked for the
    adjournment, whether the People answered ready, the excludable ground) say how the
    days up to that date count; ``app.core.clock`` reads them.
    """

    __tablename__ = "appearances"
    __table_args__ = (Index("ix_appearances_case_date", "case_id", "date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    date: Mapped[PartialDate] = mapped_column(PartialDateType)
    time: Mapped[str | None] = mapped_column(String(5))
    part: Mapped[str] = mapped_column(String(100), default="")
    judge: Mapped[str] = mapped_column(String(300), default="")
    purpose: Mapped[str] = mapped_column(String(20), default="other")  # vocab.APPEARANCE_PURPOSES
    outcome: Mapped[str] = mapped_column(Text, default="")
    custody_after: Mapped[str | None] = mapped_column(String(10))  # vocab.CUSTODY
    adjourned_to: Mapped[PartialDate | None] = mapped_column(PartialDateType, index=True)
    requested_by: Mapped[str | None] = mapped_column(String(20))  # vocab.ADJOURNMENT_REQUESTERS
    people_ready: Mapped[bool | None] = mapped_column(Boolean)
    people_asked_days: Mapped[int | None] = mapped_column(Integer)
    excludable: Mapped[str | None] = mapped_column(String(30))  # vocab.EXCLUDABLE_GROUNDS
    excludable_other: Mapped[str] = mapped_column(String(300), default="")
    arguable: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")

    case: Mapped[Case] = relationship(back_populates="appearances")


class Filing(Tracked, Base):
    """What happens off calendar: a statement of readiness, a certificate of compliance,
    a motion, a decision. ``with_coc`` marks readiness filed together with a certificate."""

    __tablename__ = "filings"
    __table_args__ = (Index("ix_filings_case_date", "case_id", "date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    date: Mapped[PartialDate] = mapped_column(PartialDateType)
    kind: Mapped[str] = mapped_column(String(20), default="other")  # vocab.FILING_KINDS
    with_coc: Mapped[bool] = mapped_column(Boolean, default=False)
    title: Mapped[str] = mapped_column(String(500), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    case: Mapped[Case] = relationship(back_populates="filings")


class Deadline(Tracked, Base):
    """A deadline staff add by hand. Deadlines computed from rules are not stored:
    they follow their inputs (``app.core.deadlines``)."""

    __tablename__ = "deadlines"
    __table_args__ = (Index("ix_deadlines_case_date", "case_id", "date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    date: Mapped[PartialDate] = mapped_column(PartialDateType, index=True)
    time: Mapped[str | None] = mapped_column(String(5))
    kind: Mapped[str] = mapped_column(String(20), default="other")  # vocab.DEADLINE_KINDS
    title: Mapped[str] = mapped_column(String(500))
    met_on: Mapped[PartialDate | None] = mapped_column(PartialDateType)
    notes: Mapped[str] = mapped_column(Text, default="")

    case: Mapped[Case] = relationship(back_populates="deadlines")


class CaseClock(Base):
    """Derived data: the speedy-trial clock's last day of each case, recomputed in the
    same transaction as every change to its ledger (``app.core.clock.kept``), so the
    office calendar reads one indexed column instead of running 2,000 clocks. Not a
    record: never audited, never archived."""

    __tablename__ = "case_clocks"

    case_id: Mapped[int] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    last_day: Mapped[str | None] = mapped_column(String(10), index=True)
    computed_on: Mapped[str] = mapped_column(String(10))


class Setting(Base):
    """Workspace-wide settings that travel with the database (e.g. where attachments live)."""

    __tablename__ = "workspace_settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class AuditEntry(Base):
    """One line of the audit trail: who changed which record, when, and from what to what.

    Written only by the session hooks in ``app.core.storage.audit`` (and the database refuses
    UPDATE and DELETE on it). ``case_id`` is a plain number, not a foreign key, so the
    trail of a deleted case outlives the case. ``changes`` maps a field to
    ``[old, new]`` JSON values. ``prev_hash`` and ``hash`` chain each entry to the one
    before it (``app.core.storage.audit_chain``), so a change or deletion shows.
    """

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_record", "table_name", "record_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    user: Mapped[str] = mapped_column(String(300), default="")
    action: Mapped[str] = mapped_column(String(20))
    table_name: Mapped[str] = mapped_column(String(64))
    record_id: Mapped[int | None] = mapped_column(Integer)
    case_id: Mapped[int | None] = mapped_column(Integer, index=True)
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    note: Mapped[str] = mapped_column(Text, default="")
    prev_hash: Mapped[str] = mapped_column(String(64), default="")
    hash: Mapped[str] = mapped_column(String(64), default="")


# The hash the first entry of an audit chain is chained to.
AUDIT_GENESIS = "0" * 64


class AuditHead(Base):
    """The audit chain's end, one row (id 1): the last entry's id and hash, and how many.

    Updated in the same transaction as every append, so deleting the last entries shows."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last_id: Mapped[int] = mapped_column(Integer, default=0)
    last_hash: Mapped[str] = mapped_column(String(64))
    entries: Mapped[int] = mapped_column(Integer, default=0)


@event.listens_for(AuditHead.__table__, "after_create")
def _start_the_chain(table: Any, connection: Any, **_kw: Any) -> None:
    # A schema made from the models (not the migrations, which insert it themselves)
    # starts with the head of an empty chain too.
    connection.execute(table.insert().values(id=1, last_id=0, last_hash=AUDIT_GENESIS, entries=0))


# -- the office on a shared server (app/core/server): who works here, on which cases ----


class StaffMember(Base):
    """A PostgreSQL login mapped to a person and their office role (vocab in
    ``app.core.server.staff.ROLES``). Unused on SQLite: there the file is the boundary."""

    __tablename__ = "staff"

    login: Mapped[str] = mapped_column(String(63), primary_key=True)
    name: Mapped[str] = mapped_column(String(300), default="")
    role: Mapped[str] = mapped_column(String(20))
    added_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class TeamMember(Base):
    """One login on one case's team. ``case_id`` (like a wall's) is a plain number: a
    deleted case's team and wall stay, so undoing the delete brings the case back behind
    them (case ids are never reused)."""

    __tablename__ = "case_team"

    case_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    login: Mapped[str] = mapped_column(
        ForeignKey("staff.login", ondelete="CASCADE"), primary_key=True, index=True
    )


class CaseWall(Base):
    """An ethical wall: the case is seen by its team alone, whatever the office policy."""

    __tablename__ = "case_walls"

    case_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    reason: Mapped[str] = mapped_column(Text, default="")
    walled_by: Mapped[str] = mapped_column(String(63), default="")
    walled_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class OfficePolicy(Base):
    """One row (id 1): who sees the cases that are not walled, "open" or "team"."""

    __tablename__ = "office_policy"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    policy: Mapped[str] = mapped_column(String(10), default="open")


# The attachment tables of an office server, in the same metadata as the rest.
from app.core.storage import blob_rows as blob_rows  # noqa: E402
