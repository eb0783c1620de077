"""What each desktop list reads: its base SELECT of labelled columns.

Each list (cases, people, statements, ...) is a :class:`ListSpec`: its layout (the
columns people see, their kinds, the default sort and key: :mod:`app.core.lists.columns`,
which loads no SQLAlchemy) and a base SELECT of labelled columns. :class:`ListQuery`
adds the case, the filter text and the sort; :mod:`app.core.lists.queries` runs it. Dates come
back as their stored ISO text (``2020-06~``), which sorts chronologically. No Qt here.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    String,
    and_,
    case,
    cast,
    func,
    literal,
    literal_column,
    or_,
    select,
    type_coerce,
    union_all,
)

from app.core import vocab
from app.core.lists.columns import (
    CHRONOLOGY_KINDS,
    EXCERPT,
    LAYOUTS,
    TODO_LABELS,
    Column,
    ColumnKind,
    ListLayout,
    ListName,
    ListQuery,
)
from app.core.schedule.court_dates import next_court_date_expression
from app.core.storage.models import (
    Appearance,
    Case,
    Charge,
    Deadline,
    Document,
    Event,
    Filing,
    Issue,
    Note,
    Party,
    Person,
    Statement,
    document_issues,
    event_issues,
    statement_issues,
)


@dataclass(frozen=True)
class ListSpec(ListLayout):
    """A list's layout and the base SELECT that fills it."""

    build: Callable[..., Select[Any]] = field(kw_only=True)  # (case_id, today ISO) -> select
    # ``build`` takes ``wanted`` (the columns a query needs) and leaves the others out.
    narrows: bool = field(default=False, kw_only=True)


def iso_column(column: Any) -> ColumnElement[str]:
    """A PartialDate column as its stored text, so UNIONs and comparisons see plain strings."""
    return type_coerce(column, String)


def excerpt(column: Any) -> ColumnElement[str]:
    return func.substr(column, 1, EXCERPT)


# -- the lists ---------------------------------------------------------------


def _client_name() -> Any:
    return (
        select(func.min(Person.name))
        .select_from(Party)
        .join(Person, Party.person_id == Person.id)
        .where(Party.case_id == Case.id, cast(Party.roles, String).like('%"client"%'))
        .scalar_subquery()
    )


def next_court_date(today: str) -> Any:
    """The case's next court date (a correlated subquery of ``Case.id``), the earlier of:

    * the court records' pending court date: the date the newest adjournment went to,
      until an appearance on it is recorded - even once it has passed, so an appearance
      nobody recorded shows up instead of vanishing (one rule for the list, the
      calendar and the brief: :mod:`app.core.schedule.court_dates`);
    * the earliest event of kind court appearance on or after today (a month or year
      that holds today counts), as before the court records existed.
    """
    iso = iso_column(Event.date)
    scheduled = select(iso.label("day")).where(
        Event.case_id == Case.id,
        Event.kind == "court_appearance",
        or_(iso >= today, cast(literal(today), String).like(func.rtrim(iso, "~") + "%")),
    )
    adjourned = select(type_coerce(next_court_date_expression(), String).label("day"))
    either = union_all(scheduled.correlate(Case), adjourned).subquery("court_dates")
    return select(func.min(either.c.day)).scalar_subquery()


def _cases(_case_id: int | None, today: str) -> Select[Any]:
    return select(
        Case.id.label("id"),
        Case.caption.label("caption"),
        Case.docket_number.label("docket_number"),
        _client_name().label("client"),
        Case.status.label("status"),
        next_court_date(today).label("next_court_date"),
    )


def _parties(case_id: int | None, _today: str) -> Select[Any]:
    spoken = (
        select(func.count())
        .select_from(Statement)
        .where(Statement.speaker_id == Party.id)
        .scalar_subquery()
    )
    return (
        select(
            Party.id.label("id"),
            Person.name.label("name"),
            cast(Party.roles, String).label("roles"),
            Person.affiliation.label("affiliation"),
            Person.title.label("title"),
            spoken.label("statements"),
        )
        .join(Person, Party.person_id == Person.id)
        .where(Party.case_id == case_id)
    )


def _speaker_name() -> Any:
    """The statement's speaker, as a correlated subquery rather than a join: a query that
    needs only ids and dates (the ordered key list of a 50,000-row list) then reads only
    the ``(case_id, date)`` index, never the rows and their people."""
    return (
        select(Person.name)
        .join(Party, Party.person_id == Person.id)
        .where(Party.id == Statement.speaker_id)
        .scalar_subquery()
    )


