"""Work Groups: a hub's groups for its programmes, their lead, member schools and participants."""

from __future__ import annotations

from typing import Annotated

from fastapi import Header, Path, Query, Response

from api.persistence.models import WorkGroup as WorkGroupRow
from api.routers.access import (
    HUB_ADMIN,
    WORK_GROUPS_READ,
    CurrentPrincipal,
    access,
    signed_in,
)
from api.routers.clock import Now, Today
from api.routers.conditional import etag, expected_version, not_modified, not_modified_response
from api.routers.dependencies import DbSession
from api.routers.feature_router import FeatureRouter
from api.schemas.common import ACADEMIC_YEAR_PATTERN, HUB_ID_PATTERN, Page
from api.schemas.schools import URN_PATTERN
from api.schemas.work_groups import (
    MemberSchool,
    ParticipantAdd,
    ReleaseTimeReport,
    ScheduleProposal,
    ScheduleRequest,
    SessionBatch,
    SessionCreate,
    Sessions,
    WorkGroup,
    WorkGroupCompletion,
    WorkGroupContinuation,
    WorkGroupContinued,
    WorkGroupCreate,
    WorkGroupUpdate,
)
from api.services import attendance, group_forming, sessions, work_group_years, work_groups

router = FeatureRouter(prefix="/work-groups", tags=["work-groups"])

WorkGroupId = Annotated[int, Path(ge=1, le=2**31 - 1)]


def _answer(session: DbSession, group: WorkGroupRow, response: Response) -> WorkGroup:
    schema = work_groups.to_schema(session, group)
    response.headers["ETag"] = etag(schema.id, schema.version)
    return schema


