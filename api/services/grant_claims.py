"""Grant claims: a school claims one entitlement (matched funding with its spend, invoice and
evidence); its hub approves, refuses, voids or claws back. Every move goes through
`grant_claim_moves.move_claim`, so it is checked by the domain, kept in the claim's history
and written to the audit log."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from api.domain.academic_year import AcademicYear
from api.domain.access import Principal
from api.domain.claims import (
    ClaimRefused,
    ClaimStatus,
    ExistingClaim,
    IneligibleReason,
    assess,
    check_window,
    claim_amount,
    window_closes,
)
from api.domain.grants import MatchedFunding
from api.domain.webhooks import EventType
from api.errors import (
    BadField,
    Conflict,
    EvidenceTooLarge,
    Forbidden,
    InvalidFields,
    NotFound,
)
from api.persistence import grant_claims_repository as repo
from api.persistence import grant_entitlements_repository as entitlements_repo
from api.persistence.models import GrantClaim, GrantEntitlement, GrantStatement
from api.schemas.grant_claims import (
    EVIDENCE_MAX_BYTES,
    Claim,
    ClaimAction,
    ClaimRefuse,
)
from api.services import (
    audit,
    grant_access,
    grant_claim_evidence,
    grant_entitlements,
    grant_statements,
    paging,
    webhook_events,
)
from api.services.evidence_store import EvidenceFile, evidence_store
from api.services.grant_claim_moves import (
    audited_fields,
    history_entry,
    move_claim,
    reference_of,
)
from api.services.versions import check_version

_ACTIONS: dict[ClaimAction, frozenset[ClaimStatus]] = {
    "approve": frozenset({ClaimStatus.SUBMITTED}),
    "refuse": frozenset({ClaimStatus.SUBMITTED, ClaimStatus.ELIGIBLE}),
    "void": frozenset({ClaimStatus.SUBMITTED, ClaimStatus.ELIGIBLE, ClaimStatus.PAYABLE}),
    "clawback": frozenset({ClaimStatus.PAID}),
}


@dataclass(frozen=True)
class ClaimFilters:
    hub_id: str | None = None
    school_urn: str | None = None
    programme_id: int | None = None
    statuses: tuple[str, ...] = ()
    updated_since: datetime | None = None


@dataclass(frozen=True)
class ClaimRequest:
    entitlement_id: int
    spend_pence: int | None = None
    invoice_reference: str | None = None
    evidence_filename: str | None = None
    evidence_content: bytes | None = None

    def fingerprint(self) -> str:
        """What makes two requests the same one, for Idempotency-Key."""
        digest = hashlib.sha256(self.evidence_content).hexdigest() if self.evidence_content else ""
        return (
            f"{self.entitlement_id}|{self.spend_pence}|{self.invoice_reference}|"
            f"{self.evidence_filename}|{digest}"
        )


def _check_fields(claim: ClaimRequest, matched: bool) -> str | None:
    """The evidence's detected type; 422 naming every missing or unwanted field."""
    content = claim.evidence_content
    if content is not None and len(content) > EVIDENCE_MAX_BYTES:
        raise EvidenceTooLarge(
            "The evidence file is larger than 10 MB; send a smaller scan or photo of the invoice.",
            max_bytes=EVIDENCE_MAX_BYTES,
        )
    errors: list[BadField] = []
    fields = {
        "/spend_pence": claim.spend_pence,
        "/invoice_reference": claim.invoice_reference,
        "/evidence": content,
    }
    detected: str | None = None
    if matched:
        messages = {
            "/spend_pence": "Say what the school spent, in pence",
            "/invoice_reference": "Give the invoice's reference",
            "/evidence": "Attach the invoice or receipt: a PDF, PNG or JPEG",
        }
        errors += [BadField("body", p, messages[p]) for p, v in fields.items() if v is None]
        if content is not None:
            found = grant_claim_evidence.content_type_of(content)
            if isinstance(found, BadField):
                errors.append(found)
            else:
                detected = found
    else:
        errors += [
            BadField("body", p, "Only a claim for matched funding has this; leave it out")
            for p, v in fields.items()
            if v is not None
        ]
    if errors:
        raise InvalidFields(errors)
    return detected


