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


# The school search's trigram indexes are PostgreSQL's (api/persistence/models/schools.py);
# SQLite cannot reflect expression indexes, so autogenerate leaves them out there, saying so.
@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based")
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


def test_existing_applications_are_numbered_within_their_programme(empty_engine: Engine) -> None:
    """issue12apps01 numbers applications made before it by id within each programme, and the
    next number given continues from there."""
    with empty_engine.begin() as connection:
        command.upgrade(alembic_config(connection), "ad2ec1ee20ea")
        connection.execute(
            text(
                "INSERT INTO hub (id, name, area, created_at, updated_at) VALUES "
                "('north', 'North', 'North', '2027-01-01', '2027-01-01')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO academic_year (id, label, starts_on, ends_on) "
                "VALUES ('2027-28', '2027/28', '2027-09-01', '2028-08-31')"
            )
        )
        for programme_id in (1, 2):
            connection.execute(
                text(
                    "INSERT INTO programme (id, hub_id, academic_year_id, title, stage, phase, "
                    "audience, eligibility_rules, status, summary, who_can_take_part, "
                    "what_is_involved, how_to_apply, milestones, session_plan, funding, "
                    "commitments, application_form, version, created_at, updated_at) VALUES "
                    f"({programme_id}, 'north', '2027-28', 'P{programme_id}', 'development', "
                    "'primary', 'schools', '[]', 'open', 's', 'w', '', '', '[]', '[]', '{}', "
                    "'[]', '{}', 1, '2027-01-01', '2027-01-01')"
                )
            )
        for urn in ("100001", "100002", "100003"):
            connection.execute(
                text(
                    "INSERT INTO school (urn, name, type_of_establishment, type_group, status, "
                    "phase_of_education, state_funded, created_at, updated_at) VALUES "
                    f"('{urn}', 'School {urn}', 'x', 'x', 'Open', 'Primary', true, "
                    "'2027-01-01', '2027-01-01')"
                )
            )
        for id_, programme_id, urn in ((1, 1, "100001"), (2, 2, "100001"), (3, 1, "100002")):
            connection.execute(
                text(
                    "INSERT INTO application (id, programme_id, school_urn, hub_id, status, "
                    "participants, statement, engaging_with_tfm, created_by, version, "
                    "created_at, updated_at) VALUES "
                    f"({id_}, {programme_id}, '{urn}', 'north', 'draft', '[]', '', false, 't', "
                    "1, '2027-01-01', '2027-01-01')"
                )
            )
        command.upgrade(alembic_config(connection), "issue12apps01")
        numbers = connection.execute(text("SELECT id, number FROM application ORDER BY id")).all()
        last = connection.execute(
            text("SELECT programme_id, last_number FROM application_numbering ORDER BY 1")
        ).all()
    assert [tuple(row) for row in numbers] == [(1, 1), (2, 1), (3, 2)]
    assert [tuple(row) for row in last] == [(1, 2), (2, 1)]