@router.get("", **access(WORK_GROUPS_READ, 422))
def list_work_groups(
    session: DbSession,
    principal: CurrentPrincipal,
    hub: Annotated[str | None, Query(pattern=HUB_ID_PATTERN, max_length=64)] = None,
    academic_year: Annotated[
        str | None, Query(pattern=ACADEMIC_YEAR_PATTERN, examples=["2023-24"])
    ] = None,
    programme: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> Page[WorkGroup]:
    """Your hub's Work Groups (a Mastery Specialist: those they lead)."""
    rows, next_cursor = work_groups.list_work_groups(
        session,
        signed_in(principal),
        hub=hub,
        academic_year=academic_year,
        programme=programme,
        cursor=cursor,
        limit=limit,
    )
    return Page[WorkGroup](items=work_groups.to_schemas(session, rows), next_cursor=next_cursor)


@router.post("", status_code=201, **access(HUB_ADMIN, 409, 422, own_hub_only=True))
def create_work_group(
    session: DbSession,
    principal: CurrentPrincipal,
    body: WorkGroupCreate,
    response: Response,
    now: Now,
) -> WorkGroup:
    """Form a group for one of your hub's programmes, led by a Mastery Specialist. With
    `from_selection`, the programme's selected schools join and the teachers named on their
    applications take part, in the same step."""
    group = group_forming.form(session, body, actor=signed_in(principal), now=now)
    response.headers["Location"] = f"/api/v1/work-groups/{group.id}"
    return _answer(session, group, response)


@router.get("/{work_group_id}", response_model=WorkGroup, **access(WORK_GROUPS_READ, 304, 404, 422))
def get_work_group(
    session: DbSession,
    principal: CurrentPrincipal,
    work_group_id: WorkGroupId,
    response: Response,
    if_none_match: Annotated[str | None, Header(max_length=1000)] = None,
) -> WorkGroup | Response:
    """One Work Group, with its member schools and participants."""
    group = work_groups.get(session, work_group_id, signed_in(principal))
    tag = etag(group.id, group.version)
    if not_modified(if_none_match, tag):
        return not_modified_response(tag)
    return _answer(session, group, response)


@router.patch("/{work_group_id}", **access(HUB_ADMIN, 404, 409, 412, 422, 428, own_hub_only=True))
def update_work_group(
    session: DbSession,
    principal: CurrentPrincipal,
    work_group_id: WorkGroupId,
    body: WorkGroupUpdate,
    response: Response,
    if_match: Annotated[str | None, Header(max_length=1000)] = None,
) -> WorkGroup:
    """Rename a group, change its lead or its bounds (If-Match with the ETag you read)."""
    group = work_groups.update(
        session,
        work_group_id,
        body,
        actor=signed_in(principal),
        expected_version=expected_version(if_match, work_group_id),
    )
    return _answer(session, group, response)


@router.post("/{work_group_id}/schools", **access(HUB_ADMIN, 404, 409, 422, own_hub_only=True))
def add_school(
    session: DbSession,
    principal: CurrentPrincipal,
    work_group_id: WorkGroupId,
    body: MemberSchool,
    response: Response,
) -> WorkGroup:
    """Add a school selected for the programme, within the group's bounds."""
    group = work_groups.add_school(session, work_group_id, body.urn, actor=signed_in(principal))
    return _answer(session, group, response)


@router.delete("/{work_group_id}/schools/{urn}", **access(HUB_ADMIN, 404, 422, own_hub_only=True))
def remove_school(
    session: DbSession,
    principal: CurrentPrincipal,
    work_group_id: WorkGroupId,
    urn: Annotated[str, Path(pattern=URN_PATTERN)],
    response: Response,
) -> WorkGroup:
    """Take a school out of the group."""
    group = work_groups.remove_school(session, work_group_id, urn, actor=signed_in(principal))
    return _answer(session, group, response)


@router.post("/{work_group_id}/participants", **access(HUB_ADMIN, 404, 409, 422, own_hub_only=True))
def add_participant(
    session: DbSession,
    principal: CurrentPrincipal,
    work_group_id: WorkGroupId,
    body: ParticipantAdd,
    response: Response,
) -> WorkGroup:
    """Add a teacher from one of the group's schools, within the group's bounds."""
    group = work_groups.add_participant(
        session, work_group_id, body.person_id, actor=signed_in(principal)
    )
    return _answer(session, group, response)


@router.delete(
    "/{work_group_id}/participants/{person_id}",
    **access(HUB_ADMIN, 404, 409, 422, own_hub_only=True),
)
def remove_participant(
    session: DbSession,
    principal: CurrentPrincipal,
    work_group_id: WorkGroupId,
    person_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    response: Response,
) -> WorkGroup:
    """Take a participant out of the group; their attendance so far is kept."""
    group = work_groups.remove_participant(
        session, work_group_id, person_id, actor=signed_in(principal)
    )
    return _answer(session, group, response)


@router.post("/{work_group_id}/schedule", **access(HUB_ADMIN, 404, 409, 422, own_hub_only=True))
def propose_schedule(
    session: DbSession,
    principal: CurrentPrincipal,
    work_group_id: WorkGroupId,
    body: ScheduleRequest,
) -> ScheduleProposal:
    """Propose session dates on school days, hosts in turn from the lead's school; saves nothing."""
    return sessions.propose(session, work_group_id, body, actor=signed_in(principal))


@router.post(
    "/{work_group_id}/sessions",
    status_code=201,
    **access(HUB_ADMIN, 404, 409, 422, own_hub_only=True),
)
def create_sessions(
    session: DbSession,
    principal: CurrentPrincipal,
    work_group_id: WorkGroupId,
    body: SessionCreate | SessionBatch,
    now: Now,
) -> Sessions:
    """Create one session, or several (such as a confirmed proposal)."""
    items = body if isinstance(body, list) else [body]
    rows = sessions.create(session, work_group_id, items, actor=signed_in(principal), now=now)
    return Sessions(items=[sessions.to_schema(r) for r in rows])


@router.get("/{work_group_id}/sessions", **access(WORK_GROUPS_READ, 404, 422))
def list_sessions(
    session: DbSession, principal: CurrentPrincipal, work_group_id: WorkGroupId
) -> Sessions:
    """The group's sessions in order, cancelled ones included, each with its history and
    whether its register was taken."""
    rows = sessions.of_group(session, work_group_id, signed_in(principal))
    return Sessions(items=attendance.with_registers(session, [sessions.to_schema(r) for r in rows]))


@router.post("/{work_group_id}/complete", **access(HUB_ADMIN, 404, 409, 422, own_hub_only=True))
def complete_work_group(
    session: DbSession,
    principal: CurrentPrincipal,
    work_group_id: WorkGroupId,
    body: WorkGroupCompletion,
    response: Response,
    today: Today,
    now: Now,
) -> WorkGroup:
    """Complete the year after its last session: each member school's participation history
    is written (completed, or withdrawn for those you list)."""
    group = work_group_years.complete(
        session, work_group_id, body, actor=signed_in(principal), today=today, now=now
    )
    return _answer(session, group, response)


@router.post(
    "/{work_group_id}/continue",
    status_code=201,
    **access(HUB_ADMIN, 404, 409, 422, own_hub_only=True),
)
def continue_work_group(
    session: DbSession,
    principal: CurrentPrincipal,
    work_group_id: WorkGroupId,
    body: WorkGroupContinuation,
    response: Response,
    now: Now,
) -> WorkGroupContinued:
    """Start next year's group (Embedding or Sustaining) with this completed group's schools,
    each checked against the programme's rules and the journey; says who cannot continue."""
    following, verdicts = work_group_years.continue_group(
        session, work_group_id, body, actor=signed_in(principal), now=now
    )
    response.headers["Location"] = f"/api/v1/work-groups/{following.id}"
    schema = work_groups.to_schema(session, following)
    response.headers["ETag"] = etag(schema.id, schema.version)
    return WorkGroupContinued(work_group=schema, schools=verdicts)


@router.get("/{work_group_id}/release-time", **access(WORK_GROUPS_READ, 404, 422))
def release_time(
    session: DbSession, principal: CurrentPrincipal, work_group_id: WorkGroupId
) -> ReleaseTimeReport:
    """Each member school's days of release from teachers present, and any shortfall."""
    return attendance.release_time(session, work_group_id, signed_in(principal))
