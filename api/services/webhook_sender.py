"""Deliver webhooks: sign each delivery as Standard Webhooks says and POST it, retrying on the
specification's schedule; an endpoint that answers 410, or fails for a day, is disabled.

As the email sender (mail_sender.py): a sender claims a batch of due deliveries in one short
statement (SKIP LOCKED on PostgreSQL, so that two senders never claim one), which counts an
attempt and leases them; it POSTs them with no transaction open, and records each outcome in a
short transaction of its own. Delivery is at least once: a crash between a receiver's answer and
its record sends that delivery again after the lease, with the same `webhook-id`.
"""

from __future__ import annotations

import json
import logging
import random
import socket
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import httpx
from sqlalchemy.orm import Session, sessionmaker
from standardwebhooks import Webhook

from api.clock import Clock
from api.domain.webhooks import (
    FAILING_FOR,
    KEPT_FOR,
    forbidden_addresses,
    parse_retry_after,
    retry_delay,
)
from api.persistence import applications_repository, catalogue_repository
from api.persistence import webhooks_repository as repo
from api.persistence.database import unit_of_work
from api.persistence.models import WebhookAttempt, WebhookDelivery
from api.services import mail

log = logging.getLogger(__name__)

CLAIM_LEASE = timedelta(minutes=15)
BATCH_TIME_LIMIT = CLAIM_LEASE / 2
TIMEOUT_SECONDS = 15.0
_ERROR_MAX = 500
USER_AGENT = "MathsHubsProgrammes-Webhooks/1"

# Which addresses are reachable: (host, port) to the addresses the name resolves to.
Resolver = Callable[[str, int], list[str]]


def resolve(host: str, port: int) -> list[str]:
    return sorted({str(info[4][0]) for info in socket.getaddrinfo(host, port)})


class RefusedAddress(ValueError):
    """An endpoint's address that the service must not call (server-side request forgery)."""


