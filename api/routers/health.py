"""Liveness and readiness, for load balancers and orchestrators."""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Literal
from weakref import WeakKeyDictionary

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field
from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

from api.errors import NotReady
from api.rate_limits import RateLimits
from api.routers.access import PUBLIC, access
from api.settings import Settings

router = APIRouter(prefix="/health", tags=["health"])

# Threads of the readiness check's own: the request threads may all be waiting for the
# database, and a check queued behind them would answer late. Two, as a check whose database
# does not answer holds one until its connect timeout.
_CHECKS = ThreadPoolExecutor(max_workers=2, thread_name_prefix="readiness")
# The check running now for each engine. Requests that arrive while it runs share its answer,
# so that load balancers asking many times a second cost one query at a time instead of a queue
# of checks (which made readiness the slowest read of bench/api.py's mix); a request is never
# given the answer of a check that had finished before it arrived.
_RUNNING: WeakKeyDictionary[Engine, Future[str | None]] = WeakKeyDictionary()
_RUNNING_LOCK = threading.Lock()


class Health(BaseModel):
    status: Literal["ok"]


class Readiness(BaseModel):
    status: Literal["ready"]
    database: Literal["ok"]
    migration: str
    rate_limits: Literal["memory", "redis", "memory_redis_unreachable"] = Field(
        description="Where requests are counted against their rate limits: this process's "
        "memory (no RATE_LIMIT_REDIS_URL), Redis (shared by every process), or this process's "
        "memory because the Redis named cannot be reached (each process counts alone)."
    )


@router.get("", **access(PUBLIC, rate_limited=False))
async def liveness() -> Health:
    """Answers at once and touches nothing: the process is up."""
    return Health(status="ok")


@router.get("/ready", **access(PUBLIC, 503, rate_limited=False))
async def readiness(request: Request) -> Readiness:
    """The database answers within a second (READINESS_TIMEOUT_SECONDS) and its schema is at
    the latest migration; says where rate limits are counted (ready without Redis too)."""
    settings: Settings = request.app.state.settings
    head: str = request.app.state.migration_head
    engine: Engine = request.app.state.readiness_engine
    # Shielded: a request that stops waiting must not cancel the check the others wait for.
    check = asyncio.shield(asyncio.wrap_future(_running_check(engine)))
    try:
        current = await asyncio.wait_for(check, settings.readiness_timeout_seconds)
    except (TimeoutError, SQLAlchemyError):
        raise NotReady(
            "The database does not answer or is not migrated.",
            retry_after_seconds=settings.database_retry_after_seconds,
        ) from None
    if current != head:
        raise NotReady(
            f"The database is at migration {current}, the code expects {head}: "
            "run `mathshubs migrate`.",
            retry_after_seconds=settings.database_retry_after_seconds,
        )
    rate_limits: RateLimits = request.app.state.rate_limits
    try:
        store = await asyncio.wait_for(rate_limits.store(), settings.readiness_timeout_seconds)
    except TimeoutError:
        store = "memory_redis_unreachable"
    return Readiness(status="ready", database="ok", migration=head, rate_limits=store)


def _running_check(engine: Engine) -> Future[str | None]:
    with _RUNNING_LOCK:
        running = _RUNNING.get(engine)
        if running is None or running.done():
            running = _RUNNING[engine] = _CHECKS.submit(_migration_of, engine)
        return running


def _migration_of(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
