"""A database with data in it migrates as operators migrate it (`mathshubs migrate`): a table
that SQLite must copy to change keeps the rows that refer to it, and programme codes that the
API could not answer with are cleared, each named, before the constraint refuses them."""

from __future__ import annotations

from datetime import date

import pytest
from alembic import command
from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import IntegrityError

from api.persistence.database import make_session_factory, unit_of_work
from api.persistence.models import Application, Programme, WorkGroup
from api.services.demo import load_demo
from tests.cli.test_cli import mathshubs
from tests.conftest import alembic_config
from tests.migrations.test_migrations import empty_engine  # noqa: F401  (the fixture)

BEFORE_CODE_SHAPE = "d7df467ad4df"


def _count(engine: Engine, table: type[Programme | WorkGroup | Application]) -> int:
    with engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(table)) or 0


def test_a_database_with_the_demo_data_migrates_and_misshapen_codes_are_cleared(
    empty_engine: Engine,  # noqa: F811
) -> None:
    env = {"DATABASE_URL": empty_engine.url.render_as_string(hide_password=False)}
    # The demo is loaded by today's models, so at the head; then the schema steps back to
    # before the code's shape, keeping the rows.
    with empty_engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
    with unit_of_work(make_session_factory(empty_engine)) as session:
        load_demo(session, today=date(2026, 12, 1))
    with empty_engine.connect() as connection:  # outside a transaction: as `migrate` runs
        command.downgrade(alembic_config(connection), BEFORE_CODE_SHAPE)
    with empty_engine.begin() as connection:
        ids = list(connection.scalars(select(Programme.id).order_by(Programme.id)))
        connection.execute(
            text("UPDATE programme SET code = '40-26-2027' WHERE id = :id"), {"id": ids[0]}
        )
    referring = (_count(empty_engine, WorkGroup), _count(empty_engine, Application))
    assert referring[0] > 0  # so that SQLite's copy of the programme table meets them

    migrated = mathshubs("migrate", env=env)

    assert migrated.returncode == 0, migrated.stderr
    assert f"{ids[0]}: '40-26-2027'" in migrated.stderr
    with empty_engine.connect() as connection:
        codes = dict(connection.execute(select(Programme.id, Programme.code)).all())
    assert codes[ids[0]] is None
    assert "NCP21-11" in codes.values()  # the demo's well-formed codes are kept
    assert len(codes) == len(ids)
    assert (_count(empty_engine, WorkGroup), _count(empty_engine, Application)) == referring
    with empty_engine.connect() as connection, pytest.raises(IntegrityError):
        connection.execute(
            text("UPDATE programme SET code = '40-26-2027' WHERE id = :id"), {"id": ids[0]}
        )