def _entitlement_for_claim(
    session: Session, entitlement_id: int, actor: Principal
) -> GrantEntitlement:
    row = entitlements_repo.get(session, entitlement_id)
    if row is None:
        raise NotFound(f"There is no grant entitlement {entitlement_id}.")
    if grant_access.is_school_contact(actor):
        if row.school_urn != actor.school_urn:
            raise Forbidden(
                f"You can claim only for your own school, {actor.school_urn}; entitlement "
                f"{entitlement_id} is another school's."
            )
    elif not actor.runs_hub(row.hub_id):
        raise Forbidden(f"Entitlement {entitlement_id} belongs to another hub.")
    return row


def _already_claimed(held: GrantClaim) -> Conflict:
    return Conflict(
        f"This grant has already been claimed: claim {held.reference} is {held.status}.",
        rule="already_claimed",
        claim=held.reference,
    )


def create_claim(
    session: Session, claim: ClaimRequest, *, actor: Principal, now: datetime
) -> GrantClaim:
    """Make a claim, or refuse it and change nothing."""
    entitlement = _entitlement_for_claim(session, claim.entitlement_id, actor)
    grant = grant_entitlements.grant_of(session, entitlement)
    matched = isinstance(grant, MatchedFunding)
    content_type = _check_fields(claim, matched)
    programme = entitlements_repo.programme(session, entitlement.programme_id)
    assert programme is not None
    if programme.claim_deadline is not None:
        try:
            check_window(programme.claim_deadline, now)
        except ClaimRefused as exc:
            raise Conflict(
                str(exc),
                rule="claim_window_closed",
                closed_at=window_closes(programme.claim_deadline).isoformat(),
            ) from exc
    decision = grant_entitlements.decide(session, entitlement, now=now, claim=None)
    if not decision.due:
        raise Conflict(
            "This grant is not due yet: " + " ".join(decision.missing),
            rule="not_due",
            missing=list(decision.missing),
        )
    held = repo.live_claim(session, entitlement.id)
    if held is not None:
        raise _already_claimed(held)
    row = GrantClaim(
        # A placeholder, unique until the id gives the claim its reference below.
        reference=f"new-{uuid.uuid4().hex[:28]}",  # 32 characters, as the column
        entitlement_id=entitlement.id,
        holds_entitlement_id=entitlement.id,
        hub_id=entitlement.hub_id,
        programme_id=entitlement.programme_id,
        school_urn=entitlement.school_urn,
        status=ClaimStatus.SUBMITTED.value,
        amount_pence=claim_amount(grant, claim.spend_pence or 0),
        spend_pence=claim.spend_pence if matched else None,
        invoice_reference=claim.invoice_reference if matched else None,
        submitted_by=audit.actor_key(actor),
        submitted_at=now,
        history=[history_entry(ClaimStatus.SUBMITTED, by=actor, now=now, note=None)],
        created_at=now,
        updated_at=now,
    )
    try:
        repo.insert_claim(session, row)
    except repo.AlreadyHeld:
        # A parallel request claimed it between our check and our insert: the unique
        # holds_entitlement_id refused the second, and the first is committed by now.
        held = repo.live_claim(session, entitlement.id)
        if held is None:
            raise Conflict(
                "This grant was being claimed by another request at the same moment; "
                "read it again.",
                rule="already_claimed",
            ) from None
        raise _already_claimed(held) from None
    repo.set_reference(session, row, reference_of(row.id))
    if claim.evidence_content is not None and content_type is not None:
        evidence_store(session).put(
            row.id,
            filename=grant_claim_evidence.safe_filename(claim.evidence_filename or "evidence"),
            content_type=content_type,
            content=claim.evidence_content,
        )
    audit.record(
        session,
        actor,
        action="create",
        resource_type="grant_claim",
        resource_id=row.id,
        hub_id=row.hub_id,
        before=None,
        after={
            **audited_fields(row),
            "amount_pence": row.amount_pence,
            "spend_pence": row.spend_pence,
            "invoice_reference": row.invoice_reference,
        },
    )
    # A new claim enters its first state, submitted: the same news as any later move.
    webhook_events.record(
        session,
        EventType.GRANT_CLAIM_CHANGED,
        hub_id=row.hub_id,
        resource_type="grant_claim",
        resource_id=row.id,
        now=now,
    )
    return row


def _visible(session: Session, claim_id: int, actor: Principal) -> GrantClaim:
    row = repo.get(session, claim_id)
    if row is None or not grant_access.may_see(actor, hub_id=row.hub_id, school_urn=row.school_urn):
        raise NotFound(f"There is no grant claim {claim_id}.")
    return row


def get(session: Session, claim_id: int, actor: Principal) -> GrantClaim:
    return _visible(session, claim_id, actor)


