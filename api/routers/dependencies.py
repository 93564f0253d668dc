"""What endpoints are handed: a database session inside one transaction."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager
from typing import Annotated, Protocol

from fastapi import Depends, Request
from sqlalchemy.orm import Session, sessionmaker

from api.persistence.database import unit_of_work

_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _session(request: Request) -> Iterator[Session]:
    factory: sessionmaker[Session] = request.app.state.session_factory
    # A read never writes: a key's use is recorded in a transaction of its own
    # (api/services/credentials.py).
    with unit_of_work(factory, writes=request.method not in _SAFE_METHODS) as session:
        yield session


# scope="function": the transaction commits (or rolls back) before the response is sent,
# so a client never reads a success that failed to commit.
DbSession = Annotated[Session, Depends(_session, scope="function")]


class SessionOpener(Protocol):
    def __call__(self, *, writes: bool = False) -> AbstractContextManager[Session]: ...


def session_opener(factory: sessionmaker[Session]) -> SessionOpener:
    """What the app keeps as `state.open_session` (the tests put their own transaction there)."""

    def open_session(*, writes: bool = False) -> AbstractContextManager[Session]:
        return unit_of_work(factory, writes=writes)

    return open_session


def opener_of(request: Request) -> SessionOpener:
    """For the access check, which runs before any dependency of the endpoint's own."""
    opener: SessionOpener = request.app.state.open_session
    return opener


async def _session_opener(request: Request) -> SessionOpener:
    return opener_of(request)


# For async endpoints that answer from memory when they can and read the database only when
# they must (in a worker thread, inside one read-only transaction).
OpenSession = Annotated[SessionOpener, Depends(_session_opener)]
