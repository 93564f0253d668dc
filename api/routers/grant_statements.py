"""A hub's monthly statements: the claims they pay and claw back, adjustments, closing and
paying, and a CSV for finance."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import Header, Path, Query, Request, Response
from fastapi.responses import JSONResponse

from api.domain.access import HUB_STAFF, Policy, Scope
from api.domain.statements import StatementStatus
from api.persistence.grant_statements_repository import StatementFilters
from api.routers.access import GRANTS_WRITE, CurrentPrincipal, access, signed_in
from api.routers.clock import Now, Today
from api.routers.conditional import etag, expected_version, not_modified, not_modified_response
from api.routers.dependencies import DbSession
from api.routers.feature_router import FeatureRouter
from api.schemas import grant_statements as schemas
from api.schemas.common import HUB_ID_PATTERN, IsoInstant, Page
from api.services import audit, grant_statements, idempotency

router = FeatureRouter(prefix="/grants/statements", tags=["grants"])

# Statements are the hub's: its staff and its grants:read keys read them (school contacts,
# who read their own claims, do not); GRANTS_WRITE (hub staff, grants:write keys) runs them.
STATEMENTS_READ = Policy(
    "grant_statements_read",
    roles=HUB_STAFF,
    scopes=frozenset({Scope.GRANTS_READ, Scope.ADMIN}),
)

StatementId = Annotated[int, Path(ge=1, le=2**31 - 1)]
IfMatch = Annotated[str | None, Header(max_length=1000)]
IdempotencyKey = Annotated[
    str | None,
    Header(
        max_length=200,
        description="Repeat a POST safely: the same key and body answer the first result again.",
    ),
]


@router.get("", **access(STATEMENTS_READ, 403, 422))
def list_statements(
    session: DbSession,
    principal: CurrentPrincipal,
    hub: Annotated[str | None, Query(pattern=HUB_ID_PATTERN, max_length=64)] = None,
    status: StatementStatus | None = None,
    updated_since: Annotated[
        IsoInstant | None,
        Query(description="Only statements changed at or after this instant, oldest change first"),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> Page[schemas.StatementSummary]:
    """Your hub's statements, oldest first (a national administrator: every hub's, or `hub`'s;
    another hub's is refused, 403)."""
    viewer = signed_in(principal)
    rows, next_cursor = grant_statements.list_statements(
        session,
        viewer,
        StatementFilters(
            hub_id=hub, status=status.value if status else None, updated_since=updated_since
        ),
        cursor=cursor,
        limit=limit,
    )
    return Page[schemas.StatementSummary](
        items=grant_statements.to_summaries(session, rows, viewer), next_cursor=next_cursor
    )


