"""SQLite, the embedded database: a transaction that will write takes the write lock when it
begins, so a write after a read never fails because another writer committed in between."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from api.persistence.database import make_engine, make_session_factory, unit_of_work


@pytest.fixture
def factory(tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(f"sqlite:///{tmp_path / 'locks.db'}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE counter (n INTEGER)"))
        connection.execute(text("INSERT INTO counter VALUES (0)"))
    yield make_session_factory(engine)
    engine.dispose()


def _bump_elsewhere(factory: sessionmaker[Session]) -> None:
    with unit_of_work(factory) as other:
        other.execute(text("UPDATE counter SET n = n + 1"))


def test_a_reader_that_then_writes_fails_when_another_writer_came_first(
    factory: sessionmaker[Session],
) -> None:
    # What `writes=False` means: a snapshot that cannot be upgraded once someone else wrote.
    with unit_of_work(factory, writes=False) as session:
        session.execute(text("SELECT n FROM counter")).scalar_one()
        _bump_elsewhere(factory)
        with pytest.raises(OperationalError, match="locked"):
            session.execute(text("UPDATE counter SET n = n + 10"))
        session.rollback()


def test_a_writing_transaction_makes_the_other_writer_wait_its_turn(
    factory: sessionmaker[Session],
) -> None:
    other = threading.Thread(target=_bump_elsewhere, args=(factory,))
    with unit_of_work(factory) as session:
        seen = session.execute(text("SELECT n FROM counter")).scalar_one()
        other.start()
        other.join(timeout=0.5)
        assert other.is_alive()  # waiting for our write lock, not failing
        session.execute(text("UPDATE counter SET n = :n"), {"n": seen + 10})
    other.join(timeout=10)
    with unit_of_work(factory, writes=False) as session:
        assert session.execute(text("SELECT n FROM counter")).scalar_one() == 11
