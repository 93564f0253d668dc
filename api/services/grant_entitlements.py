"""Grant entitlements: recorded when a school joins one of a programme's Work Groups, decided
live by the domain each time they are read (due, claimable, what is missing and why)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from api.clock import today_in_england
from api.domain.academic_year import AcademicYear
from api.domain.access import Principal
from api.domain.claims import HOLDS_THE_ENTITLEMENT, ClaimStatus, window_closes
from api.domain.entitlements import EntitlementDecision, SchoolYear, decide_entitlements
from api.domain.grants import (
    FixedGrant,
    Funding,
    Grant,
    MatchedFunding,
    NotBefore,
    PaymentCondition,
    SessionsAttended,
    SpendEvidenced,
)
from api.errors import NotFound
from api.persistence import grant_claims_repository as claims_repo
from api.persistence import grant_entitlements_repository as repo
from api.persistence.models import GrantClaim, GrantEntitlement, Programme
from api.schemas.grant_entitlements import Entitlement, EntitlementStatus
from api.services import grant_access, paging
from api.services.evidence_store import evidence_store

_PURPOSES = {"release_time": "teacher release time", "textbooks": "textbooks"}
_KINDS = {"fixed": FixedGrant.kind, "matched": MatchedFunding.kind}


@dataclass(frozen=True)
class EntitlementFilters:
    hub_id: str | None = None
    school_urn: str | None = None
    programme_id: int | None = None
    academic_year: str | None = None


def _condition(data: dict[str, Any]) -> PaymentCondition:
    if data["kind"] == SessionsAttended.kind:
        return SessionsAttended(int(data["minimum"]))
    if data["kind"] == NotBefore.kind:
        return NotBefore(datetime.fromisoformat(str(data["on"])).date())
    return SpendEvidenced()


def funding_of(programme: Programme) -> Funding:
    """The programme's grants (as the catalogue stores them) in the domain's terms."""
    grants: list[Grant] = []
    for item in (programme.funding or {}).get("grants", []):
        purpose = _PURPOSES.get(item["purpose"]) or item.get("description") or "other costs"
        pence = int(item["amount"]["amount_pence"])
        conditions = tuple(_condition(c) for c in item.get("conditions", []))
        if item["kind"] == "matched":
            grants.append(MatchedFunding(pence, purpose, conditions))
        else:
            grants.append(FixedGrant(pence, purpose, conditions))
    return Funding(tuple(grants))


def record_for_school(
    session: Session, *, programme_id: int, school_urn: str, work_group_id: int | None
) -> list[GrantEntitlement]:
    """One entitlement per grant of the programme's funding, for a school joining one of its
    Work Groups; a school already recorded keeps what it has (idempotent)."""
    programme = repo.programme(session, programme_id)
    if programme is None:
        return []
    known = {
        row.grant_index for row in repo.of_school_on_programme(session, programme.id, school_urn)
    }
    added = []
    for index, grant in enumerate(funding_of(programme).grants):
        if index in known:
            continue
        row = GrantEntitlement(
            hub_id=programme.hub_id,
            programme_id=programme.id,
            school_urn=school_urn,
            work_group_id=work_group_id,
            grant_index=index,
            kind=grant.kind,
            purpose=grant.purpose[:200],
            amount_pence=grant.amount_pence if isinstance(grant, FixedGrant) else grant.cap_pence,
        )
        repo.add(session, row)
        added.append(row)
    return added


def grant_of(session: Session, row: GrantEntitlement) -> Grant:
    """The grant as recorded: the programme's funding rules at its place in the list, or (if
    the hub has since changed them) the grant as it was when the school joined."""
    programme = repo.programme(session, row.programme_id)
    grants = funding_of(programme).grants if programme is not None else ()
    if row.grant_index < len(grants) and grants[row.grant_index].kind == row.kind:
        return grants[row.grant_index]
    if row.kind == MatchedFunding.kind:
        return MatchedFunding(row.amount_pence, row.purpose)
    return FixedGrant(row.amount_pence, row.purpose)


def _pounds(pence: int) -> str:
    """£1,000.00: money on grants pages always shows its pence."""
    pounds, rest = divmod(pence, 100)
    return f"£{pounds:,}.{rest:02d}"


def describe(grant: Grant) -> str:
    """The grant in words, as a school reads it on its grants page."""
    if isinstance(grant, FixedGrant):
        return f"a {_pounds(grant.amount_pence)} grant towards {grant.purpose}"
    return f"matched funding of up to {_pounds(grant.cap_pence)} for {grant.purpose}"


def live_claim(claims: list[GrantClaim]) -> GrantClaim | None:
    return next((c for c in claims if ClaimStatus(c.status) in HOLDS_THE_ENTITLEMENT), None)


def decide(
    session: Session,
    row: GrantEntitlement,
    *,
    now: datetime,
    claim: GrantClaim | None,
    evidenced: bool | None = None,
) -> EntitlementDecision:
    """The entitlement decided now from the school's year: selected (in one of the
    programme's groups), completed (the group's year completed), sessions attended, and the
    spend of `claim` (the live claim, or the one being decided)."""
    group = repo.group_of_school(session, row.programme_id, row.school_urn)
    if evidenced is None:
        evidenced = claim is not None and bool(evidence_store(session).info([claim.id]))
    year = SchoolYear(
        selected=group is not None,
        completed_year=group is not None and group.completed_on is not None,
        sessions_attended=(
            repo.sessions_attended(session, group.id, row.school_urn) if group else 0
        ),
        spend_pence=(claim.spend_pence or 0) if claim is not None else 0,
        spend_evidenced=evidenced,
    )
    funding = Funding((grant_of(session, row),))
    return decide_entitlements(funding, year, today=today_in_england(now))[0]


def _status(decision: EntitlementDecision, claim: GrantClaim | None) -> EntitlementStatus:
    if claim is not None:
        status = ClaimStatus(claim.status)
        if status is ClaimStatus.CLAWED_BACK:
            return "clawed_back"
        if status in (ClaimStatus.PAID, ClaimStatus.AWAITING_CLAWBACK):
            return "paid"  # until a statement recovers it, the school has the money
        if status in HOLDS_THE_ENTITLEMENT:
            return "claimed"
    return "claimable" if decision.claimable else "not_due"


def _schema(
    session: Session, row: GrantEntitlement, claims: list[GrantClaim], now: datetime
) -> Entitlement:
    programme = repo.programme(session, row.programme_id)
    assert programme is not None
    held = live_claim(claims)
    shown = held or (claims[0] if claims else None)
    decision = decide(session, row, now=now, claim=held)
    year = AcademicYear.parse(programme.academic_year_id)
    closes = window_closes(programme.claim_deadline) if programme.claim_deadline else None
    school = claims_repo.schools(session, {row.school_urn}).get(row.school_urn)
    return Entitlement.model_validate(
        {
            "id": row.id,
            "hub": {"id": programme.hub.id, "name": programme.hub.name},
            "programme": {
                "id": programme.id,
                "title": programme.title,
                "code": programme.code,
                "academic_year": year.slug,
                "academic_year_label": year.label,
            },
            "school": {"urn": row.school_urn, "name": school.name if school else row.school_urn},
            "kind": row.kind,
            "purpose": row.purpose,
            "description": describe(decision.grant),
            "committed": {"amount_pence": row.amount_pence},
            "due": decision.due,
            "claimable": decision.claimable,
            "checks": [{"code": c.code, "met": c.met, "reason": c.reason} for c in decision.checks],
            "missing": list(decision.missing),
            "claims_close_at": closes,
            "window_open": closes is None or now <= closes,
            "claim": (
                {"id": shown.id, "reference": shown.reference, "status": shown.status}
                if shown is not None
                else None
            ),
            "status": _status(decision, held),
            "created_at": row.created_at,
            "updated_at": row.updated_at,
        }
    )


def to_schemas(
    session: Session, rows: list[GrantEntitlement], *, now: datetime
) -> list[Entitlement]:
    claims = claims_repo.claims_of(session, [row.id for row in rows])
    return [_schema(session, row, claims[row.id], now) for row in rows]


def list_entitlements(
    session: Session,
    actor: Principal,
    filters: EntitlementFilters,
    *,
    now: datetime,
    cursor: str | None,
    limit: int,
) -> tuple[list[Entitlement], str | None]:
    bounds = grant_access.visible(actor, hub_id=filters.hub_id, school_urn=filters.school_urn)
    last = paging.after(cursor, int)
    rows = repo.list_entitlements(
        session,
        repo.EntitlementScope(
            hub_id=bounds.hub_id,
            school_urn=bounds.school_urn,
            programme_id=filters.programme_id,
            academic_year=filters.academic_year,
        ),
        after=last[0] if last else None,
        limit=limit + 1,
    )
    page, next_cursor = paging.page(rows, limit, lambda row: (row.id,))
    return to_schemas(session, page, now=now), next_cursor


def get_row(session: Session, entitlement_id: int, actor: Principal) -> GrantEntitlement:
    row = repo.get(session, entitlement_id)
    if row is None or not grant_access.may_see(actor, hub_id=row.hub_id, school_urn=row.school_urn):
        raise NotFound(f"There is no grant entitlement {entitlement_id}.")
    return row


def get_entitlement(
    session: Session, entitlement_id: int, actor: Principal, *, now: datetime
) -> Entitlement:
    return to_schemas(session, [get_row(session, entitlement_id, actor)], now=now)[0]


def etag_of(item: Entitlement) -> str:
    """Decided live, so its tag is a digest of what it says now (as digits, like the rest)."""
    digest = hashlib.sha256(item.model_dump_json().encode()).hexdigest()
    return f'"{item.id}.{int(digest[:12], 16)}"'
