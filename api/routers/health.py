"""Liveness and readiness, for load balancers and orchestrators."""

from __future__ import annotations

import asyncio
from typing import Literal

from fastapi import Request
from pydantic import BaseModel, Field
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from api.errors import NotReady
from api.rate_limits import RateLimits
from api.routers.access import PUBLIC, access
from api.routers.feature_router import FeatureRouter
from api.services.readiness import database_migration
from api.settings import Settings

router = FeatureRouter(prefix="/health", tags=["health"])


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
    try:
        current = await database_migration(
            engine, timeout_seconds=settings.readiness_timeout_seconds
        )
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
        # A timeout, not wait_for, which would wrap the call in a task: under load each further
        # future to wait on costs a turn of a busy event loop. Without Redis, answered at once.
        async with asyncio.timeout(settings.readiness_timeout_seconds):
            store = await rate_limits.store()
    except TimeoutError:
        store = "memory_redis_unreachable"
    return Readiness(status="ready", database="ok", migration=head, rate_limits=store)
