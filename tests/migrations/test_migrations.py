"""One Alembic history for SQLite and PostgreSQL: up, down, up again; no drift from the models."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, inspect, text
from sqlalchemy.engine import make_url

from api.persistence.base import Base
from api.persistence.database import make_engine
from tests.conftest import alembic_config
from tests.databases import database_url_for, is_postgres


@pytest.fixture
def empty_engine(tmp_path: Path) -> Iterator[Engine]:
    """A database of its own: a new SQLite file, or a new PostgreSQL database."""
    url = database_url_for(tmp_path)
    if not is_postgres(url):
        engine = make_engine(url)
        yield engine
        engine.dispose()
        return
    name = f"{make_url(url).database}_migrations"
    admin = create_engine(
        make_url(url).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(make_url(url).set(database=name).render_as_string(hide_password=False))
    yield engine
    engine.dispose()
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names()) - {"alembic_version"}


def test_upgrade_downgrade_upgrade(empty_engine: Engine) -> None:
    with empty_engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
    assert tables(empty_engine) == set(Base.metadata.tables)

    with empty_engine.begin() as connection:
        command.downgrade(alembic_config(connection), "base")
    assert tables(empty_engine) == set()

    with empty_engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
    assert tables(empty_engine) == set(Base.metadata.tables)


def test_models_and_migrations_agree(empty_engine: Engine) -> None:
    with empty_engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        drift = compare_metadata(context, Base.metadata)
    assert drift == [], f"The models differ from the migrations: {drift}"


def test_each_migration_steps_down_and_up_on_its_own(empty_engine: Engine) -> None:
    with empty_engine.begin() as connection:
        script = ScriptDirectory.from_config(alembic_config(connection))
        revisions = [r.revision for r in reversed(list(script.walk_revisions()))]
    for revision in revisions:
        with empty_engine.begin() as connection:
            command.upgrade(alembic_config(connection), revision)
            command.downgrade(alembic_config(connection), "-1")
            command.upgrade(alembic_config(connection), revision)


def test_one_linear_history() -> None:
    config = alembic_config(None)  # type: ignore[arg-type]
    assert len(ScriptDirectory.from_config(config).get_heads()) == 1
