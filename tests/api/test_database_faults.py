"""A busy or unreachable database: every wait is bounded, and the answer is a 503 problem with
Retry-After that changed nothing, never a 500 or a request that hangs. Through a real server
(the pool, the threads and the timeouts are the server's), on a PostgreSQL database of its own,
behind a TCP proxy the test stops and starts; and on SQLite where a writer holds the lock."""

from __future__ import annotations

import itertools
import os
import socket
import sqlite3
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path

import httpx
import psycopg
import pytest
from alembic import command
from alembic.config import Config
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from api.domain.access import Scope
from api.main import create_app
from api.persistence.database import make_engine, make_session_factory, unit_of_work
from api.persistence.models import (
    AcademicYearRow,
    ApiKey,
    Application,
    Hub,
    Programme,
    School,
)
from api.services import api_keys
from api.settings import PROJECT_ROOT, Settings
from tests.api.live_server import LiveServer, live_server
from tests.api.tcp_proxy import TcpProxy

PROBLEM = "application/problem+json"
UNAVAILABLE = "/problems/database-unavailable"
NOT_READY = "/problems/not-ready"
RETRY_AFTER = 3
SERVE = ["-m", "api.cli", "serve"]
# Added to a configured bound before an answer counts as late: generous for two shared cores,
# far below the 30 s (or the forever) that the waits took before they were bounded.
SLACK_SECONDS = 15.0
# Longer than any bounded answer here: a request that outlives it fails the test, never hangs it.
CLIENT_TIMEOUT = 45.0
HUB = "faults-hub"
NOW = datetime(2027, 10, 1, 9, 0, tzinfo=UTC)
NO_FRONTEND = str(PROJECT_ROOT / "tests" / "no-frontend")
LOCK_PROGRAMME = f"SELECT 1 FROM {Programme.__tablename__} WHERE id = %s FOR UPDATE"


def _migrate(url: str) -> None:
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            config = Config(str(PROJECT_ROOT / "alembic.ini"))
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    finally:
        engine.dispose()


def _server_env(database_url: str, **bounds: float) -> dict[str, str]:
    return {
        "DATABASE_URL": database_url,
        "ENVIRONMENT": "development",
        "MAIL_SENDER_ENABLED": "false",
        "DATA_VERSION_LISTEN": "false",
        "FRONTEND_DIST": NO_FRONTEND,
        "DATABASE_RETRY_AFTER_SECONDS": str(RETRY_AFTER),
        **{name.upper(): str(value) for name, value in bounds.items()},
    }


def _assert_database_unavailable(response: httpx.Response) -> None:
    assert response.status_code == 503, response.text
    assert response.headers["content-type"] == PROBLEM
    assert response.headers["retry-after"] == str(RETRY_AFTER)
    body = response.json()
    assert body["type"] == UNAVAILABLE, body
    assert body["status"] == 503
    assert f"try again in {RETRY_AFTER} seconds" in body["detail"]


def _assert_not_ready(response: httpx.Response) -> None:
    assert response.status_code == 503, response.text
    assert response.headers["content-type"] == PROBLEM
    assert response.headers["retry-after"] == str(RETRY_AFTER)
    assert response.json()["type"] == NOT_READY


def _timed(call: Callable[[], httpx.Response]) -> tuple[float, httpx.Response]:
    started = time.monotonic()
    response = call()
    return time.monotonic() - started, response


# --- PostgreSQL: a database of the tests' own, committed to for real ---------------------------


@dataclass(frozen=True)
class Scratch:
    url: str  # postgresql://…, as DATABASE_URL is written
    factory: sessionmaker[Session]


@pytest.fixture(scope="module")
def scratch() -> Iterator[Scratch]:
    test_url = os.environ.get("TEST_DATABASE_URL", "")
    if not test_url.startswith("postgresql"):
        pytest.skip("row locks, lock_timeout and a database behind a proxy are PostgreSQL's")
    url = make_url(test_url.replace("postgresql://", "postgresql+psycopg://", 1))
    name = f"{url.database}_faults"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    scratch_url = (
        url.set(database=name)
        .render_as_string(hide_password=False)
        .replace("postgresql+psycopg://", "postgresql://", 1)
    )
    engine = make_engine(scratch_url)
    try:
        _migrate(scratch_url)
        factory = make_session_factory(engine)
        with unit_of_work(factory) as session:
            session.add(Hub(id=HUB, name="Faults Hub", area="Tests"))
            if session.get(AcademicYearRow, "2027-28") is None:
                session.add(
                    AcademicYearRow(
                        id="2027-28",
                        label="2027/28",
                        starts_on=date(2027, 9, 1),
                        ends_on=date(2028, 8, 31),
                    )
                )
            session.add_all(
                School(
                    urn=f"{710000 + n}",
                    name=f"Faults School {n}",
                    type_group="Academies",
                    type_of_establishment="Academy converter",
                    status="Open",
                    phase_of_education="Primary",
                    state_funded=True,
                )
                for n in range(40)
            )
        yield Scratch(scratch_url, factory)
    finally:
        engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


