"""`mathshubs import-gias`, as a scheduled job runs it, on files that are not what they seem: a
file in two encodings or cut off fails (exit 1, the reason on stderr) and imports nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, func, select

from api.persistence.database import make_engine
from api.persistence.models import School
from tests.cli.test_cli import mathshubs
from tests.conftest import alembic_config
from tests.gias_files import append_line, cut_off, gias_row, write_gias

ST_BEDES = "St Bede’s Catholic Primary School"


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Engine]:
    """A migrated SQLite database of this test's own."""
    engine = make_engine(f"sqlite:///{tmp_path / 'imports.db'}")
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
    yield engine
    engine.dispose()


def _schools(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(School)) or 0


def _mixed(path: Path) -> Path:
    rows = [gias_row("100001"), gias_row("100002", ST_BEDES)]  # line 3 in Windows-1252
    return append_line(write_gias(path, rows), gias_row("100003", ST_BEDES), encoding="utf-8")


def _cut_off(path: Path) -> Path:
    write_gias(path, [gias_row("100001"), gias_row("100002"), gias_row("100003")])
    return cut_off(path, keep_bytes=path.stat().st_size - 100)


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (
            _mixed,
            "Refused: Line 4 is UTF-8 text, but line 3 is Windows-1252: the file mixes two "
            "encodings",
        ),
        (
            _cut_off,
            "Refused: The file ends in the middle of line 4, with no line break after it: "
            "it looks cut off",
        ),
    ],
)
def test_a_damaged_extract_fails_the_command_and_imports_nothing(
    database: Engine, tmp_path: Path, make: Callable[[Path], Path], reason: str
) -> None:
    path = make(tmp_path / "edubasealldata20240601.csv")
    result = mathshubs("import-gias", str(path), env={"DATABASE_URL": str(database.url)})
    assert result.returncode == 1
    assert reason in result.stderr
    assert result.stdout == ""
    assert _schools(database) == 0