def _statements(case_id: int | None, _today: str) -> Select[Any]:
    source = (
        select(Document.title).where(Document.id == Statement.source_document_id).scalar_subquery()
    )
    return select(
        Statement.id.label("id"),
        iso_column(Statement.date).label("date"),
        _speaker_name().label("speaker"),
        Statement.setting.label("setting"),
        excerpt(Statement.text).label("text"),
        func.coalesce(source, "").label("source"),
        Statement.pin_cite.label("pin_cite"),
    ).where(Statement.case_id == case_id)


def _charges(case_id: int | None, _today: str) -> Select[Any]:
    return select(
        Charge.id.label("id"),
        Charge.count_number.label("count_number"),
        Charge.statute.label("statute"),
        Charge.description.label("description"),
        Charge.offense_class.label("offense_class"),
        iso_column(Charge.offense_date).label("offense_date"),
        Charge.status.label("status"),
    ).where(Charge.case_id == case_id)


def _documents(case_id: int | None, _today: str) -> Select[Any]:
    return select(
        Document.id.label("id"),
        Document.title.label("title"),
        Document.kind.label("kind"),
        iso_column(Document.date).label("date"),
        func.coalesce(Document.file_name, "").label("file_name"),
        func.coalesce(Document.file_media_type, "").label("media_type"),
        Document.file_size.label("size"),
    ).where(Document.case_id == case_id)


def _chronology(
    case_id: int | None, _today: str, wanted: frozenset[str] | None = None
) -> Select[Any]:
    """Events, dated statements, court appearances and filings in one list; ``record``
    says which table a row is from (``event``, ``statement``, ``appearance``, ``filing``).

    ``wanted`` names the columns a query needs (the ordered key list needs only the key
    and the sort columns); the others are NULL, because SQLite computes every column of
    a UNION subquery, and the statements' ``what`` reads each statement's text."""

    def keep(columns: dict[str, Any]) -> list[Any]:
        return [
            (expr if wanted is None or name in wanted else literal_column("NULL")).label(name)
            for name, expr in columns.items()
        ]

    events = select(
        *keep(
            {
                "record": literal_column("'event'"),
                "id": Event.id,
                "date": iso_column(Event.date),
                "time": func.coalesce(Event.time, ""),
                "kind": Event.kind,
                "what": Event.title,
                "where": Event.place,
            }
        )
    ).where(Event.case_id == case_id)
    statements = select(
        *keep(
            {
                "record": literal_column("'statement'"),
                "id": Statement.id,
                "date": iso_column(Statement.date),
                "time": literal_column("''"),
                "kind": literal_column("'statement'"),
                "what": _speaker_name() + ": " + excerpt(Statement.text),
                "where": Statement.recipient_text,
            }
        )
    ).where(Statement.case_id == case_id, Statement.date.is_not(None))
    appearances = select(
        *keep(
            {
                "record": literal_column("'appearance'"),
                "id": Appearance.id,
                "date": iso_column(Appearance.date),
                "time": func.coalesce(Appearance.time, ""),
                "kind": literal_column("'appearance'"),
                "what": _labelled(Appearance.purpose, vocab.APPEARANCE_PURPOSES)
                + case(
                    (
                        Appearance.adjourned_to.is_not(None),
                        " \u2014 Adjourned to " + spelled_day(iso_column(Appearance.adjourned_to)),
                    ),
                    else_="",
                ),
                "where": _joined(
                    case((Appearance.part != "", "Part " + Appearance.part), else_=""),
                    Appearance.judge,
                ),
            }
        )
    ).where(Appearance.case_id == case_id)
    filings = select(
        *keep(
            {
                "record": literal_column("'filing'"),
                "id": Filing.id,
                "date": iso_column(Filing.date),
                "time": literal_column("''"),
                "kind": literal_column("'filing'"),
                "what": _labelled(Filing.kind, vocab.FILING_KINDS)
                + case((Filing.with_coc, " with a certificate of compliance"), else_="")
                + case((Filing.title != "", ": " + Filing.title), else_=""),
                "where": literal_column("''"),
            }
        )
    ).where(Filing.case_id == case_id)
    union = union_all(events, statements, appearances, filings).subquery("chronology")
    return select(*union.c)


def _labelled(column: Any, vocabulary: Mapping[str, str]) -> ColumnElement[str]:
    """The label of the code in ``column`` (the code itself if it is not in the vocabulary)."""
    return case(dict(vocabulary), value=column, else_=column)


def _joined(first: Any, second: Any) -> ColumnElement[str]:
    """Two texts joined by a comma, either left out when empty."""
    return case(
        (first == "", second),
        (second == "", first),
        else_=first + ", " + second,
    )


_MONTHS = dict(zip((f"{n:02d}" for n in range(1, 13)), calendar.month_name[1:], strict=True))


