"""The time comes from the app's clock (api/clock.py), never the machine's: a closing date
is passed when the clock says so, and FIXED_NOW sets the clock, outside production only."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from api.clock import ENGLAND, FixedClock, SystemClock
from api.main import create_app
from api.settings import Settings
from tests.builders import MakeProgramme, MakeSchool
from tests.clock import TODAY


def _window(client: TestClient, programme_id: int) -> str:
    decision = client.post(f"/api/v1/programmes/{programme_id}/eligibility", json={"urn": "100002"})
    assert decision.status_code == 200, decision.text
    rules = decision.json()["rules"]
    return str(next(r for r in rules if r["kind"] == "application_window")["outcome"])


def test_the_closing_date_passes_when_the_apps_clock_says_so(
    client: TestClient, clock: FixedClock, make_programme: MakeProgramme, make_school: MakeSchool
) -> None:
    make_school(urn="100002")
    closing = TODAY + timedelta(days=3)
    programme = make_programme(status="open", closing_date=closing)
    # Applications close at the end of the closing date in England.
    last_minute = datetime.combine(closing, time(23, 59), tzinfo=ENGLAND)
    clock.at = last_minute.astimezone(UTC)
    assert _window(client, programme.id) == "passed"
    clock.advance(timedelta(minutes=1))
    assert _window(client, programme.id) == "failed"


def test_fixed_now_sets_the_apps_clock_and_the_system_clock_serves_otherwise(
    settings: Settings,
) -> None:
    moment = datetime.fromisoformat("2029-06-15T10:00:00+01:00")
    fixed = create_app(settings.model_copy(update={"fixed_now": moment}))
    system = create_app(settings)
    try:
        assert fixed.state.clock.now() == moment
        assert isinstance(system.state.clock, SystemClock)
    finally:
        fixed.state.engine.dispose()
        system.state.engine.dispose()


def test_fixed_now_is_refused_in_production_and_without_its_offset() -> None:
    moment = datetime.fromisoformat("2029-06-15T10:00:00+01:00")
    assert Settings(environment="test", fixed_now=moment).fixed_now == moment
    with pytest.raises(ValidationError, match="FIXED_NOW"):
        Settings(environment="production", fixed_now=moment)
    with pytest.raises(ValidationError, match="timezone"):
        Settings(environment="test", fixed_now=moment.replace(tzinfo=None))


def test_the_clock_file_is_read_at_each_request_so_a_test_can_let_time_pass(
    settings: Settings, tmp_path: Path
) -> None:
    written = tmp_path / "now.txt"
    written.write_text("2027-01-19T10:00:00+00:00\n", encoding="utf-8")
    app = create_app(settings.model_copy(update={"clock_file": written}))
    try:
        assert app.state.clock.now() == datetime(2027, 1, 19, 10, tzinfo=UTC)
        written.write_text("2028-07-21T09:30:00+01:00", encoding="utf-8")
        assert app.state.clock.now() == datetime(2028, 7, 21, 8, 30, tzinfo=UTC)
    finally:
        app.state.engine.dispose()
    with pytest.raises(ValidationError, match="CLOCK_FILE"):
        Settings(environment="production", clock_file=written)
