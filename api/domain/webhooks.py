"""Webhooks' rules: the events, the retry schedule, and which addresses may be called."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from enum import StrEnum


class EventType(StrEnum):
    PROGRAMME_PUBLISHED = "programme.published"
    PROGRAMME_CHANGED = "programme.changed"
    PROGRAMME_CLOSED = "programme.closed"
    SESSION_SCHEDULED = "session.scheduled"
    SESSION_MOVED = "session.moved"
    SESSION_CANCELLED = "session.cancelled"
    APPLICATION_SUBMITTED = "application.submitted"
    APPLICATION_DECIDED = "application.decided"
    GROUP_FORMED = "work_group.formed"
    GROUP_COMPLETED = "work_group.completed"
    GRANT_CLAIM_CHANGED = "grant_claim.state_changed"


# The Standard Webhooks schedule: the first attempt at once, then each retry this long after
# the attempt before it failed. Eight attempts in all, over a little more than a day.
RETRY_DELAYS: tuple[timedelta, ...] = (
    timedelta(seconds=5),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=5),
    timedelta(hours=10),
    timedelta(hours=10),
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# Up to this share of a delay is added at random, so that many receivers that failed together
# are not all tried again at the same instant.
JITTER = 0.1
# A Retry-After is honoured up to this long; a longer one waits for the longest delay only.
MAX_RETRY_AFTER = max(RETRY_DELAYS)
# An endpoint that has failed every attempt for this long is disabled and its hub told.
FAILING_FOR = timedelta(days=1)
# The previous secret keeps signing for this long after a rotation.
ROTATION_OVERLAP = timedelta(days=1)
# Deliveries (and their attempts) are kept this long.
KEPT_FOR = timedelta(days=30)


def retry_delay(
    attempts: int, *, jitter: float, retry_after: timedelta | None = None
) -> timedelta | None:
    """How long after the `attempts`-th failed attempt to try again, or None to give up.

    `jitter` (0 to 1, random) adds up to JITTER of the delay; a receiver's Retry-After asks for
    a longer wait, never a shorter one than the schedule's."""
    if attempts < 1 or attempts >= MAX_ATTEMPTS:
        return None
    delay = RETRY_DELAYS[attempts - 1] * (1 + JITTER * min(max(jitter, 0.0), 1.0))
    if retry_after is not None:
        delay = max(delay, min(retry_after, MAX_RETRY_AFTER))
    return delay


def parse_retry_after(value: str | None, *, now: datetime) -> timedelta | None:
    """A Retry-After header: seconds, or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return timedelta(seconds=int(text))
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(when - now, timedelta(0))


def forbidden_addresses(addresses: Iterable[str]) -> list[str]:
    """The addresses among `addresses` that a webhook must never reach from the server:
    loopback, private, link-local (cloud metadata), shared, multicast, reserved, unspecified."""
    refused = []
    for text in addresses:
        address = ipaddress.ip_address(text.split("%", 1)[0])
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        if not address.is_global or address.is_multicast:
            refused.append(text)
    return refused
