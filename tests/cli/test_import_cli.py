"""`mathshubs import-gias` and `mathshubs import-participations`, run as operators run them."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command

from api.persistence.database import make_engine, make_session_factory, unit_of_work
from api.persistence.models import Hub
from tests.cli.test_cli import mathshubs
from tests.conftest import alembic_config
from tests.gias_files import gias_row, write_gias


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A migrated SQLite database with one hub, shared by the tests in order (each command
    costs seconds to start, so the tests build on one another rather than start afresh)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'imports.db'}"
    engine = make_engine(url)
    # Migrated in process: `mathshubs migrate` has its own test, and each command costs seconds.
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
    with unit_of_work(make_session_factory(engine)) as session:
        session.add(Hub(id="north", name="North Maths Hub", area="The North"))
    engine.dispose()
    return {"DATABASE_URL": url}


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
    # School 100001 comes from the first test's import: the command committed it.
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
