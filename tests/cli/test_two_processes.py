"""Two API processes against one database, as in production: each caches the timetable, and a
change made through one is seen at once through the other (the data version is in the
database, not in either process)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from api.settings import PROJECT_ROOT
from tests.cli.test_cli import mathshubs
from tests.databases import Kind, database_kind, postgres_url
from tests.processes import READY_SECONDS, Processes, serve

QUERY = {"hub": "cheshire-and-wirral", "academic_year": "2023-24"}
TIMEOUT = 60  # seconds: a loaded machine answers slowly, never wrongly


@contextmanager
def _scratch_database(kind: Kind, tmp_path: Path) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / 'shared.db'}"
        return
    # A database of its own: these processes commit, which the shared test database must not see.
    url = make_url(postgres_url().replace("postgresql://", "postgresql+psycopg://"))
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


def _eventually(http: httpx.Client, url: str, tag: str, status: int) -> httpx.Response:
    """On PostgreSQL a process hears of a change by notification, a moment after the commit
    (on SQLite it asks the database each time): ask again, within a generous bound."""
    deadline = time.monotonic() + READY_SECONDS
    while True:
        response = http.get(url, params=QUERY, headers={"If-None-Match": tag})
        if response.status_code == status or time.monotonic() > deadline:
            return response
        time.sleep(0.05)


def test_a_change_through_one_process_refreshes_the_others_cache(
    tmp_path: Path, processes: Processes
) -> None:
    # On the database of this pass: SQLite in one, PostgreSQL (and its notifications) in the other.
    with _scratch_database(database_kind(), tmp_path) as url:
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

        first, second = (serve(processes, env=env).base_url for _ in range(2))
        try:
            with httpx.Client(timeout=TIMEOUT) as http:
                _change_through_one_is_seen_through_the_other(http, first, second, key)
        finally:  # before the database goes
            processes.stop_all()


def _change_through_one_is_seen_through_the_other(
    http: httpx.Client, first: str, second: str, key: dict[str, str]
) -> None:
    before = http.get(f"{first}/api/v1/timetable", params=QUERY)
    tag = before.headers["ETag"]
    programme_id = before.json()["items"][0]["programme_id"]
    # Both processes agree, and each answers the other's ETag with 304.
    assert http.get(f"{second}/api/v1/timetable", params=QUERY).headers["ETag"] == tag
    cached = http.get(f"{first}/api/v1/timetable", params=QUERY, headers={"If-None-Match": tag})
    assert cached.status_code == 304

    programme = http.get(f"{second}/api/v1/programmes/{programme_id}", headers=key)
    renamed = http.patch(
        f"{second}/api/v1/programmes/{programme_id}",
        json={"title": "Renamed through the second process"},
        headers={**key, "If-Match": programme.headers["ETag"]},
    )
    assert renamed.status_code == 200, renamed.text

    after = _eventually(http, f"{first}/api/v1/timetable", tag, 200)
    assert after.status_code == 200
    assert after.headers["ETag"] != tag
    titles = {item["programme_title"] for item in after.json()["items"]}
    assert titles == {"Renamed through the second process"}
    feed = http.get(f"{first}/api/v1/timetable.ics", params=QUERY)
    assert b"Renamed through the second process" in feed.content
    fresh = _eventually(http, f"{second}/api/v1/timetable", after.headers["ETag"], 304)
    assert fresh.status_code == 304
