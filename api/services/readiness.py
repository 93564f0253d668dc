"""The readiness check's question to the database: which migration it is at.

Load balancers may ask many times a second. Requests that arrive while a check runs wait for
that check's answer (one query at a time, not a queue of them), and each is handed the answer
on its own event loop in one step: under load, every further future to wait on costs a turn of
a busy loop. A request is never given the answer of a check that had finished before it came."""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from weakref import WeakKeyDictionary

from sqlalchemy import Engine

from api.persistence.database import migration_revision

# Threads of the check's own: the request threads may all be waiting for the database, and a
# check queued behind them would answer late. Two, as a check whose database does not answer
# holds one until its connect timeout.
_CHECKS = ThreadPoolExecutor(max_workers=2, thread_name_prefix="readiness")

Answer = asyncio.Future[str | None]
# Who waits for the check running now, for each engine (no check running: no entry).
_WAITING: WeakKeyDictionary[Engine, list[tuple[asyncio.AbstractEventLoop, Answer]]] = (
    WeakKeyDictionary()
)
_LOCK = threading.Lock()


async def database_migration(engine: Engine, *, timeout_seconds: float) -> str | None:
    """The database's migration revision (None when it has none); TimeoutError beyond
    `timeout_seconds`, and the database's errors as SQLAlchemy raises them."""
    loop = asyncio.get_running_loop()
    answer: Answer = loop.create_future()
    with _LOCK:
        waiting = _WAITING.get(engine)
        if waiting is None:
            waiting = _WAITING[engine] = []
            _CHECKS.submit(_check_for_all, engine)
        waiting.append((loop, answer))
    async with asyncio.timeout(timeout_seconds):  # cancels this request's answer only
        return await answer


def _check_for_all(engine: Engine) -> None:
    revision: str | None = None
    error: Exception | None = None
    try:
        revision = migration_revision(engine)
    except Exception as exc:  # each waiter is told
        error = exc
    with _LOCK:
        waiting = _WAITING.pop(engine, [])
    for loop in {loop for loop, _ in waiting}:
        answers = [answer for on, answer in waiting if on is loop]
        with suppress(RuntimeError):  # that loop has closed: nobody there waits any more
            loop.call_soon_threadsafe(_tell, answers, revision, error)


def _tell(answers: list[Answer], revision: str | None, error: Exception | None) -> None:
    for answer in answers:
        if answer.done():  # its request stopped waiting
            continue
        if error is not None:
            answer.set_exception(error)
        else:
            answer.set_result(revision)
