"""The audit log, for administrators."""

from __future__ import annotations

from typing import Annotated, cast, get_args

from fastapi import Query

from api.persistence.access_repository import AuditFilters
from api.persistence.models import AuditEvent as AuditEventRow
from api.routers.access import HUB_ADMIN, CurrentPrincipal, access, signed_in
from api.routers.dependencies import DbSession
from api.routers.feature_router import FeatureRouter
from api.schemas.access import AuditActor, AuditActorRole, AuditActors, AuditEvent
from api.schemas.common import IsoInstant, Page
from api.services import audit

router = FeatureRouter(prefix="/audit", tags=["audit"])


@router.get("", **access(HUB_ADMIN, 422))
def list_audit_events(
    session: DbSession,
    principal: CurrentPrincipal,
    resource_type: Annotated[str | None, Query(max_length=64, examples=["programme"])] = None,
    resource_id: Annotated[str | None, Query(max_length=64)] = None,
    actor: Annotated[
        str | None,
        Query(max_length=64, examples=["user:12"], description="One of GET /audit/actors."),
    ] = None,
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
    return Page[AuditEvent](items=[_event(r) for r in rows], next_cursor=next_cursor)


@router.get("/actors", **access(HUB_ADMIN, 422))
def list_audit_actors(
    session: DbSession,
    principal: CurrentPrincipal,
    limit: Annotated[int, Query(ge=1, le=1000)] = 1000,
) -> AuditActors:
    """Everyone who appears in the audit log you may read (your hub's, or every hub's for
    national administrators), by name: to choose whose changes to show."""
    found = audit.list_actors(session, signed_in(principal), limit=limit)
    return AuditActors(
        items=[AuditActor(actor=a.actor, name=a.name or a.actor, role=_role(a.role)) for a in found]
    )


def _role(role: str | None) -> AuditActorRole | None:
    return cast(AuditActorRole, role) if role in get_args(AuditActorRole) else None


def _event(row: AuditEventRow) -> AuditEvent:
    changes = audit.changes_of(row)
    return AuditEvent(
        id=row.id,
        at=row.at,
        actor=row.actor,
        actor_label=row.actor_label,
        actor_name=row.actor_name or row.actor_label,
        actor_role=_role(row.actor_role),
        action=row.action,
        resource_type=row.resource_type,
        resource_id=row.resource_id,
        resource_title=row.resource_title,
        hub_id=row.hub_id,
        changes={name: {"before": c.before, "after": c.after} for name, c in changes.items()},
        field_labels={name: c.label for name, c in changes.items()},
        note=row.note,
    )
