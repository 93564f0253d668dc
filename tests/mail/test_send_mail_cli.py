"""`mathshubs send-mail` and the sender in `mathshubs serve`, run as operators run them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config

from api.persistence.database import make_engine, make_session_factory, unit_of_work
from api.services import mail
from api.settings import PROJECT_ROOT
from tests.mail.smtp_server import SmtpServer, free_port
from tests.processes import Processes, ignore_sigint, serve, stop, wait_until


def mathshubs(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "api.cli", *args],
        cwd=PROJECT_ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One SQLite file brought to the latest migration, copied for each test. Migrated in this
    process, which is quicker than `mathshubs migrate` (tested in tests/cli) and the same."""
    path = tmp_path_factory.mktemp("send-mail") / "migrated.db"
    engine = make_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as connection:
            config = Config(str(PROJECT_ROOT / "alembic.ini"))
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    finally:
        engine.dispose()
    return path


@pytest.fixture
def sqlite_url(migrated: Path, tmp_path: Path) -> str:
    copy = tmp_path / "mathshubs.db"
    shutil.copyfile(migrated, copy)
    return f"sqlite:///{copy}"


def queue_committed(sqlite_url: str, to: str) -> None:
    """Queue a message as a request would, committed, for the command to find."""
    engine = make_engine(sqlite_url)
    try:
        with unit_of_work(make_session_factory(engine)) as session:
            mail.queue(
                session,
                to=to,
                template="place_offered",
                context={
                    "school_name": "St Bede’s Primary",
                    "programme_title": "Primary Teaching for Mastery – Development",
                    "hub_name": "North West Maths Hub",
                    "application_url": "http://127.0.0.1:8000/applications/1",
                    "reference": "NCP24-14-0001",
                },
            )
    finally:
        engine.dispose()


def test_send_mail_sends_what_is_due_once(sqlite_url: str, smtp_server: SmtpServer) -> None:
    queue_committed(sqlite_url, "head@stbedes.example")
    env = {
        "DATABASE_URL": sqlite_url,
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(smtp_server.port),
        "MAIL_FROM": "North West Maths Hub <hub@nw.example>",
    }

    first = mathshubs("send-mail", env=env)

    assert (first.returncode, first.stdout) == (0, "Sent 1, failed 0.\n"), first.stderr
    [received] = smtp_server.received
    assert received.rcpt_tos == ["head@stbedes.example"]
    assert received.message["From"] == "North West Maths Hub <hub@nw.example>"
    assert received.message["Subject"].startswith("St Bede’s Primary now has a place on")


def test_send_mail_says_so_when_the_server_is_down(sqlite_url: str) -> None:
    queue_committed(sqlite_url, "head@stbedes.example")

    result = mathshubs("send-mail", env={"DATABASE_URL": sqlite_url, "SMTP_PORT": str(free_port())})

    assert (result.returncode, result.stdout) == (1, "Sent 0, failed 1.\n")
    assert "cannot reach the SMTP server" in result.stderr


def test_serve_sends_email_in_the_background_and_stops_cleanly_on_sigterm(
    sqlite_url: str, smtp_server: SmtpServer, processes: Processes
) -> None:
    queue_committed(sqlite_url, "head@stbedes.example")
    env = {
        "DATABASE_URL": sqlite_url,
        "SMTP_PORT": str(smtp_server.port),
        "MAIL_POLL_SECONDS": "0.2",
        "FRONTEND_DIST": str(PROJECT_ROOT / "tests" / "no-frontend"),
    }
    # Started as a background job starts it (`make test &`): Ctrl-C ignored, which SIGTERM,
    # as supervisors send it, is not.
    server = serve(processes, env=env, preexec=ignore_sigint)
    wait_until(lambda: smtp_server.received, what="the first email", started=server.started)
    queue_committed(sqlite_url, "deputy@stbedes.example")  # while it runs
    wait_until(
        lambda: len(smtp_server.received) == 2, what="the second email", started=server.started
    )

    # Exit status 0: uvicorn shut down, then the sender thread was stopped and joined (a
    # process that SIGTERM merely killed would end with -15).
    assert stop(server.started) == 0, server.started.output()
    assert [r.rcpt_tos for r in smtp_server.received] == [
        ["head@stbedes.example"],
        ["deputy@stbedes.example"],
    ]
    assert "Application shutdown complete." in server.started.output()
