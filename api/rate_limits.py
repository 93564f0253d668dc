"""Requests per minute for each API key, and for each client address on public reads: counted
by the `limits` library, in this process's memory, or on Redis when RATE_LIMIT_REDIS_URL names
one, so that every process of the service shares one count (and nothing is written to the main
database per request).

Counting is `limits`' fixed window: a window opens at a caller's first request and lasts a
minute. Each counted response carries the IETF httpapi RateLimit fields
(draft-ietf-httpapi-ratelimit-headers-10): `RateLimit-Policy: "key";q=600;w=60` (the quota and
its window) and `RateLimit: "key";r=599;t=42` (what remains, and the seconds until the window
ends); past the quota the answer is 429 with `Retry-After`.

When Redis cannot be reached the service keeps serving: each process counts in its own memory
until Redis answers again (tried again every RETRY_REDIS_SECONDS), and /health/ready says so.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass
from typing import Literal

from limits import RateLimitItemPerMinute
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.errors import StorageError
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger(__name__)

WINDOW_SECONDS = 60
# A Redis that does not answer costs a request at most this long, once per RETRY_REDIS_SECONDS.
REDIS_TIMEOUT_SECONDS = 0.5
RETRY_REDIS_SECONDS = 5.0
# The windows' ends this process has learnt, at most this many (then it starts again empty).
CAPACITY = 10_000

PolicyName = Literal["key", "address"]
Store = Literal["memory", "redis", "memory_redis_unreachable"]


@dataclass(frozen=True)
class Count:
    """One request counted against one caller's quota."""

    policy: PolicyName
    quota: int
    used: int
    reset_seconds: int  # until the window ends

    @property
    def allowed(self) -> bool:
        return self.used <= self.quota

    @property
    def remaining(self) -> int:
        return max(0, self.quota - self.used)

    def headers(self) -> list[tuple[bytes, bytes]]:
        return [
            (b"ratelimit-policy", f'"{self.policy}";q={self.quota};w={WINDOW_SECONDS}'.encode()),
            (b"ratelimit", f'"{self.policy}";r={self.remaining};t={self.reset_seconds}'.encode()),
        ]


class RateLimits:
    """One per process; used from its event loop only."""

    def __init__(self, redis_url: str, *, key_prefix: str) -> None:
        self._memory = MemoryStorage()
        self._redis: RedisStorage | None = None
        if redis_url:
            self._redis = RedisStorage(
                redis_url,
                implementation="redispy",
                wrap_exceptions=True,
                key_prefix=key_prefix,
                socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
                socket_timeout=REDIS_TIMEOUT_SECONDS,
            )
        self._redis_down_until = 0.0  # monotonic; Redis is not asked before then
        self._window_ends: dict[str, float] = {}  # limit key → when its window ends (epoch)
        self._counting_on: Storage = self._memory

    @property
    def configured_store(self) -> Literal["memory", "redis"]:
        return "redis" if self._redis is not None else "memory"

    async def count(self, policy: PolicyName, who: str, quota: int) -> Count:
        """Count one request of `who` against `quota` requests a minute."""
        item = RateLimitItemPerMinute(quota)
        key = item.key_for(policy, who)
        if self._redis is not None and time.monotonic() >= self._redis_down_until:
            try:
                return await self._count(self._redis, policy, key, quota)
            except StorageError as exc:  # limits' wrapping of any Redis error
                self._redis_failed(exc)
        return await self._count(self._memory, policy, key, quota)

    async def store(self) -> Store:
        """Where requests are counted now, asking Redis (for /health/ready)."""
        if self._redis is None:
            return "memory"
        if not await self._redis.check():  # PING; False for any error
            self._redis_failed(None)
            return "memory_redis_unreachable"
        if self._redis_down_until:
            log.warning("Rate limits: Redis answers again; counting there")
        self._redis_down_until = 0.0
        return "redis"

    async def _count(self, storage: Storage, policy: PolicyName, key: str, quota: int) -> Count:
        if storage is not self._counting_on:
            # Windows learnt from one store say nothing of the other's counters.
            self._window_ends.clear()
            self._counting_on = storage
        used = await storage.incr(key, WINDOW_SECONDS)
        now = time.time()
        if used == 1:  # this request opened the window
            ends = now + WINDOW_SECONDS
        else:
            # A window ends only when its counter expires: one learnt and not yet past is still
            # the counter's, so only a window opened elsewhere costs a second round trip.
            ends = self._window_ends.get(key, 0.0)
            if ends <= now:
                ends = await storage.get_expiry(key)
        self._learn(key, ends)
        reset = min(WINDOW_SECONDS, max(1, math.ceil(ends - now)))
        return Count(policy=policy, quota=quota, used=used, reset_seconds=reset)

    def _learn(self, key: str, ends: float) -> None:
        if len(self._window_ends) >= CAPACITY:
            self._window_ends.clear()
        self._window_ends[key] = ends

    def _redis_failed(self, exc: StorageError | None) -> None:
        if not self._redis_down_until:
            log.warning(
                "Rate limits: Redis cannot be reached (%s); counting in this process's memory "
                "until it answers",
                exc or "no answer to PING",
            )
        self._redis_down_until = time.monotonic() + RETRY_REDIS_SECONDS


class RateLimitHeaders:
    """Adds the RateLimit fields of a counted request (`request.state.rate_limit`, set by the
    access check) to its response, a 429 included. Pure ASGI: no per-request task."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_fields(message: Message) -> None:
            if message["type"] == "http.response.start":
                counted = scope.get("state", {}).get("rate_limit")
                if isinstance(counted, Count):
                    message["headers"] = [*message.get("headers", []), *counted.headers()]
            await send(message)

        await self.app(scope, receive, send_with_fields)
