"""All queries on hubs, academic years and programmes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from sqlalchemy import func, or_, select, tuple_
from sqlalchemy.orm import Session

from api.domain.academic_year import AcademicYear
from api.persistence.models import AcademicYearRow, Application, Hub, Programme


@dataclass(frozen=True)
class ProgrammeFilters:
    hub: str | None = None
    academic_year: str | None = None
    phase: str | None = None
    stage: str | None = None
    audience: str | None = None
    status: str | None = None
    q: str | None = None
    updated_since: datetime | None = None


def list_hubs(session: Session, *, after: str | None, limit: int) -> list[Hub]:
    query = select(Hub).order_by(Hub.id).limit(limit)
    if after is not None:
        query = query.where(Hub.id > after)
    return list(session.scalars(query))


def get_hub(session: Session, hub_id: str) -> Hub | None:
    return session.get(Hub, hub_id)


def list_academic_years(session: Session) -> list[AcademicYearRow]:
    return list(session.scalars(select(AcademicYearRow).order_by(AcademicYearRow.id.desc())))


def ensure_academic_year(session: Session, year: AcademicYear) -> AcademicYearRow:
    row = session.get(AcademicYearRow, year.slug)
    if row is None:
        row = AcademicYearRow(
            id=year.slug, label=year.label, starts_on=year.starts_on, ends_on=year.ends_on
        )
        session.add(row)
        session.flush()
    return row


@dataclass(frozen=True)
class Drafts:
    """Whose draft programmes a list may show: none, one hub's, or all."""

    all: bool = False
    hub_id: str | None = None

    NONE: ClassVar[Drafts]
    ALL: ClassVar[Drafts]

    @staticmethod
    def of_hub(hub_id: str) -> Drafts:
        return Drafts(hub_id=hub_id)


Drafts.NONE = Drafts()
Drafts.ALL = Drafts(all=True)


def list_programmes(
    session: Session,
    filters: ProgrammeFilters,
    *,
    drafts_of: Drafts,
    after: tuple[str, int] | None,
    limit: int,
) -> list[Programme]:
    """Newest academic year first, then newest programme first; `after` is the last row seen."""
    query = (
        select(Programme)
        .order_by(Programme.academic_year_id.desc(), Programme.id.desc())
        .limit(limit)
    )
    if after is not None:
        query = query.where(tuple_(Programme.academic_year_id, Programme.id) < after)
    if not drafts_of.all:
        published = Programme.status != "draft"
        query = query.where(
            or_(published, Programme.hub_id == drafts_of.hub_id) if drafts_of.hub_id else published
        )
    for column, value in (
        (Programme.hub_id, filters.hub),
        (Programme.academic_year_id, filters.academic_year),
        (Programme.phase, filters.phase),
        (Programme.stage, filters.stage),
        (Programme.audience, filters.audience),
        (Programme.status, filters.status),
    ):
        if value is not None:
            query = query.where(column == value)
    if filters.updated_since is not None:
        query = query.where(Programme.updated_at >= filters.updated_since)
    if filters.q:
        pattern = "%" + _escape_like(filters.q.lower()) + "%"
        query = query.where(
            or_(
                func.lower(Programme.title).like(pattern, escape="\\"),
                func.lower(Programme.summary).like(pattern, escape="\\"),
                func.lower(func.coalesce(Programme.code, "")).like(pattern, escape="\\"),
            )
        )
    return list(session.scalars(query))


def open_programmes(session: Session) -> list[Programme]:
    """Every programme open for applications now: a few hundred across the country at most."""
    return list(
        session.scalars(
            select(Programme).where(Programme.status == "open").order_by(Programme.closing_date)
        )
    )


def programmes_with_applications(session: Session) -> list[Programme]:
    """Programmes that have applications in review: the ones whose milestones matter."""
    in_review = select(Application.programme_id).where(
        Application.status.in_(("submitted", "shortlisted"))
    )
    return list(session.scalars(select(Programme).where(Programme.id.in_(in_review))))


def get_programme(session: Session, programme_id: int) -> Programme | None:
    return session.get(Programme, programme_id)


def find_programme(
    session: Session, *, hub_id: str, academic_year_id: str, title: str
) -> Programme | None:
    return session.scalars(
        select(Programme).where(
            Programme.hub_id == hub_id,
            Programme.academic_year_id == academic_year_id,
            Programme.title == title,
        )
    ).one_or_none()


def add(session: Session, row: Hub | Programme) -> None:
    session.add(row)
    session.flush()


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
