"""All queries on Work Groups, their members and sessions, the timetable and the data version."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import case, delete, exists, func, or_, select, tuple_, update
from sqlalchemy.orm import Session, lazyload, load_only

from api.persistence.data_version_watch import CHANNEL, payload
from api.persistence.models import (
    Application,
    CalendarFeed,
    DataVersion,
    Hub,
    HubTermDates,
    Person,
    Programme,
    School,
    SessionAttendance,
    UserAccount,
    WorkGroup,
    WorkGroupParticipant,
    WorkGroupSchool,
    WorkGroupSession,
)


@dataclass(frozen=True)
class WorkGroupFilters:
    hub: str | None = None
    academic_year: str | None = None
    programme: int | None = None
    lead_email: str | None = None  # a Mastery Specialist sees the groups they lead


def list_work_groups(
    session: Session, filters: WorkGroupFilters, *, after: int | None, limit: int
) -> list[WorkGroup]:
    query = select(WorkGroup).order_by(WorkGroup.id).limit(limit)
    if after is not None:
        query = query.where(WorkGroup.id > after)
    if filters.hub is not None:
        query = query.where(WorkGroup.hub_id == filters.hub)
    if filters.academic_year is not None:
        query = query.where(WorkGroup.academic_year_id == filters.academic_year)
    if filters.programme is not None:
        query = query.where(WorkGroup.programme_id == filters.programme)
    if filters.lead_email is not None:
        leads = select(Person.id).where(Person.email == filters.lead_email.lower())
        query = query.where(WorkGroup.lead_person_id.in_(leads))
    return list(session.scalars(query))


def groups_of_programme(session: Session, programme_id: int) -> list[WorkGroup]:
    return list(
        session.scalars(
            select(WorkGroup).where(WorkGroup.programme_id == programme_id).order_by(WorkGroup.id)
        )
    )


def get_work_group(session: Session, work_group_id: int) -> WorkGroup | None:
    return session.get(WorkGroup, work_group_id)


def user_email(session: Session, user_id: int) -> str | None:
    return session.scalar(select(UserAccount.email).where(UserAccount.id == user_id))


def member_urns(session: Session, work_group_id: int) -> list[str]:
    return list(
        session.scalars(
            select(WorkGroupSchool.school_urn)
            .where(WorkGroupSchool.work_group_id == work_group_id)
            .order_by(WorkGroupSchool.added_at, WorkGroupSchool.school_urn)
        )
    )


def participant_ids(session: Session, work_group_id: int) -> list[int]:
    return list(
        session.scalars(
            select(WorkGroupParticipant.person_id)
            .where(WorkGroupParticipant.work_group_id == work_group_id)
            .order_by(WorkGroupParticipant.person_id)
        )
    )


def member_schools(session: Session, work_group_id: int) -> list[School]:
    return members_of(session, [work_group_id])[work_group_id]


def participants(session: Session, work_group_id: int) -> list[Person]:
    return participants_of(session, [work_group_id])[work_group_id]


def members_of(session: Session, ids: Sequence[int]) -> dict[int, list[School]]:
    """Each group's member schools in the order they joined: one query for a page of groups."""
    found: dict[int, list[School]] = {group_id: [] for group_id in ids}
    rows = session.execute(
        select(WorkGroupSchool.work_group_id, School)
        .join(School, School.urn == WorkGroupSchool.school_urn)
        .where(WorkGroupSchool.work_group_id.in_(ids))
        .order_by(WorkGroupSchool.added_at, School.urn)
    )
    for group_id, school in rows:
        found[group_id].append(school)
    return found


def participants_of(session: Session, ids: Sequence[int]) -> dict[int, list[Person]]:
    found: dict[int, list[Person]] = {group_id: [] for group_id in ids}
    rows = session.execute(
        select(WorkGroupParticipant.work_group_id, Person)
        .join(Person, Person.id == WorkGroupParticipant.person_id)
        .where(WorkGroupParticipant.work_group_id.in_(ids))
        .order_by(Person.id)
    )
    for group_id, person in rows:
        found[group_id].append(person)
    return found


def school_names(session: Session, urns: set[str]) -> dict[str, str]:
    rows = session.execute(select(School.urn, School.name).where(School.urn.in_(urns)))
    return {row.urn: row.name for row in rows}


def successors_of(session: Session, ids: Sequence[int]) -> dict[int, list[int]]:
    """The groups that continue each group, next year."""
    found: dict[int, list[int]] = {group_id: [] for group_id in ids}
    rows = session.execute(
        select(WorkGroup.continues_from_id, WorkGroup.id)
        .where(WorkGroup.continues_from_id.in_(ids))
        .order_by(WorkGroup.id)
    )
    for group_id, successor in rows:
        if group_id is not None:
            found[group_id].append(successor)
    return found