_PROGRAMME_NUMBERS = itertools.count(1)


def _programme_with_applications(scratch: Scratch, count: int) -> tuple[int, list[int]]:
    with unit_of_work(scratch.factory) as session:
        programme = Programme(
            hub_id=HUB,
            academic_year_id="2027-28",
            title=f"Contested programme {next(_PROGRAMME_NUMBERS)}",  # unique in a hub-year
            stage="development",
            phase="primary",
            audience="schools",
            status="open",
            summary="x",
            who_can_take_part="x",
            funding={"free_to_participate": True, "grants": []},
            programme_type="primary_development",
            eligibility_rules=[],
            closing_date=date(2027, 10, 31),
            capacity_places=7,
            capacity_unit="schools",
        )
        session.add(programme)
        session.flush()
        rows = [
            Application(
                programme_id=programme.id,
                school_urn=f"{710000 + n}",
                hub_id=HUB,
                status="submitted",
                created_by="test",
                submitted_at=NOW,
            )
            for n in range(count)
        ]
        session.add_all(rows)
        session.flush()
        return programme.id, [row.id for row in rows]


def _national_key(scratch: Scratch) -> tuple[str, str]:
    """A new national key with the admin scope: (its Authorization header, its prefix)."""
    with unit_of_work(scratch.factory) as session:
        issued = api_keys.issue(
            session,
            None,
            hub_id=None,
            name="faults test",
            scopes=frozenset({Scope.ADMIN}),
            expires_at=None,
            now=datetime.now(UTC),
        )
    return f"Bearer {issued.secret}", issued.secret.split("_")[1]


@contextmanager
def _row_locked(url: str, query: str, *params: object) -> Iterator[None]:
    """Another client's open transaction holds the rows `query` selects FOR UPDATE."""
    with psycopg.connect(url) as holder:
        assert holder.execute(query, params).fetchall(), "no row to lock"
        try:
            yield
        finally:
            holder.rollback()


def _decide(server: LiveServer, key: str, application_id: int) -> httpx.Response:
    return httpx.post(
        f"{server.base_url}/api/v1/applications/{application_id}/decisions",
        json={"decision": "selected"},
        headers={"Authorization": key},
        timeout=CLIENT_TIMEOUT,
    )


def _update(server: LiveServer, key: str, programme_id: int) -> httpx.Response:
    return httpx.patch(
        f"{server.base_url}/api/v1/programmes/{programme_id}",
        json={"summary": "Changed while the programme was locked"},
        headers={"Authorization": key, "If-Match": f'"{programme_id}.1"'},
        timeout=CLIENT_TIMEOUT,
    )


def _warm_up(server: LiveServer, key: str) -> None:
    """Use the key once, so that its use is on record and the requests below write only
    what they are about (a key's use is recorded at most once an hour)."""
    response = httpx.get(
        f"{server.base_url}/api/v1/auth/me", headers={"Authorization": key}, timeout=10
    )
    assert response.status_code == 200, response.text


def _waiting_on_locks(url: str, database: str) -> int:
    with psycopg.connect(url, autocommit=True) as probe:
        row = probe.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND wait_event_type = 'Lock'",
            (database,),
        ).fetchone()
    return int(row[0]) if row else 0


@pytest.mark.postgres_only
def test_a_held_programme_lock_answers_503_with_retry_after_within_the_lock_timeout(
    scratch: Scratch, tmp_path: Path
) -> None:
    programme_id, application_ids = _programme_with_applications(scratch, 24)
    key, _ = _national_key(scratch)
    lock_seconds, pool_seconds = 1.0, 1.0
    env = _server_env(
        scratch.url,
        database_lock_timeout_seconds=lock_seconds,
        database_pool_timeout_seconds=pool_seconds,
    )
    with live_server(SERVE, env=env, log=tmp_path / "server.log") as server:
        _warm_up(server, key)
        calls: list[Callable[[], httpx.Response]] = [
            *(partial(_decide, server, key, a) for a in application_ids),
            *(partial(_update, server, key, programme_id) for _ in range(6)),
        ]
        # 30 parallel requests: more than the pool's 20 connections, all on the locked row.
        with (
            _row_locked(scratch.url, LOCK_PROGRAMME, programme_id),
            ThreadPoolExecutor(max_workers=len(calls)) as clients,
        ):
            outcomes = list(clients.map(_timed, calls))

        for elapsed, response in outcomes:
            _assert_database_unavailable(response)
            assert elapsed < pool_seconds + lock_seconds + SLACK_SECONDS
        with scratch.factory() as session:
            statuses = session.scalars(
                select(Application.status).where(Application.programme_id == programme_id)
            ).all()
            version = session.scalar(select(Programme.version).where(Programme.id == programme_id))
        assert set(statuses) == {"submitted"}, "a refused request changed nothing"
        assert version == 1
        # The lock gone, the same request goes through: it was the wait, not the request.
        assert _decide(server, key, application_ids[0]).status_code == 200


