"""All queries on webhook endpoints, events, deliveries and attempts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from api.persistence.models import (
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
)


def add(session: Session, row: WebhookEndpoint | WebhookEvent | WebhookDelivery) -> None:
    session.add(row)
    session.flush()


def endpoint_by_id(session: Session, endpoint_id: int) -> WebhookEndpoint | None:
    return session.get(WebhookEndpoint, endpoint_id)


def list_endpoints(
    session: Session, *, hub_id: str | None, all_hubs: bool, after: int | None, limit: int
) -> list[WebhookEndpoint]:
    """Newest first."""
    query = select(WebhookEndpoint).order_by(WebhookEndpoint.id.desc()).limit(limit)
    if not all_hubs:
        query = query.where(WebhookEndpoint.hub_id == hub_id)
    if after is not None:
        query = query.where(WebhookEndpoint.id < after)
    return list(session.scalars(query))


def enabled_endpoints(session: Session, hub_id: str) -> list[WebhookEndpoint]:
    # A hub has a handful of endpoints: which events each wants is filtered by the caller,
    # as JSON arrays are searched differently by SQLite and PostgreSQL.
    return list(
        session.scalars(
            select(WebhookEndpoint)
            .where(WebhookEndpoint.hub_id == hub_id, WebhookEndpoint.enabled.is_(True))
            .order_by(WebhookEndpoint.id)
        )
    )


def delete_endpoint(session: Session, endpoint: WebhookEndpoint) -> None:
    deliveries = select(WebhookDelivery.id).where(WebhookDelivery.endpoint_id == endpoint.id)
    session.execute(delete(WebhookAttempt).where(WebhookAttempt.delivery_id.in_(deliveries)))
    session.execute(delete(WebhookDelivery).where(WebhookDelivery.endpoint_id == endpoint.id))
    session.delete(endpoint)
    session.flush()


def delivery_by_id(session: Session, delivery_id: int) -> WebhookDelivery | None:
    return session.get(WebhookDelivery, delivery_id)


def event_by_id(session: Session, event_id: int) -> WebhookEvent | None:
    return session.get(WebhookEvent, event_id)


def deliveries_of(
    session: Session,
    endpoint_id: int,
    *,
    since: datetime | None,
    until: datetime | None,
    after: int | None,
    limit: int,
) -> list[tuple[WebhookDelivery, WebhookEvent]]:
    """An endpoint's deliveries, newest first, with their events."""
    query = (
        select(WebhookDelivery, WebhookEvent)
        .join(WebhookEvent, WebhookEvent.id == WebhookDelivery.event_id)
        .where(WebhookDelivery.endpoint_id == endpoint_id)
        .order_by(WebhookDelivery.id.desc())
        .limit(limit)
    )
    if since is not None:
        query = query.where(WebhookDelivery.created_at >= since)
    if until is not None:
        query = query.where(WebhookDelivery.created_at < until)
    if after is not None:
        query = query.where(WebhookDelivery.id < after)
    return [(delivery, event) for delivery, event in session.execute(query)]


def attempts_of(session: Session, delivery_ids: Sequence[int]) -> dict[int, list[WebhookAttempt]]:
    """Each delivery's attempts, oldest first."""
    found: dict[int, list[WebhookAttempt]] = {}
    if not delivery_ids:
        return found
    for attempt in session.scalars(
        select(WebhookAttempt)
        .where(WebhookAttempt.delivery_id.in_(delivery_ids))
        .order_by(WebhookAttempt.id)
    ):
        found.setdefault(attempt.delivery_id, []).append(attempt)
    return found


def send_again(
    session: Session,
    endpoint_id: int,
    *,
    delivery_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    now: datetime,
) -> int:
    """Make deliveries due now, with a fresh schedule of attempts; the number made due."""
    query = (
        update(WebhookDelivery)
        .where(WebhookDelivery.endpoint_id == endpoint_id)
        .values(status="pending", attempts=0, next_attempt_at=now)
    )
    if delivery_id is not None:
        query = query.where(WebhookDelivery.id == delivery_id)
    if since is not None:
        query = query.where(WebhookDelivery.created_at >= since)
    if until is not None:
        query = query.where(WebhookDelivery.created_at < until)
    result = session.execute(query, execution_options={"synchronize_session": False})
    return int(getattr(result, "rowcount", 0) or 0)


