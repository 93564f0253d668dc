"""Each pass of `make test` runs on the database it names (tests/databases.py): the SQLite pass
on SQLite even where CI sets TEST_DATABASE_URL for the PostgreSQL pass."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.databases import DatabaseChoiceError, database_kind, database_url_for

POSTGRES = "postgresql://postgres@127.0.0.1:5432/somewhere"


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"TEST_DATABASE": "sqlite", "TEST_DATABASE_URL": POSTGRES}, "sqlite"),
        ({"TEST_DATABASE": "sqlite"}, "sqlite"),
        ({"TEST_DATABASE": "postgresql", "TEST_DATABASE_URL": POSTGRES}, POSTGRES),
        ({"TEST_DATABASE_URL": POSTGRES}, POSTGRES),
        ({}, "sqlite"),
    ],
)
def test_the_database_a_pass_names_is_the_one_it_uses(
    environment: dict[str, str], expected: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("TEST_DATABASE", raising=False)
    monkeypatch.delenv("TEST_DATABASE_URL", raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)

    url = database_url_for(tmp_path)

    assert url == (f"sqlite:///{tmp_path / 'test.db'}" if expected == "sqlite" else expected)


@pytest.mark.parametrize(
    "environment",
    [
        {"TEST_DATABASE": "postgresql"},
        {"TEST_DATABASE": "postgresql", "TEST_DATABASE_URL": "sqlite:///x.db"},
        {"TEST_DATABASE": "mysql", "TEST_DATABASE_URL": POSTGRES},
    ],
)
def test_a_database_that_cannot_be_used_stops_the_run(
    environment: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TEST_DATABASE_URL", raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)

    with pytest.raises(DatabaseChoiceError):
        database_kind()


def test_this_pass_runs_on_the_database_it_names(engine: Engine) -> None:
    """In `make test` each pass names its database: this is where the report shows it held."""
    assert engine.dialect.name == database_kind()
    named = os.environ.get("TEST_DATABASE")
    if named:
        assert engine.dialect.name == named