def spelled_day(iso: Any) -> ColumnElement[str]:
    """A full ISO day (2026-03-30) as a person reads it (March 30, 2026), in SQL."""
    day = cast(cast(func.substr(iso, 9, 2), Integer), String)
    return (
        case(_MONTHS, value=func.substr(iso, 6, 2), else_="")
        + " "
        + day
        + ", "
        + func.substr(iso, 1, 4)
    )


def _issues(case_id: int | None, _today: str) -> Select[Any]:
    def linked(table: Any) -> Any:
        return (
            select(func.count())
            .select_from(table)
            .where(table.c.issue_id == Issue.id)
            .scalar_subquery()
        )

    return select(
        Issue.id.label("id"),
        Issue.title.label("title"),
        Issue.status.label("status"),
        linked(statement_issues).label("statements"),
        linked(event_issues).label("events"),
        linked(document_issues).label("documents"),
    ).where(Issue.case_id == case_id)


def _notes(case_id: int | None, _today: str) -> Select[Any]:
    todo = case(
        (and_(Note.is_todo, Note.done), "done"),
        (Note.is_todo, "todo"),
        else_="",
    )
    return select(
        Note.id.label("id"),
        excerpt(Note.body).label("body"),
        todo.label("todo"),
        Note.staff_only.label("staff_only"),
        Note.updated_at.label("updated_at"),
    ).where(Note.case_id == case_id)


def _court(case_id: int | None, _today: str) -> Select[Any]:
    """A case's court appearances: the court dates and the 30.30 ledger's entries."""
    # Whether the People answered ready, with the days they asked for when not: after
    # readiness those days, not the adjournment's, are what the clock charges.
    days = Appearance.people_asked_days
    asked = case(
        (days.is_(None), ""),
        (days == 1, ", asked 1 day"),
        else_=", asked " + cast(days, String) + " days",
    )
    ready = case(
        (Appearance.people_ready.is_(True), "Ready"),
        (Appearance.people_ready.is_(False), "Not ready" + asked),
        else_="",
    )
    arguable = case((Appearance.arguable.is_(True), ":arguable"), else_="")
    return select(
        Appearance.id.label("id"),
        iso_column(Appearance.date).label("date"),
        func.coalesce(Appearance.time, "").label("at"),
        Appearance.purpose.label("purpose"),
        Appearance.part.label("part"),
        Appearance.judge.label("judge"),
        iso_column(Appearance.adjourned_to).label("adjourned_to"),
        func.coalesce(Appearance.requested_by, "").label("requested_by"),
        ready.label("ready"),
        func.coalesce(Appearance.excludable + arguable, "").label("excludable"),
    ).where(Appearance.case_id == case_id)


def _filings(case_id: int | None, _today: str) -> Select[Any]:
    return select(
        Filing.id.label("id"),
        iso_column(Filing.date).label("date"),
        Filing.kind.label("kind"),
        Filing.with_coc.label("with_coc"),
        Filing.title.label("title"),
    ).where(Filing.case_id == case_id)


def _deadlines(case_id: int | None, today: str) -> Select[Any]:
    state = case(
        (Deadline.met_on.is_not(None), "met"),
        (iso_column(Deadline.date) < today, "overdue"),
        else_="due",
    )
    return select(
        Deadline.id.label("id"),
        iso_column(Deadline.date).label("date"),
        func.coalesce(Deadline.time, "").label("at"),
        Deadline.title.label("title"),
        Deadline.kind.label("kind"),
        state.label("state"),
        iso_column(Deadline.met_on).label("met_on"),
    ).where(Deadline.case_id == case_id)


_BUILDS: dict[str, Callable[..., Select[Any]]] = {
    "cases": _cases,
    "people": _parties,
    "statements": _statements,
    "charges": _charges,
    "documents": _documents,
    "chronology": _chronology,
    "issues": _issues,
    "notes": _notes,
    "court": _court,
    "filings": _filings,
    "deadlines": _deadlines,
}
NARROWING = frozenset({"chronology"})


def _spec(layout: ListLayout) -> ListSpec:
    shape = {f.name: getattr(layout, f.name) for f in fields(ListLayout)}
    return ListSpec(**shape, build=_BUILDS[layout.name], narrows=layout.name in NARROWING)


SPECS: dict[str, ListSpec] = {name: _spec(layout) for name, layout in LAYOUTS.items()}

# What the lists look like lives in app/core/lists/columns.py; callers reach it here too.
__all__ = [
    "CHRONOLOGY_KINDS",
    "EXCERPT",
    "SPECS",
    "TODO_LABELS",
    "Column",
    "ColumnKind",
    "ListLayout",
    "ListName",
    "ListQuery",
    "ListSpec",
    "excerpt",
    "iso_column",
    "next_court_date",
]