@pytest.mark.postgres_only
def test_with_the_pool_full_a_request_answers_503_and_readiness_answers_at_once(
    scratch: Scratch, tmp_path: Path
) -> None:
    programme_id, application_ids = _programme_with_applications(scratch, 20)
    key, _ = _national_key(scratch)
    # Readiness gets a roomy bound, so that only a wait on the full pool (30 s before the
    # bounds) can fail it, never a slow machine opening its connection.
    pool_seconds, readiness_seconds = 1.0, 5.0
    env = _server_env(
        scratch.url,
        # Long enough that the twenty requests keep every pooled connection until released.
        database_lock_timeout_seconds=120,
        database_pool_timeout_seconds=pool_seconds,
        readiness_timeout_seconds=readiness_seconds,
    )
    database = make_url(scratch.url).database
    assert database is not None
    with (
        live_server(SERVE, env=env, log=tmp_path / "server.log") as server,
        ThreadPoolExecutor(max_workers=len(application_ids)) as clients,
    ):
        _warm_up(server, key)
        waiting: list[Future[httpx.Response]] = []
        with _row_locked(scratch.url, LOCK_PROGRAMME, programme_id):
            waiting = [clients.submit(_decide, server, key, a) for a in application_ids]
            deadline = time.monotonic() + 60
            while _waiting_on_locks(scratch.url, database) < len(application_ids):
                assert time.monotonic() < deadline, "the requests never reached the lock"
                time.sleep(0.1)
            # Every pooled connection (10 + 10 overflow) now waits on the lock.
            elapsed, response = _timed(
                lambda: httpx.get(f"{server.base_url}/api/v1/programmes", timeout=CLIENT_TIMEOUT)
            )
            _assert_database_unavailable(response)
            assert elapsed < pool_seconds + SLACK_SECONDS

            elapsed, ready = _timed(
                lambda: httpx.get(f"{server.base_url}/api/v1/health/ready", timeout=10)
            )
            assert ready.status_code == 200, ready.text
            assert elapsed < readiness_seconds + SLACK_SECONDS
        # Released: the queued decisions go through (seven places, the rest refused).
        statuses = sorted(future.result().status_code for future in waiting)
        assert statuses == [200] * 7 + [409] * 13


@pytest.mark.postgres_only
def test_a_lock_met_at_commit_answers_503(scratch: Scratch, tmp_path: Path) -> None:
    """A key's first use is recorded when the transaction commits; a lock held on the key's row
    then stops the commit itself, in the request's unit of work and in a public route's."""
    me_key, me_prefix = _national_key(scratch)
    public_key, public_prefix = _national_key(scratch)
    lock_seconds = 1.0
    env = _server_env(scratch.url, database_lock_timeout_seconds=lock_seconds)
    lock_keys = f"SELECT 1 FROM {ApiKey.__tablename__} WHERE prefix IN (%s, %s) FOR UPDATE"
    with live_server(SERVE, env=env, log=tmp_path / "server.log") as server:
        with _row_locked(scratch.url, lock_keys, me_prefix, public_prefix):
            for path, key in (("/api/v1/auth/me", me_key), ("/api/v1/programmes", public_key)):
                elapsed, response = _timed(
                    partial(
                        httpx.get,
                        server.base_url + path,
                        headers={"Authorization": key},
                        timeout=CLIENT_TIMEOUT,
                    )
                )
                _assert_database_unavailable(response)
                assert elapsed < lock_seconds + SLACK_SECONDS
        me = httpx.get(
            f"{server.base_url}/api/v1/auth/me", headers={"Authorization": me_key}, timeout=10
        )
        assert me.status_code == 200, me.text


@pytest.fixture
def proxy(scratch: Scratch) -> Iterator[TcpProxy]:
    url = make_url(scratch.url)
    forwarder = TcpProxy((url.host or "127.0.0.1", url.port or 5432))
    forwarder.start()
    try:
        yield forwarder
    finally:
        forwarder.stop()


