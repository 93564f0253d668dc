"""Personal data: erasing a person, subject access requests and their exports, and the
evaluation extract."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query, Request, Response

from api.routers.access import HUB_ADMIN, REPORTS_READ, CurrentPrincipal, access, signed_in
from api.routers.clock import Now, Today
from api.routers.dependencies import DbSession
from api.routers.feature_router import FeatureRouter
from api.schemas import privacy as schemas
from api.schemas.common import ACADEMIC_YEAR_PATTERN, HUB_ID_PATTERN, Page
from api.services import erasure, evaluation_extract, people, subject_access
from api.settings import Settings

router = FeatureRouter(tags=["privacy"])

PersonId = Annotated[int, Path(ge=1, le=2**31 - 1)]
RequestId = Annotated[int, Path(ge=1, le=2**31 - 1)]


def _request(listed: subject_access.Listed) -> schemas.SubjectAccessRequest:
    request = listed.request
    return schemas.SubjectAccessRequest(
        id=request.id,
        person_id=request.person_id,
        person_name=listed.person_name,
        hub_id=request.hub_id,
        received_on=request.received_on,
        due_on=request.due_on,
        exported_at=request.exported_at,
        created_at=request.created_at,
    )


@router.post("/people/{person_id}/erasure", **access(HUB_ADMIN, 404, 409, 422, own_hub_only=True))
def erase_person(
    session: DbSession, principal: CurrentPrincipal, person_id: PersonId, now: Now
) -> schemas.Erasure:
    """Erase a person: their names, emails and free text redacted everywhere, counts kept."""
    erased = erasure.erase(session, person_id, actor=signed_in(principal), now=now)
    return schemas.Erasure(person=people.to_schema(erased.person), redacted=erased.redacted)


@router.post(
    "/subject-access-requests",
    status_code=201,
    **access(HUB_ADMIN, 404, 422, own_hub_only=True),
)
def create_subject_access_request(
    session: DbSession,
    principal: CurrentPrincipal,
    body: schemas.SubjectAccessRequestCreate,
    today: Today,
    response: Response,
) -> schemas.SubjectAccessRequest:
    """Record a person's subject access request; it is due one month after receipt."""
    listed = subject_access.create(
        session, body.person_id, actor=signed_in(principal), received_on=body.received_on or today
    )
    response.headers["Location"] = f"/api/v1/subject-access-requests/{listed.request.id}"
    return _request(listed)


@router.get("/subject-access-requests", **access(HUB_ADMIN, 422))
def list_subject_access_requests(
    session: DbSession,
    principal: CurrentPrincipal,
    open_only: Annotated[
        bool, Query(alias="open", description="Only those not yet answered")
    ] = False,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> Page[schemas.SubjectAccessRequest]:
    """Your hub's subject access requests, soonest due first."""
    rows, next_cursor = subject_access.list_requests(
        session, signed_in(principal), open_only=open_only, cursor=cursor, limit=limit
    )
    return Page[schemas.SubjectAccessRequest](
        items=[_request(r) for r in rows], next_cursor=next_cursor
    )


@router.get(
    "/subject-access-requests/{request_id}", **access(HUB_ADMIN, 404, 422, own_hub_only=True)
)
def get_subject_access_request(
    session: DbSession, principal: CurrentPrincipal, request_id: RequestId
) -> schemas.SubjectAccessRequest:
    """One subject access request."""
    return _request(subject_access.get(session, request_id, signed_in(principal)))


_ZIP = access(HUB_ADMIN, 404, 422, own_hub_only=True)
_ZIP["responses"][200] = {
    "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
    "description": "records.json and one CSV file per kind of record",
}


@router.post("/subject-access-requests/{request_id}/export", response_class=Response, **_ZIP)
def export_subject_access_request(
    session: DbSession, principal: CurrentPrincipal, request_id: RequestId, now: Now
) -> Response:
    """Every record that names the person, as a ZIP of JSON and CSV; logged."""
    filename, content = subject_access.export(
        session, request_id, actor=signed_in(principal), now=now
    )
    return Response(
        content,
        media_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get("/reports/evaluation-extract", **access(REPORTS_READ, 403, 422))
def evaluation_extract_report(
    session: DbSession,
    principal: CurrentPrincipal,
    request: Request,
    today: Today,
    now: Now,
    academic_year: Annotated[str, Query(pattern=ACADEMIC_YEAR_PATTERN, examples=["2024-25"])],
    hub: Annotated[
        str | None,
        Query(pattern=HUB_ID_PATTERN, max_length=64, description="One hub (national only)"),
    ] = None,
) -> schemas.EvaluationExtract:
    """For evaluators: pseudonymous ids, no names or emails, small counts suppressed."""
    settings: Settings = request.app.state.settings
    return evaluation_extract.extract(
        session,
        signed_in(principal),
        academic_year=academic_year,
        hub=hub,
        secret=settings.evaluation_key,
        today=today,
        now=now,
    )