def check_address(url: str, *, allow_private: bool, resolver: Resolver = resolve) -> None:
    """Refuse a URL whose host resolves to any loopback, private or otherwise internal address
    (every address it resolves to, as a name may point anywhere); `allow_private` in
    development and tests, whose receivers run on this machine."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        addresses = resolver(host, port)
    except (OSError, ValueError, UnicodeError) as exc:
        raise RefusedAddress(f"{host!r} cannot be resolved: {exc}") from exc
    if not addresses:
        raise RefusedAddress(f"{host!r} resolves to no address")
    refused = [] if allow_private else forbidden_addresses(addresses)
    if refused:
        raise RefusedAddress(
            f"{host!r} resolves to {', '.join(refused)}, a private, loopback or reserved "
            "address; webhooks go to the public internet only"
        )


@dataclass(frozen=True, kw_only=True)
class SenderSettings:
    base_url: str  # the public base URL: payloads' URLs start with it
    allow_private: bool  # development and tests: receivers on this machine


@dataclass(frozen=True)
class DeliveryReport:
    delivered: int
    failed: int


@dataclass(frozen=True)
class _Claimed:
    id: int
    endpoint_id: int
    hub_id: str
    message_id: str
    attempts: int
    url: str
    secrets: tuple[str, ...]
    body: str


def payload(event_type: str, resource_type: str, resource_id: int, url: str, at: datetime) -> str:
    """The thin body of a delivery: what happened to which resource, where to read it, when."""
    return json.dumps(
        {
            "type": event_type,
            "timestamp": at.isoformat().replace("+00:00", "Z"),
            "data": {"resource_type": resource_type, "id": resource_id, "url": url},
        },
        separators=(",", ":"),
    )


def signature_headers(
    message_id: str, body: str, secrets: Sequence[str], *, at: datetime
) -> dict[str, str]:
    """The Standard Webhooks headers: one `v1,` signature per secret, space-separated."""
    signatures = [Webhook(secret).sign(message_id, at, body) for secret in secrets]
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": " ".join(signatures),
    }


def deliver_due(
    session_factory: sessionmaker[Session],
    http: httpx.Client,
    settings: SenderSettings,
    *,
    now: datetime,
    jitter: Callable[[], float] = random.random,
    resolver: Resolver = resolve,
    batch: int = 50,
) -> DeliveryReport:
    """Send every delivery due at `now`, a batch at a time, until none is due; failures wait
    for their retry time. Deliveries older than KEPT_FOR are forgotten first."""
    with unit_of_work(session_factory) as session:
        repo.forget_before(session, now - KEPT_FOR)
    delivered = failed = 0
    while True:
        with unit_of_work(session_factory) as session:
            rows = repo.claim_due(session, now=now, limit=batch, lease_until=now + CLAIM_LEASE)
            claimed = [_claimed(session, row, settings, now=now) for row in rows]
        if not claimed:
            break
        give_up_at = time.monotonic() + BATCH_TIME_LIMIT.total_seconds()
        for index, delivery in enumerate(claimed):
            if time.monotonic() > give_up_at:
                with unit_of_work(session_factory) as session:
                    repo.release(session, [d.id for d in claimed[index:]], now=now)
                return DeliveryReport(delivered=delivered, failed=failed)
            if _send(session_factory, http, settings, delivery, now, jitter, resolver):
                delivered += 1
            else:
                failed += 1
        if len(claimed) < batch:
            break
    return DeliveryReport(delivered=delivered, failed=failed)


def _claimed(
    session: Session, row: WebhookDelivery, settings: SenderSettings, *, now: datetime
) -> _Claimed:
    endpoint = repo.endpoint_by_id(session, row.endpoint_id)
    event = repo.event_by_id(session, row.event_id)
    assert endpoint is not None  # foreign keys
    assert event is not None
    secrets = [endpoint.secret]
    if endpoint.previous_secret and (endpoint.previous_secret_until or now) > now:
        secrets.append(endpoint.previous_secret)
    url = f"{settings.base_url.rstrip('/')}/api/v1{event.path}"
    return _Claimed(
        id=row.id,
        endpoint_id=endpoint.id,
        hub_id=endpoint.hub_id,
        message_id=row.message_id,
        attempts=row.attempts,
        url=endpoint.url,
        secrets=tuple(secrets),
        body=payload(event.type, event.resource_type, event.resource_id, url, event.occurred_at),
    )


def _send(
    session_factory: sessionmaker[Session],
    http: httpx.Client,
    settings: SenderSettings,
    delivery: _Claimed,
    now: datetime,
    jitter: Callable[[], float],
    resolver: Resolver,
) -> bool:
    """POST one delivery and record what came of it; whether the receiver accepted it."""
    status: int | None = None
    error: str | None = None
    retry_after: timedelta | None = None
    started = time.monotonic()
    try:
        # Checked at each attempt, not only at registration: a name may be pointed elsewhere.
        check_address(delivery.url, allow_private=settings.allow_private, resolver=resolver)
        response = http.post(
            delivery.url,
            content=delivery.body.encode(),
            headers={
                "content-type": "application/json",
                "user-agent": USER_AGENT,
                **signature_headers(delivery.message_id, delivery.body, delivery.secrets, at=now),
            },
        )
    except RefusedAddress as exc:
        error = str(exc)
    except httpx.HTTPError as exc:
        error = f"{type(exc).__name__}: {exc}"
    else:
        status = response.status_code
        retry_after = parse_retry_after(response.headers.get("retry-after"), now=now)
        if not 200 <= status < 300:
            error = " ".join(response.text[:200].split()) or None
    duration_ms = int((time.monotonic() - started) * 1000)
    accepted = status is not None and 200 <= status < 300
    with unit_of_work(session_factory) as session:
        _record(
            session,
            delivery,
            now=now,
            status=status,
            error=error,
            retry_after=retry_after,
            duration_ms=duration_ms,
            jitter=jitter(),
            base_url=settings.base_url,
        )
    if not accepted:
        log.warning(
            "Webhooks: delivery %d to %s failed: %s", delivery.id, delivery.url, status or error
        )
    return accepted


def _record(
    session: Session,
    delivery: _Claimed,
    *,
    now: datetime,
    status: int | None,
    error: str | None,
    retry_after: timedelta | None,
    duration_ms: int,
    jitter: float,
    base_url: str,
) -> None:
    repo.record_attempt(
        session,
        WebhookAttempt(
            delivery_id=delivery.id,
            attempted_at=now,
            status_code=status,
            error=error[:_ERROR_MAX] if error else None,
            duration_ms=duration_ms,
        ),
    )
    done: dict[str, object] = {
        "last_attempt_at": now,
        "last_status_code": status,
        "last_error": error[:_ERROR_MAX] if error else None,
    }
    if status is not None and 200 <= status < 300:
        repo.update_delivery(session, delivery.id, status="delivered", delivered_at=now, **done)
        repo.endpoint_succeeded(session, delivery.endpoint_id)
        return
    if status == 410:  # Gone: the receiver asks for no more
        repo.update_delivery(session, delivery.id, status="failed", **done)
        if repo.disable(session, delivery.endpoint_id, reason="gone"):
            _tell_hub(session, delivery, reason="gone", base_url=base_url, now=now)
        return
    delay = retry_delay(delivery.attempts, jitter=jitter, retry_after=retry_after)
    if delay is None:
        repo.update_delivery(session, delivery.id, status="failed", **done)
    else:
        repo.update_delivery(session, delivery.id, next_attempt_at=now + delay, **done)
    repo.endpoint_failed(session, delivery.endpoint_id, at=now)
    if repo.disable(
        session, delivery.endpoint_id, reason="failing", failing_before=now - FAILING_FOR
    ):
        _tell_hub(session, delivery, reason="failing", base_url=base_url, now=now)


def _tell_hub(
    session: Session, delivery: _Claimed, *, reason: str, base_url: str, now: datetime
) -> None:
    """Email the hub's administrators that the service stopped sending to the endpoint."""
    hub = catalogue_repository.get_hub(session, delivery.hub_id)
    context = {
        "hub_name": hub.name if hub else delivery.hub_id,
        "endpoint_url": delivery.url,
        "reason": reason,
        "manage_url": f"{base_url.rstrip('/')}/admin/webhooks/{delivery.endpoint_id}",
    }
    for admin in applications_repository.hub_admins(session, delivery.hub_id):
        mail.queue(session, to=admin.email, template="webhook_disabled", context=context, now=now)


def run_sender(
    session_factory: sessionmaker[Session],
    http: httpx.Client,
    settings: SenderSettings,
    *,
    stop: threading.Event,
    poll_seconds: float,
    clock: Clock,
) -> None:
    """Deliver what is due every `poll_seconds` until `stop` is set; a failed round (the
    database away, say) is logged and the next round tries again."""
    while not stop.is_set():
        try:
            report = deliver_due(session_factory, http, settings, now=clock.now())
        except Exception:
            log.exception("Webhooks: sending failed; trying again in %s seconds", poll_seconds)
        else:
            if report.delivered or report.failed:
                log.info("Webhooks: delivered %d, failed %d.", report.delivered, report.failed)
        stop.wait(poll_seconds)


def http_client(*, verify: object = True) -> httpx.Client:
    """The sender's client: no redirects (a redirect could lead anywhere, past the address
    check), a bounded wait, no proxies from the environment."""
    return httpx.Client(
        timeout=TIMEOUT_SECONDS,
        follow_redirects=False,
        trust_env=False,
        verify=verify,  # type: ignore[arg-type]
    )
