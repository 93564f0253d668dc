"""All queries on schools, local authorities, people and participations."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, String, case, cast, delete, func, literal, or_, select, tuple_
from sqlalchemy.orm import Session

from api.persistence.models import (
    HubLocalAuthority,
    LocalAuthority,
    Participation,
    Person,
    School,
)


@dataclass(frozen=True)
class SchoolFilters:
    q: str | None = None  # name, URN or postcode
    town: str | None = None
    la: str | None = None  # code or name
    phase: str | None = None
    state_funded: bool | None = None
    status: str | None = None
    hub: str | None = None


def _like(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@dataclass(frozen=True)
class FoundSchool:
    school: School
    hub_id: str | None
    local_authority: LocalAuthority | None
    rank: int  # with a search: 0 an exact match, 1 one that starts so, 2 any other


EXACT, PREFIX, ANYWHERE = 0, 1, 2


def _prefix(text: str) -> str:
    """LIKE's pattern for what starts with `text`, as written (case and all)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def search_schools(
    session: Session, filters: SchoolFilters, *, after: tuple[Any, ...] | None, limit: int
) -> list[FoundSchool]:
    """Schools with their hub and local authority, in one query. Without a search text, by
    name then URN; with one, exact matches (name, URN, postcode) first, then names or towns
    that start with it, then the rest, each by name then URN (the cursor holds the rank).

    The search text matches any part of a name or town and the start of a postcode, with or
    without its space: on PostgreSQL through trigram indexes (migration issue15search01)."""
    text = (filters.q or "").strip()
    name, town = func.lower(School.name), func.lower(School.town)
    postcode = func.replace(func.upper(School.postcode), " ", "")
    compact = text.replace(" ", "").upper()
    needle = text.lower()
    rank = case(
        (or_(name == needle, School.urn == text, postcode == compact), EXACT),
        (
            or_(
                name.like(_prefix(needle), escape="\\"),
                town.like(_prefix(needle), escape="\\"),
                postcode.like(_prefix(compact), escape="\\"),
            ),
            PREFIX,
        ),
        else_=ANYWHERE,
    )
    query = _filtered(
        select(School, HubLocalAuthority.hub_id, LocalAuthority, rank if text else literal(0))
        .outerjoin(HubLocalAuthority, HubLocalAuthority.la_code == School.la_code)
        .outerjoin(LocalAuthority, LocalAuthority.code == School.la_code)
        .limit(limit),
        filters,
    )
    if text:
        query = query.where(
            or_(
                name.like(_like(needle), escape="\\"),
                town.like(_like(needle), escape="\\"),
                School.urn == text,
                postcode.like(_prefix(compact), escape="\\"),
            )
        ).order_by(rank, School.name, School.urn)
        if after is not None:
            query = query.where(tuple_(rank, School.name, School.urn) > after)
    else:
        query = query.order_by(School.name, School.urn)
        if after is not None:
            query = query.where(tuple_(School.name, School.urn) > after)
    return [FoundSchool(*row) for row in session.execute(query).all()]


def _filtered(
    query: Select[School, str, LocalAuthority, int], filters: SchoolFilters
) -> Select[School, str, LocalAuthority, int]:
    if filters.town:
        query = query.where(func.lower(School.town) == filters.town.strip().lower())
    if filters.la:
        la = filters.la.strip()
        names = select(LocalAuthority.code).where(func.lower(LocalAuthority.name) == la.lower())
        query = query.where(or_(School.la_code == la, School.la_code.in_(names)))
    if filters.phase:
        query = query.where(func.lower(School.phase_of_education) == filters.phase.lower())
    if filters.state_funded is not None:
        query = query.where(School.state_funded.is_(filters.state_funded))
    if filters.status:
        query = query.where(func.lower(School.status) == filters.status.lower())
    if filters.hub:
        query = query.where(HubLocalAuthority.hub_id == filters.hub)
    return query


def school_in_full(session: Session, urn: str) -> FoundSchool | None:
    """One school with its hub and local authority, in one query."""
    row = session.execute(
        select(School, HubLocalAuthority.hub_id, LocalAuthority, literal(EXACT))
        .outerjoin(HubLocalAuthority, HubLocalAuthority.la_code == School.la_code)
        .outerjoin(LocalAuthority, LocalAuthority.code == School.la_code)
        .where(School.urn == urn)
    ).first()
    return FoundSchool(*row) if row else None