def last_session_on(session: Session, work_group_id: int) -> date | None:
    """The date of the group's last session still on."""
    return session.scalar(
        select(func.max(WorkGroupSession.on)).where(
            WorkGroupSession.work_group_id == work_group_id,
            WorkGroupSession.status == "scheduled",
        )
    )


def get_member(session: Session, work_group_id: int, urn: str) -> WorkGroupSchool | None:
    return session.get(WorkGroupSchool, (work_group_id, urn))


def get_participant(
    session: Session, work_group_id: int, person_id: int
) -> WorkGroupParticipant | None:
    return session.get(WorkGroupParticipant, (work_group_id, person_id))


def has_selected_application(session: Session, programme_id: int, urn: str) -> bool:
    return bool(
        session.scalar(
            select(
                exists().where(
                    Application.programme_id == programme_id,
                    Application.school_urn == urn,
                    Application.status == "selected",
                )
            )
        )
    )


def lock_work_group(session: Session, work_group_id: int) -> WorkGroup | None:
    """The group, locked on PostgreSQL so that two additions cannot both pass the bounds."""
    return session.scalars(
        select(WorkGroup)
        .where(WorkGroup.id == work_group_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).first()


def add(session: Session, row: object) -> None:
    session.add(row)
    session.flush()


def remove_member(session: Session, work_group_id: int, urn: str) -> None:
    session.execute(
        delete(WorkGroupSchool).where(
            WorkGroupSchool.work_group_id == work_group_id, WorkGroupSchool.school_urn == urn
        )
    )
    session.flush()


def remove_participant(session: Session, work_group_id: int, person_id: int) -> None:
    session.execute(
        delete(WorkGroupParticipant).where(
            WorkGroupParticipant.work_group_id == work_group_id,
            WorkGroupParticipant.person_id == person_id,
        )
    )
    session.flush()


# Sessions


def sessions_of(session: Session, work_group_id: int) -> list[WorkGroupSession]:
    return list(
        session.scalars(
            select(WorkGroupSession)
            .where(WorkGroupSession.work_group_id == work_group_id)
            .order_by(WorkGroupSession.number)
        )
    )


def highest_number(session: Session, work_group_id: int) -> int:
    found = session.scalar(
        select(func.max(WorkGroupSession.number)).where(
            WorkGroupSession.work_group_id == work_group_id
        )
    )
    return int(found or 0)


def get_session(session: Session, session_id: int) -> WorkGroupSession | None:
    return session.get(WorkGroupSession, session_id)


# The timetable


@dataclass(frozen=True)
class TimetableFilters:
    hub: str | None = None
    academic_year: str | None = None
    work_group: int | None = None
    urn: str | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    kind: str | None = None
    updated_since: datetime | None = None
    # Private feeds only: the groups a person takes part in or leads.
    person_id: int | None = None


TimetableRow = tuple[WorkGroupSession, WorkGroup, Programme, Hub, School | None]


def timetable(
    session: Session,
    filters: TimetableFilters,
    *,
    after: tuple[datetime, int] | None,
    limit: int | None,
) -> list[TimetableRow]:
    """Published sessions (of programmes past draft) by start instant, then id."""
    query = (
        select(WorkGroupSession, WorkGroup, Programme, Hub, School)
        .join(WorkGroup, WorkGroup.id == WorkGroupSession.work_group_id)
        .join(Programme, Programme.id == WorkGroup.programme_id)
        .join(Hub, Hub.id == WorkGroup.hub_id)
        .outerjoin(School, School.urn == WorkGroupSession.host_school_urn)
        .where(Programme.status != "draft")
        .order_by(WorkGroupSession.starts_at, WorkGroupSession.id)
        # Only what an entry shows: not the programme's documents, nor its eager-loaded hub.
        .options(lazyload("*"), load_only(Programme.id, Programme.title, Programme.status))
    )
    if limit is not None:
        query = query.limit(limit)
    if after is not None:
        # A row comparison, which the (starts_at, id) index can seek to: page 500 costs page 1.
        query = query.where(tuple_(WorkGroupSession.starts_at, WorkGroupSession.id) > after)
    if filters.hub is not None:
        query = query.where(WorkGroup.hub_id == filters.hub)
    if filters.academic_year is not None:
        query = query.where(WorkGroup.academic_year_id == filters.academic_year)
    if filters.work_group is not None:
        query = query.where(WorkGroup.id == filters.work_group)
    if filters.urn is not None:
        members = select(WorkGroupSchool.work_group_id).where(
            WorkGroupSchool.school_urn == filters.urn
        )
        query = query.where(
            or_(
                WorkGroupSession.host_school_urn == filters.urn,
                WorkGroupSession.work_group_id.in_(members),
            )
        )
    if filters.person_id is not None:
        taking_part = select(WorkGroupParticipant.work_group_id).where(
            WorkGroupParticipant.person_id == filters.person_id
        )
        query = query.where(
            or_(
                WorkGroup.lead_person_id == filters.person_id,
                WorkGroupSession.work_group_id.in_(taking_part),
            )
        )
    if filters.starts_on is not None:
        query = query.where(WorkGroupSession.on >= filters.starts_on)
    if filters.ends_on is not None:
        query = query.where(WorkGroupSession.on <= filters.ends_on)
    if filters.kind is not None:
        query = query.where(WorkGroupSession.kind == filters.kind)
    if filters.updated_since is not None:
        query = query.where(WorkGroupSession.updated_at >= filters.updated_since)
    return [(s, g, p, h, school) for s, g, p, h, school in session.execute(query).all()]


# The data version


def data_version(session: Session) -> tuple[int, str]:
    # Plain SQL on the session's connection: asked on every timetable request, cached or not.
    row = session.connection().exec_driver_sql("SELECT version, stamp FROM data_version").first()
    return (int(row[0]), str(row[1])) if row else (0, "none")


def raise_data_version(session: Session) -> None:
    """In the caller's transaction: committed with the change, or rolled back with it. On
    PostgreSQL every process's listener hears of it when (and only if) it commits."""
    raised = session.execute(
        update(DataVersion)
        .where(DataVersion.id == 1)
        .values(version=DataVersion.version + 1, stamp=uuid.uuid4().hex)
        .returning(DataVersion.version, DataVersion.stamp)
    ).first()
    if raised is not None and session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_notify(CHANNEL, payload(raised[0], raised[1]))))


