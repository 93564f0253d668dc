"""Two API processes against one database, as in production: each caches the timetable, and a
change made through one is seen at once through the other (the data version is in the
database, not in either process)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from api.settings import PROJECT_ROOT
from tests.cli.test_cli import mathshubs

QUERY = {"hub": "cheshire-and-wirral", "academic_year": "2023-24"}


def _databases() -> list[str]:
    kinds = ["sqlite"]
    if os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql"):
        kinds.append("postgresql")
    return kinds


@contextmanager
def _scratch_database(kind: str, tmp_path: Path) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / 'shared.db'}"
        return
    # A database of its own: these processes commit, which the shared test database must not see.
    url = make_url(
        os.environ["TEST_DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://")
    )
    name = f"{url.database}_two_processes"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield (
            url.set(database=name)
            .render_as_string(hide_password=False)
            .replace("postgresql+psycopg://", "postgresql://")
        )
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def _server(env: dict[str, str]) -> Iterator[str]:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "api.cli", "serve", "--port", str(port)],
        cwd=PROJECT_ROOT,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            assert process.poll() is None, process.communicate()[1]
            try:
                if httpx.get(f"{base}/api/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.communicate(timeout=15)


def _eventually(url: str, tag: str, status: int) -> httpx.Response:
    """On PostgreSQL a process hears of a change by notification, a moment after the commit
    (on SQLite it asks the database each time): ask again for up to five seconds."""
    deadline = time.monotonic() + 5
    while True:
        response = httpx.get(url, params=QUERY, headers={"If-None-Match": tag})
        if response.status_code == status or time.monotonic() > deadline:
            return response
        time.sleep(0.05)


@pytest.mark.parametrize("kind", _databases())
def test_a_change_through_one_process_refreshes_the_others_cache(kind: str, tmp_path: Path) -> None:
    with _scratch_database(kind, tmp_path) as url:
        env = {
            "DATABASE_URL": url,
            "MAIL_SENDER_ENABLED": "false",
            "FRONTEND_DIST": str(PROJECT_ROOT / "tests" / "no-frontend"),
        }
        assert mathshubs("migrate", env=env).returncode == 0
        assert mathshubs("load-demo", env=env).returncode == 0
        issued = mathshubs(
            "create-api-key",
            "--hub",
            "cheshire-and-wirral",
            "--scope",
            "admin",
            "--name",
            "Two processes",
            env=env,
        )
        assert issued.returncode == 0, issued.stderr
        key = {"Authorization": f"Bearer {issued.stdout.strip().splitlines()[-1]}"}

        with _server(env) as first, _server(env) as second:
            before = httpx.get(f"{first}/api/v1/timetable", params=QUERY)
            tag = before.headers["ETag"]
            programme_id = before.json()["items"][0]["programme_id"]
            # Both processes agree, and each answers the other's ETag with 304.
            assert httpx.get(f"{second}/api/v1/timetable", params=QUERY).headers["ETag"] == tag
            cached = httpx.get(
                f"{first}/api/v1/timetable", params=QUERY, headers={"If-None-Match": tag}
            )
            assert cached.status_code == 304

            programme = httpx.get(f"{second}/api/v1/programmes/{programme_id}", headers=key)
            renamed = httpx.patch(
                f"{second}/api/v1/programmes/{programme_id}",
                json={"title": "Renamed through the second process"},
                headers={**key, "If-Match": programme.headers["ETag"]},
            )
            assert renamed.status_code == 200, renamed.text

            after = _eventually(f"{first}/api/v1/timetable", tag, 200)
            assert after.status_code == 200
            assert after.headers["ETag"] != tag
            titles = {item["programme_title"] for item in after.json()["items"]}
            assert titles == {"Renamed through the second process"}
            feed = httpx.get(f"{first}/api/v1/timetable.ics", params=QUERY)
            assert b"Renamed through the second process" in feed.content
            fresh = _eventually(f"{second}/api/v1/timetable", after.headers["ETag"], 304)
            assert fresh.status_code == 304
