"""Rate limits (api/rate_limits.py): each key, and each address on public reads without one,
may make so many requests a minute; every counted answer carries the RateLimit fields, and
past the quota the answer is a 429 problem with Retry-After. Hub staff set a key's own limit.
Counted in memory here (small limits of this module's own); on Redis, two servers share one
count; with Redis out of reach the service keeps serving and says so at /health/ready."""

from __future__ import annotations

import re
import socket
import uuid
from collections.abc import Iterator

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from api.clock import FixedClock
from api.domain.access import Role
from api.main import create_app
from api.settings import Settings
from tests.accounts import BASE_URL, SignIn
from tests.builders import MakeHub

KEY_QUOTA = 4
ADDRESS_QUOTA = 3
PUBLIC_READ = "/api/v1/hubs"
POLICY = re.compile(r'^"(key|address)";q=(\d+);w=60$')
REMAINING = re.compile(r'^"(key|address)";r=(\d+);t=(\d+)$')


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(
        update={
            "rate_limit_key_per_minute": KEY_QUOTA,
            "rate_limit_anonymous_per_minute": ADDRESS_QUOTA,
        }
    )


def fields(response: httpx.Response) -> tuple[str, int, int, int]:
    """(policy, quota, remaining, seconds to reset) from the RateLimit fields."""
    headers = response.headers
    policy = POLICY.match(headers["RateLimit-Policy"])
    remaining = REMAINING.match(headers["RateLimit"])
    assert policy is not None, dict(headers)
    assert remaining is not None, dict(headers)
    assert policy.group(1) == remaining.group(1)
    return policy.group(1), int(policy.group(2)), int(remaining.group(2)), int(remaining.group(3))


def assert_refused(response: httpx.Response, policy: str, quota: int) -> None:
    status = response.status_code
    headers = response.headers
    assert status == 429, response.text
    assert headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["type"] == "/problems/rate-limited"
    assert problem["status"] == 429
    assert str(quota) in problem["detail"]
    retry_after = int(headers["Retry-After"])
    assert 1 <= retry_after <= 60
    assert fields(response) == (policy, quota, 0, retry_after)


def test_anonymous_public_reads_are_counted_per_address(client: TestClient) -> None:
    remaining = [fields(client.get(PUBLIC_READ))[2] for _ in range(ADDRESS_QUOTA)]
    assert remaining == [ADDRESS_QUOTA - n for n in range(1, ADDRESS_QUOTA + 1)]
    assert_refused(client.get(PUBLIC_READ), "address", ADDRESS_QUOTA)
    # Another public read from the same address shares the count.
    assert_refused(client.get("/api/v1/timetable"), "address", ADDRESS_QUOTA)
    # The health checks are never counted, so a busy address cannot fail a load balancer.
    health = client.get("/api/v1/health")
    assert health.status_code == 200
    assert "RateLimit" not in health.headers


def test_a_key_has_the_default_limit_and_its_own_count(
    client: TestClient, sign_in: SignIn, make_hub: MakeHub, app: FastAPI
) -> None:
    make_hub(id="north")
    admin = sign_in(role=Role.HUB_ADMIN, hub_id="north")
    first, second = (
        admin.post("/api/v1/api-keys", json={"name": n, "scopes": ["admin"]}).json()
        for n in ("first", "second")
    )
    assert first["rate_limit_per_minute"] is None
    one = TestClient(app, base_url=BASE_URL, headers={"Authorization": f"Bearer {first['secret']}"})
    two = TestClient(
        app, base_url=BASE_URL, headers={"Authorization": f"Bearer {second['secret']}"}
    )
    # Public and private operations alike, by the key, not by the address.
    for n, path in enumerate([PUBLIC_READ, "/api/v1/auth/me", "/api/v1/people", PUBLIC_READ]):
        response = one.get(path)
        assert response.status_code == 200, response.text
        assert fields(response) == ("key", KEY_QUOTA, KEY_QUOTA - n - 1, fields(response)[3])
    assert_refused(one.get("/api/v1/auth/me"), "key", KEY_QUOTA)
    assert fields(two.get(PUBLIC_READ))[:3] == ("key", KEY_QUOTA, KEY_QUOTA - 1)
    # Anonymous reads from the same address have a count of their own.
    assert fields(client.get(PUBLIC_READ))[:3] == ("address", ADDRESS_QUOTA, ADDRESS_QUOTA - 1)


def test_people_signed_in_are_not_counted(sign_in: SignIn) -> None:
    admin = sign_in(role=Role.NATIONAL_ADMIN)
    for _ in range(max(KEY_QUOTA, ADDRESS_QUOTA) + 2):
        response = admin.get("/api/v1/auth/me")
        assert response.status_code == 200
        assert "RateLimit" not in response.headers


