"""All queries on applications and their signatories."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.persistence.models import (
    Application,
    Hub,
    Person,
    Programme,
    School,
    Signatory,
    UserAccount,
    WorkGroup,
    WorkGroupSchool,
    WorkGroupSession,
)


@dataclass(frozen=True)
class ApplicationFilters:
    programme_id: int | None = None
    status: str | None = None
    local_authority: str | None = None
    hub_id: str | None = None  # None: every hub
    school_urn: str | None = None


def get(session: Session, application_id: int) -> Application | None:
    return session.get(Application, application_id)


def lock_programme(session: Session, programme_id: int) -> Programme | None:
    """The programme row, locked until the transaction ends: selections queue behind it, so
    counting places and taking one cannot interleave (PostgreSQL; SQLite writes one at a time)."""
    return session.scalars(
        select(Programme)
        .where(Programme.id == programme_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).first()


def count_with_status(session: Session, programme_id: int, statuses: Sequence[str]) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(Application)
            .where(Application.programme_id == programme_id, Application.status.in_(statuses))
        )
        or 0
    )


def of_programme(session: Session, programme_id: int, statuses: Sequence[str]) -> list[Application]:
    return list(
        session.scalars(
            select(Application).where(
                Application.programme_id == programme_id, Application.status.in_(statuses)
            )
        )
    )


def list_applications(
    session: Session, filters: ApplicationFilters, *, after: int | None, limit: int | None
) -> list[Application]:
    query = select(Application).order_by(Application.id)
    if limit is not None:
        query = query.limit(limit)
    if after is not None:
        query = query.where(Application.id > after)
    for column, value in (
        (Application.programme_id, filters.programme_id),
        (Application.status, filters.status),
        (Application.hub_id, filters.hub_id),
        (Application.school_urn, filters.school_urn),
    ):
        if value is not None:
            query = query.where(column == value)
    if filters.local_authority is not None:
        query = query.join(School, School.urn == Application.school_urn).where(
            School.la_code == filters.local_authority
        )
    return list(session.scalars(query))


def signatories(session: Session, application_id: int) -> list[Signatory]:
    return list(
        session.scalars(
            select(Signatory)
            .where(Signatory.application_id == application_id)
            .order_by(Signatory.id)
        )
    )


def signatory_by_token_hash(session: Session, token_hash: str) -> Signatory | None:
    return session.scalars(select(Signatory).where(Signatory.token_hash == token_hash)).first()


def school_contacts(session: Session, urn: str) -> list[UserAccount]:
    return list(
        session.scalars(
            select(UserAccount).where(
                UserAccount.school_urn == urn,
                UserAccount.role == "school_contact",
                UserAccount.active.is_(True),
            )
        )
    )


def hub_admins(session: Session, hub_id: str) -> list[UserAccount]:
    return list(
        session.scalars(
            select(UserAccount).where(
                UserAccount.hub_id == hub_id,
                UserAccount.role == "hub_admin",
                UserAccount.active.is_(True),
            )
        )
    )


def add(session: Session, row: object) -> None:
    session.add(row)
    session.flush()


def delete(session: Session, row: object) -> None:
    session.delete(row)
    session.flush()


def of_school(session: Session, urn: str) -> list[Application]:
    """The school's applications, newest first."""
    return list(
        session.scalars(
            select(Application)
            .where(Application.school_urn == urn)
            .order_by(Application.created_at.desc(), Application.id.desc())
        )
    )


def programmes_of_hub(
    session: Session, hub_id: str | None, academic_year_id: str | None
) -> list[Programme]:
    """Programmes of a hub (None: every hub), newest year first."""
    query = select(Programme).order_by(Programme.academic_year_id.desc(), Programme.id)
    if hub_id is not None:
        query = query.where(Programme.hub_id == hub_id)
    if academic_year_id is not None:
        query = query.where(Programme.academic_year_id == academic_year_id)
    return list(session.scalars(query))


def programmes(session: Session, ids: Sequence[int]) -> dict[int, Programme]:
    return {p.id: p for p in session.scalars(select(Programme).where(Programme.id.in_(ids)))}


def hub_name(session: Session, hub_id: str) -> str | None:
    return session.scalar(select(Hub.name).where(Hub.id == hub_id))


def counts_by_status(session: Session, programme_ids: Sequence[int]) -> dict[int, dict[str, int]]:
    """For each programme, how many applications have each status."""
    found: dict[int, dict[str, int]] = {pid: {} for pid in programme_ids}
    rows = session.execute(
        select(Application.programme_id, Application.status, func.count())
        .where(Application.programme_id.in_(programme_ids))
        .group_by(Application.programme_id, Application.status)
    )
    for programme_id, status, count in rows:
        found[programme_id][status] = count
    return found


# The Work Groups a school is in (read only: api.services.work_groups forms and changes them)


def groups_of_school(
    session: Session, urn: str, *, programme_id: int | None = None, current_only: bool = False
) -> list[WorkGroup]:
    query = (
        select(WorkGroup)
        .join(WorkGroupSchool, WorkGroupSchool.work_group_id == WorkGroup.id)
        .where(WorkGroupSchool.school_urn == urn)
        .order_by(WorkGroup.academic_year_id.desc(), WorkGroup.id)
    )
    if programme_id is not None:
        query = query.where(WorkGroup.programme_id == programme_id)
    if current_only:
        query = query.where(WorkGroup.completed_on.is_(None))
    return list(session.scalars(query))


def group_sessions(session: Session, work_group_id: int) -> list[WorkGroupSession]:
    return list(
        session.scalars(
            select(WorkGroupSession)
            .where(WorkGroupSession.work_group_id == work_group_id)
            .order_by(WorkGroupSession.starts_at, WorkGroupSession.number)
        )
    )


def person_name(session: Session, person_id: int) -> str | None:
    return session.scalar(select(Person.name).where(Person.id == person_id))


def school_names(session: Session, urns: set[str]) -> dict[str, str]:
    rows = session.execute(select(School.urn, School.name).where(School.urn.in_(urns)))
    return {row.urn: row.name for row in rows}
