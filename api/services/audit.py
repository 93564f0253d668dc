"""The audit log: every change, who made it, and each field before and after."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from api.domain.access import Principal
from api.persistence import access_repository as repo
from api.persistence.models import AuditEvent
from api.services import paging

SYSTEM = "system"


def actor_key(actor: Principal | None) -> str:
    return f"{actor.kind}:{actor.id}" if actor else SYSTEM


def record(
    session: Session,
    actor: Principal | None,
    *,
    action: str,
    resource_type: str,
    resource_id: str | int,
    hub_id: str | None,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    note: str | None = None,
) -> None:
    """Store the fields that differ; an update that changed nothing leaves no event."""
    before, after = before or {}, after or {}
    changes = {
        name: {"before": before.get(name), "after": after.get(name)}
        for name in sorted(set(before) | set(after))
        if before.get(name) != after.get(name)
    }
    if not changes and action == "update":
        return
    repo.add(
        session,
        AuditEvent(
            actor=actor_key(actor),
            actor_label=actor.label if actor else "the system (command line)",
            action=action,
            resource_type=resource_type,
            resource_id=str(resource_id),
            hub_id=hub_id,
            changes=changes,
            note=note,
        ),
    )


def list_events(
    session: Session,
    actor: Principal,
    filters: repo.AuditFilters,
    *,
    cursor: str | None,
    limit: int,
) -> tuple[list[AuditEvent], str | None]:
    last = paging.after(cursor, int)
    rows = repo.list_audit_events(
        session,
        filters,
        hub_id=actor.hub_id,
        all_hubs=actor.is_national,
        after=last[0] if last else None,
        limit=limit + 1,
    )
    return paging.page(rows, limit, lambda row: (row.id,))
