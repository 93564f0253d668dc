"""Two `mathshubs serve` processes counting on one Redis (RATE_LIMIT_REDIS_URL): a key's requests
and an address's public reads through either count against one limit, and the second process
refuses what the first left no room for.

The database is a scratch SQLite file: the count is on Redis, whatever the database; the
servers commit (a key's last use), which the shared test database must not see. Redis is the
shared one on 127.0.0.1:6379, database 3, under a prefix of this run's own."""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

import httpx

from api.settings import PROJECT_ROOT
from tests.cli.test_cli import mathshubs
from tests.processes import Processes, answers, free_port, wait_until

KEY_QUOTA = 5
ADDRESS_QUOTA = 4
REDIS_URL = "redis://127.0.0.1:6379/3"
TIMEOUT = httpx.Timeout(60.0)  # a bound for a hung server, never a verdict
PUBLIC_READ = "/api/v1/hubs"


def remaining(response: httpx.Response) -> int:
    return int(response.headers["RateLimit"].split(";r=")[1].split(";")[0])


def test_two_processes_share_one_limit_on_redis(tmp_path: Path, processes: Processes) -> None:
    env = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'shared.db'}",
        "MAIL_SENDER_ENABLED": "false",
        "FRONTEND_DIST": str(PROJECT_ROOT / "tests" / "no-frontend"),
        "RATE_LIMIT_REDIS_URL": REDIS_URL,
        "RATE_LIMIT_REDIS_PREFIX": f"test-{uuid.uuid4().hex}",
        "RATE_LIMIT_KEY_PER_MINUTE": "1000",
        "RATE_LIMIT_ANONYMOUS_PER_MINUTE": str(ADDRESS_QUOTA),
    }
    assert mathshubs("migrate", env=env).returncode == 0
    issued = mathshubs(
        "create-api-key", "--scope", "timetable:read", "--name", "Shared",
        "--rate-limit", str(KEY_QUOTA), env=env,
    )  # fmt: skip
    assert issued.returncode == 0, issued.stderr
    key = {"Authorization": f"Bearer {issued.stdout.strip().splitlines()[-1]}"}

    ports = (free_port(), free_port())
    started = [
        processes.start([sys.executable, "-m", "api.cli", "serve", "--port", str(port)], env=env)
        for port in ports
    ]
    first, second = (f"http://127.0.0.1:{port}" for port in ports)
    for url, process in zip((first, second), started, strict=True):
        health = f"{url}/api/v1/health"
        wait_until(lambda health=health: answers(health), what="serve", started=process)

    with httpx.Client(timeout=TIMEOUT) as http:
        for url in (first, second):
            assert http.get(f"{url}/api/v1/health/ready").json()["rate_limits"] == "redis"
        # The key: through one server, then the other, then the first again.
        through = [first, second, second, first, second]
        left = [remaining(http.get(f"{url}{PUBLIC_READ}", headers=key)) for url in through]
        assert left == [KEY_QUOTA - n for n in range(1, KEY_QUOTA + 1)]
        for url in (first, second):
            refused = http.get(f"{url}{PUBLIC_READ}", headers=key)
            assert refused.status_code == 429, refused.text
            assert refused.json()["type"] == "/problems/rate-limited"
            assert 1 <= int(refused.headers["Retry-After"]) <= 60

        # Anonymous public reads from this address: a count of their own, shared alike.
        left = [remaining(http.get(f"{url}{PUBLIC_READ}")) for url in (second, first, second)]
        assert left == [ADDRESS_QUOTA - 1, ADDRESS_QUOTA - 2, ADDRESS_QUOTA - 3]
        assert http.get(f"{first}{PUBLIC_READ}").status_code == 200
        assert http.get(f"{second}{PUBLIC_READ}").status_code == 429
