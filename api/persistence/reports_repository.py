"""The reads behind the reports: plain rows (tuples), never ORM objects, because a national
coverage report reads every school of the register and every membership of a year."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import NamedTuple, TypeVarTuple

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, aliased

from api.domain.claims import ClaimStatus
from api.domain.reports import grants as grants_rules
from api.domain.reports.coverage import RegisteredSchool
from api.domain.statements import Month, StatementStatus
from api.persistence.models import (
    AcademicYearRow,
    Application,
    AuditEvent,
    GrantClaim,
    GrantEntitlement,
    GrantStatement,
    GrantStatementLine,
    Hub,
    HubLocalAuthority,
    LocalAuthority,
    Participation,
    Person,
    Programme,
    School,
    SessionAttendance,
    WorkGroup,
    WorkGroupSchool,
    WorkGroupSession,
)


def register(session: Session) -> list[tuple[RegisteredSchool, str | None, str | None]]:
    """Every school of the register, with its authority and the hub whose area that is. Core
    rows fetched at once, not the ORM's one by one: 24,000 of them."""
    query = select(
        School.urn,
        School.type_group,
        School.type_of_establishment,
        School.status,
        func.coalesce(School.country, ""),
        School.phase_of_education,
        School.statutory_low_age,
        School.statutory_high_age,
        School.open_date,
        School.close_date,
        School.created_at,
        School.la_code,
        HubLocalAuthority.hub_id,
    ).outerjoin(HubLocalAuthority, HubLocalAuthority.la_code == School.la_code)
    return [
        (
            RegisteredSchool(
                urn, group, kind, status, country, phase, low, high, opened, closed, registered
            ),
            la_code,
            hub_id,
        )
        for (
            urn, group, kind, status, country, phase, low, high, opened, closed, registered,
            la_code, hub_id,
        ) in session.connection().execute(query).all()
    ]  # fmt: skip


def register_fingerprint(session: Session) -> tuple[object, ...]:
    """What changes whenever the register or a hub's area does: schools are inserted and
    updated (never deleted) with a new updated_at, and an area is a hundred and fifty rows."""
    schools = session.connection().execute(select(func.count(), func.max(School.updated_at))).one()
    areas = session.connection().execute(
        select(HubLocalAuthority.la_code, HubLocalAuthority.hub_id).order_by(
            HubLocalAuthority.la_code
        )
    )
    return (schools[0], schools[1], tuple(tuple(row) for row in areas.all()))


def school_import_times(session: Session) -> list[datetime]:
    """When each GIAS import ran (the audit log records every one)."""
    query = select(AuditEvent.at).where(
        AuditEvent.resource_type == "school_import", AuditEvent.action == "import"
    )
    return list(session.scalars(query))


def memberships_of_year(session: Session, academic_year_id: str) -> list[tuple[str, datetime]]:
    """(URN, added at) of every member school of the year's Work Groups, every hub's."""
    query = (
        select(WorkGroupSchool.school_urn, WorkGroupSchool.added_at)
        .join(WorkGroup, WorkGroup.id == WorkGroupSchool.work_group_id)
        .where(WorkGroup.academic_year_id == academic_year_id)
    )
    return [(urn, added_at) for urn, added_at in session.connection().execute(query).all()]


class ParticipationRow(NamedTuple):  # a tuple: a national report reads thousands
    urn: str
    programme_type: str
    academic_year_id: str
    outcome: str
    hub_id: str
    created_at: datetime


def school_participations(
    session: Session,
    *,
    academic_year_ids: Collection[str] | None = None,
    programme_types: Collection[str] | None = None,
    completed_unless_in: str | None = None,
) -> list[ParticipationRow]:
    """Schools' participations (not people's), in these years and of these kinds if given;
    with `completed_unless_in`, only those completed and those of that year (the others could
    make no school engaged, and a national report would read them all for nothing)."""
    query = select(
        Participation.school_urn,
        Participation.programme_type,
        Participation.academic_year_id,
        Participation.outcome,
        Participation.hub_id,
        Participation.created_at,
    ).where(Participation.school_urn.is_not(None))
    if academic_year_ids is not None:
        query = query.where(Participation.academic_year_id.in_(academic_year_ids))
    if programme_types is not None:
        query = query.where(Participation.programme_type.in_(programme_types))
    if completed_unless_in is not None:
        query = query.where(
            or_(
                Participation.outcome == "completed",
                Participation.academic_year_id == completed_unless_in,
            )
        )
    return [
        ParticipationRow(urn, kind, year, outcome, hub, created_at)
        for urn, kind, year, outcome, hub, created_at in session.connection().execute(query).all()
        if urn is not None
    ]


