"""`mathshubs apply-retention`, run as cron runs it, on a day (FIXED_NOW) long after the demo
year: the dry run reports what the run then does, and the next run finds nothing to do; and
`mathshubs serve` with RETENTION_ENABLED, which applies the schedule in the background."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from api.persistence.models import AuditEvent
from api.settings import PROJECT_ROOT
from tests.cli.test_cli import mathshubs
from tests.processes import Processes, serve, stop, wait_until

LATER = "2036-06-01T03:00:00+01:00"


def _counts(output: str) -> dict[str, int]:
    return {m[0]: int(m[1]) for m in re.findall(r"^  (\w+): (\d+) ", output, re.MULTILINE)}


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite database with the demo data, made once; each test changes a copy."""
    made = tmp_path_factory.mktemp("retention") / "demo.db"
    env = {"DATABASE_URL": f"sqlite:///{made}"}
    assert mathshubs("migrate", env=env).returncode == 0
    assert mathshubs("load-demo", env=env).returncode == 0
    return made


def _demo(demo_file: Path, tmp_path: Path) -> dict[str, str]:
    copy = shutil.copyfile(demo_file, tmp_path / "demo.db")
    return {"DATABASE_URL": f"sqlite:///{copy}"}


def _retention_rounds(database_url: str) -> int:
    """The audit log's entries of retention rounds that changed something."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            rounds = select(func.count()).where(AuditEvent.action == "retention")
            return int(connection.scalar(rounds) or 0)
    finally:
        engine.dispose()


def test_dry_run_then_run_then_nothing(demo_file: Path, tmp_path: Path) -> None:
    env = _demo(demo_file, tmp_path)
    later = {**env, "FIXED_NOW": LATER}

    dry = mathshubs("apply-retention", "--dry-run", env=later)
    assert dry.returncode == 0, dry.stderr
    assert "(dry run)" in dry.stdout
    planned = _counts(dry.stdout)
    assert len(planned) == 7, dry.stdout
    assert sum(planned.values()) > 0, dry.stdout
    # A dry run changes nothing: asked again, it plans the same.
    assert _counts(mathshubs("apply-retention", "--dry-run", env=later).stdout) == planned

    run = mathshubs("apply-retention", env=later)
    assert run.returncode == 0, run.stderr
    assert _counts(run.stdout) == planned

    again = mathshubs("apply-retention", env=later)
    assert set(_counts(again.stdout).values()) == {0}, again.stdout
    assert "Total: 0 were changed." in again.stdout


def test_serve_applies_the_schedule_in_the_background(
    demo_file: Path, tmp_path: Path, processes: Processes
) -> None:
    env = _demo(demo_file, tmp_path)
    later = {**env, "FIXED_NOW": LATER}
    planned = _counts(mathshubs("apply-retention", "--dry-run", env=later).stdout)
    assert sum(planned.values()) > 0
    assert _retention_rounds(env["DATABASE_URL"]) == 0

    server = serve(
        processes,
        env={
            **later,
            "RETENTION_ENABLED": "true",
            "RETENTION_POLL_SECONDS": "0.2",
            "FRONTEND_DIST": str(PROJECT_ROOT / "tests" / "no-frontend"),
        },
    )
    wait_until(
        lambda: _retention_rounds(env["DATABASE_URL"]) > 0,
        what="a retention round in the audit log",
        started=server.started,
    )
    assert stop(server.started) == 0, server.started.output()
    # One round did what was due, and the rounds after it found nothing more.
    assert _retention_rounds(env["DATABASE_URL"]) == 1
    after = _counts(mathshubs("apply-retention", "--dry-run", env=later).stdout)
    assert set(after.values()) == {0}, after