def evidence_of(session: Session, claim_id: int, actor: Principal) -> EvidenceFile:
    row = _visible(session, claim_id, actor)
    stored = evidence_store(session).get(row.id)
    if stored is None:
        raise NotFound(f"Claim {row.reference} has no evidence file.")
    return stored


def list_claims(
    session: Session,
    actor: Principal,
    filters: ClaimFilters,
    *,
    cursor: str | None,
    limit: int,
) -> tuple[list[GrantClaim], str | None]:
    bounds = grant_access.visible(actor, hub_id=filters.hub_id, school_urn=filters.school_urn)
    scope = repo.ClaimScope(
        hub_id=bounds.hub_id,
        school_urn=bounds.school_urn,
        programme_id=filters.programme_id,
        statuses=filters.statuses,
        updated_since=filters.updated_since,
    )
    if filters.updated_since is not None:
        last = paging.after(cursor, str, int)
        rows = repo.list_claims(session, scope, after=last, limit=limit + 1)
        return paging.page(rows, limit, lambda row: (row.updated_at.isoformat(), row.id))
    last_id = paging.after(cursor, int)
    rows = repo.list_claims(session, scope, after=last_id, limit=limit + 1)
    return paging.page(rows, limit, lambda row: (row.id,))


def _for_decision(
    session: Session, claim_id: int, actor: Principal, expected_version: int
) -> GrantClaim:
    """The claim, locked, for one of the hub's moves; 412 when changed since it was read."""
    if not grant_access.may_decide(actor, _visible(session, claim_id, actor).hub_id):
        raise Forbidden("Only the claim's hub may decide it.")
    row = repo.lock(session, claim_id)
    assert row is not None
    check_version(f"Claim {row.reference}", current=row.version, expected=expected_version)
    return row


def approve(
    session: Session, claim_id: int, *, actor: Principal, expected_version: int, now: datetime
) -> GrantClaim:
    row = _for_decision(session, claim_id, actor, expected_version)
    if row.status != ClaimStatus.SUBMITTED.value:
        # The domain refuses it with the claim's status and where it may go.
        return move_claim(session, row, ClaimStatus.ELIGIBLE, by=actor, now=now)
    entitlement = entitlements_repo.get(session, row.entitlement_id)
    assert entitlement is not None
    decision = grant_entitlements.decide(session, entitlement, now=now, claim=row)
    others = [
        ExistingClaim(c.reference, ClaimStatus(c.status))
        for c in repo.claims_of(session, [entitlement.id])[entitlement.id]
        if c.id != row.id
    ]
    assessment = assess(decision, others)
    if assessment.move.status is not ClaimStatus.ELIGIBLE:
        reasons = list(decision.missing) or [assessment.why]
        raise Conflict(
            f"Claim {row.reference} cannot be approved: {assessment.why}",
            rule="conditions_not_met",
            missing=reasons,
        )
    return move_claim(session, row, ClaimStatus.ELIGIBLE, by=actor, now=now, note=assessment.why)


def refuse(
    session: Session,
    claim_id: int,
    body: ClaimRefuse,
    *,
    actor: Principal,
    expected_version: int,
    now: datetime,
) -> GrantClaim:
    row = _for_decision(session, claim_id, actor, expected_version)
    duplicate = None
    if body.duplicate_of is not None:
        duplicate = repo.by_reference(session, body.duplicate_of)
        if duplicate is None or duplicate.id == row.id or duplicate.hub_id != row.hub_id:
            raise InvalidFields(
                [
                    BadField(
                        "body",
                        "/duplicate_of",
                        f"There is no other claim {body.duplicate_of} of this hub",
                    )
                ]
            )
    if (body.reason is IneligibleReason.DUPLICATE) != (duplicate is not None):
        raise InvalidFields(
            [
                BadField(
                    "body",
                    "/duplicate_of",
                    "A duplicate names the claim it repeats, and only a duplicate does",
                )
            ]
        )
    return move_claim(
        session,
        row,
        ClaimStatus.INELIGIBLE,
        by=actor,
        now=now,
        note=body.detail,
        reason=body.reason,
        duplicate_of=duplicate,
    )


def void(
    session: Session,
    claim_id: int,
    reason: str,
    *,
    actor: Principal,
    expected_version: int,
    now: datetime,
) -> GrantClaim:
    row = _for_decision(session, claim_id, actor, expected_version)
    if row.status == ClaimStatus.PAYABLE.value:
        # Its payment line leaves the statement, which must still be open.
        grant_statements.take_off(session, row, actor=actor)
    return move_claim(session, row, ClaimStatus.VOID, by=actor, now=now, note=reason)