@dataclass(frozen=True)
class CompletedMembership:
    urn: str
    programme_type: str | None  # never None here: the query asks for given kinds
    academic_year_id: str
    hub_id: str
    completed_on: date | None  # never None here: the query asks for completed groups
    added_at: datetime


def completed_memberships(
    session: Session, programme_types: Collection[str]
) -> list[CompletedMembership]:
    """Member schools of completed Work Groups of programmes of these kinds."""
    query = (
        select(
            WorkGroupSchool.school_urn,
            Programme.programme_type,
            WorkGroup.academic_year_id,
            WorkGroup.hub_id,
            WorkGroup.completed_on,
            WorkGroupSchool.added_at,
        )
        .join(WorkGroup, WorkGroup.id == WorkGroupSchool.work_group_id)
        .join(Programme, Programme.id == WorkGroup.programme_id)
        .where(WorkGroup.completed_on.is_not(None), Programme.programme_type.in_(programme_types))
    )
    return [CompletedMembership(*row) for row in session.execute(query)]


def hub_names(session: Session) -> dict[str, str]:
    return dict(session.execute(select(Hub.id, Hub.name)).all())


def hub_exists(session: Session, hub_id: str) -> bool:
    return session.scalar(select(Hub.id).where(Hub.id == hub_id)) is not None


def local_authority_names(session: Session) -> dict[str, str]:
    return dict(session.execute(select(LocalAuthority.code, LocalAuthority.name)).all())


def academic_year_ids(session: Session) -> list[str]:
    return list(session.scalars(select(AcademicYearRow.id)))


# Recruitment


def programme(session: Session, programme_id: int) -> Programme | None:
    return session.get(Programme, programme_id)


def submission_times(session: Session, programme_id: int) -> list[datetime]:
    """When each expression of interest for the programme was submitted (drafts never were)."""
    query = select(Application.submitted_at).where(
        Application.programme_id == programme_id, Application.submitted_at.is_not(None)
    )
    return [at for at in session.scalars(query) if at is not None]


def statuses(session: Session, programme_id: int) -> list[str]:
    return list(
        session.scalars(select(Application.status).where(Application.programme_id == programme_id))
    )


# Attendance


@dataclass(frozen=True)
class GroupRow:
    id: int
    name: str
    hub_id: str
    academic_year_id: str
    programme_id: int
    programme_title: str
    programme_type: str | None


def work_groups(
    session: Session,
    *,
    hub_id: str | None,
    academic_year_id: str | None,
    programme_id: int | None,
    work_group_id: int | None,
) -> list[GroupRow]:
    query = (
        select(
            WorkGroup.id,
            WorkGroup.name,
            WorkGroup.hub_id,
            WorkGroup.academic_year_id,
            WorkGroup.programme_id,
            Programme.title,
            Programme.programme_type,
        )
        .join(Programme, Programme.id == WorkGroup.programme_id)
        .order_by(WorkGroup.hub_id, WorkGroup.name, WorkGroup.id)
    )
    if hub_id is not None:
        query = query.where(WorkGroup.hub_id == hub_id)
    if academic_year_id is not None:
        query = query.where(WorkGroup.academic_year_id == academic_year_id)
    if programme_id is not None:
        query = query.where(WorkGroup.programme_id == programme_id)
    if work_group_id is not None:
        query = query.where(WorkGroup.id == work_group_id)
    return [GroupRow(*row) for row in session.execute(query)]


@dataclass(frozen=True)
class SessionRow:
    id: int
    work_group_id: int
    number: int
    on: date
    start_time: time
    end_time: time


def sessions_held(session: Session, group_ids: Sequence[int]) -> list[SessionRow]:
    """The groups' sessions not cancelled, in order."""
    query = (
        select(
            WorkGroupSession.id,
            WorkGroupSession.work_group_id,
            WorkGroupSession.number,
            WorkGroupSession.on,
            WorkGroupSession.start_time,
            WorkGroupSession.end_time,
        )
        .where(
            WorkGroupSession.work_group_id.in_(group_ids),
            WorkGroupSession.status == "scheduled",
        )
        .order_by(WorkGroupSession.work_group_id, WorkGroupSession.number)
    )
    return [SessionRow(*row) for row in session.execute(query)]


