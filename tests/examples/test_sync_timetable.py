"""examples/sync_timetable.py against a running service: it copies a hub's timetable, then
keeps the copy in step as sessions are scheduled, moved and cancelled, woken by webhooks
(its poll is an hour, so only a delivery can make it sync within the test's bound); at the
end, with nothing changed, the service answers its ETag with 304.

The service runs on a SQLite file of its own, migrated here: it commits for real, and nothing
of it outlives the test."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy.orm import Session, sessionmaker

from api.domain.access import Scope
from api.persistence.database import make_engine, unit_of_work
from api.persistence.models import AcademicYearRow, Hub, Programme, School
from api.services import api_keys
from api.settings import PROJECT_ROOT
from tests.api.live_server import LiveServer, live_server
from tests.clock import TEST_NOW
from tests.processes import Started, free_port, running, wait_until

HUB = "sync-hub"
URN = "720001"
EXAMPLE = PROJECT_ROOT / "examples" / "sync_timetable.py"
BOUND_SECONDS = 90.0  # generous: a verdict never depends on it


@pytest.fixture
def database(tmp_path: Path) -> tuple[str, str]:
    """A migrated SQLite file with two hubs, a school, an open programme and a hub's key."""
    url = f"sqlite:///{tmp_path / 'service.db'}"
    engine = make_engine(url)
    with engine.begin() as connection:
        config = Config(str(PROJECT_ROOT / "alembic.ini"))
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    factory = sessionmaker(engine, expire_on_commit=False)
    with unit_of_work(factory) as session:
        seed(session)
        secret = api_keys.issue(
            session,
            None,
            hub_id=HUB,
            name="timetable sync",
            scopes=frozenset({Scope.ADMIN}),
            expires_at=None,
            now=TEST_NOW,
        ).secret
    engine.dispose()
    return url, secret


def seed(session: Session) -> None:
    session.add_all(
        [
            Hub(id=HUB, name="Sync Hub", area="Tests", contact_email="sync@hub.example"),
            AcademicYearRow(
                id="2027-28", label="2027/28", starts_on=date(2027, 9, 1), ends_on=date(2028, 8, 31)
            ),
            School(
                urn=URN,
                name="Sync Primary",
                type_group="Local authority maintained schools",
                type_of_establishment="Community school",
                status="Open",
                phase_of_education="Primary",
                state_funded=True,
            ),
        ]
    )
    session.flush()
    for hub in (HUB,):
        session.add(
            Programme(
                hub_id=hub,
                academic_year_id="2027-28",
                title=f"Synced programme of {hub}",
                stage="development",
                phase="primary",
                audience="schools",
                status="open",
                summary="x",
                who_can_take_part="x",
                funding={"free_to_participate": True, "grants": []},
                programme_type="primary_development",
                eligibility_rules=[],
                capacity_places=5,
                capacity_unit="schools",
            )
        )


@pytest.fixture
def service(database: tuple[str, str], tmp_path: Path) -> Iterator[LiveServer]:
    url, _ = database
    env = {
        "DATABASE_URL": url,
        "ENVIRONMENT": "development",  # webhooks to a receiver on this machine, over HTTP
        "MAIL_SENDER_ENABLED": "false",
        "WEBHOOK_POLL_SECONDS": "0.2",
        "FRONTEND_DIST": str(PROJECT_ROOT / "tests" / "no-frontend"),
    }
    with live_server(["-m", "api.cli", "serve"], env=env, log=tmp_path / "server.log") as server:
        yield server


class Api:
    def __init__(self, server: LiveServer, key: str) -> None:
        self.client = httpx.Client(
            base_url=server.base_url, headers={"Authorization": f"Bearer {key}"}, timeout=60
        )

    def post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        response = self.client.post(path, json=body)
        assert response.status_code in (200, 201), response.text
        return response.json()  # type: ignore[no-any-return]

    def patch(self, path: str, body: dict[str, Any]) -> None:
        tag = self.client.get(path).headers["ETag"]
        response = self.client.patch(path, json=body, headers={"If-Match": tag})
        assert response.status_code == 200, response.text

    def cancel(self, session_id: int) -> None:
        path = f"/api/v1/sessions/{session_id}"
        tag = self.client.get(path).headers["ETag"]
        response = self.client.post(
            f"{path}/cancel", json={"reason": "Snow"}, headers={"If-Match": tag}
        )
        assert response.status_code == 200, response.text

    def timetable(self, hub: str) -> dict[int, dict[str, Any]]:
        """The hub's whole timetable, every page, as the service has it now."""
        entries: dict[int, dict[str, Any]] = {}
        params: dict[str, Any] = {"hub": hub, "limit": 2}  # small pages: paging is exercised
        while True:
            page = self.client.get("/api/v1/timetable", params=params).json()
            entries |= {entry["session_id"]: entry for entry in page["items"]}
            if not page["next_cursor"]:
                return entries
            params["cursor"] = page["next_cursor"]


