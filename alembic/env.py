"""Alembic runs against the connection it is handed (tests, `mathshubs migrate`) or DATABASE_URL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from alembic import context
from sqlalchemy import Connection, text

from api.persistence import models  # noqa: F401  (registers every table on the metadata)
from api.persistence.base import Base
from api.persistence.database import make_engine
from api.settings import get_settings

target_metadata = Base.metadata
MIGRATION_LOCK = 4_172_016  # any constant; the same in every process


@contextmanager
def _sqlite_references_checked_at_the_end(connection: Connection) -> Iterator[None]:
    """Batch mode changes a SQLite table by copying it and dropping the old one, which SQLite
    refuses while foreign keys are enforced and other rows refer to it; the pragma can change
    only outside a transaction. So foreign keys are off while a fresh connection (`mathshubs
    migrate`) migrates, and every reference is checked once it is done."""
    if connection.dialect.name != "sqlite" or connection.in_transaction():
        yield  # a connection handed over in its transaction (tests) migrates from nothing
        return
    driver = connection.connection.driver_connection
    assert driver is not None
    driver.execute("PRAGMA foreign_keys=OFF")
    try:
        yield
        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
        if broken:
            raise RuntimeError(f"After migrating, rows refer to rows that are missing: {broken}")
    finally:
        if connection.in_transaction():
            connection.rollback()
        driver.execute("PRAGMA foreign_keys=ON")


def _configure_and_run(connection: Connection) -> None:
    with _sqlite_references_checked_at_the_end(connection):
        _configure_and_run_in(connection)


def _configure_and_run_in(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite alters tables by copying them; batch mode does that for us.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            # Several containers may start at once: one migrates, the others wait and find
            # the schema at head. The lock ends with the transaction.
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        context.run_migrations()


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _configure_and_run(connection)
        return
    settings = get_settings()
    engine = make_engine(settings.database_url, pooled=settings.database_pooled)
    with engine.connect() as fresh:
        _configure_and_run(fresh)
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("Offline (SQL script) migrations are not supported; run `mathshubs migrate`.")
run_migrations_online()
