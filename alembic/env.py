"""Alembic runs against the connection it is handed (tests, `mathshubs migrate`) or DATABASE_URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, text

from api.persistence import models  # noqa: F401  (registers every table on the metadata)
from api.persistence.base import Base
from api.persistence.database import make_engine
from api.settings import get_settings

target_metadata = Base.metadata
MIGRATION_LOCK = 4_172_016  # any constant; the same in every process


def _configure_and_run(connection: Connection) -> None:
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
    engine = make_engine(get_settings().database_url)
    with engine.connect() as fresh:
        _configure_and_run(fresh)
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("Offline (SQL script) migrations are not supported; run `mathshubs migrate`.")
run_migrations_online()
