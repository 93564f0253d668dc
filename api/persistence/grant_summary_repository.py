"""The national view's queries: entitlements' committed amounts and claims' amounts, summed by
hub and programme in the database (one row per hub, programme and claim status)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.persistence.models import GrantClaim, GrantEntitlement, Hub, Programme


@dataclass(frozen=True)
class SummaryFilters:
    hub_id: str | None = None  # None: every hub
    academic_year_id: str | None = None


def committed(session: Session, filters: SummaryFilters) -> dict[tuple[str, int], int]:
    """Pence committed by (hub, programme): the sum of the entitlements' amounts."""
    query = (
        select(
            GrantEntitlement.hub_id,
            GrantEntitlement.programme_id,
            func.sum(GrantEntitlement.amount_pence),
        )
        .join(Programme, Programme.id == GrantEntitlement.programme_id)
        .group_by(GrantEntitlement.hub_id, GrantEntitlement.programme_id)
    )
    if filters.hub_id is not None:
        query = query.where(GrantEntitlement.hub_id == filters.hub_id)
    if filters.academic_year_id is not None:
        query = query.where(Programme.academic_year_id == filters.academic_year_id)
    return {(hub, programme): int(pence) for hub, programme, pence in session.execute(query)}


def claimed(
    session: Session, filters: SummaryFilters
) -> dict[tuple[str, int], list[tuple[str, int]]]:
    """By (hub, programme): each claim status with the pence of the claims in it."""
    query = (
        select(
            GrantClaim.hub_id,
            GrantClaim.programme_id,
            GrantClaim.status,
            func.sum(GrantClaim.amount_pence),
        )
        .join(Programme, Programme.id == GrantClaim.programme_id)
        .group_by(GrantClaim.hub_id, GrantClaim.programme_id, GrantClaim.status)
    )
    if filters.hub_id is not None:
        query = query.where(GrantClaim.hub_id == filters.hub_id)
    if filters.academic_year_id is not None:
        query = query.where(Programme.academic_year_id == filters.academic_year_id)
    found: dict[tuple[str, int], list[tuple[str, int]]] = {}
    for hub, programme, status, pence in session.execute(query):
        found.setdefault((hub, programme), []).append((status, int(pence)))
    return found


def hubs(session: Session, hub_ids: set[str]) -> dict[str, Hub]:
    if not hub_ids:
        return {}
    return {hub.id: hub for hub in session.scalars(select(Hub).where(Hub.id.in_(hub_ids)))}


def programmes(session: Session, programme_ids: set[int]) -> dict[int, Programme]:
    if not programme_ids:
        return {}
    rows = session.scalars(select(Programme).where(Programme.id.in_(programme_ids)))
    return {programme.id: programme for programme in rows}
