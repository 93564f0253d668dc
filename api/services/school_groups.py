"""The Work Groups a school is in, as the school sees them: name, lead and sessions. Read only;
api.services.work_groups forms groups and changes them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from api.persistence import applications_repository as repo
from api.persistence.models import WorkGroup
from api.schemas.schools import GroupSession, SchoolGroup


def of_school(
    session: Session,
    urn: str,
    *,
    now: datetime,
    programme_id: int | None = None,
    current_only: bool = False,
) -> list[SchoolGroup]:
    groups = repo.groups_of_school(
        session, urn, programme_id=programme_id, current_only=current_only
    )
    if not groups:
        return []
    titles = {
        p.id: p.title for p in repo.programmes(session, [g.programme_id for g in groups]).values()
    }
    return [_group(session, group, titles.get(group.programme_id, ""), now) for group in groups]


def _group(session: Session, group: WorkGroup, programme_title: str, now: datetime) -> SchoolGroup:
    rows = repo.group_sessions(session, group.id)
    hosts = repo.school_names(session, {r.host_school_urn for r in rows if r.host_school_urn})
    sessions = [
        GroupSession(
            number=r.number,
            date=r.on,
            start_time=r.start_time.strftime("%H:%M"),
            end_time=r.end_time.strftime("%H:%M"),
            starts_at=r.starts_at,
            status=r.status,
            host_school=hosts.get(r.host_school_urn) if r.host_school_urn else None,
            online_url=r.online_url,
        )
        for r in rows
    ]
    upcoming = [s for s in sessions if s.status == "scheduled" and s.starts_at >= now]
    return SchoolGroup(
        id=group.id,
        name=group.name,
        programme_id=group.programme_id,
        programme_title=programme_title,
        academic_year=group.academic_year_id,
        hub_id=group.hub_id,
        lead_name=repo.person_name(session, group.lead_person_id) or "",
        completed_on=group.completed_on,
        sessions=sessions,
        next_session=upcoming[0] if upcoming else None,
    )
