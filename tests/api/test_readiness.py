"""Readiness under a load balancer's polling: checks asked while one runs share its answer, so
that many at once cost one query and none queues behind another."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest
from sqlalchemy import Engine, text

from api.main import create_app
from api.settings import Settings

ASKED = 5
BOUND_SECONDS = 60.0
WAITING_CHECKS = text(
    "SELECT count(*) FROM pg_stat_activity"
    " WHERE query LIKE 'SELECT version_num FROM alembic_version%' AND wait_event_type = 'Lock'"
)


@pytest.mark.postgres_only
def test_checks_asked_at_once_share_one_query(settings: Settings, engine: Engine) -> None:
    # Patient enough to wait for the lock below, however busy the machine.
    app = create_app(settings.model_copy(update={"readiness_timeout_seconds": BOUND_SECONDS}))

    def waiting() -> int:
        with engine.connect() as connection:
            return int(connection.scalar(WAITING_CHECKS) or 0)

    async def ask_while_the_version_table_is_locked() -> tuple[int, list[httpx.Response]]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="https://testserver") as client:
            with engine.connect() as holder:
                holder.execute(text("LOCK TABLE alembic_version IN ACCESS EXCLUSIVE MODE"))
                asked = [
                    asyncio.create_task(client.get("/api/v1/health/ready")) for _ in range(ASKED)
                ]
                deadline = time.monotonic() + BOUND_SECONDS
                while await asyncio.to_thread(waiting) == 0:
                    assert time.monotonic() < deadline, "no readiness check reached the database"
                    await asyncio.sleep(0.05)
                # Every request has had the event loop long enough to ask for its check.
                await asyncio.sleep(1)
                queries = await asyncio.to_thread(waiting)
                holder.rollback()  # the lock goes: the one check answers them all
            return queries, await asyncio.gather(*asked)

    try:
        queries, answers = asyncio.run(ask_while_the_version_table_is_locked())
    finally:
        app.state.engine.dispose()
        app.state.readiness_engine.dispose()
    assert queries == 1
    assert [answer.status_code for answer in answers] == [200] * ASKED
