"""Participation history: who took part in what, when, and how it ended."""

from __future__ import annotations

from typing import Annotated

from fastapi import File, Query, UploadFile

from api.domain.journey import ProgrammeType
from api.persistence.schools_repository import ParticipationFilters
from api.routers.access import (
    HUB_ADMIN,
    SCHOOLS_READ,
    CurrentPrincipal,
    access,
    signed_in,
)
from api.routers.clock import Today
from api.routers.dependencies import DbSession
from api.routers.feature_router import FeatureRouter
from api.schemas.common import ACADEMIC_YEAR_PATTERN, HUB_ID_PATTERN, Page
from api.schemas.schools import URN_PATTERN, ImportReport, Participation, ParticipationCreate
from api.services import participations
from api.services.participation_import import import_participations

router = FeatureRouter(prefix="/participations", tags=["participations"])


@router.get("", **access(SCHOOLS_READ, 403, 422))
def list_participations(
    session: DbSession,
    principal: CurrentPrincipal,
    urn: Annotated[str | None, Query(pattern=URN_PATTERN)] = None,
    person_id: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    programme_type: ProgrammeType | None = None,
    academic_year: Annotated[str | None, Query(pattern=ACADEMIC_YEAR_PATTERN)] = None,
    hub: Annotated[str | None, Query(pattern=HUB_ID_PATTERN, max_length=64)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> Page[Participation]:
    """A school's history (any hub's staff), or your hub's records."""
    filters = ParticipationFilters(
        urn=urn,
        person_id=person_id,
        programme_type=programme_type.value if programme_type else None,
        academic_year=academic_year,
        hub=hub,
    )
    rows, next_cursor = participations.list_participations(
        session, signed_in(principal), filters, cursor=cursor, limit=limit
    )
    return Page[Participation](
        items=[participations.to_schema(r) for r in rows], next_cursor=next_cursor
    )


@router.post("", status_code=201, **access(HUB_ADMIN, 409, 422, own_hub_only=True))
def create_participation(
    session: DbSession, principal: CurrentPrincipal, body: ParticipationCreate
) -> Participation:
    """Record that a school or person took part in a year."""
    row = participations.create(session, body, actor=signed_in(principal))
    return participations.to_schema(row)


@router.post("/imports", **access(HUB_ADMIN, 422))
def import_participation_history(
    session: DbSession,
    principal: CurrentPrincipal,
    file: Annotated[
        UploadFile,
        File(description="CSV: urn,person_email,programme_type,academic_year,hub,outcome"),
    ],
    today: Today,
) -> ImportReport:
    """Load past years' participations (rows for other hubs are refused, row by row)."""
    report = import_participations(session, file.file, actor=signed_in(principal), today=today)
    return ImportReport.model_validate(report, from_attributes=True)