def copied(path: Path) -> dict[int, dict[str, Any]]:
    if not path.exists():
        return {}
    with sqlite3.connect(path) as db:
        try:
            rows = db.execute("SELECT session_id, entry FROM session").fetchall()
        except sqlite3.OperationalError:  # not created yet
            return {}
    return {session_id: json.loads(entry) for session_id, entry in rows}


def session_at(day: str, start: str = "13:30") -> dict[str, Any]:
    return {
        "kind": "trg_meeting",
        "date": day,
        "start_time": start,
        "end_time": "16:00",
        "host_urn": URN,
    }


def deliveries_to(api: Api, endpoint_id: int) -> list[dict[str, Any]]:
    path = f"/api/v1/webhooks/endpoints/{endpoint_id}/deliveries"
    return api.client.get(path).json()["items"]  # type: ignore[no-any-return]


def in_step(api: Api, copy: Path, started: Started) -> dict[int, dict[str, Any]]:
    expected: dict[int, dict[str, Any]] = {}

    def matches() -> bool:
        nonlocal expected
        expected = api.timetable(HUB)
        return copied(copy) == expected

    wait_until(matches, what="the copy in step", started=started, seconds=BOUND_SECONDS)
    return expected


def test_the_client_keeps_a_copy_of_the_timetable_in_step(
    service: LiveServer, database: tuple[str, str], tmp_path: Path
) -> None:
    _, key = database
    api = Api(service, key)
    lead = api.post(
        "/api/v1/people",
        {
            "name": "Lead",
            "email": "lead@sync.example",
            "roles": ["mastery_specialist"],
            "school_urn": URN,
        },
    )["id"]
    programmes = api.client.get("/api/v1/programmes", params={"hub": HUB}).json()["items"]
    group = api.post(
        "/api/v1/work-groups",
        {"programme_id": programmes[0]["id"], "name": "Synced group", "lead_person_id": lead},
    )["id"]
    sessions = f"/api/v1/work-groups/{group}/sessions"
    first = api.post(sessions, session_at("2028-01-10"))["items"][0]["id"]
    second = api.post(sessions, session_at("2028-02-07"))["items"][0]["id"]
    api.post(sessions, session_at("2028-03-06"))

    port = free_port()
    endpoint = api.post(
        "/api/v1/webhooks/endpoints",
        {
            "url": f"http://127.0.0.1:{port}/webhooks",
            "events": ["session.scheduled", "session.moved", "session.cancelled"],
        },
    )
    copy = tmp_path / "copy.sqlite"
    args = [
        sys.executable,
        str(EXAMPLE),
        *("--base-url", service.base_url, "--hub", HUB, "--database", str(copy)),
        *("--listen", f"127.0.0.1:{port}", "--secret", endpoint["secret"]),
        *("--poll-seconds", "3600"),  # an hour: within the test, only webhooks wake it
    ]
    with running(args, log=tmp_path / "client.log") as client:
        first_copy = in_step(api, copy, client)
        assert len(first_copy) == 3

        api.patch(f"/api/v1/sessions/{first}", {"start_time": "13:00"})  # moved
        api.cancel(second)  # cancelled
        fourth = api.post(sessions, session_at("2028-04-24"))["items"][0]["id"]  # scheduled
        final = in_step(api, copy, client)

        assert final[first]["start_time"] == "13:00:00"
        assert final[second]["status"] == "cancelled"
        assert fourth in final
        assert len(final) == 4
        # The first webhook may bring the copy in step by itself (its sync reads every change
        # so far): the client keeps listening until it has taken every delivery.
        wait_until(
            lambda: all(d["status"] == "delivered" for d in deliveries_to(api, endpoint["id"])),
            what="every delivery taken by the client",
            started=client,
            seconds=BOUND_SECONDS,
        )

    # Nothing changed since. A sync asks from the newest change it has seen (that session
    # comes again); asked the same again, the service answers the ETag with 304.
    def once() -> str:
        done = subprocess.run(
            [
                *(sys.executable, str(EXAMPLE), "--base-url", service.base_url),
                *("--hub", HUB, "--database", str(copy), "--once"),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        return done.stdout.strip()

    once()
    assert once() == "No change"
    assert copied(copy) == final
    deliveries = deliveries_to(api, endpoint["id"])
    assert {d["event_type"] for d in deliveries} == {
        "session.moved",
        "session.cancelled",
        "session.scheduled",
    }
    assert all(d["status"] == "delivered" for d in deliveries)
