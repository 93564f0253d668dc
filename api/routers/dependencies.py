"""What endpoints are handed: a database session inside one transaction."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session, sessionmaker

from api.persistence.database import unit_of_work

_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _session(request: Request) -> Iterator[Session]:
    factory: sessionmaker[Session] = request.app.state.session_factory
    with unit_of_work(factory, writes=request.method not in _SAFE_METHODS) as session:
        yield session


# scope="function": the transaction commits (or rolls back) before the response is sent,
# so a client never reads a success that failed to commit.
DbSession = Annotated[Session, Depends(_session, scope="function")]
