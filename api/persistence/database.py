"""Engines and the unit of work: one request, one transaction."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

# Execution option: this transaction will write (SQLite then begins it IMMEDIATE).
WRITES = "mathshubs_writes"


def make_engine(url: str, *, echo: bool = False) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, echo=echo, connect_args={"check_same_thread": False})
        _make_sqlite_transactional(engine)
        return engine
    return create_engine(
        url.replace("postgresql://", "postgresql+psycopg://", 1),
        echo=echo,
        pool_pre_ping=True,
        pool_size=10,
        max_overflow=10,
    )


def _make_sqlite_transactional(engine: Engine) -> None:
    # pysqlite begins transactions lazily and breaks SAVEPOINTs; take control of BEGIN
    # ourselves, as SQLAlchemy's documentation recommends, and turn foreign keys on.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()

    # A transaction that reads and then writes must take SQLite's write lock at BEGIN: a
    # deferred one cannot upgrade its snapshot once another writer has committed, and fails
    # with "database is locked" however long it waits. Readers stay deferred and concurrent.
    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        immediate = connection.get_execution_options().get(WRITES, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def unit_of_work(factory: sessionmaker[Session], *, writes: bool = True) -> Iterator[Session]:
    """Commit when the block succeeds, roll back on any error: a failure leaves nothing.
    `writes=False` for a transaction that only reads."""
    with factory() as session:
        try:
            if writes:
                session.connection(execution_options={WRITES: True})
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
