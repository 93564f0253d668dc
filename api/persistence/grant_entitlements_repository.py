"""Queries on grant entitlements and the facts of a school's year they are decided from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from api.persistence.models import (
    GrantEntitlement,
    Person,
    Programme,
    SessionAttendance,
    WorkGroup,
    WorkGroupSchool,
    WorkGroupSession,
)


@dataclass(frozen=True)
class EntitlementScope:
    """Which entitlements a caller may see, with the filters they asked for."""

    hub_id: str | None = None
    school_urn: str | None = None
    programme_id: int | None = None
    academic_year: str | None = None


def add(session: Session, row: GrantEntitlement) -> None:
    session.add(row)
    session.flush()


def get(session: Session, entitlement_id: int) -> GrantEntitlement | None:
    return session.get(GrantEntitlement, entitlement_id)


def lock(session: Session, entitlement_id: int) -> GrantEntitlement | None:
    """The entitlement, its row locked on PostgreSQL until the transaction ends."""
    return session.scalars(
        select(GrantEntitlement).where(GrantEntitlement.id == entitlement_id).with_for_update()
    ).one_or_none()


def of_school_on_programme(
    session: Session, programme_id: int, school_urn: str
) -> list[GrantEntitlement]:
    return list(
        session.scalars(
            select(GrantEntitlement)
            .where(
                GrantEntitlement.programme_id == programme_id,
                GrantEntitlement.school_urn == school_urn,
            )
            .order_by(GrantEntitlement.grant_index)
        )
    )


def list_entitlements(
    session: Session, scope: EntitlementScope, *, after: int | None, limit: int
) -> list[GrantEntitlement]:
    query = select(GrantEntitlement).order_by(GrantEntitlement.id).limit(limit)
    if after is not None:
        query = query.where(GrantEntitlement.id > after)
    if scope.hub_id is not None:
        query = query.where(GrantEntitlement.hub_id == scope.hub_id)
    if scope.school_urn is not None:
        query = query.where(GrantEntitlement.school_urn == scope.school_urn)
    if scope.programme_id is not None:
        query = query.where(GrantEntitlement.programme_id == scope.programme_id)
    if scope.academic_year is not None:
        in_year = select(Programme.id).where(Programme.academic_year_id == scope.academic_year)
        query = query.where(GrantEntitlement.programme_id.in_(in_year))
    return list(session.scalars(query))


def programme(session: Session, programme_id: int) -> Programme | None:
    return session.get(Programme, programme_id)


def group_of_school(session: Session, programme_id: int, school_urn: str) -> WorkGroup | None:
    """The programme's Work Group the school is in (the first formed, if ever more than one)."""
    return session.scalars(
        select(WorkGroup)
        .join(WorkGroupSchool, WorkGroupSchool.work_group_id == WorkGroup.id)
        .where(WorkGroup.programme_id == programme_id, WorkGroupSchool.school_urn == school_urn)
        .order_by(WorkGroup.id)
        .limit(1)
    ).one_or_none()


def sessions_attended(session: Session, work_group_id: int, school_urn: str) -> int:
    """The group's sessions (not cancelled) at which someone of the school was present."""
    query = (
        select(func.count(distinct(WorkGroupSession.id)))
        .join(SessionAttendance, SessionAttendance.session_id == WorkGroupSession.id)
        .join(Person, Person.id == SessionAttendance.person_id)
        .where(
            WorkGroupSession.work_group_id == work_group_id,
            WorkGroupSession.status != "cancelled",
            SessionAttendance.status == "present",
            Person.school_urn == school_urn,
        )
    )
    return int(session.scalar(query) or 0)


def programmes(session: Session, ids: Sequence[int]) -> dict[int, Programme]:
    if not ids:
        return {}
    rows = session.scalars(select(Programme).where(Programme.id.in_(set(ids))))
    return {row.id: row for row in rows}
