"""`mathshubs apply-retention`, run as cron runs it, on a day (FIXED_NOW) long after the demo
year: the dry run reports what the run then does, and the next run finds nothing to do."""

from __future__ import annotations

import re
from pathlib import Path

from tests.cli.test_cli import mathshubs

LATER = "2036-06-01T03:00:00+01:00"


def _counts(output: str) -> dict[str, int]:
    return {m[0]: int(m[1]) for m in re.findall(r"^  (\w+): (\d+) ", output, re.MULTILINE)}


def test_dry_run_then_run_then_nothing(tmp_path: Path) -> None:
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'demo.db'}"}
    assert mathshubs("migrate", env=env).returncode == 0
    assert mathshubs("load-demo", env=env).returncode == 0
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
