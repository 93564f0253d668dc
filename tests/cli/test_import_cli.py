"""`mathshubs import-gias` and `mathshubs import-participations`, run as operators run them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from alembic import command

from api.persistence.database import make_engine, make_session_factory, unit_of_work
from api.persistence.models import Hub, School
from tests.cli.test_cli import mathshubs
from tests.conftest import alembic_config
from tests.gias_files import gias_row, write_gias


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file brought to the latest migration with one hub, copied for each test.
    Migrated in process: `mathshubs migrate` has its own test, and each command costs seconds."""
    path = tmp_path_factory.mktemp("cli") / "migrated.db"
    _add(
        f"sqlite:///{path}", Hub(id="north", name="North Maths Hub", area="The North"), migrate=True
    )
    return path


@pytest.fixture
def env(migrated: Path, tmp_path: Path) -> dict[str, str]:
    """A database of this test's own: what it imports, and what the others did not."""
    copy = tmp_path / "imports.db"
    shutil.copyfile(migrated, copy)
    return {"DATABASE_URL": f"sqlite:///{copy}"}


def _add(url: str, *rows: object, migrate: bool = False) -> None:
    """Commit rows to the database at `url`, as earlier work of the service would have."""
    engine = make_engine(url)
    try:
        if migrate:
            with engine.begin() as connection:
                command.upgrade(alembic_config(connection), "head")
        with unit_of_work(make_session_factory(engine)) as session:
            session.add_all(rows)
    finally:
        engine.dispose()


def test_import_gias_reports_counts_and_rejections(env: dict[str, str], tmp_path: Path) -> None:
    path = write_gias(
        tmp_path / "edubasealldata20240601.csv",
        [gias_row("100001", "St Bede’s Primary"), gias_row("100002"), gias_row("12345")],
    )
    first = mathshubs("import-gias", str(path), env=env)
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines() == [
        "Schools: 2 created, 0 updated, 0 unchanged, 1 rejected.",
        "line 4 (URN 12345): URN must be six digits.",
    ]
    assert path.name in first.stderr  # the progress bar's label


def test_import_gias_refuses_a_malformed_file(env: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "extract.csv"
    path.write_bytes(b"URN,Name\r\n100003,Bad\x81Name\r\n")
    result = mathshubs("import-gias", str(path), env=env)
    assert result.returncode == 1
    assert "Refused: The file lacks the columns EstablishmentName," in result.stderr
    assert result.stdout == ""


def test_import_participations(env: dict[str, str], tmp_path: Path) -> None:
    _add(
        env["DATABASE_URL"],
        School(
            urn="100001",
            name="St Bede’s Primary",
            type_group="Local authority maintained schools",
            type_of_establishment="Community school",
            status="Open",
            phase_of_education="Primary",
            state_funded=True,
        ),
    )
    path = tmp_path / "history.csv"
    path.write_text(
        "urn,person_email,programme_type,academic_year,hub,outcome\r\n"
        "100001,,primary_development,2018/19,north,completed\r\n"
        ",nobody@school.example,sktm_primary_teachers_number,2021/22,north,\r\n",
        encoding="utf-8",
    )
    result = mathshubs("import-participations", str(path), env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Participations: 1 created, 0 updated, 0 unchanged, 1 rejected.",
        "line 3 (nobody@school.example): Nobody is recorded with the email nobody@school.example.",
    ]