def marks(session: Session, session_ids: Sequence[int]) -> list[tuple[int, str, str | None]]:
    """(session id, status, the person's school) of every mark in these sessions' registers."""
    query = (
        select(SessionAttendance.session_id, SessionAttendance.status, Person.school_urn)
        .join(Person, Person.id == SessionAttendance.person_id)
        .where(SessionAttendance.session_id.in_(session_ids))
    )
    return [(sid, status, urn) for sid, status, urn in session.execute(query)]


def members(session: Session, group_ids: Sequence[int]) -> list[tuple[int, str, str]]:
    """(group id, URN, school name) of every member school of these groups."""
    query = (
        select(WorkGroupSchool.work_group_id, WorkGroupSchool.school_urn, School.name)
        .join(School, School.urn == WorkGroupSchool.school_urn)
        .where(WorkGroupSchool.work_group_id.in_(group_ids))
        .order_by(WorkGroupSchool.work_group_id, School.name, School.urn)
    )
    return [(gid, urn, name) for gid, urn, name in session.execute(query)]


# Grants


_Row = TypeVarTuple("_Row")


@dataclass(frozen=True)
class GrantFilters:
    hub_id: str | None = None  # None: every hub
    academic_year_id: str | None = None
    programme_id: int | None = None


def _grants_where(
    query: Select[*_Row], model: type[GrantEntitlement] | type[GrantClaim], f: GrantFilters
) -> Select[*_Row]:
    """The filters asked for, on entitlements or on claims (each has its hub and programme)."""
    if f.hub_id is not None:
        query = query.where(model.hub_id == f.hub_id)
    if f.programme_id is not None:
        query = query.where(model.programme_id == f.programme_id)
    if f.academic_year_id is not None:
        query = query.join(Programme, Programme.id == model.programme_id).where(
            Programme.academic_year_id == f.academic_year_id
        )
    return query


def grant_entitlements(session: Session, filters: GrantFilters) -> list[grants_rules.Entitlement]:
    query = select(
        GrantEntitlement.hub_id,
        GrantEntitlement.programme_id,
        GrantEntitlement.amount_pence,
        GrantEntitlement.created_at,
    )
    rows = session.execute(_grants_where(query, GrantEntitlement, filters))
    return [grants_rules.Entitlement(*row) for row in rows]


def grant_claims(session: Session, filters: GrantFilters) -> list[grants_rules.Claim]:
    """Every claim, with the month and status of the statements its payment and clawback
    lines are on (a claim is paid once and clawed back once: one line of each kind at most)."""
    payment, paid_by = aliased(GrantStatementLine), aliased(GrantStatement)
    clawback, recovered_by = aliased(GrantStatementLine), aliased(GrantStatement)
    query = (
        select(
            GrantClaim.hub_id,
            GrantClaim.programme_id,
            GrantClaim.status,
            GrantClaim.amount_pence,
            GrantClaim.submitted_at,
            paid_by.month,
            paid_by.status,
            recovered_by.month,
            recovered_by.status,
        )
        .outerjoin(payment, (payment.claim_id == GrantClaim.id) & (payment.kind == "payment"))
        .outerjoin(paid_by, paid_by.id == payment.statement_id)
        .outerjoin(clawback, (clawback.claim_id == GrantClaim.id) & (clawback.kind == "clawback"))
        .outerjoin(recovered_by, recovered_by.id == clawback.statement_id)
    )
    rows = session.execute(_grants_where(query, GrantClaim, filters))
    return [
        grants_rules.Claim(
            hub_id, programme_id, ClaimStatus(status), pence, submitted_at,
            _placed(paid_month, paid_status), _placed(back_month, back_status),
        )
        for (
            hub_id, programme_id, status, pence, submitted_at,
            paid_month, paid_status, back_month, back_status,
        ) in rows
    ]  # fmt: skip


def _placed(month: str | None, status: str | None) -> grants_rules.Placed | None:
    if month is None or status is None:
        return None
    return grants_rules.Placed(Month.parse(month), StatementStatus(status))


class ProgrammeRow(NamedTuple):
    id: int
    title: str
    code: str | None
    academic_year_id: str


def programmes(session: Session, programme_ids: Collection[int]) -> dict[int, ProgrammeRow]:
    if not programme_ids:
        return {}
    query = select(Programme.id, Programme.title, Programme.code, Programme.academic_year_id).where(
        Programme.id.in_(programme_ids)
    )
    return {row[0]: ProgrammeRow(*row) for row in session.execute(query)}
