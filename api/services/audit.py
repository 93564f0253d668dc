"""The audit log: every change, who made it (name and role), what it was about (the record's
title), and each field before and after with its label in words.

Names, titles and labels are written with the event, as they were at that moment: the log
reads the same after a person is renamed or a record deleted, and reading it joins nothing,
so its keyset pages stay as fast after ten years as on the first day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from api.domain.access import Principal
from api.domain.audit_wording import field_label
from api.persistence import access_repository as repo
from api.persistence import audit_titles
from api.persistence.models import AuditEvent
from api.services import paging

SYSTEM = "system"
SYSTEM_NAME = "The system (command line)"


@dataclass(frozen=True)
class Signer:
    """Someone who acts through a personal emailed link rather than signing in."""

    id: int
    name: str
    email: str
    role: str = "signatory"


def actor_key(actor: Principal | Signer | None) -> str:
    if isinstance(actor, Signer):
        return f"signatory:{actor.id}"
    return f"{actor.kind}:{actor.id}" if actor else SYSTEM


def _who(actor: Principal | Signer | None) -> tuple[str, str, str]:
    """(label, name, role) of whoever acted."""
    if actor is None:
        return SYSTEM_NAME, SYSTEM_NAME, SYSTEM
    if isinstance(actor, Signer):
        return actor.email, actor.name, actor.role
    if actor.kind == "api_key":
        return actor.label, actor.label, "api_key"
    role = actor.role.value if actor.role else "user"
    return actor.label, actor.name or actor.label, role


def _labels(session: Session, resource_type: str, fields: list[str]) -> dict[str, str]:
    if resource_type == "session_attendance":
        # A register's changes are keyed by person: label each with their name.
        names = audit_titles.person_names(session, (int(f) for f in fields if f.isdigit()))
        return {f: names.get(int(f), f"Person {f}") if f.isdigit() else f for f in fields}
    return {f: field_label(resource_type, f) for f in fields}


def record(
    session: Session,
    actor: Principal | Signer | None,
    *,
    action: str,
    resource_type: str,
    resource_id: str | int,
    hub_id: str | None,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    note: str | None = None,
    at: datetime | None = None,
) -> None:
    """Store the fields that differ; an update that changed nothing leaves no event. `at` is
    when it happened, for a caller that has the clock's time (else the system's)."""
    before, after = before or {}, after or {}
    changed = [
        name for name in sorted(set(before) | set(after)) if before.get(name) != after.get(name)
    ]
    if not changed and action == "update":
        return
    labels = _labels(session, resource_type, changed)
    changes = {
        name: {"before": before.get(name), "after": after.get(name), "label": labels[name]}
        for name in changed
    }
    label, name, role = _who(actor)
    repo.add(
        session,
        AuditEvent(
            actor=actor_key(actor),
            actor_label=label,
            actor_name=name,
            actor_role=role,
            action=action,
            resource_type=resource_type,
            resource_id=str(resource_id),
            resource_title=audit_titles.title_of(session, resource_type, str(resource_id)),
            hub_id=hub_id,
            changes=changes,
            note=note,
            **({"at": at} if at is not None else {}),
        ),
    )


@dataclass(frozen=True)
class Change:
    before: Any
    after: Any
    label: str


def changes_of(event: AuditEvent) -> dict[str, Change]:
    """Each changed field with its label: the one written with the event, or for events
    written before labels were, the field's label today."""
    return {
        name: Change(
            before=change.get("before"),
            after=change.get("after"),
            label=change.get("label") or field_label(event.resource_type, name),
        )
        for name, change in (event.changes or {}).items()
    }


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


def list_actors(session: Session, actor: Principal, *, limit: int) -> list[repo.AuditActor]:
    """Everyone who appears in the log this person may read, by name."""
    found = repo.audit_actors(session, hub_id=actor.hub_id, all_hubs=actor.is_national, limit=limit)
    return sorted(found, key=lambda a: ((a.name or a.actor).casefold(), a.actor))
