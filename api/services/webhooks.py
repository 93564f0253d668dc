"""Webhook endpoints: registered, changed, rotated, removed; their delivery log, and sending
deliveries again. Events are written by webhook_events and sent by webhook_sender."""

from __future__ import annotations

import base64
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy.orm import Session

from api.domain.access import Principal
from api.domain.webhooks import KEPT_FOR, ROTATION_OVERLAP, EventType
from api.errors import BadField, Conflict, Forbidden, InvalidFields, NotFound
from api.persistence import catalogue_repository
from api.persistence import webhooks_repository as repo
from api.persistence.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint, WebhookEvent
from api.schemas import webhooks as schemas
from api.services import audit, paging
from api.services.versions import check_version
from api.services.webhook_sender import RefusedAddress, Resolver, check_address, resolve


@dataclass(frozen=True, kw_only=True)
class Rules:
    """Where endpoints may point: plain HTTP in development only, private and loopback
    addresses in development and tests only (their receivers run on this machine)."""

    allow_http: bool
    allow_private: bool
    resolver: Resolver = resolve


@dataclass(frozen=True)
class Issued:
    endpoint: WebhookEndpoint
    secret: str  # shown once


def new_secret() -> str:
    """A Standard Webhooks secret: whsec_ and 32 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def register(
    session: Session,
    actor: Principal,
    data: schemas.WebhookEndpointCreate,
    *,
    rules: Rules,
    now: datetime,
) -> Issued:
    hub_id = data.hub_id or actor.hub_id
    if not (actor.is_national or (hub_id and actor.runs_hub(hub_id))):
        raise Forbidden("You can register webhooks only for your own hub.")
    problems = _url_problems(data.url, rules)
    if hub_id is None:
        problems.append(BadField("body", "/hub_id", "Name the hub the webhooks are for"))
    elif catalogue_repository.get_hub(session, hub_id) is None:
        problems.append(BadField("body", "/hub_id", f"There is no hub {hub_id!r}"))
    if problems:
        raise InvalidFields(problems)
    assert hub_id is not None
    secret = new_secret()
    endpoint = WebhookEndpoint(
        hub_id=hub_id,
        url=data.url,
        description=data.description,
        events=_events(data.events),
        enabled=data.enabled,
        secret=secret,
        created_by=actor.label,
        created_at=now,
        updated_at=now,
    )
    repo.add(session, endpoint)
    _audit(session, actor, "create", endpoint, None, _snapshot(endpoint))
    return Issued(endpoint, secret)


def list_endpoints(
    session: Session, actor: Principal, *, cursor: str | None, limit: int
) -> tuple[list[WebhookEndpoint], str | None]:
    last = paging.after(cursor, int)
    rows = repo.list_endpoints(
        session,
        hub_id=actor.hub_id,
        all_hubs=actor.is_national,
        after=last[0] if last else None,
        limit=limit + 1,
    )
    return paging.page(rows, limit, lambda endpoint: (endpoint.id,))


def get(session: Session, actor: Principal, endpoint_id: int) -> WebhookEndpoint:
    endpoint = repo.endpoint_by_id(session, endpoint_id)
    if endpoint is None or not (actor.is_national or actor.runs_hub(endpoint.hub_id)):
        raise NotFound(f"There is no webhook endpoint {endpoint_id} that you manage.")
    return endpoint


def update(
    session: Session,
    actor: Principal,
    endpoint_id: int,
    changes: schemas.WebhookEndpointUpdate,
    *,
    expected_version: int,
    rules: Rules,
    now: datetime,
) -> WebhookEndpoint:
    endpoint = get(session, actor, endpoint_id)
    check_version(
        f"Webhook endpoint {endpoint_id}", current=endpoint.version, expected=expected_version
    )
    sent = changes.model_fields_set
    nulls = [n for n in ("url", "events", "description", "enabled") if n in sent]
    nulls = [n for n in nulls if getattr(changes, n) is None]
    if nulls:
        raise InvalidFields([BadField("body", f"/{n}", "This field cannot be null") for n in nulls])
    before = _snapshot(endpoint)
    if changes.url is not None:
        problems = _url_problems(changes.url, rules)
        if problems:
            raise InvalidFields(problems)
        endpoint.url = changes.url
    if changes.events is not None:
        endpoint.events = _events(changes.events)
    if changes.description is not None:
        endpoint.description = changes.description
    if changes.enabled is not None:
        if changes.enabled and not endpoint.enabled:
            endpoint.disabled_reason = None
            endpoint.failing_since = None  # a fresh day before it is disabled again
        endpoint.enabled = changes.enabled
    after = _snapshot(endpoint)
    if after != before:
        endpoint.updated_at = now
        session.flush()
        _audit(session, actor, "update", endpoint, before, after)
    return endpoint


def rotate_secret(session: Session, actor: Principal, endpoint_id: int, *, now: datetime) -> Issued:
    """A new secret signs from now on; the old one signs too for ROTATION_OVERLAP."""
    endpoint = get(session, actor, endpoint_id)
    secret = new_secret()
    endpoint.previous_secret = endpoint.secret
    endpoint.previous_secret_until = now + ROTATION_OVERLAP
    endpoint.secret = secret
    endpoint.updated_at = now
    session.flush()
    _audit(
        session,
        actor,
        "rotate_secret",
        endpoint,
        None,
        {"previous_secret_until": endpoint.previous_secret_until.isoformat()},
    )
    return Issued(endpoint, secret)


def remove(session: Session, actor: Principal, endpoint_id: int) -> None:
    endpoint = get(session, actor, endpoint_id)
    _audit(session, actor, "delete", endpoint, _snapshot(endpoint), None)
    repo.delete_endpoint(session, endpoint)


def deliveries(
    session: Session,
    actor: Principal,
    endpoint_id: int,
    *,
    since: datetime | None,
    until: datetime | None,
    cursor: str | None,
    limit: int,
) -> tuple[list[schemas.WebhookDelivery], str | None]:
    endpoint = get(session, actor, endpoint_id)
    last = paging.after(cursor, int)
    rows = repo.deliveries_of(
        session,
        endpoint.id,
        since=since,
        until=until,
        after=last[0] if last else None,
        limit=limit + 1,
    )
    items, next_cursor = paging.page(rows, limit, lambda row: (row[0].id,))
    attempts = repo.attempts_of(session, [delivery.id for delivery, _ in items])
    return [
        to_schema(delivery, event, attempts.get(delivery.id, [])) for delivery, event in items
    ], next_cursor


def send_delivery_again(
    session: Session, actor: Principal, delivery_id: int, *, now: datetime
) -> schemas.WebhookDelivery:
    delivery = repo.delivery_by_id(session, delivery_id)
    endpoint = repo.endpoint_by_id(session, delivery.endpoint_id) if delivery else None
    if (
        delivery is None
        or endpoint is None
        or not (actor.is_national or actor.runs_hub(endpoint.hub_id))
    ):
        raise NotFound(f"There is no webhook delivery {delivery_id} that you manage.")
    _refuse_if_disabled(endpoint)
    repo.send_again(session, endpoint.id, delivery_id=delivery.id, now=now)
    session.refresh(delivery)
    event = repo.event_by_id(session, delivery.event_id)
    assert event is not None
    attempts = repo.attempts_of(session, [delivery.id]).get(delivery.id, [])
    return to_schema(delivery, event, attempts)


def send_range_again(
    session: Session,
    actor: Principal,
    endpoint_id: int,
    data: schemas.WebhookRedelivery,
    *,
    now: datetime,
) -> int:
    endpoint = get(session, actor, endpoint_id)
    if data.until <= data.since:
        raise InvalidFields([BadField("body", "/until", "The range must end after it starts")])
    if data.since < now - KEPT_FOR:
        raise InvalidFields(
            [BadField("body", "/since", f"Deliveries are kept for {KEPT_FOR.days} days only")]
        )
    _refuse_if_disabled(endpoint)
    return repo.send_again(session, endpoint.id, since=data.since, until=data.until, now=now)


def to_schema(
    delivery: WebhookDelivery, event: WebhookEvent, attempts: list[WebhookAttempt]
) -> schemas.WebhookDelivery:
    pending = delivery.status == "pending"
    return schemas.WebhookDelivery(
        id=delivery.id,
        message_id=delivery.message_id,
        event_type=EventType(event.type),
        resource_type=event.resource_type,
        resource_id=event.resource_id,
        occurred_at=event.occurred_at,
        status=delivery.status,
        next_attempt_at=delivery.next_attempt_at if pending else None,
        delivered_at=delivery.delivered_at,
        attempts=[schemas.WebhookAttempt.model_validate(a) for a in attempts],
    )


def _refuse_if_disabled(endpoint: WebhookEndpoint) -> None:
    if not endpoint.enabled:
        raise Conflict(
            f"Webhook endpoint {endpoint.id} is disabled; enable it to send deliveries again.",
            rule="endpoint_disabled",
        )


def _url_problems(url: str, rules: Rules) -> list[BadField]:
    parts = urlsplit(url)
    allowed = ("https", "http") if rules.allow_http else ("https",)
    if parts.scheme not in allowed or not parts.hostname:
        need = "an http:// or https://" if rules.allow_http else "an https://"
        return [BadField("body", "/url", f"Give {need} address with a host name")]
    if parts.username or parts.password:
        return [BadField("body", "/url", "Leave credentials out of the address")]
    try:
        check_address(url, allow_private=rules.allow_private, resolver=rules.resolver)
    except RefusedAddress as exc:
        return [BadField("body", "/url", str(exc))]
    return []


def _events(events: list[EventType]) -> list[str]:
    return sorted({event.value for event in events})


def _snapshot(endpoint: WebhookEndpoint) -> dict[str, Any]:
    return {
        "url": endpoint.url,
        "description": endpoint.description,
        "events": list(endpoint.events),
        "enabled": endpoint.enabled,
    }


def _audit(
    session: Session,
    actor: Principal,
    action: str,
    endpoint: WebhookEndpoint,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> None:
    audit.record(
        session,
        actor,
        action=action,
        resource_type="webhook_endpoint",
        resource_id=endpoint.id,
        hub_id=endpoint.hub_id,
        before=before,
        after=after,
    )
