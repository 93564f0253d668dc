"""Grant claims: a school claims an entitlement (with evidence for matched funding); the hub
approves, refuses, voids or claws back. Nothing is deleted: every move is in the claim's
history and the audit log."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import File, Form, Header, Path, Query, Request, Response, UploadFile
from fastapi.responses import JSONResponse

from api.domain.access import Principal
from api.domain.claims import ClaimStatus
from api.persistence.models import GrantClaim
from api.routers.access import (
    GRANTS_CLAIM,
    GRANTS_READ,
    GRANTS_WRITE,
    CurrentPrincipal,
    access,
    signed_in,
)
from api.routers.clock import Now
from api.routers.conditional import etag, expected_version, not_modified, not_modified_response
from api.routers.dependencies import DbSession
from api.routers.feature_router import FeatureRouter
from api.schemas.common import HUB_ID_PATTERN, IsoInstant, Page
from api.schemas.grant_claims import (
    EVIDENCE_MAX_BYTES,
    Claim,
    ClaimClawback,
    ClaimRefuse,
    ClaimVoid,
)
from api.schemas.schools import URN_PATTERN
from api.services import audit, grant_claim_evidence, grant_claims, idempotency
from api.services.grant_claims import ClaimFilters, ClaimRequest

router = FeatureRouter(prefix="/grants/claims", tags=["grants"])

ClaimId = Annotated[int, Path(ge=1, le=2**31 - 1)]
IfMatch = Annotated[str | None, Header(max_length=1000)]
IdempotencyKey = Annotated[
    str | None,
    Header(
        max_length=200,
        description="Repeat a POST safely: the same key and body answer the first result again.",
    ),
]


def _claim_location(claim_id: int) -> str:
    return f"/api/v1/grants/claims/{claim_id}"


@router.get("", **access(GRANTS_READ, 403, 422))
def list_claims(
    session: DbSession,
    principal: CurrentPrincipal,
    hub: Annotated[str | None, Query(pattern=HUB_ID_PATTERN, max_length=64)] = None,
    school: Annotated[str | None, Query(pattern=URN_PATTERN, description="A school's URN")] = None,
    programme: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    status: Annotated[
        list[ClaimStatus] | None, Query(max_length=8, description="Any of these (repeat it)")
    ] = None,
    updated_since: Annotated[
        IsoInstant | None,
        Query(description="Only claims changed at or after this instant, oldest change first"),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> Page[Claim]:
    """Claims of your hub (a school contact: their own school's; a national administrator:
    every hub's, or `hub`), by id; with `updated_since`, by when each last changed, so that
    another system can follow them."""
    actor = signed_in(principal)
    filters = ClaimFilters(
        hub_id=hub,
        school_urn=school,
        programme_id=programme,
        statuses=tuple(s.value for s in status or ()),
        updated_since=updated_since,
    )
    rows, next_cursor = grant_claims.list_claims(
        session, actor, filters, cursor=cursor, limit=limit
    )
    return Page[Claim](items=grant_claims.to_schemas(session, rows, actor), next_cursor=next_cursor)


@router.post(
    "",
    status_code=201,
    response_model=Claim,
    **access(GRANTS_CLAIM, 404, 409, 413, 422, own_hub_only=True),
)
def create_claim(
    session: DbSession,
    principal: CurrentPrincipal,
    request: Request,
    now: Now,
    entitlement_id: Annotated[int, Form(ge=1, le=2**31 - 1)],
    spend_pence: Annotated[
        int | None,
        Form(ge=0, le=100_000_000, description="What the school spent (matched funding only)"),
    ] = None,
    invoice_reference: Annotated[
        str | None,
        Form(min_length=1, max_length=100, description="The invoice (matched funding only)"),
    ] = None,
    evidence: Annotated[
        UploadFile | None,
        File(
            description=f"The invoice or receipt (matched funding only): PDF, PNG or JPEG, at "
            f"most {EVIDENCE_MAX_BYTES // (1024 * 1024)} MB."
        ),
    ] = None,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Claim an entitlement for your school (hub staff: for a school of their hub). The amount
    is decided here: a fixed grant's amount, or for matched funding the spend up to the cap.
    Refused: after the programme's claim window (409 `claim_window_closed`), before the grant
    is due (409 `not_due`, with `missing`), a second live claim for the entitlement (409
    `already_claimed`, naming it), another school's entitlement (403), evidence over 10 MB
    (413 `evidence-too-large`) or not a PDF, PNG or JPEG by its content (422, `/evidence`)."""
    actor = signed_in(principal)
    claim = ClaimRequest(
        entitlement_id=entitlement_id,
        spend_pence=spend_pence,
        invoice_reference=invoice_reference,
        evidence_filename=(evidence.filename or "evidence") if evidence is not None else None,
        evidence_content=grant_claim_evidence.read_evidence(evidence.file) if evidence else None,
    )

    def run() -> tuple[int, str]:
        row = grant_claims.create_claim(session, claim, actor=actor, now=now)
        return 201, grant_claims.to_schema(session, row, actor).model_dump_json()

    if idempotency_key is None:
        status_code, payload = run()
        replayed = False
    else:
        answer = idempotency.run_once(
            session,
            key=idempotency_key,
            caller=audit.actor_key(actor),
            fingerprint=idempotency.request_hash(
                request.method, request.url.path, claim.fingerprint()
            ),
            run=run,
        )
        status_code, payload, replayed = answer.status_code, answer.body, answer.replayed
    body = json.loads(payload)
    response = JSONResponse(body, status_code=status_code)
    response.headers["Location"] = _claim_location(body["id"])
    response.headers["ETag"] = etag(body["id"], body["version"])
    if replayed:
        response.headers["Idempotent-Replayed"] = "true"
    return response


@router.get(
    "/{claim_id}", response_model=Claim, **access(GRANTS_READ, 304, 404, 422, own_hub_only=True)
)
def get_claim(
    session: DbSession,
    principal: CurrentPrincipal,
    claim_id: ClaimId,
    response: Response,
    if_none_match: Annotated[str | None, Header(max_length=1000)] = None,
) -> Claim | Response:
    """One claim with its evidence, statements, history and what you may do to it now."""
    actor = signed_in(principal)
    row = grant_claims.get(session, claim_id, actor)
    tag = etag(row.id, row.version)
    if not_modified(if_none_match, tag):
        return not_modified_response(tag)
    response.headers["ETag"] = tag
    return grant_claims.to_schema(session, row, actor)


_EVIDENCE_ACCESS = access(GRANTS_READ, 404, 422, own_hub_only=True)
_EVIDENCE_ACCESS["responses"][200] = {
    "content": {
        "application/pdf": {"schema": {"type": "string", "format": "binary"}},
        "image/png": {"schema": {"type": "string", "format": "binary"}},
        "image/jpeg": {"schema": {"type": "string", "format": "binary"}},
    },
    "description": "The evidence file, as its content says it is",
}


@router.get("/{claim_id}/evidence", response_class=Response, **_EVIDENCE_ACCESS)
def claim_evidence(session: DbSession, principal: CurrentPrincipal, claim_id: ClaimId) -> Response:
    """The claim's evidence file, with the type decided from its content (404 without one)."""
    stored = grant_claims.evidence_of(session, claim_id, signed_in(principal))
    return Response(
        stored.content,
        media_type=stored.content_type,
        # X-Content-Type-Options: nosniff is on every response (api/headers.py).
        headers={"Content-Disposition": grant_claim_evidence.attachment(stored.filename)},
    )


def _answer(session: DbSession, response: Response, row: GrantClaim, actor: Principal) -> Claim:
    """The claim as it is after a move, with its new ETag."""
    response.headers["ETag"] = etag(row.id, row.version)
    return grant_claims.to_schema(session, row, actor)


# What each of the hub's decisions on a claim declares: who, and the answers it may give.
_DECIDE = access(GRANTS_WRITE, 404, 409, 412, 422, 428, own_hub_only=True)


@router.post(
    "/{claim_id}/approve",
    **_DECIDE,
)
def approve_claim(
    session: DbSession,
    principal: CurrentPrincipal,
    claim_id: ClaimId,
    response: Response,
    now: Now,
    if_match: IfMatch = None,
) -> Claim:
    """Submitted → eligible, with If-Match, once the domain's assessment finds every condition
    met; otherwise 409 `conditions_not_met` with the reasons, and nothing changes."""
    actor = signed_in(principal)
    row = grant_claims.approve(
        session,
        claim_id,
        actor=actor,
        expected_version=expected_version(if_match, claim_id),
        now=now,
    )
    return _answer(session, response, row, actor)


@router.post(
    "/{claim_id}/refuse",
    **_DECIDE,
)
def refuse_claim(
    session: DbSession,
    principal: CurrentPrincipal,
    claim_id: ClaimId,
    body: ClaimRefuse,
    response: Response,
    now: Now,
    if_match: IfMatch = None,
) -> Claim:
    """Submitted or eligible → ineligible, with If-Match, a reason and words for the school; a
    duplicate names the claim it repeats. The entitlement is free to be claimed again."""
    actor = signed_in(principal)
    row = grant_claims.refuse(
        session,
        claim_id,
        body,
        actor=actor,
        expected_version=expected_version(if_match, claim_id),
        now=now,
    )
    return _answer(session, response, row, actor)


@router.post(
    "/{claim_id}/void",
    **_DECIDE,
)
def void_claim(
    session: DbSession,
    principal: CurrentPrincipal,
    claim_id: ClaimId,
    body: ClaimVoid,
    response: Response,
    now: Now,
    if_match: IfMatch = None,
) -> Claim:
    """An unpaid claim (submitted, eligible or payable) → void, with If-Match and a reason. A
    payable claim's payment comes off its statement, which must still be open (409
    `statement_closed` otherwise)."""
    actor = signed_in(principal)
    row = grant_claims.void(
        session,
        claim_id,
        body.reason,
        actor=actor,
        expected_version=expected_version(if_match, claim_id),
        now=now,
    )
    return _answer(session, response, row, actor)


@router.post(
    "/{claim_id}/clawback",
    **_DECIDE,
)
def clawback_claim(
    session: DbSession,
    principal: CurrentPrincipal,
    claim_id: ClaimId,
    body: ClaimClawback,
    response: Response,
    now: Now,
    if_match: IfMatch = None,
) -> Claim:
    """A paid claim → awaiting clawback, with If-Match and a reason: a clawback line of minus
    its amount goes on the hub's earliest open statement (one for this month is opened if
    none is); the claim is clawed back when that statement is paid."""
    actor = signed_in(principal)
    row = grant_claims.clawback(
        session,
        claim_id,
        body.reason,
        actor=actor,
        expected_version=expected_version(if_match, claim_id),
        now=now,
    )
    return _answer(session, response, row, actor)