@pytest.mark.postgres_only
def test_a_stopped_database_answers_503_and_the_service_recovers_when_it_is_back(
    scratch: Scratch, proxy: TcpProxy, tmp_path: Path
) -> None:
    _, application_ids = _programme_with_applications(scratch, 1)
    key, _ = _national_key(scratch)
    through_proxy = make_url(scratch.url).set(port=proxy.port).render_as_string(hide_password=False)
    env = _server_env(through_proxy, database_connect_timeout_seconds=2)
    with live_server(SERVE, env=env, log=tmp_path / "server.log") as server:
        programmes = f"{server.base_url}/api/v1/programmes"
        ready = f"{server.base_url}/api/v1/health/ready"
        assert httpx.get(programmes, timeout=CLIENT_TIMEOUT).status_code == 200
        assert httpx.get(ready, timeout=CLIENT_TIMEOUT).status_code == 200

        proxy.stop()  # the database goes away: open connections cut, new ones refused
        # Raised in the route's service, in the caller's dependency, and in readiness.
        _assert_database_unavailable(httpx.get(programmes, timeout=CLIENT_TIMEOUT))
        _assert_database_unavailable(_decide(server, key, application_ids[0]))
        elapsed, response = _timed(lambda: httpx.get(ready, timeout=CLIENT_TIMEOUT))
        _assert_not_ready(response)
        assert elapsed < 1 + SLACK_SECONDS

        proxy.start()  # back on the same address: the service recovers by itself
        deadline = time.monotonic() + 30
        while (response := httpx.get(programmes, timeout=CLIENT_TIMEOUT)).status_code != 200:
            _assert_database_unavailable(response)
            assert time.monotonic() < deadline, "the service did not recover"
            time.sleep(0.2)
        assert _decide(server, key, application_ids[0]).status_code == 200
        assert httpx.get(ready, timeout=CLIENT_TIMEOUT).status_code == 200


# --- A database address that refuses, or that accepts and never answers (no PostgreSQL needed) --


@pytest.fixture(params=["refuses", "never answers"])
def dead_database_url(request: pytest.FixtureRequest) -> Iterator[str]:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        port = listener.getsockname()[1]
        if request.param == "never answers":
            listener.listen(64)  # the kernel completes the handshake; nobody ever replies
        else:
            listener.close()  # nothing listens on the port
        yield f"postgresql://postgres@127.0.0.1:{port}/nothing"


def test_an_unreachable_database_answers_503_within_the_connect_timeout(
    dead_database_url: str, tmp_path: Path
) -> None:
    connect_seconds, readiness_seconds = 2.0, 1.0
    env = _server_env(
        dead_database_url,
        database_connect_timeout_seconds=connect_seconds,
        readiness_timeout_seconds=readiness_seconds,
    )
    with live_server(SERVE, env=env, log=tmp_path / "server.log") as server:
        elapsed, response = _timed(
            lambda: httpx.get(f"{server.base_url}/api/v1/programmes", timeout=CLIENT_TIMEOUT)
        )
        _assert_database_unavailable(response)
        assert elapsed < connect_seconds + SLACK_SECONDS

        elapsed, response = _timed(
            lambda: httpx.get(f"{server.base_url}/api/v1/health/ready", timeout=CLIENT_TIMEOUT)
        )
        _assert_not_ready(response)
        assert elapsed < readiness_seconds + SLACK_SECONDS


# --- SQLite: another writer holds the database's write lock ----------------------------------


def test_a_locked_sqlite_database_answers_503_after_the_busy_timeout(tmp_path: Path) -> None:
    path = tmp_path / "locked.db"
    _migrate(f"sqlite:///{path}")
    lock_seconds = 0.5
    app = create_app(
        Settings(
            environment="test",
            database_url=f"sqlite:///{path}",
            secret_key="test-secret-key-not-for-production",
            frontend_dist=Path(NO_FRONTEND),
            data_version_listen=False,
            database_lock_timeout_seconds=lock_seconds,
            database_retry_after_seconds=RETRY_AFTER,
        )
    )
    sign_in = {"email": "nobody@school.example", "password": "not the password"}
    writer = sqlite3.connect(path, isolation_level=None)
    try:
        with TestClient(
            app, base_url="https://testserver", raise_server_exceptions=False
        ) as client:
            writer.execute("BEGIN IMMEDIATE")  # another process is writing
            elapsed, response = _timed(lambda: client.post("/api/v1/auth/sign-in", json=sign_in))
            _assert_database_unavailable(response)
            assert elapsed < lock_seconds + SLACK_SECONDS
            # Readers are not held up by a writer; readiness still answers.
            assert client.get("/api/v1/health/ready").status_code == 200
            writer.execute("ROLLBACK")
            assert client.post("/api/v1/auth/sign-in", json=sign_in).status_code == 401
    finally:
        writer.close()
        app.state.engine.dispose()
