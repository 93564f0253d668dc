"""Engines and the unit of work: one request, one transaction."""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, NullPool, create_engine, event, make_url, text
from sqlalchemy.orm import Session, sessionmaker

# Execution option: this transaction will write (SQLite then begins it IMMEDIATE).
WRITES = "mathshubs_writes"


# sqlite3's own wait for a locked database, kept when no timeouts are given.
_SQLITE_DEFAULT_BUSY_SECONDS = 5.0


@dataclass(frozen=True)
class DatabaseTimeouts:
    """How long one request may wait on the database before it is told to try again."""

    pool_seconds: float  # for a connection from the pool
    lock_seconds: float  # for a lock: PostgreSQL's lock_timeout, SQLite's busy timeout
    statement_seconds: float  # for one statement (PostgreSQL's statement_timeout)
    connect_seconds: float  # to open a connection (PostgreSQL counts whole seconds, at least 2)


def make_engine(
    url: str,
    *,
    echo: bool = False,
    timeouts: DatabaseTimeouts | None = None,
    pooled: bool = False,
) -> Engine:
    """`timeouts` None keeps the drivers' own waits (migrations, command-line jobs); `pooled`:
    `url` names a transaction pooler (PgBouncer), see `_through_pooler`."""
    pool: dict[str, Any] = {} if timeouts is None else {"pool_timeout": timeouts.pool_seconds}
    if url.startswith("sqlite"):
        engine = create_engine(url, echo=echo, connect_args={"check_same_thread": False}, **pool)
        busy = timeouts.lock_seconds if timeouts else _SQLITE_DEFAULT_BUSY_SECONDS
        _make_sqlite_transactional(engine, busy_timeout_ms=round(busy * 1000))
        return engine
    if pooled:
        engine = create_engine(
            url.replace("postgresql://", "postgresql+psycopg://", 1),
            echo=echo,
            pool_pre_ping=True,
            pool_size=10,
            max_overflow=10,
            connect_args=_through_pooler(timeouts),
            **pool,
        )
        if timeouts is not None:
            _limit_each_transaction(engine, timeouts)
        return engine
    return create_engine(
        url.replace("postgresql://", "postgresql+psycopg://", 1),
        echo=echo,
        pool_pre_ping=True,
        pool_size=10,
        max_overflow=10,
        connect_args=_postgres_limits(url, timeouts) if timeouts else {},
        **pool,
    )


def make_probe_engine(url: str, *, timeout_seconds: float, pooled: bool = False) -> Engine:
    """For health checks: connections of their own, never a wait behind the requests' pool,
    and every wait bounded by `timeout_seconds` (connecting: at least 2 s).

    On PostgreSQL two connections (one per readiness thread) are kept between checks, so that a
    load balancer asking many times a second costs a query each, not a new server process; each
    is pinged before use, so a database that went away is noticed by the next check."""
    bound = DatabaseTimeouts(timeout_seconds, timeout_seconds, timeout_seconds, timeout_seconds)
    if url.startswith("sqlite"):
        engine = create_engine(url, poolclass=NullPool)
        _make_sqlite_transactional(engine, busy_timeout_ms=round(timeout_seconds * 1000))
        return engine
    kept: dict[str, Any] = {
        "pool_size": 2,
        "max_overflow": 0,
        "pool_timeout": timeout_seconds,
        "pool_pre_ping": True,
    }
    if pooled:
        engine = create_engine(
            url.replace("postgresql://", "postgresql+psycopg://", 1),
            connect_args=_through_pooler(bound),
            **kept,
        )
        _limit_each_transaction(engine, bound)
        return engine
    return create_engine(
        url.replace("postgresql://", "postgresql+psycopg://", 1),
        connect_args=_postgres_limits(url, bound),
        **kept,
    )


def migration_revision(engine: Engine) -> str | None:
    """The Alembic revision the database is at (None when it has none): readiness asks it."""
    with engine.connect() as connection:
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _through_pooler(timeouts: DatabaseTimeouts | None) -> dict[str, Any]:
    """A transaction pooler hands each transaction whichever server connection is free, so
    nothing may outlive a transaction on it: psycopg prepares no statements (a prepared name
    would be missing, or taken, on the next connection), and no startup `options` are sent
    (PgBouncer refuses them; the limits are set in each transaction instead)."""
    limits = {"connect_timeout": max(2, math.ceil(timeouts.connect_seconds))} if timeouts else {}
    return {"prepare_threshold": None, **limits}


def _limit_each_transaction(engine: Engine, timeouts: DatabaseTimeouts) -> None:
    # set_config(..., true) is SET LOCAL: it ends with the transaction, leaving the pooler's
    # server connection as it found it. One statement for both limits.
    lock = math.ceil(timeouts.lock_seconds * 1000)
    statement = math.ceil(timeouts.statement_seconds * 1000)
    limits = (
        f"SELECT set_config('lock_timeout', '{lock}', true), "
        f"set_config('statement_timeout', '{statement}', true)"
    )

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql(limits)


def _postgres_limits(url: str, timeouts: DatabaseTimeouts) -> dict[str, Any]:
    """libpq parameters: the server itself cancels a statement or a lock wait that runs over,
    so a bound holds however the statement was sent. Any `options` in the URL are kept."""
    own = make_url(url).query.get("options")
    limits = (
        f"-c lock_timeout={math.ceil(timeouts.lock_seconds * 1000)} "
        f"-c statement_timeout={math.ceil(timeouts.statement_seconds * 1000)}"
    )
    return {
        "connect_timeout": max(2, math.ceil(timeouts.connect_seconds)),
        "options": f"{own} {limits}" if isinstance(own, str) else limits,
    }


def _make_sqlite_transactional(engine: Engine, *, busy_timeout_ms: int) -> None:
    # pysqlite begins transactions lazily and breaks SAVEPOINTs; take control of BEGIN
    # ourselves, as SQLAlchemy's documentation recommends, and turn foreign keys on.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        # A writer waits this long for another's write lock, then gets "database is locked".
        cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
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
