"""Academic years that programmes are offered in."""

from __future__ import annotations

from api.routers.access import PUBLIC, access
from api.routers.dependencies import DbSession
from api.routers.feature_router import FeatureRouter
from api.schemas.catalogue import AcademicYear
from api.services import catalogue

router = FeatureRouter(prefix="/academic-years", tags=["academic-years"])


@router.get("", **access(PUBLIC))
def list_academic_years(session: DbSession) -> list[AcademicYear]:
    """Every academic year the service knows, newest first."""
    return [AcademicYear.model_validate(r) for r in catalogue.list_academic_years(session)]