def claim_due(
    session: Session, *, now: datetime, limit: int, lease_until: datetime
) -> list[WebhookDelivery]:
    """Take up to `limit` due deliveries to enabled endpoints, oldest first, counting an
    attempt and moving next_attempt_at to `lease_until` so that no other sender takes them.

    One statement, as the email outbox's claim (outbox_repository.claim_due): on PostgreSQL
    FOR UPDATE SKIP LOCKED passes over rows another sender is claiming, so no two senders claim
    one delivery; SQLite takes the database's write lock before it reads."""
    due = (
        select(WebhookDelivery.id)
        .join(WebhookEndpoint, WebhookEndpoint.id == WebhookDelivery.endpoint_id)
        .where(
            WebhookDelivery.status == "pending",
            WebhookDelivery.next_attempt_at <= now,
            WebhookEndpoint.enabled.is_(True),
        )
        .order_by(WebhookDelivery.id)
        .limit(limit)
        .with_for_update(of=WebhookDelivery, skip_locked=True)
    )
    claimed = session.scalars(
        update(WebhookDelivery)
        .where(WebhookDelivery.id.in_(due))
        .values(attempts=WebhookDelivery.attempts + 1, next_attempt_at=lease_until)
        .returning(WebhookDelivery),
        execution_options={"synchronize_session": False},
    ).all()
    return sorted(claimed, key=lambda delivery: delivery.id)


def record_attempt(session: Session, attempt: WebhookAttempt) -> None:
    session.add(attempt)
    session.flush()


def update_delivery(session: Session, delivery_id: int, **values: object) -> None:
    session.execute(
        update(WebhookDelivery).where(WebhookDelivery.id == delivery_id).values(**values),
        execution_options={"synchronize_session": False},
    )


def endpoint_succeeded(session: Session, endpoint_id: int) -> None:
    session.execute(
        update(WebhookEndpoint)
        .where(WebhookEndpoint.id == endpoint_id, WebhookEndpoint.failing_since.is_not(None))
        .values(failing_since=None),
        execution_options={"synchronize_session": False},
    )


def endpoint_failed(session: Session, endpoint_id: int, *, at: datetime) -> None:
    session.execute(
        update(WebhookEndpoint)
        .where(WebhookEndpoint.id == endpoint_id, WebhookEndpoint.failing_since.is_(None))
        .values(failing_since=at),
        execution_options={"synchronize_session": False},
    )


def disable(
    session: Session, endpoint_id: int, *, reason: str, failing_before: datetime | None = None
) -> bool:
    """Turn an enabled endpoint off (if it has been failing since before `failing_before`,
    when given); whether this call did it, so that only one sender tells the hub."""
    query = update(WebhookEndpoint).where(
        WebhookEndpoint.id == endpoint_id, WebhookEndpoint.enabled.is_(True)
    )
    if failing_before is not None:
        query = query.where(WebhookEndpoint.failing_since <= failing_before)
    result = session.execute(
        query.values(enabled=False, disabled_reason=reason, version=WebhookEndpoint.version + 1),
        execution_options={"synchronize_session": False},
    )
    return bool(getattr(result, "rowcount", 0))


def release(session: Session, delivery_ids: Sequence[int], *, now: datetime) -> None:
    """Give back claimed deliveries that were not tried: due now, the attempt uncounted."""
    session.execute(
        update(WebhookDelivery)
        .where(WebhookDelivery.id.in_(delivery_ids), WebhookDelivery.status == "pending")
        .values(attempts=WebhookDelivery.attempts - 1, next_attempt_at=now),
        execution_options={"synchronize_session": False},
    )


def forget_before(session: Session, cutoff: datetime) -> int:
    """Delete deliveries (and their attempts) made before `cutoff`, and events none refers to."""
    old = select(WebhookDelivery.id).where(WebhookDelivery.created_at < cutoff)
    session.execute(delete(WebhookAttempt).where(WebhookAttempt.delivery_id.in_(old)))
    result = session.execute(delete(WebhookDelivery).where(WebhookDelivery.created_at < cutoff))
    referred = select(WebhookDelivery.event_id)
    session.execute(
        delete(WebhookEvent).where(
            WebhookEvent.occurred_at < cutoff, WebhookEvent.id.not_in(referred)
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)
