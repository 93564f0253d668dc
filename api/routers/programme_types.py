"""The national kinds of programme, and what a new programme of each kind starts with."""

from __future__ import annotations

from api.domain.journey import ProgrammeType
from api.routers.access import PUBLIC, access
from api.routers.feature_router import FeatureRouter
from api.schemas.catalogue import ProgrammeTypeDefaults
from api.services import catalogue

router = FeatureRouter(prefix="/programme-types", tags=["programme-types"])


@router.get("", **access(PUBLIC))
def list_programme_types() -> list[ProgrammeTypeDefaults]:
    """Every kind of programme, in journey order, with the defaults a new one starts from."""
    return catalogue.list_programme_type_defaults()


@router.get("/{programme_type}", **access(PUBLIC, 422))
def get_programme_type(programme_type: ProgrammeType) -> ProgrammeTypeDefaults:
    """One kind of programme: its rules, commitments, sessions, funding, form and bounds."""
    return catalogue.get_programme_type_defaults(programme_type)
