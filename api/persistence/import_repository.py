"""The bulk SQL of the CSV imports: a batch's existing rows in one query, then one executemany
per kind of write. Rows travel as tuples and dicts, never as ORM objects, so that 50,000 of them
never sit in the session's identity map. Inserts go through Core (the ORM's bulk insert splits a
batch into one statement per pattern of None values); updates by primary key through the ORM's
bulk UPDATE, a single executemany. A multi-row VALUES would be slower: compiling a statement of
20,000 parameters costs more than the round trips it saves."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import String, insert, select, text, update
from sqlalchemy.orm import Session

from api.persistence.base import Base
from api.persistence.models import Hub, LocalAuthority, Participation, Person, School

Values = Mapping[str, Any]

_SCHOOLS = Base.metadata.tables[School.__tablename__]
_LOCAL_AUTHORITIES = Base.metadata.tables[LocalAuthority.__tablename__]
_PARTICIPATIONS = Base.metadata.tables[Participation.__tablename__]


# pg_advisory_xact_lock(namespace, kind): one import of each kind at a time.
_LOCK_NAMESPACE = 5_020_624
_LOCKS = {"school_import": 1, "participation_import": 2}


def begin_bulk(session: Session, kind: Literal["school_import", "participation_import"]) -> None:
    """Ready this transaction for an import of `kind`; on PostgreSQL:

    - wait for any other import of that kind to end, so that two at once take turns (the second
      then finds the first's rows) instead of both inserting a school and one failing;
    - plan each batch's statements afresh. psycopg prepares a statement run five times, and
      PostgreSQL then switches to a generic plan, which for `urn IN (<1,000 parameters>)` tests
      each row against the values one by one where a plan for the values hashes them: at 50,000
      schools an import slowed from about 15 s to over 60 s.

    Both end with the transaction. SQLite lets one writer in at a time anyway."""
    if session.get_bind().dialect.name != "postgresql":
        return
    session.execute(
        text("SELECT pg_advisory_xact_lock(:namespace, :kind)"),
        {"namespace": _LOCK_NAMESPACE, "kind": _LOCKS[kind]},
    )
    session.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))


def text_limits(table: str) -> dict[str, int]:
    """The longest text each column of `table` holds, so that a row too long is rejected alone
    (PostgreSQL would otherwise fail the whole import on it)."""
    return {
        column.name: column.type.length
        for column in Base.metadata.tables[table].columns
        if isinstance(column.type, String) and column.type.length is not None
    }


# Schools


def schools_by_urn(
    session: Session, urns: Collection[str], fields: Sequence[str]
) -> dict[str, tuple[Any, ...]]:
    """The stored values of `fields`, in that order, of those of `urns` already registered."""
    columns = [_SCHOOLS.c[name] for name in fields]
    query = select(School.urn, *columns).where(School.urn.in_(urns))
    return {row[0]: tuple(row[1:]) for row in session.execute(query)}


def insert_schools(session: Session, rows: Sequence[Values]) -> None:
    if rows:
        session.execute(insert(_SCHOOLS), list(rows))


def update_schools(session: Session, rows: Sequence[Values]) -> None:
    """Each row names its school by `urn` (the primary key)."""
    if rows:
        session.execute(update(School), list(rows))


def local_authorities(session: Session) -> dict[str, str]:
    """Every authority, code to name: a hundred and fifty or so rows."""
    query = select(LocalAuthority.code, LocalAuthority.name)
    return dict(session.execute(query).all())


def insert_local_authorities(session: Session, rows: Sequence[Values]) -> None:
    if rows:
        session.execute(insert(_LOCAL_AUTHORITIES), list(rows))


def update_local_authorities(session: Session, rows: Sequence[Values]) -> None:
    if rows:
        session.execute(update(LocalAuthority), list(rows))


# Participations


def hub_ids(session: Session) -> set[str]:
    return set(session.scalars(select(Hub.id)))


def registered_urns(session: Session, urns: Collection[str]) -> set[str]:
    return set(session.scalars(select(School.urn).where(School.urn.in_(urns))))


def person_ids_by_email(session: Session, emails: Collection[str]) -> dict[str, int]:
    """Lower-cased email to person id; emails are stored lower-case."""
    query = select(Person.email, Person.id).where(Person.email.in_([e.lower() for e in emails]))
    return dict(session.execute(query).all())


@dataclass(frozen=True)
class StoredParticipation:
    id: int
    hub_id: str
    outcome: str


def participations_of(
    session: Session, subjects: Collection[str]
) -> dict[tuple[str, str, str], StoredParticipation]:
    """Keyed by (subject, programme type, academic year id), the unique key of the table."""
    query = select(
        Participation.subject,
        Participation.programme_type,
        Participation.academic_year_id,
        Participation.id,
        Participation.hub_id,
        Participation.outcome,
    ).where(Participation.subject.in_(subjects))
    return {
        (subject, kind, year): StoredParticipation(id_, hub_id, outcome)
        for subject, kind, year, id_, hub_id, outcome in session.execute(query)
    }


def insert_participations(session: Session, rows: Sequence[Values]) -> None:
    if rows:
        session.execute(insert(_PARTICIPATIONS), list(rows))


def update_participations(session: Session, rows: Sequence[Values]) -> None:
    """Each row names its participation by `id`."""
    if rows:
        session.execute(update(Participation), list(rows))
