"""Test databases: SQLite by default, PostgreSQL when TEST_DATABASE_URL is set; TEST_DATABASE
names the one a pass must use (tests/databases.py), and the report says which it used.

The schema is built by the migrations (never create_all), once per run; each test runs inside
a transaction that is rolled back, so tests neither see nor leave each other's rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from unittest.mock import patch

import pytest
from alembic import command
from alembic.config import Config
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from api import security
from api.clock import FixedClock
from api.main import create_app, start_afresh
from api.persistence.database import make_engine
from api.routers import dependencies
from api.settings import PROJECT_ROOT, Settings
from tests.clock import TEST_NOW
from tests.databases import DatabaseChoiceError, database_url_for, describe

# Requests a minute that no test reaches (the defaults are for callers in production).
UNTHROTTLED = 1_000_000

pytest_plugins = [
    "tests.builders",
    "tests.accounts",
    "tests.api.work_group_setup",
    "tests.api.grants_setup",
    "tests.api.privacy_setup",
    "tests.processes",
]


def pytest_configure(config: pytest.Config) -> None:
    try:
        describe()
    except DatabaseChoiceError as exc:  # stop before any test, not with an error in each
        raise pytest.UsageError(str(exc)) from exc


def pytest_report_header(config: pytest.Config) -> str:
    return describe()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if terminalreporter.verbosity < 0:  # -q leaves out the header: say it at the end instead
        terminalreporter.write_line(describe())


def alembic_config(connection: Connection) -> Config:
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.attributes["connection"] = connection
    return config


def reset_schema(engine: Engine) -> None:
    """Drop everything, PostgreSQL or SQLite, so that the migrations start from nothing."""
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))


@pytest.fixture(autouse=True, scope="session")
def _light_password_hashing() -> Iterator[None]:
    """Real argon2 with light parameters: the tests sign in hundreds of times."""
    with patch.object(security, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024)):
        yield


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return database_url_for(Path(tmp_path_factory.mktemp("db")))


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    try:
        with engine.connect():
            pass
    except OperationalError as exc:  # an unreachable PostgreSQL fails the run, never skips
        pytest.fail(f"Cannot reach the test database {engine.url!r}: {exc}", pytrace=False)
    reset_schema(engine)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
    yield engine
    engine.dispose()


@pytest.fixture
def db(engine: Engine) -> Iterator[Session]:
    """A session in a transaction rolled back after the test; commits become savepoints."""
    with engine.connect() as connection:
        transaction = connection.begin()
        session = Session(bind=connection, join_transaction_mode="create_savepoint")
        try:
            yield session
        finally:
            session.close()
            transaction.rollback()


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(
        environment="test",
        database_url=database_url,
        secret_key="test-secret-key-not-for-production",
        frontend_dist=PROJECT_ROOT / "tests" / "no-frontend",
        # A test's changes are never committed, so no notification would ever tell of them;
        # tests/cli/test_two_processes.py and tests/persistence cover the listener.
        data_version_listen=False,
        # Tests make many requests from one address and one key, in a minute: counted (with
        # their RateLimit fields) but never refused; tests/api/test_rate_limits.py sets small
        # limits of its own.
        rate_limit_key_per_minute=UNTHROTTLED,
        rate_limit_anonymous_per_minute=UNTHROTTLED,
    )


@pytest.fixture
def clock() -> FixedClock:
    """The app's clock, standing at TEST_NOW (tests/clock.py); a test may move it on."""
    return FixedClock(TEST_NOW)


@pytest.fixture(scope="session")
def _apps() -> Iterator[dict[str, FastAPI]]:
    """One app per distinct settings, reused by every test with those settings (building the
    routes is most of a small test's time); each test gets it started afresh (api/main.py)."""
    built: dict[str, FastAPI] = {}
    yield built
    for application in built.values():
        application.state.engine.dispose()
        application.state.readiness_engine.dispose()


def in_test_transaction(application: FastAPI, db: Session) -> FastAPI:
    """`application` with every request's session in the test's transaction."""

    def session_in_test_transaction() -> Iterator[Session]:
        # Same contract as production: keep the request's work on success, undo all of it on
        # any error; a savepoint per request, so that the test's own rows survive a failure.
        savepoint = db.begin_nested()
        try:
            yield db
            savepoint.commit()
        except BaseException:
            savepoint.rollback()
            raise

    application.dependency_overrides[dependencies._session] = session_in_test_transaction
    opened = contextmanager(session_in_test_transaction)

    def opener(*, writes: bool = False) -> AbstractContextManager[Session]:
        return opened()

    application.state.open_session = opener
    return application


@pytest.fixture
def app(settings: Settings, db: Session, clock: FixedClock, _apps: dict[str, FastAPI]) -> FastAPI:
    key = settings.model_dump_json()
    if key not in _apps:
        _apps[key] = create_app(settings, clock=clock)
    start_afresh(_apps[key], settings, clock)
    return in_test_transaction(_apps[key], db)


@pytest.fixture
def own_app(settings: Settings, db: Session, clock: FixedClock) -> Iterator[FastAPI]:
    """An app for this test alone, for a test that adds routes to it."""
    application = in_test_transaction(create_app(settings, clock=clock), db)
    yield application
    application.state.engine.dispose()


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(
        app, base_url="https://testserver", raise_server_exceptions=False
    ) as test_client:
        yield test_client
