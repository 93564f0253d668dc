"""All queries on applications and their signatories."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.persistence.models import Application, Programme, School, Signatory, UserAccount


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
