"""Write a webhook event in the transaction of the change that caused it (an outbox).

The event and a delivery for each enabled endpoint of the hub that wants it are rows like any
other: the change's commit keeps them, its rollback takes them away, so no endpoint ever hears
of a change that did not happen. `webhook_sender` delivers them after the commit.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy.orm import Session

from api.domain.webhooks import EventType
from api.persistence import webhooks_repository as repo
from api.persistence.models import WebhookDelivery, WebhookEvent, utc_now

# The resource each event is about, and where the API serves it (from /api/v1).
_PATHS = {
    "programme": "/programmes/{id}",
    "session": "/sessions/{id}",
    "application": "/applications/{id}",
    "work_group": "/work-groups/{id}",
    "grant_claim": "/grants/claims/{id}",
}


def record(
    session: Session,
    event: EventType,
    *,
    hub_id: str,
    resource_type: str,
    resource_id: int,
    now: datetime | None,
) -> WebhookEvent | None:
    """Add the event, and a delivery to each of the hub's enabled endpoints that want it;
    nothing when none wants it. `now` None (the demo loaders) is the system clock's."""
    wanting = [e for e in repo.enabled_endpoints(session, hub_id) if event.value in e.events]
    if not wanting:
        return None
    now = now or utc_now()
    row = WebhookEvent(
        hub_id=hub_id,
        type=event.value,
        resource_type=resource_type,
        resource_id=resource_id,
        path=_PATHS[resource_type].format(id=resource_id),
        occurred_at=now,
    )
    repo.add(session, row)
    for endpoint in wanting:
        repo.add(
            session,
            WebhookDelivery(
                endpoint_id=endpoint.id,
                event_id=row.id,
                message_id=new_message_id(),
                status="pending",
                attempts=0,
                next_attempt_at=now,
                created_at=now,
            ),
        )
    return row


def new_message_id() -> str:
    return f"msg_{secrets.token_urlsafe(18)}"
