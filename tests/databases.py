"""Which database the tests run on. Each pass of `make test` names its own, so that the SQLite
pass runs on SQLite (what `make run` uses) even where TEST_DATABASE_URL is set for the other:

    TEST_DATABASE=sqlite      a fresh SQLite file, whatever TEST_DATABASE_URL says
    TEST_DATABASE=postgresql  the PostgreSQL database TEST_DATABASE_URL names; none stops the run
    (unset)                   PostgreSQL when TEST_DATABASE_URL is set, else SQLite
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from sqlalchemy.engine import make_url

Kind = Literal["sqlite", "postgresql"]
KINDS: tuple[Kind, ...] = ("sqlite", "postgresql")


class DatabaseChoiceError(ValueError):
    """TEST_DATABASE and TEST_DATABASE_URL do not name a database the tests can use."""


def database_kind() -> Kind:
    """The database this run uses, from TEST_DATABASE (or else TEST_DATABASE_URL)."""
    named = os.environ.get("TEST_DATABASE", "").strip().lower()
    url = os.environ.get("TEST_DATABASE_URL", "")
    if not named:
        return "postgresql" if url else "sqlite"
    if named == "sqlite":
        return "sqlite"
    if named == "postgresql":
        if not is_postgres(url):
            raise DatabaseChoiceError(
                f"TEST_DATABASE=postgresql needs TEST_DATABASE_URL=postgresql://…, not {url!r}"
            )
        return "postgresql"
    raise DatabaseChoiceError(f"TEST_DATABASE is one of {', '.join(KINDS)}, not {named!r}")


def postgres_url() -> str:
    """TEST_DATABASE_URL, for a run on PostgreSQL."""
    url = os.environ.get("TEST_DATABASE_URL", "")
    if not is_postgres(url):
        raise DatabaseChoiceError(f"TEST_DATABASE_URL is not a PostgreSQL URL: {url!r}")
    return url


def database_url_for(tmp: Path) -> str:
    """The database of this run: TEST_DATABASE_URL or a fresh SQLite file in `tmp`."""
    return postgres_url() if database_kind() == "postgresql" else f"sqlite:///{tmp / 'test.db'}"


def describe() -> str:
    """One line for the test report: which database, and where (without a password)."""
    if database_kind() == "sqlite":
        return "database: SQLite (a fresh file for this run)"
    shown = make_url(postgres_url()).render_as_string(hide_password=True)
    return f"database: PostgreSQL ({shown})"


def is_postgres(url: str) -> bool:
    return url.startswith("postgresql")
