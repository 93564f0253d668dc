"""A hub's half-term dates, which its sessions are planned on."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query

from api.domain.academic_year import AcademicYear
from api.routers.access import HUB_ADMIN, PUBLIC, CurrentPrincipal, access, signed_in
from api.routers.clock import Today
from api.routers.dependencies import DbSession
from api.routers.feature_router import FeatureRouter
from api.schemas.common import ACADEMIC_YEAR_PATTERN, HUB_ID_PATTERN
from api.schemas.work_groups import HubTerms, HubTermsUpdate
from api.services import terms

router = FeatureRouter(prefix="/hubs", tags=["hubs"])

HubId = Annotated[str, Path(pattern=HUB_ID_PATTERN, max_length=64)]


@router.get("/{hub_id}/terms", **access(PUBLIC, 404, 422))
def get_hub_terms(
    session: DbSession,
    hub_id: HubId,
    today: Today,
    academic_year: Annotated[
        str | None,
        Query(pattern=ACADEMIC_YEAR_PATTERN, examples=["2027-28"], description="Default: this one"),
    ] = None,
) -> HubTerms:
    """The six half-terms of a year for this hub (its own dates, else the defaults)."""
    year = AcademicYear.parse(academic_year) if academic_year else AcademicYear.of(today)
    return terms.get_terms(session, hub_id, year)


@router.put("/{hub_id}/terms", **access(HUB_ADMIN, 404, 422, own_hub_only=True))
def set_hub_terms(
    session: DbSession, principal: CurrentPrincipal, hub_id: HubId, body: HubTermsUpdate
) -> HubTerms:
    """Set the hub's own dates for a year's half-terms; those left out take the defaults."""
    return terms.set_terms(session, hub_id, body, actor=signed_in(principal))
