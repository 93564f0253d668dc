"""Webhooks' pure rules: the retry schedule, Retry-After, which addresses are refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from api.domain.webhooks import forbidden_addresses, parse_retry_after, retry_delay

NOW = datetime(2030, 5, 17, 9, 30, tzinfo=UTC)


def test_the_schedule_is_the_specifications_and_ends_after_eight_attempts() -> None:
    delays = [retry_delay(n, jitter=0.0) for n in range(1, 9)]
    assert delays == [
        timedelta(seconds=5),
        timedelta(minutes=5),
        timedelta(minutes=30),
        timedelta(hours=2),
        timedelta(hours=5),
        timedelta(hours=10),
        timedelta(hours=10),
        None,
    ]
    assert retry_delay(2, jitter=1.0) == timedelta(minutes=5, seconds=30)  # at most a tenth more


def test_retry_after_waits_longer_never_shorter_and_is_capped() -> None:
    assert retry_delay(3, jitter=0.0, retry_after=timedelta(seconds=1)) == timedelta(minutes=30)
    assert retry_delay(1, jitter=0.0, retry_after=timedelta(hours=1)) == timedelta(hours=1)
    assert retry_delay(1, jitter=0.0, retry_after=timedelta(days=7)) == timedelta(hours=10)


def test_retry_after_is_read_as_seconds_or_as_a_date() -> None:
    assert parse_retry_after("120", now=NOW) == timedelta(minutes=2)
    assert parse_retry_after("Fri, 17 May 2030 10:30:00 GMT", now=NOW) == timedelta(hours=1)
    assert parse_retry_after("soon", now=NOW) is None
    assert parse_retry_after(None, now=NOW) is None


@pytest.mark.parametrize(
    ("address", "refused"),
    [
        ("127.0.0.1", True),
        ("10.0.0.1", True),
        ("172.16.5.4", True),
        ("192.168.1.1", True),
        ("169.254.169.254", True),  # cloud metadata
        ("100.64.0.1", True),  # shared address space
        ("0.0.0.0", True),
        ("224.0.0.1", True),
        ("::1", True),
        ("fe80::1%eth0", True),
        ("fc00::1", True),
        ("::ffff:10.0.0.1", True),  # IPv4-mapped
        ("8.8.8.8", False),
        ("2606:4700:4700::1111", False),
    ],
)
def test_internal_addresses_are_refused(address: str, refused: bool) -> None:
    assert forbidden_addresses([address]) == ([address] if refused else [])


def test_a_retry_after_date_without_a_zone_is_not_read() -> None:
    now = datetime(2027, 3, 10, 9, 0, tzinfo=UTC)
    assert parse_retry_after("Wed, 10 Mar 2027 09:05:00 -0000", now=now) is None
    assert parse_retry_after("Wed, 10 Mar 2027 09:05:00 GMT", now=now) == timedelta(minutes=5)
