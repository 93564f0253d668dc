"""The audit log, for administrators."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.persistence.access_repository import AuditFilters
from api.routers.access import HUB_ADMIN, CurrentPrincipal, access, signed_in
from api.routers.dependencies import DbSession
from api.schemas.access import AuditEvent
from api.schemas.common import IsoInstant, Page
from api.services import audit

router = APIRouter(prefix="/audit", tags=["audit"])


@router.get("", **access(HUB_ADMIN, 422))
def list_audit_events(
    session: DbSession,
    principal: CurrentPrincipal,
    resource_type: Annotated[str | None, Query(max_length=64, examples=["programme"])] = None,
    resource_id: Annotated[str | None, Query(max_length=64)] = None,
    actor: Annotated[str | None, Query(max_length=64, examples=["user:12"])] = None,
    since: IsoInstant | None = None,
    until: IsoInstant | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> Page[AuditEvent]:
    """Changes, newest first: your hub's, or every hub's for national administrators."""
    filters = AuditFilters(
        resource_type=resource_type,
        resource_id=resource_id,
        actor=actor,
        since=since,
        until=until,
    )
    rows, next_cursor = audit.list_events(
        session, signed_in(principal), filters, cursor=cursor, limit=limit
    )
    return Page[AuditEvent](
        items=[AuditEvent.model_validate(r) for r in rows], next_cursor=next_cursor
    )