# Private calendar feeds


def feed_of_subject(session: Session, subject: str) -> CalendarFeed | None:
    return session.scalars(select(CalendarFeed).where(CalendarFeed.subject == subject)).first()


def feed_by_token_hash(session: Session, token_hash: str) -> CalendarFeed | None:
    return session.scalars(
        select(CalendarFeed).where(CalendarFeed.token_hash == token_hash)
    ).first()


# Attendance


def attendance_of(session: Session, session_id: int) -> list[SessionAttendance]:
    return list(
        session.scalars(
            select(SessionAttendance)
            .where(SessionAttendance.session_id == session_id)
            .order_by(SessionAttendance.person_id)
        )
    )


def register_counts(session: Session, session_ids: Sequence[int]) -> dict[int, tuple[int, int]]:
    """Per session: how many were recorded present, and how many present or absent."""
    if not session_ids:
        return {}
    present = func.sum(case((SessionAttendance.status == "present", 1), else_=0))
    taken = func.sum(case((SessionAttendance.status != "absent_with_apologies", 1), else_=0))
    rows = session.execute(
        select(SessionAttendance.session_id, present, taken)
        .where(SessionAttendance.session_id.in_(session_ids))
        .group_by(SessionAttendance.session_id)
    )
    return {sid: (int(p or 0), int(t or 0)) for sid, p, t in rows}


def get_attendance(session: Session, session_id: int, person_id: int) -> SessionAttendance | None:
    return session.get(SessionAttendance, (session_id, person_id))


def attendance_in_group(
    session: Session, work_group_id: int
) -> list[tuple[SessionAttendance, WorkGroupSession, str | None]]:
    """Every attendance record of the group's sessions still on, with the person's school."""
    rows = session.execute(
        select(SessionAttendance, WorkGroupSession, Person.school_urn)
        .join(WorkGroupSession, WorkGroupSession.id == SessionAttendance.session_id)
        .join(Person, Person.id == SessionAttendance.person_id)
        .where(
            WorkGroupSession.work_group_id == work_group_id,
            WorkGroupSession.status == "scheduled",
        )
    )
    return [(a, s, urn) for a, s, urn in rows.all()]


# A hub's term dates


def term_overrides(session: Session, hub_id: str, academic_year_id: str) -> list[HubTermDates]:
    return list(
        session.scalars(
            select(HubTermDates).where(
                HubTermDates.hub_id == hub_id, HubTermDates.academic_year_id == academic_year_id
            )
        )
    )


def replace_term_overrides(
    session: Session, hub_id: str, academic_year_id: str, rows: list[HubTermDates]
) -> None:
    session.execute(
        delete(HubTermDates).where(
            HubTermDates.hub_id == hub_id, HubTermDates.academic_year_id == academic_year_id
        )
    )
    session.add_all(rows)
    session.flush()


def people_at_school(session: Session, urn: str) -> list[Person]:
    return list(session.scalars(select(Person).where(Person.school_urn == urn).order_by(Person.id)))
