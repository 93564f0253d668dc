"""A group's sessions: one at a time, to read, move or cancel."""

from __future__ import annotations

from typing import Annotated

from fastapi import Header, Path, Request, Response

from api.routers.access import (
    WORK_GROUP_LEAD,
    WORK_GROUPS_READ,
    CurrentPrincipal,
    access,
    signed_in,
)
from api.routers.clock import Now
from api.routers.conditional import etag, expected_version, not_modified, not_modified_response
from api.routers.dependencies import DbSession
from api.routers.feature_router import FeatureRouter
from api.schemas.messages import Messages
from api.schemas.work_groups import (
    AttendanceUpdate,
    Session,
    SessionAttendance,
    SessionCancel,
    SessionUpdate,
)
from api.services import attendance, messages, sessions

router = FeatureRouter(prefix="/sessions", tags=["sessions"])

SessionId = Annotated[int, Path(ge=1, le=2**31 - 1)]


@router.get("/{session_id}", response_model=Session, **access(WORK_GROUPS_READ, 304, 404, 422))
def get_session(
    session: DbSession,
    principal: CurrentPrincipal,
    session_id: SessionId,
    response: Response,
    if_none_match: Annotated[str | None, Header(max_length=1000)] = None,
) -> Session | Response:
    """One session, with its earlier times."""
    row = sessions.get(session, session_id, signed_in(principal))
    tag = etag(row.id, row.version)
    if not_modified(if_none_match, tag):
        return not_modified_response(tag)
    response.headers["ETag"] = tag
    return attendance.with_registers(session, [sessions.to_schema(row)])[0]


def _base_url(request: Request) -> str:
    return str(request.app.state.settings.public_base_url)


@router.patch(
    "/{session_id}", **access(WORK_GROUP_LEAD, 404, 409, 412, 422, 428, own_hub_only=True)
)
def update_session(
    session: DbSession,
    principal: CurrentPrincipal,
    session_id: SessionId,
    body: SessionUpdate,
    request: Request,
    response: Response,
    now: Now,
    if_match: Annotated[str | None, Header(max_length=1000)] = None,
) -> Session:
    """Move a session (date, times, place) or cancel it (status cancelled), with If-Match.
    Hub staff, or the group's lead. A new date that is not a school day is refused (409, rule
    non_school_day) unless confirm_non_school_day is true. A change to when, where or whether
    it meets raises its SEQUENCE and queues a notice, with an iCalendar REQUEST or CANCEL, to
    the group's participants and the host school."""
    row = sessions.update(
        session,
        session_id,
        body,
        actor=signed_in(principal),
        expected_version=expected_version(if_match, session_id),
        now=now,
        base_url=_base_url(request),
    )
    response.headers["ETag"] = etag(row.id, row.version)
    return attendance.with_registers(session, [sessions.to_schema(row)])[0]


@router.post(
    "/{session_id}/cancel",
    **access(WORK_GROUP_LEAD, 404, 409, 412, 422, 428, own_hub_only=True),
)
def cancel_session(
    session: DbSession,
    principal: CurrentPrincipal,
    session_id: SessionId,
    body: SessionCancel,
    request: Request,
    response: Response,
    now: Now,
    if_match: Annotated[str | None, Header(max_length=1000)] = None,
) -> Session:
    """Cancel a session with a reason, with If-Match: the reason is kept and told, with an
    iCalendar CANCEL, to the group's participants and the host school."""
    row = sessions.cancel(
        session,
        session_id,
        body.reason,
        actor=signed_in(principal),
        expected_version=expected_version(if_match, session_id),
        now=now,
        base_url=_base_url(request),
    )
    response.headers["ETag"] = etag(row.id, row.version)
    return sessions.to_schema(row)


@router.get("/{session_id}/messages", **access(WORK_GROUPS_READ, 404, 422))
def session_messages(
    session: DbSession, principal: CurrentPrincipal, session_id: SessionId
) -> Messages:
    """The emails about a session (its notices), each queued, sent or failing."""
    return messages.of_session(session, session_id, signed_in(principal))


@router.get("/{session_id}/attendance", **access(WORK_GROUPS_READ, 404, 422))
def get_attendance(
    session: DbSession, principal: CurrentPrincipal, session_id: SessionId
) -> SessionAttendance:
    """Who came to a session."""
    return attendance.of_session(session, session_id, signed_in(principal))


@router.post(
    "/{session_id}/attendance", **access(WORK_GROUP_LEAD, 404, 409, 422, own_hub_only=True)
)
def record_attendance(
    session: DbSession,
    principal: CurrentPrincipal,
    session_id: SessionId,
    body: AttendanceUpdate,
    now: Now,
) -> SessionAttendance:
    """Take the register: each participant present, absent with apologies, or absent. Hub
    staff, or the group's lead Mastery Specialist. Before the session starts only absence
    with apologies may be recorded (409, rule `session_not_started`)."""
    return attendance.record(session, session_id, body.records, actor=signed_in(principal), now=now)
