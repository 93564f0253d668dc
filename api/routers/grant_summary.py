"""The national view of grants: committed, claimed, paid and clawed back, by hub and programme."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from api.domain.access import HUB_STAFF, Policy, Scope
from api.routers.access import CurrentPrincipal, access, signed_in
from api.routers.dependencies import DbSession
from api.routers.feature_router import FeatureRouter
from api.schemas.common import ACADEMIC_YEAR_PATTERN, HUB_ID_PATTERN
from api.schemas.grant_summary import GrantSummary
from api.services import grant_summary

router = FeatureRouter(prefix="/grants/summary", tags=["grants"])

SUMMARY_READ = Policy(
    "grant_summary_read", roles=HUB_STAFF, scopes=frozenset({Scope.GRANTS_READ, Scope.ADMIN})
)


@router.get("", **access(SUMMARY_READ, 403, 422))
def get_grant_summary(
    session: DbSession,
    principal: CurrentPrincipal,
    academic_year: Annotated[
        str | None, Query(pattern=ACADEMIC_YEAR_PATTERN, examples=["2026-27"])
    ] = None,
    hub: Annotated[str | None, Query(pattern=HUB_ID_PATTERN, max_length=64)] = None,
) -> GrantSummary:
    """Committed, claimed, paid and clawed back, by hub and programme, with totals: a hub's
    staff and keys see their hub's, a national administrator every hub's (or `hub`'s)."""
    return grant_summary.summary(
        session, signed_in(principal), hub_id=hub, academic_year_id=academic_year
    )
