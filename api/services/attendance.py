"""Attendance at sessions, and each school's release time against the programme's minimum."""

from __future__ import annotations

from datetime import datetime, time

from sqlalchemy.orm import Session

from api.domain.access import Principal
from api.domain.release_time import (
    Attendance,
    Attended,
    minimum_days,
    release_by_school,
    session_days,
)
from api.domain.wording import format_date
from api.domain.work_groups import instant
from api.errors import BadField, Conflict, Forbidden, InvalidFields
from api.persistence import catalogue_repository, schools_repository
from api.persistence import work_groups_repository as repo
from api.persistence.models import SessionAttendance
from api.schemas import work_groups as schemas
from api.services import audit, sessions, work_groups


def of_session(session: Session, session_id: int, viewer: Principal) -> schemas.SessionAttendance:
    row = sessions.get(session, session_id, viewer)
    return _answer(session, row.id)


def record(
    session: Session,
    session_id: int,
    records: list[schemas.AttendanceRecord],
    *,
    actor: Principal,
    now: datetime,
) -> schemas.SessionAttendance:
    """The register, taken by the hub's staff or the group's lead Mastery Specialist."""
    row = sessions.get(session, session_id, actor)
    group = work_groups.get(session, row.work_group_id, actor)
    if not (actor.runs_hub(group.hub_id) or work_groups.leads(session, actor, group)):
        raise Forbidden("Only the hub's staff or the group's lead may take the register.")
    if row.status == "cancelled":
        raise Conflict(f"Session {session_id} was cancelled.", rule="session_cancelled")
    ahead = [r for r in records if r.status is not Attendance.ABSENT_WITH_APOLOGIES]
    if ahead and now < instant(row.on, row.start_time):
        raise Conflict(
            f"Session {row.number} has not started yet: it starts on {format_date(row.on)} at "
            f"{_clock(row.start_time)}. Take the register when it starts; absence with apologies "
            "may be recorded ahead.",
            rule="session_not_started",
        )
    participants = set(repo.participant_ids(session, group.id))
    problems = [
        BadField(
            "body",
            f"/records/{i}/person_id",
            f"Person {r.person_id} does not take part in this group",
        )
        for i, r in enumerate(records)
        if r.person_id not in participants
    ]
    if problems:
        raise InvalidFields(problems)
    before = {str(a.person_id): a.status for a in repo.attendance_of(session, row.id)}
    for item in records:
        existing = repo.get_attendance(session, row.id, item.person_id)
        if existing is None:
            session.add(
                SessionAttendance(
                    session_id=row.id, person_id=item.person_id, status=item.status.value
                )
            )
        else:
            existing.status = item.status.value
    session.flush()
    after = {str(a.person_id): a.status for a in repo.attendance_of(session, row.id)}
    audit.record(
        session,
        actor,
        action="update",
        resource_type="session_attendance",
        resource_id=row.id,
        hub_id=group.hub_id,
        before=before,
        after=after,
    )
    return _answer(session, row.id)


def _clock(at: time) -> str:
    """1:30pm"""
    hour = at.hour % 12 or 12
    minutes = f":{at.minute:02d}" if at.minute else ""
    return f"{hour}{minutes}{'am' if at.hour < 12 else 'pm'}"


def with_registers(session: Session, items: list[schemas.Session]) -> list[schemas.Session]:
    """The sessions, each saying whether its register was taken and how many were present."""
    counts = repo.register_counts(session, [item.id for item in items])
    return [
        item.model_copy(
            update={
                "register_taken": counts.get(item.id, (0, 0))[1] > 0,
                "present_count": counts.get(item.id, (0, 0))[0],
            }
        )
        for item in items
    ]


def _answer(session: Session, session_id: int) -> schemas.SessionAttendance:
    return schemas.SessionAttendance(
        session_id=session_id,
        records=[
            schemas.AttendanceRecord(person_id=a.person_id, status=Attendance(a.status))
            for a in repo.attendance_of(session, session_id)
        ],
    )


def release_time(
    session: Session, work_group_id: int, viewer: Principal
) -> schemas.ReleaseTimeReport:
    group = work_groups.get(session, work_group_id, viewer)
    programme = catalogue_repository.get_programme(session, group.programme_id)
    minimum = minimum_days(programme.programme_type if programme else None)
    members = repo.member_urns(session, group.id)
    attended = [
        Attended(urn, session_days(s.on, s.start_time, s.end_time), Attendance(a.status))
        for a, s, urn in repo.attendance_in_group(session, group.id)
        if urn is not None
    ]
    report = release_by_school(members, attended, minimum)
    names = {}
    for urn in members:
        found = schools_repository.get_school(session, urn)
        names[urn] = found[0].name if found else urn
    return schemas.ReleaseTimeReport(
        work_group_id=group.id,
        minimum_days=float(minimum) if minimum is not None else None,
        schools=[
            schemas.SchoolRelease(
                urn=r.urn,
                name=names[r.urn],
                days=float(r.days),
                shortfall_days=float(r.shortfall) if r.shortfall is not None else None,
            )
            for r in report
        ],
    )