def get_school(session: Session, urn: str) -> tuple[School, str | None] | None:
    row = session.execute(
        select(School, HubLocalAuthority.hub_id)
        .outerjoin(HubLocalAuthority, HubLocalAuthority.la_code == School.la_code)
        .where(School.urn == urn)
    ).first()
    return (row[0], row[1]) if row else None


def local_authority(session: Session, code: str | None) -> LocalAuthority | None:
    return session.get(LocalAuthority, code) if code else None


def hub_local_authorities(session: Session, hub_id: str) -> list[LocalAuthority]:
    return list(
        session.scalars(
            select(LocalAuthority)
            .join(HubLocalAuthority, HubLocalAuthority.la_code == LocalAuthority.code)
            .where(HubLocalAuthority.hub_id == hub_id)
            .order_by(LocalAuthority.name)
        )
    )


def known_local_authorities(session: Session, codes: Sequence[str]) -> set[str]:
    return set(session.scalars(select(LocalAuthority.code).where(LocalAuthority.code.in_(codes))))


def covering_hubs(session: Session, codes: Sequence[str]) -> dict[str, str]:
    rows = session.execute(
        select(HubLocalAuthority.la_code, HubLocalAuthority.hub_id).where(
            HubLocalAuthority.la_code.in_(codes)
        )
    )
    return dict(rows.all())


def set_hub_local_authorities(session: Session, hub_id: str, codes: Sequence[str]) -> None:
    session.execute(delete(HubLocalAuthority).where(HubLocalAuthority.hub_id == hub_id))
    session.add_all(HubLocalAuthority(la_code=code, hub_id=hub_id) for code in codes)
    session.flush()


def add_local_authority(session: Session, code: str, name: str) -> None:
    if session.get(LocalAuthority, code) is None:
        session.add(LocalAuthority(code=code, name=name))
        session.flush()


# People


def list_people(
    session: Session,
    *,
    hub_id: str | None,
    school_urn: str | None,
    q: str | None,
    role: str | None,
    after: int | None,
    limit: int,
) -> list[Person]:
    query = select(Person).order_by(Person.id).limit(limit)
    if after is not None:
        query = query.where(Person.id > after)
    if hub_id is not None:
        query = query.where(Person.hub_id == hub_id)
    if school_urn is not None:
        query = query.where(Person.school_urn == school_urn)
    if q:
        query = query.where(
            or_(
                func.lower(Person.name).like(_like(q), escape="\\"),
                Person.email == q.strip().lower(),
            )
        )
    if role is not None:
        # Roles are a short JSON list of known words; matching its text works on every database.
        query = query.where(cast(Person.roles, String).like(f'%"{role}"%'))
    return list(session.scalars(query))


def get_person(session: Session, person_id: int) -> Person | None:
    return session.get(Person, person_id)


def person_by_email(session: Session, email: str) -> Person | None:
    return session.scalars(select(Person).where(Person.email == email.lower())).first()


# Participations


@dataclass(frozen=True)
class ParticipationFilters:
    urn: str | None = None
    person_id: int | None = None
    programme_type: str | None = None
    academic_year: str | None = None
    hub: str | None = None


def list_participations(
    session: Session, filters: ParticipationFilters, *, after: int | None, limit: int
) -> list[Participation]:
    query = select(Participation).order_by(Participation.id).limit(limit)
    if after is not None:
        query = query.where(Participation.id > after)
    for column, value in (
        (Participation.school_urn, filters.urn),
        (Participation.person_id, filters.person_id),
        (Participation.programme_type, filters.programme_type),
        (Participation.academic_year_id, filters.academic_year),
        (Participation.hub_id, filters.hub),
    ):
        if value is not None:
            query = query.where(column == value)
    return list(session.scalars(query))


def participations_of(session: Session, subject: str) -> list[Participation]:
    return list(
        session.scalars(
            select(Participation)
            .where(Participation.subject == subject)
            .order_by(Participation.academic_year_id, Participation.id)
        )
    )


def find_participation(
    session: Session, *, subject: str, programme_type: str, academic_year_id: str
) -> Participation | None:
    return session.scalars(
        select(Participation).where(
            Participation.subject == subject,
            Participation.programme_type == programme_type,
            Participation.academic_year_id == academic_year_id,
        )
    ).first()


def add(session: Session, row: object) -> None:
    session.add(row)
    session.flush()