def clawback(
    session: Session,
    claim_id: int,
    reason: str,
    *,
    actor: Principal,
    expected_version: int,
    now: datetime,
) -> GrantClaim:
    row = _for_decision(session, claim_id, actor, expected_version)
    # The statement side (the hub's earliest open statement, or a new one) is the statements'.
    return grant_statements.claw_back(session, row, reason, actor=actor, now=now)


def _actions(actor: Principal, row: GrantClaim) -> list[ClaimAction]:
    if not grant_access.may_decide(actor, row.hub_id):
        return []
    status = ClaimStatus(row.status)
    return [action for action, sources in _ACTIONS.items() if status in sources]


def _statement_ref(statement: GrantStatement) -> dict[str, object]:
    return {"id": statement.id, "month": statement.month, "status": statement.status}


def to_schemas(session: Session, rows: Sequence[GrantClaim], actor: Principal) -> list[Claim]:
    ids = [row.id for row in rows]
    evidence = evidence_store(session).info(ids)
    lines: dict[tuple[int, str], GrantStatement] = {
        (line.claim_id, line.kind): statement for line, statement in repo.lines_of(session, ids)
    }
    hubs = repo.hubs(session, {row.hub_id for row in rows})
    schools = repo.schools(session, {row.school_urn for row in rows})
    programmes = entitlements_repo.programmes(session, [row.programme_id for row in rows])
    entitlements = {
        row.entitlement_id: entitlements_repo.get(session, row.entitlement_id) for row in rows
    }
    duplicates = repo.claims_by_id(
        session, {row.duplicate_of_id for row in rows if row.duplicate_of_id is not None}
    )
    items = []
    for row in rows:
        programme = programmes[row.programme_id]
        entitlement = entitlements[row.entitlement_id]
        assert entitlement is not None
        year = AcademicYear.parse(programme.academic_year_id)
        found = evidence.get(row.id)
        duplicate = duplicates.get(row.duplicate_of_id) if row.duplicate_of_id else None
        payment = lines.get((row.id, "payment"))
        clawed = lines.get((row.id, "clawback"))
        school = schools.get(row.school_urn)
        items.append(
            Claim.model_validate(
                {
                    "id": row.id,
                    "reference": row.reference,
                    "entitlement_id": row.entitlement_id,
                    "hub": {"id": row.hub_id, "name": hubs[row.hub_id].name},
                    "programme": {
                        "id": programme.id,
                        "title": programme.title,
                        "code": programme.code,
                        "academic_year": year.slug,
                        "academic_year_label": year.label,
                    },
                    "school": {
                        "urn": row.school_urn,
                        "name": school.name if school else row.school_urn,
                    },
                    "kind": entitlement.kind,
                    "purpose": entitlement.purpose,
                    "status": row.status,
                    "amount": {"amount_pence": row.amount_pence},
                    "spend": (
                        {"amount_pence": row.spend_pence} if row.spend_pence is not None else None
                    ),
                    "invoice_reference": row.invoice_reference,
                    "evidence": (
                        {
                            "filename": found.filename,
                            "content_type": found.content_type,
                            "size_bytes": found.size_bytes,
                            "sha256": found.sha256,
                            "href": f"/api/v1/grants/claims/{row.id}/evidence",
                        }
                        if found is not None
                        else None
                    ),
                    "reason": row.reason,
                    "reason_detail": row.reason_detail,
                    "duplicate_of": (
                        {
                            "id": duplicate.id,
                            "reference": duplicate.reference,
                            "status": duplicate.status,
                        }
                        if duplicate is not None
                        else None
                    ),
                    "payment_statement": _statement_ref(payment) if payment else None,
                    "clawback_statement": _statement_ref(clawed) if clawed else None,
                    "allowed_actions": _actions(actor, row),
                    "history": [
                        {
                            "status": entry["status"],
                            "at": entry["at"],
                            "by_name": entry.get("by_name"),
                            "note": entry.get("note"),
                        }
                        for entry in row.history
                    ],
                    "submitted_at": row.submitted_at,
                    "updated_at": row.updated_at,
                    "version": row.version,
                }
            )
        )
    return items


def to_schema(session: Session, row: GrantClaim, actor: Principal) -> Claim:
    return to_schemas(session, [row], actor)[0]