@router.post(
    "",
    status_code=201,
    response_model=schemas.Statement,
    **access(GRANTS_WRITE, 409, 422, own_hub_only=True),
)
def create_statement(
    session: DbSession,
    principal: CurrentPrincipal,
    request: Request,
    body: schemas.StatementCreate,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Open a statement for one of your hub's months: one per hub and month (a second is
    refused, 409 rule `statement_exists`, naming the one there is)."""
    actor = signed_in(principal)

    def produce() -> tuple[int, str]:
        row = grant_statements.create(session, body.hub_id, body.month, actor=actor)
        return 201, grant_statements.to_schema(session, row, actor).model_dump_json()

    if idempotency_key is None:
        status_code, payload = produce()
        replayed = False
    else:
        answer = idempotency.run_once(
            session,
            key=idempotency_key,
            caller=audit.actor_key(actor),
            fingerprint=idempotency.request_hash(
                request.method, request.url.path, body.model_dump_json()
            ),
            run=produce,
        )
        status_code, payload, replayed = answer.status_code, answer.body, answer.replayed
    content = json.loads(payload)
    response = JSONResponse(content, status_code=status_code)
    response.headers["Location"] = f"/api/v1/grants/statements/{content['id']}"
    response.headers["ETag"] = etag(content["id"], content["version"])
    if replayed:
        response.headers["Idempotent-Replayed"] = "true"
    return response


# Before /{statement_id}, which would take 12.csv for an id and refuse it.
_CSV_ACCESS = access(STATEMENTS_READ, 404, 422, own_hub_only=True)
_CSV_ACCESS["responses"][200] = {
    "content": {"text/csv": {}},
    "description": "The statement as CSV: its lines, adjustments and total",
}


@router.get("/{statement_id}.csv", response_class=Response, **_CSV_ACCESS)
def export_statement(
    session: DbSession, principal: CurrentPrincipal, statement_id: StatementId
) -> Response:
    """For finance: one row per line and adjustment, then the total (the sum of those rows, to
    the penny), each amount in pounds (1000.00) and in pence."""
    row = grant_statements.get(session, statement_id, signed_in(principal))
    filename, text = grant_statements.csv_of(session, row)
    return Response(
        text,
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "ETag": etag(row.id, row.version),
        },
    )


@router.get(
    "/{statement_id}",
    response_model=schemas.Statement,
    **access(STATEMENTS_READ, 304, 404, 422, own_hub_only=True),
)
def get_statement(
    session: DbSession,
    principal: CurrentPrincipal,
    statement_id: StatementId,
    response: Response,
    if_none_match: Annotated[str | None, Header(max_length=1000)] = None,
) -> schemas.Statement | Response:
    """One statement with its lines (each claim, school and programme) and adjustments."""
    viewer = signed_in(principal)
    row = grant_statements.get(session, statement_id, viewer)
    tag = etag(row.id, row.version)
    if not_modified(if_none_match, tag):
        return not_modified_response(tag)
    response.headers["ETag"] = tag
    return grant_statements.to_schema(session, row, viewer)


def _changed(
    session: DbSession, response: Response, row_id: int, viewer: CurrentPrincipal
) -> schemas.Statement:
    actor = signed_in(viewer)
    row = grant_statements.get(session, row_id, actor)
    response.headers["ETag"] = etag(row.id, row.version)
    return grant_statements.to_schema(session, row, actor)


_CHANGE = access(GRANTS_WRITE, 404, 409, 412, 422, 428, own_hub_only=True)


@router.post("/{statement_id}/lines", **_CHANGE)
def add_line(
    session: DbSession,
    principal: CurrentPrincipal,
    statement_id: StatementId,
    body: schemas.StatementLineCreate,
    response: Response,
    now: Now,
    if_match: IfMatch = None,
) -> schemas.Statement:
    """Put an eligible claim of the hub on its open statement (If-Match): the claim becomes
    payable. A claim in another state (409 `claim_not_eligible`), another hub's claim (409
    `claim_of_another_hub`) or a statement that is not open (409 `statement_not_open`, or
    `statement_paid`) is refused."""
    grant_statements.add_line(
        session,
        statement_id,
        body.claim_id,
        actor=signed_in(principal),
        expected_version=expected_version(if_match, statement_id),
        now=now,
    )
    return _changed(session, response, statement_id, principal)


@router.post("/{statement_id}/adjustments", **_CHANGE)
def add_adjustment(
    session: DbSession,
    principal: CurrentPrincipal,
    statement_id: StatementId,
    body: schemas.StatementAdjustmentCreate,
    response: Response,
    if_match: IfMatch = None,
) -> schemas.Statement:
    """Add a signed amount with what it is for to an open statement (If-Match)."""
    grant_statements.add_adjustment(
        session,
        statement_id,
        body.description,
        body.amount_pence,
        actor=signed_in(principal),
        expected_version=expected_version(if_match, statement_id),
    )
    return _changed(session, response, statement_id, principal)


@router.post("/{statement_id}/close", **_CHANGE)
def close_statement(
    session: DbSession,
    principal: CurrentPrincipal,
    statement_id: StatementId,
    response: Response,
    if_match: IfMatch = None,
) -> schemas.Statement:
    """Close an open statement for payment (If-Match): it takes no more lines or adjustments."""
    grant_statements.close(
        session,
        statement_id,
        actor=signed_in(principal),
        expected_version=expected_version(if_match, statement_id),
    )
    return _changed(session, response, statement_id, principal)


@router.post("/{statement_id}/pay", **_CHANGE)
def pay_statement(
    session: DbSession,
    principal: CurrentPrincipal,
    statement_id: StatementId,
    body: schemas.StatementPay,
    response: Response,
    now: Now,
    today: Today,
    if_match: IfMatch = None,
) -> schemas.Statement:
    """Mark a payable statement paid, with the day and the payment's reference (If-Match):
    each payment line's claim becomes paid, each clawback line's clawed back. A paid statement
    is read-only: every change is refused (409 `statement_paid`)."""
    grant_statements.pay(
        session,
        statement_id,
        paid_on=body.paid_on,
        payment_reference=body.payment_reference,
        actor=signed_in(principal),
        expected_version=expected_version(if_match, statement_id),
        now=now,
        today=today,
    )
    return _changed(session, response, statement_id, principal)
