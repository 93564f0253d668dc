"""Expressions of interest: drafts, signatures, submission, review and decisions."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Annotated

from fastapi import Header, Path, Query, Request, Response
from fastapi.responses import JSONResponse

from api.domain.access import ALL_ROLES, HUB_STAFF, Policy, Principal, Role, Scope
from api.domain.applications import ApplicationStatus
from api.persistence.applications_repository import ApplicationFilters
from api.persistence.models import Application as ApplicationRow
from api.routers.access import CurrentPrincipal, access, signed_in
from api.routers.clock import Now
from api.routers.conditional import etag, expected_version
from api.routers.dependencies import DbSession
from api.routers.feature_router import FeatureRouter
from api.schemas import applications as schemas
from api.schemas.common import ACADEMIC_YEAR_PATTERN, HUB_ID_PATTERN, Page
from api.schemas.messages import Messages
from api.schemas.schools import LA_CODE_PATTERN, SchoolGroup
from api.services import applications, audit, idempotency, messages, school_groups, schools

router = FeatureRouter(prefix="/applications", tags=["applications"])

APPLICATIONS_READ = Policy(
    "applications_read", roles=ALL_ROLES, scopes=frozenset({Scope.APPLICATIONS_READ, Scope.ADMIN})
)
# A school contact drafts and submits for their school; the hub's staff may help.
APPLICATIONS_WRITE = Policy(
    "applications_write",
    roles=frozenset({Role.SCHOOL_CONTACT, *HUB_STAFF}),
    scopes=frozenset({Scope.APPLICATIONS_WRITE, Scope.ADMIN}),
)
REVIEW = Policy("applications_review", roles=HUB_STAFF, scopes=frozenset({Scope.ADMIN}))

ApplicationId = Annotated[int, Path(ge=1, le=2**31 - 1)]
IdempotencyKey = Annotated[
    str | None,
    Header(
        max_length=200,
        description="Repeat a POST safely: the same key and body answer the first result again.",
    ),
]


def _base_url(request: Request) -> str:
    """Where links in emails point: the public address, not whatever host the request used."""
    return str(request.app.state.settings.public_base_url)


def to_schema(
    session: DbSession,
    row: ApplicationRow,
    *,
    priority: int | None = None,
    reason: str | None = None,
    work_group: SchoolGroup | None = None,
) -> schemas.Application:
    programme = applications.programme_of(session, row)
    form = applications.form_of(programme)
    school, _ = schools.get(session, row.school_urn)
    signatories = applications.signatories_of(session, row)
    address = ", ".join(p for p in (school.street, school.town, school.postcode) if p)
    return schemas.Application.model_validate(
        {
            "id": row.id,
            "reference": applications.reference_of(programme, row),
            "number": row.number,
            "programme": {
                "id": programme.id,
                "title": programme.title,
                "code": programme.code,
                "hub_id": programme.hub_id,
                "hub_name": programme.hub.name,
                "academic_year": programme.academic_year_id,
            },
            "school": {
                "urn": school.urn,
                "name": school.name,
                "address": address,
                "telephone": school.telephone,
            },
            "status": row.status,
            "head_teacher": row.head_teacher,
            "head_of_department": row.head_of_department,
            "participants": row.participants,
            "statement": row.statement,
            "engaging_with_tfm": row.engaging_with_tfm,
            "statement_words": applications.words_in(row.statement),
            "statement_word_limit": form.statement_word_limit,
            "commitments": applications.commitments_of(programme),
            "signatories": [
                {
                    "id": s.id,
                    "role": s.role,
                    "name": s.name,
                    "email": s.email,
                    "sent_at": s.sent_at,
                    "confirmed_at": s.confirmed_at,
                }
                for s in signatories
            ],
            "tasks": applications.tasks_of(row, form, signatories),
            "next_step": applications.next_step(row, programme),
            "submitted_at": row.submitted_at,
            "decided_at": row.decided_at,
            "decision_note": row.decision_note,
            "priority": priority,
            "priority_reason": reason,
            "work_group": work_group,
            "version": row.version,
            "created_at": row.created_at,
            "updated_at": row.updated_at,
        }
    )


def _once(
    session: DbSession,
    request: Request,
    principal: Principal,
    key: str | None,
    body: str,
    run: Callable[[], tuple[int, schemas.Application]],
) -> JSONResponse:
    """Run once per Idempotency-Key; without a key, just run."""

    def produce() -> tuple[int, str]:
        status_code, model = run()
        return status_code, model.model_dump_json()

    if key is None:
        status_code, payload = produce()
        return JSONResponse(json.loads(payload), status_code=status_code)
    answer = idempotency.run_once(
        session,
        key=key,
        caller=audit.actor_key(principal),
        fingerprint=idempotency.request_hash(request.method, request.url.path, body),
        run=produce,
    )
    response = JSONResponse(json.loads(answer.body), status_code=answer.status_code)
    if answer.replayed:
        response.headers["Idempotent-Replayed"] = "true"
    return response


@router.get("", **access(APPLICATIONS_READ, 422))
def list_applications(
    session: DbSession,
    principal: CurrentPrincipal,
    now: Now,
    programme: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    status: ApplicationStatus | None = None,
    local_authority: Annotated[str | None, Query(pattern=LA_CODE_PATTERN)] = None,
    eligible: Annotated[
        bool | None, Query(description="Only those the rules accept now (or refuse)")
    ] = None,
    sort: Annotated[
        str, Query(pattern="^(id|priority)$", description="priority: the review order")
    ] = "id",
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> Page[schemas.Application]:
    """Your hub's applications (a school contact: their school's), filtered and ranked."""
    filters = ApplicationFilters(
        programme_id=programme,
        status=status.value if status else None,
        local_authority=local_authority,
    )
    rows, next_cursor = applications.list_applications(
        session,
        signed_in(principal),
        filters,
        eligible=eligible,
        by_priority=sort == "priority",
        now=now,
        cursor=cursor,
        limit=limit,
    )
    return Page[schemas.Application](
        items=[to_schema(session, a, priority=p, reason=r) for a, p, r in rows],
        next_cursor=next_cursor,
    )


# Beside /applications, not under it: /applications/{application_id} would take the name.
@router.get("-counts", **access(REVIEW, 403, 422))
def application_counts(
    session: DbSession,
    principal: CurrentPrincipal,
    hub: Annotated[str | None, Query(pattern=HUB_ID_PATTERN, max_length=64)] = None,
    academic_year: Annotated[
        str | None, Query(pattern=ACADEMIC_YEAR_PATTERN, examples=["2024-25"])
    ] = None,
) -> schemas.ApplicationCounts:
    """For each programme of your hub (national administrator: every hub, or `hub`): the
    applications submitted, places filled and the waiting list. Never shown to the public."""
    return schemas.ApplicationCounts(
        items=applications.counts(
            session, signed_in(principal), hub_id=hub, academic_year_id=academic_year
        )
    )


_CSV_ACCESS = access(REVIEW, 422)
_CSV_ACCESS["responses"][200] = {
    "content": {"text/csv": {}},
    "description": "The review list as CSV",
}


@router.get(".csv", response_class=Response, **_CSV_ACCESS)
def export_applications(
    session: DbSession,
    principal: CurrentPrincipal,
    now: Now,
    programme: Annotated[int, Query(ge=1, le=2**31 - 1)],
) -> Response:
    """A programme's applications in review order, as CSV for a spreadsheet."""
    rows, _ = applications.list_applications(
        session,
        signed_in(principal),
        ApplicationFilters(programme_id=programme),
        eligible=None,
        by_priority=True,
        now=now,
        cursor=None,
        limit=10_000,
    )
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "reference",
            "priority",
            "hub",
            "urn",
            "school",
            "status",
            "submitted_at",
            "head_teacher",
            "participants",
            "statement_words",
        ]
    )
    for row, position, _reason in rows:
        school, _ = schools.get(session, row.school_urn)
        programme_row = applications.programme_of(session, row)
        writer.writerow(
            [
                applications.reference_of(programme_row, row),
                position or "",
                programme_row.hub.name,
                row.school_urn,
                school.name,
                row.status,
                row.submitted_at.isoformat() if row.submitted_at else "",
                (row.head_teacher or {}).get("name", ""),
                "; ".join(p["name"] for p in row.participants),
                applications.words_in(row.statement),
            ]
        )
    return Response(
        out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="applications-{programme}.csv"'},
    )


