"""A group's sessions: proposed from the school calendar, created, moved and cancelled.

Times are local to England (Europe/London); each change raises the session's iCalendar
SEQUENCE and keeps what it was before in its history."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy.orm import Session

from api.domain.academic_year import AcademicYear
from api.domain.access import Principal, Role
from api.domain.calendar import (
    EVERY_HALF_TERM,
    CannotSchedule,
    HalfTerm,
    SchoolCalendar,
    propose_schedule,
)
from api.domain.webhooks import EventType
from api.domain.wording import format_date
from api.domain.work_groups import (
    LONDON_NAME,
    MeetingKind,
    SessionStatus,
    SessionTimes,
    history_entry,
    instant,
    local,
)
from api.errors import BadField, Conflict, Forbidden, InvalidFields, NotFound
from api.persistence import catalogue_repository, schools_repository
from api.persistence import work_groups_repository as repo
from api.persistence.models import WorkGroup, WorkGroupSession
from api.schemas import work_groups as schemas
from api.services import audit, session_notices, terms, webhook_events, work_groups
from api.services.versions import check_version

DEFAULT_SESSIONS = 6


def _naive(at: time) -> time:
    return at.replace(tzinfo=None)


def propose(
    session: Session, work_group_id: int, request: schemas.ScheduleRequest, *, actor: Principal
) -> schemas.ScheduleProposal:
    group = work_groups.run(session, work_group_id, actor, lock=False)
    work_groups.refuse_if_completed(group)
    lead = schools_repository.get_person(session, group.lead_person_id)
    if lead is None or lead.school_urn is None:
        raise Conflict(
            "The lead Mastery Specialist has no school recorded, and the first session is "
            "held at their school; record it on their person record first.",
            rule="lead_school",
        )
    programme = catalogue_repository.get_programme(session, group.programme_id)
    count = request.sessions or _planned(programme.session_plan if programme else [], request)
    calendar = terms.calendar_for(session, group.hub_id, AcademicYear.parse(group.academic_year_id))
    try:
        proposal = propose_schedule(
            calendar,
            sessions=count,
            lead_school=lead.school_urn,
            half_terms=request.half_terms or EVERY_HALF_TERM,
            other_hosts=repo.member_urns(session, group.id),
            taken={s.on for s in repo.sessions_of(session, group.id) if s.status == "scheduled"},
        )
    except CannotSchedule as exc:
        raise Conflict(str(exc), rule="cannot_schedule") from exc
    except ValueError as exc:
        raise InvalidFields([BadField("body", "/half_terms", str(exc))]) from exc
    # Numbered on from the group's sessions, so the proposal can be confirmed as it stands.
    highest = repo.highest_number(session, group.id)
    return schemas.ScheduleProposal(
        work_group_id=group.id,
        sessions=[
            schemas.ProposedSession(
                number=highest + p.number,
                half_term=p.half_term,
                date=p.on,
                start_time=_naive(request.start_time),
                end_time=_naive(request.end_time),
                kind=request.kind,
                host_urn=p.host,
            )
            for p in proposal
        ],
    )


def of_group(session: Session, work_group_id: int, viewer: Principal) -> list[WorkGroupSession]:
    group = work_groups.get(session, work_group_id, viewer)
    return repo.sessions_of(session, group.id)


def _planned(plan: list[dict[str, object]], request: schemas.ScheduleRequest) -> int:
    counts = [int(str(item.get("count", 0))) for item in plan if item.get("kind") == request.kind]
    return sum(counts) or DEFAULT_SESSIONS


def _hosts(session: Session, group: WorkGroup) -> set[str]:
    lead = schools_repository.get_person(session, group.lead_person_id)
    hosts = set(repo.member_urns(session, group.id))
    if lead is not None and lead.school_urn is not None:
        hosts.add(lead.school_urn)
    return hosts


def _check_place(
    session: Session, group: WorkGroup, host_urn: str | None, pointer: str
) -> list[BadField]:
    if host_urn is not None and host_urn not in _hosts(session, group):
        return [
            BadField(
                "body",
                pointer,
                f"School {host_urn} is neither a member of the group nor the lead's school",
            )
        ]
    return []


def _refuse_non_school_days(calendar: SchoolCalendar, days: list[tuple[str, date]]) -> None:
    """A session on a day that is not a school day is refused unless the person confirmed it
    (confirm_non_school_day): a 409 naming the rule, and each day with what it is."""
    found = [
        (pointer, day, why)
        for pointer, day in days
        if (why := calendar.why_not_school_day(day)) is not None
    ]
    if not found:
        return
    words = "; ".join(f"{format_date(day)} is {why}" for _, day, why in found)
    raise Conflict(
        f"{words}. Sessions meet on school days; send confirm_non_school_day: true to plan "
        "it all the same.",
        rule="non_school_day",
        days=[
            {"pointer": pointer, "date": day.isoformat(), "reason": why}
            for pointer, day, why in found
        ],
    )


def _number_by_date(session: Session, work_group_id: int, *, fresh: set[int]) -> None:
    """Number the group's sessions 1, 2, 3 … in the order they meet. A session whose number
    changes (its title in calendars) raises its SEQUENCE, unless it is one of `fresh`, the
    sessions this request created or changed (raised already)."""
    rows = repo.sessions_of(session, work_group_id)
    ordered = sorted(rows, key=lambda r: (r.on, r.start_time, r.number))
    changed = [(row, n) for n, row in enumerate(ordered, start=1) if row.number != n]
    if not changed:
        return
    for row, _ in changed:  # out of the way first: (group, number) is unique
        row.number = -row.id
    session.flush()
    for row, number in changed:
        row.number = number
        if row.id not in fresh:
            row.sequence += 1
    session.flush()


def _changeable(session: Session, row: WorkGroupSession, actor: Principal) -> WorkGroup:
    """Hub staff change their hub's sessions; the group's lead Mastery Specialist theirs."""
    group = work_groups.get(session, row.work_group_id, actor)  # 404 unless they may see it
    if actor.runs_hub(group.hub_id):
        return group
    if actor.kind == "user" and actor.role == Role.MASTERY_SPECIALIST:
        return group  # may_see let them in: they lead it
    raise Forbidden(f"Only the hub's staff or the group's lead may change session {row.id}.")


def create(
    session: Session,
    work_group_id: int,
    items: list[schemas.SessionCreate],
    *,
    actor: Principal,
    now: datetime | None = None,
) -> list[WorkGroupSession]:
    group = work_groups.run(session, work_group_id, actor, lock=False)
    work_groups.refuse_if_completed(group)
    repo.lock_work_group(session, group.id)  # numbers are given out one request at a time
    year = AcademicYear.parse(group.academic_year_id)
    calendar = terms.calendar_for(session, group.hub_id, year)
    problems: list[BadField] = []
    taken = {s.number for s in repo.sessions_of(session, group.id)}
    next_number = repo.highest_number(session, group.id)
    rows: list[WorkGroupSession] = []
    for index, item in enumerate(items):
        prefix = f"/{index}" if len(items) > 1 else ""
        if not year.starts_on <= item.date <= year.ends_on:
            problems.append(
                BadField("body", f"{prefix}/date", f"The date must fall within {year.label}")
            )
        problems += _check_place(session, group, item.host_urn, f"{prefix}/host_urn")
        number = item.number
        if number is None:
            next_number = max(next_number, *taken, 0) + 1
            number = next_number
        if number in taken:
            problems.append(
                BadField("body", f"{prefix}/number", f"The group already has session {number}")
            )
        taken.add(number)
        starts, ends = _naive(item.start_time), _naive(item.end_time)
        if instant(item.date, ends) <= instant(item.date, starts):
            problems.append(
                BadField("body", f"{prefix}/end_time", "The session must end after it starts")
            )
        half_term = calendar.terms.half_term_of(item.date)
        rows.append(
            WorkGroupSession(
                work_group_id=group.id,
                number=number,
                kind=item.kind.value,
                on=item.date,
                start_time=starts,
                end_time=ends,
                timezone=LONDON_NAME,
                starts_at=instant(item.date, starts),
                ends_at=instant(item.date, ends),
                half_term=half_term.value if half_term else None,
                host_school_urn=item.host_urn,
                online_url=str(item.online_url) if item.online_url else None,
                status=SessionStatus.SCHEDULED.value,
                sequence=0,
                history=[],
                note=item.note,
            )
        )
    if problems:
        raise InvalidFields(problems)
    _refuse_non_school_days(
        calendar,
        [
            (f"{f'/{index}' if len(items) > 1 else ''}/date", item.date)
            for index, item in enumerate(items)
            if not item.confirm_non_school_day
        ],
    )
    for row in rows:
        repo.add(session, row)
    _number_by_date(session, group.id, fresh={row.id for row in rows})
    for row in rows:
        audit.record(
            session,
            actor,
            action="create",
            resource_type="session",
            resource_id=row.id,
            hub_id=group.hub_id,
            before=None,
            after=_snapshot(row),
        )
        _tell_other_systems(session, EventType.SESSION_SCHEDULED, group, row, now=now)
    repo.raise_data_version(session)
    return rows


def _tell_other_systems(
    session: Session,
    event: EventType,
    group: WorkGroup,
    row: WorkGroupSession,
    *,
    now: datetime | None,
) -> None:
    webhook_events.record(
        session, event, hub_id=group.hub_id, resource_type="session", resource_id=row.id, now=now
    )


def get(session: Session, session_id: int, viewer: Principal) -> WorkGroupSession:
    row = repo.get_session(session, session_id)
    if row is None:
        raise NotFound(f"There is no session {session_id} that you can see.")
    group = repo.get_work_group(session, row.work_group_id)
    if group is None or not work_groups.may_see(session, viewer, group):
        raise NotFound(f"There is no session {session_id} that you can see.")
    return row


def update(
    session: Session,
    session_id: int,
    changes: schemas.SessionUpdate,
    *,
    actor: Principal,
    expected_version: int,
    now: datetime,
    base_url: str,
) -> WorkGroupSession:
    """Move a session or change its status; each change to when, where or whether it meets
    raises its SEQUENCE and queues a notice to those it concerns, in this transaction."""
    row = get(session, session_id, actor)
    group = _changeable(session, row, actor)
    check_version(f"Session {session_id}", current=row.version, expected=expected_version)
    sent = changes.model_fields_set
    nulls = [
        n
        for n in ("kind", "date", "start_time", "end_time", "status")
        if n in sent and getattr(changes, n) is None
    ]
    if nulls:
        raise InvalidFields([BadField("body", f"/{n}", "This field cannot be null") for n in nulls])
    year = AcademicYear.parse(group.academic_year_id)
    on = changes.date or row.on
    starts = _naive(changes.start_time) if changes.start_time else row.start_time
    ends = _naive(changes.end_time) if changes.end_time else row.end_time
    host = changes.host_urn if "host_urn" in sent else row.host_school_urn
    online = (
        (str(changes.online_url) if changes.online_url else None)
        if "online_url" in sent
        else row.online_url
    )
    problems: list[BadField] = []
    if not year.starts_on <= on <= year.ends_on:
        problems.append(BadField("body", "/date", f"The date must fall within {year.label}"))
    if ends <= starts or instant(on, ends) <= instant(on, starts):
        problems.append(BadField("body", "/end_time", "The session must end after it starts"))
    if host is None and online is None:
        problems.append(
            BadField("body", "/host_urn", "Give a host school or an online link (online_url)")
        )
    if "host_urn" in sent:
        problems += _check_place(session, group, host, "/host_urn")
    if problems:
        raise InvalidFields(problems)
    calendar = terms.calendar_for(session, group.hub_id, year)
    if on != row.on and not changes.confirm_non_school_day:
        _refuse_non_school_days(calendar, [("/date", on)])
    return _apply(
        session,
        row,
        group,
        actor=actor,
        now=now,
        base_url=base_url,
        on=on,
        starts=starts,
        ends=ends,
        host=host,
        online=online,
        kind=changes.kind.value if changes.kind is not None else row.kind,
        status=changes.status.value if changes.status is not None else row.status,
        note=changes.note if "note" in sent else row.note,
        reason=row.cancellation_reason,
    )


def cancel(
    session: Session,
    session_id: int,
    reason: str,
    *,
    actor: Principal,
    expected_version: int,
    now: datetime,
    base_url: str,
) -> WorkGroupSession:
    """Cancel a session with the reason told to its participants and host school."""
    row = get(session, session_id, actor)
    group = _changeable(session, row, actor)
    check_version(f"Session {session_id}", current=row.version, expected=expected_version)
    if row.status == SessionStatus.CANCELLED:
        raise Conflict(f"Session {session_id} is already cancelled.", rule="already_cancelled")
    return _apply(
        session,
        row,
        group,
        actor=actor,
        now=now,
        base_url=base_url,
        on=row.on,
        starts=row.start_time,
        ends=row.end_time,
        host=row.host_school_urn,
        online=row.online_url,
        kind=row.kind,
        status=SessionStatus.CANCELLED.value,
        note=row.note,
        reason=reason,
    )


def _apply(
    session: Session,
    row: WorkGroupSession,
    group: WorkGroup,
    *,
    actor: Principal,
    now: datetime,
    base_url: str,
    on: date,
    starts: time,
    ends: time,
    host: str | None,
    online: str | None,
    kind: str,
    status: str,
    note: str | None,
    reason: str | None,
) -> WorkGroupSession:
    year = AcademicYear.parse(group.academic_year_id)
    before = _snapshot(row)
    told_before = session_notices.Before(
        on=row.on,
        starts=row.start_time,
        ends=row.end_time,
        host_urn=row.host_school_urn,
        online_url=row.online_url,
    )
    earlier = SessionTimes(
        on=row.on,
        starts=row.start_time,
        ends=row.end_time,
        status=SessionStatus(row.status),
        host_urn=row.host_school_urn,
        online_url=row.online_url,
    )
    half_term = terms.calendar_for(session, group.hub_id, year).terms.half_term_of(on)
    row.on, row.start_time, row.end_time = on, starts, ends
    row.starts_at, row.ends_at = instant(on, starts), instant(on, ends)
    row.half_term = half_term.value if half_term else None
    row.host_school_urn, row.online_url = host, online
    row.kind, row.status, row.note = kind, status, note
    row.cancellation_reason = reason if status == SessionStatus.CANCELLED else None
    after = _snapshot(row)
    if after == before:
        return row
    row.history = [
        *row.history,
        history_entry(earlier, sequence=row.sequence, changed_at=now),
    ]
    row.sequence += 1
    session.flush()
    if (before["date"], before["start_time"]) != (after["date"], after["start_time"]):
        _number_by_date(session, group.id, fresh={row.id})
    repo.raise_data_version(session)
    told = ("date", "start_time", "end_time", "host_urn", "online_url", "status")
    if any(before[name] != after[name] for name in told):
        session_notices.notify(session, row, group, before=told_before, now=now, base_url=base_url)
    if after["status"] != before["status"]:
        cancelled = after["status"] == SessionStatus.CANCELLED
        event = EventType.SESSION_CANCELLED if cancelled else EventType.SESSION_SCHEDULED
        _tell_other_systems(session, event, group, row, now=now)
    elif any(before[name] != after[name] for name in told):
        _tell_other_systems(session, EventType.SESSION_MOVED, group, row, now=now)
    audit.record(
        session,
        actor,
        action="update",
        resource_type="session",
        resource_id=row.id,
        hub_id=group.hub_id,
        before=before,
        after=_snapshot(row),
    )
    return row


def _snapshot(row: WorkGroupSession) -> dict[str, object]:
    return {
        "work_group_id": row.work_group_id,
        "number": row.number,
        "kind": row.kind,
        "date": row.on.isoformat(),
        "start_time": row.start_time.isoformat(timespec="minutes"),
        "end_time": row.end_time.isoformat(timespec="minutes"),
        "host_urn": row.host_school_urn,
        "online_url": row.online_url,
        "status": row.status,
        "note": row.note,
        "cancellation_reason": row.cancellation_reason,
    }


def to_schema(row: WorkGroupSession) -> schemas.Session:
    return schemas.Session(
        id=row.id,
        work_group_id=row.work_group_id,
        number=row.number,
        kind=MeetingKind(row.kind),
        date=row.on,
        start_time=row.start_time,
        end_time=row.end_time,
        timezone=row.timezone,
        starts_at_local=local(row.on, row.start_time),
        ends_at_local=local(row.on, row.end_time),
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        half_term=HalfTerm(row.half_term) if row.half_term else None,
        host_urn=row.host_school_urn,
        online_url=row.online_url,
        status=SessionStatus(row.status),
        sequence=row.sequence,
        history=[schemas.SessionChange(**entry) for entry in row.history],
        note=row.note,
        cancellation_reason=row.cancellation_reason,
        version=row.version,
        updated_at=row.updated_at,
    )