def test_hub_staff_set_a_keys_limit(sign_in: SignIn, make_hub: MakeHub, app: FastAPI) -> None:
    make_hub(id="north")
    make_hub(id="south")
    admin = sign_in(role=Role.HUB_ADMIN, hub_id="north")
    issued = admin.post(
        "/api/v1/api-keys",
        json={"name": "sync", "scopes": ["timetable:read"], "rate_limit_per_minute": 2},
    ).json()
    assert issued["rate_limit_per_minute"] == 2
    system = TestClient(
        app, base_url=BASE_URL, headers={"Authorization": f"Bearer {issued['secret']}"}
    )
    assert [system.get(PUBLIC_READ).status_code for _ in range(2)] == [200, 200]
    assert_refused(system.get(PUBLIC_READ), "key", 2)

    raised = admin.patch(f"/api/v1/api-keys/{issued['id']}", json={"rate_limit_per_minute": 10})
    assert raised.status_code == 200, raised.text
    assert raised.json()["rate_limit_per_minute"] == 10
    # At once: the key's cached record moved on with the change (a new limit, a new count).
    assert fields(system.get(PUBLIC_READ))[:3] == ("key", 10, 9)
    listed = admin.get("/api/v1/api-keys").json()["items"]
    assert [k["rate_limit_per_minute"] for k in listed if k["id"] == issued["id"]] == [10]

    back = admin.patch(f"/api/v1/api-keys/{issued['id']}", json={"rate_limit_per_minute": None})
    assert back.json()["rate_limit_per_minute"] is None
    assert fields(system.get(PUBLIC_READ))[1] == KEY_QUOTA

    for bad in (0, -1, 10**9, "many"):
        invalid = admin.patch(
            f"/api/v1/api-keys/{issued['id']}", json={"rate_limit_per_minute": bad}
        )
        assert invalid.status_code == 422
        assert invalid.json()["errors"][0]["pointer"] == "/rate_limit_per_minute"
    other = sign_in(role=Role.HUB_ADMIN, hub_id="south")
    assert (
        other.patch(
            f"/api/v1/api-keys/{issued['id']}", json={"rate_limit_per_minute": 99}
        ).status_code
        == 404
    )
    assert fields(system.get(PUBLIC_READ))[1] == KEY_QUOTA  # nothing changed

    audit = admin.get("/api/v1/audit", params={"resource_type": "api_key"}).json()["items"]
    changes = [e["changes"] for e in audit if e["action"] == "update"]
    assert {"rate_limit_per_minute": {"before": 2, "after": 10}} in changes


def closed_port() -> int:
    """A port nothing listens on: bound, then released, and not listened on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.fixture
def unreachable_redis(
    settings: Settings, clock: FixedClock, engine: Engine
) -> Iterator[TestClient]:
    """An app of its own (on the migrated test database, reading only)."""
    down = settings.model_copy(
        update={"rate_limit_redis_url": f"redis://127.0.0.1:{closed_port()}/0"}
    )
    with TestClient(create_app(down, clock=clock), base_url=BASE_URL) as test_client:
        yield test_client


def test_without_redis_the_service_serves_and_counts_in_memory(
    unreachable_redis: TestClient,
) -> None:
    client = unreachable_redis
    for n in range(ADDRESS_QUOTA):
        response = client.get(PUBLIC_READ)
        assert response.status_code == 200
        assert fields(response)[:3] == ("address", ADDRESS_QUOTA, ADDRESS_QUOTA - n - 1)
    assert_refused(client.get(PUBLIC_READ), "address", ADDRESS_QUOTA)
    ready = client.get("/api/v1/health/ready")
    assert ready.status_code == 200, ready.text
    assert ready.json()["rate_limits"] == "memory_redis_unreachable"


def test_readiness_says_where_limits_are_counted(client: TestClient, clock: FixedClock) -> None:
    assert client.get("/api/v1/health/ready").json()["rate_limits"] == "memory"


def test_on_redis_the_count_outlives_the_process(
    settings: Settings, clock: FixedClock, engine: Engine
) -> None:
    """Two apps on one Redis (a fresh prefix, so no other run's counts) share one count."""
    shared = settings.model_copy(
        update={
            "rate_limit_redis_url": "redis://127.0.0.1:6379/3",
            "rate_limit_redis_prefix": f"test-{uuid.uuid4().hex}",
        }
    )
    with TestClient(create_app(shared, clock=clock), base_url=BASE_URL) as first:
        assert first.get("/api/v1/health/ready").json()["rate_limits"] == "redis"
        assert [fields(first.get(PUBLIC_READ))[2] for _ in range(2)] == [2, 1]
    with TestClient(create_app(shared, clock=clock), base_url=BASE_URL) as second:
        assert fields(second.get(PUBLIC_READ))[2] == 0
        assert_refused(second.get(PUBLIC_READ), "address", ADDRESS_QUOTA)