@router.post(
    "",
    status_code=201,
    response_model=schemas.Application,
    **access(APPLICATIONS_WRITE, 404, 409, 422, own_hub_only=True),
)
def create_application(
    session: DbSession,
    principal: CurrentPrincipal,
    request: Request,
    body: schemas.ApplicationCreate,
    now: Now,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Start a draft for an open programme; school details come from the register.

    A school contact's own school is used when urn is left out (another school's URN is
    refused, 403). The programme's rules are decided for the school first: a school that
    fails one is refused with 409 (rule `not_eligible`), the problem carrying the decision
    (`decision`, as the eligibility endpoint answers) and each failed rule (`failed_rules`),
    and nothing is created."""
    actor = signed_in(principal)

    def run() -> tuple[int, schemas.Application]:
        row = applications.create_draft(session, body, actor=actor, now=now)
        return 201, to_schema(session, row)

    return _once(session, request, actor, idempotency_key, body.model_dump_json(), run)


@router.get("/{application_id}", **access(APPLICATIONS_READ, 404, 422, own_hub_only=True))
def get_application(
    session: DbSession,
    principal: CurrentPrincipal,
    application_id: ApplicationId,
    response: Response,
    now: Now,
) -> schemas.Application:
    """One application, with its tasks, signatories and next step; a selected school's, with
    its Work Group on the programme (its lead and sessions) once the hub has formed it."""
    row = applications.get(session, application_id, signed_in(principal))
    response.headers["ETag"] = etag(row.id, row.version)
    groups = (
        school_groups.of_school(session, row.school_urn, now=now, programme_id=row.programme_id)
        if row.status == ApplicationStatus.SELECTED.value
        else []
    )
    return to_schema(session, row, work_group=groups[0] if groups else None)


@router.get("/{application_id}/messages", **access(APPLICATIONS_READ, 404, 422, own_hub_only=True))
def application_messages(
    session: DbSession, principal: CurrentPrincipal, application_id: ApplicationId
) -> Messages:
    """The emails about an application (signature requests, its confirmation, decisions),
    each queued, sent or failing: whoever may see the application sees them."""
    return messages.of_application(session, application_id, signed_in(principal))


@router.patch(
    "/{application_id}", **access(APPLICATIONS_WRITE, 404, 409, 412, 422, 428, own_hub_only=True)
)
def update_application(
    session: DbSession,
    principal: CurrentPrincipal,
    application_id: ApplicationId,
    body: schemas.ApplicationUpdate,
    response: Response,
    if_match: Annotated[str | None, Header(max_length=1000)] = None,
) -> schemas.Application:
    """Save the draft (If-Match with the ETag you read)."""
    row = applications.update_draft(
        session,
        application_id,
        body,
        actor=signed_in(principal),
        expected_version=expected_version(if_match, application_id),
    )
    response.headers["ETag"] = etag(row.id, row.version)
    return to_schema(session, row)


@router.delete(
    "/{application_id}",
    status_code=204,
    response_class=Response,
    **access(APPLICATIONS_WRITE, 404, 409, 412, 422, own_hub_only=True),
)
def delete_application(
    session: DbSession,
    principal: CurrentPrincipal,
    application_id: ApplicationId,
    if_match: Annotated[str | None, Header(max_length=1000)] = None,
) -> Response:
    """Delete a draft (If-Match optional: with it, a draft changed meanwhile is kept, 412).
    A submitted application cannot be deleted (409, rule not_draft): withdraw it instead."""
    applications.delete_draft(
        session,
        application_id,
        actor=signed_in(principal),
        expected_version=expected_version(if_match, application_id) if if_match else None,
    )
    return Response(status_code=204)


@router.post("/{application_id}/signature-requests", **access(APPLICATIONS_WRITE, 404, 409, 422))
def request_signatures(
    session: DbSession,
    principal: CurrentPrincipal,
    application_id: ApplicationId,
    request: Request,
    now: Now,
) -> schemas.Application:
    """Email each signatory who has not confirmed yet a personal link to confirm."""
    row = applications.send_signature_requests(
        session,
        application_id,
        actor=signed_in(principal),
        base_url=_base_url(request),
        now=now,
    )
    return to_schema(session, row)


@router.post(
    "/{application_id}/submit",
    response_model=schemas.Application,
    **access(APPLICATIONS_WRITE, 404, 409, 422, own_hub_only=True),
)
def submit_application(
    session: DbSession,
    principal: CurrentPrincipal,
    request: Request,
    application_id: ApplicationId,
    now: Now,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Submit: the rules decide now, the closing date included; refusals name each rule."""
    actor = signed_in(principal)

    def run() -> tuple[int, schemas.Application]:
        row = applications.submit(
            session, application_id, actor=actor, now=now, base_url=_base_url(request)
        )
        return 200, to_schema(session, row)

    return _once(session, request, actor, idempotency_key, "", run)


@router.post("/{application_id}/decisions", **access(REVIEW, 404, 409, 422, own_hub_only=True))
def decide(
    session: DbSession,
    principal: CurrentPrincipal,
    request: Request,
    application_id: ApplicationId,
    body: schemas.DecisionRequest,
    now: Now,
) -> schemas.Application:
    """Shortlist, select, waitlist or decline, with a note; the school is emailed."""
    row = applications.decide_application(
        session,
        application_id,
        body,
        actor=signed_in(principal),
        now=now,
        base_url=_base_url(request),
    )
    return to_schema(session, row)


@router.post(
    "/{application_id}/withdraw", **access(APPLICATIONS_WRITE, 404, 409, 422, own_hub_only=True)
)
def withdraw(
    session: DbSession,
    principal: CurrentPrincipal,
    request: Request,
    application_id: ApplicationId,
    body: schemas.WithdrawRequest,
    now: Now,
) -> schemas.Application:
    """Withdraw; a place it held goes to the first on the waiting list."""
    row = applications.withdraw(
        session,
        application_id,
        body,
        actor=signed_in(principal),
        now=now,
        base_url=_base_url(request),
    )
    return to_schema(session, row)
