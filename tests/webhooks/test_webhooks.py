"""Webhooks end to end: a change through the API writes an event in its own transaction, the
sender POSTs it to a real HTTPS receiver, and the receiver verifies it with the
`standardwebhooks` package; retries on the specification's schedule (an injected clock), 410,
a day of failures, sending again, secret rotation, and addresses refused (SSRF)."""

from __future__ import annotations

import json
import multiprocessing
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
import trustme
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session, sessionmaker
from standardwebhooks import Webhook, WebhookVerificationError

from api.clock import FixedClock
from api.domain.access import Role
from api.domain.webhooks import EventType
from api.persistence.database import make_session_factory, unit_of_work
from api.persistence.models import (
    Hub,
    OutboxMessage,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
)
from api.services import catalogue, webhook_events, webhook_sender
from api.services.webhook_sender import DeliveryReport, SenderSettings, deliver_due
from tests.accounts import SignIn
from tests.builders import MakeHub, MakeProgramme
from tests.webhooks.receiver import Answer, Receiver
from tests.webhooks.sender_process import send_due

HUB = "north"
BASE = "https://mathshubs.example"
SETTINGS = SenderSettings(base_url=BASE, allow_private=True)
# The schedule, written out as the specification gives it (not read from the code under test).
SCHEDULE = [
    timedelta(seconds=5),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=5),
    timedelta(hours=10),
    timedelta(hours=10),
]


def no_jitter() -> float:
    return 0.0


def full_jitter() -> float:
    return 1.0


@pytest.fixture
def admin(sign_in: SignIn, make_hub: MakeHub) -> TestClient:
    make_hub(id=HUB)
    return sign_in(role=Role.HUB_ADMIN, hub_id=HUB)


@pytest.fixture
def real_time(clock: FixedClock) -> datetime:
    """The app's clock at the real time: the package's verify() refuses a timestamp more than
    five minutes from the real clock, so deliveries it checks are made and sent now."""
    clock.at = datetime.now(UTC).replace(microsecond=0)
    return clock.at


def register(client: TestClient, url: str, events: list[str], **extra: object) -> dict[str, Any]:
    response = client.post(
        "/api/v1/webhooks/endpoints", json={"url": url, "events": events, **extra}
    )
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


def change_programme(client: TestClient, programme_id: int, summary: str) -> None:
    tag = client.get(f"/api/v1/programmes/{programme_id}").headers["ETag"]
    response = client.patch(
        f"/api/v1/programmes/{programme_id}",
        json={"summary": summary},
        headers={"If-Match": tag},
    )
    assert response.status_code == 200, response.text


def signed_by(secret: str, received_headers: dict[str, str], body: str) -> bool:
    """Whether one of the header's signatures is `secret`'s, whatever the timestamp's age."""
    at = datetime.fromtimestamp(int(received_headers["webhook-timestamp"]), UTC)
    expected = Webhook(secret).sign(received_headers["webhook-id"], at, body)
    return expected in received_headers["webhook-signature"].split(" ")


def send(
    sessions: sessionmaker[Session], http: httpx.Client, at: datetime, **options: Any
) -> DeliveryReport:
    return deliver_due(sessions, http, SETTINGS, now=at, **options)


def test_a_change_is_delivered_signed_and_the_receiver_verifies_it(
    admin: TestClient,
    make_programme: MakeProgramme,
    db: Session,
    receiver: Receiver,
    http: httpx.Client,
    sender_sessions: sessionmaker[Session],
    real_time: datetime,
) -> None:
    programme = make_programme(hub=db.get(Hub, HUB), status="open")
    endpoint = register(admin, receiver.url, ["programme.changed"])
    assert endpoint["secret"].startswith("whsec_")
    assert "secret" not in admin.get(f"/api/v1/webhooks/endpoints/{endpoint['id']}").json()

    change_programme(admin, programme.id, "A new summary")
    report = send(sender_sessions, http, real_time)

    assert report == DeliveryReport(delivered=1, failed=0)
    [received] = receiver.received
    payload = Webhook(endpoint["secret"]).verify(received.body, received.headers)
    assert payload == {
        "type": "programme.changed",
        "timestamp": real_time.isoformat().replace("+00:00", "Z"),
        "data": {
            "resource_type": "programme",
            "id": programme.id,
            "url": f"{BASE}/api/v1/programmes/{programme.id}",
        },
    }
    assert received.headers["webhook-timestamp"] == str(int(real_time.timestamp()))
    assert received.headers["webhook-id"].startswith("msg_")
    assert received.headers["content-type"] == "application/json"
    with pytest.raises(WebhookVerificationError):
        Webhook("whsec_" + "A" * 43 + "=").verify(received.body, received.headers)
    # The URL in the payload reads the resource.
    assert admin.get(payload["data"]["url"].removeprefix(BASE)).json()["summary"] == "A new summary"

    # The log shows the delivery and its one attempt; a later round sends nothing more.
    [logged] = admin.get(f"/api/v1/webhooks/endpoints/{endpoint['id']}/deliveries").json()["items"]
    assert logged["status"] == "delivered"
    assert logged["message_id"] == received.headers["webhook-id"]
    assert [a["status_code"] for a in logged["attempts"]] == [204]
    assert send(sender_sessions, http, real_time + timedelta(hours=1)) == DeliveryReport(0, 0)
    assert len(receiver.received) == 1


def test_only_the_events_an_endpoint_wants_of_its_own_hub_are_sent(
    admin: TestClient,
    sign_in: SignIn,
    make_hub: MakeHub,
    make_programme: MakeProgramme,
    db: Session,
) -> None:
    make_hub(id="south")
    ours = make_programme(hub=db.get(Hub, HUB), status="draft")
    theirs = make_programme(hub=db.get(Hub, "south"), status="open")
    wants_published = register(admin, "https://127.0.0.1:9/a", ["programme.published"])
    wants_changed = register(admin, "https://127.0.0.1:9/b", ["programme.changed"])

    south = sign_in(role=Role.HUB_ADMIN, hub_id="south")
    change_programme(south, theirs.id, "Another hub's change")
    change_programme(admin, ours.id, "A draft's change is nobody's news")
    tag = admin.get(f"/api/v1/programmes/{ours.id}").headers["ETag"]
    published = admin.patch(
        f"/api/v1/programmes/{ours.id}", json={"status": "open"}, headers={"If-Match": tag}
    )
    assert published.status_code == 200, published.text

    def types(endpoint: dict[str, Any]) -> list[tuple[str, int]]:
        log = admin.get(f"/api/v1/webhooks/endpoints/{endpoint['id']}/deliveries").json()
        return [(d["event_type"], d["resource_id"]) for d in log["items"]]

    assert types(wants_published) == [("programme.published", ours.id)]
    assert types(wants_changed) == []


def test_sessions_scheduled_moved_and_cancelled_are_events(
    admin: TestClient, make_programme: MakeProgramme, make_school: Any, db: Session
) -> None:
    programme = make_programme(hub=db.get(Hub, HUB), status="open")
    make_school(urn="100001")
    lead = admin.post(
        "/api/v1/people",
        json={
            "name": "Lead",
            "email": "lead@school.example",
            "roles": ["mastery_specialist"],
            "school_urn": "100001",
        },
    ).json()["id"]
    endpoint = register(
        admin,
        "https://127.0.0.1:9/hooks",
        ["session.scheduled", "session.moved", "session.cancelled", "work_group.formed"],
    )
    group = admin.post(
        "/api/v1/work-groups",
        json={"programme_id": programme.id, "name": "Hooked group", "lead_person_id": lead},
    ).json()["id"]
    created = admin.post(
        f"/api/v1/work-groups/{group}/sessions",
        json={
            "kind": "trg_meeting",
            "date": "2028-01-10",
            "start_time": "13:30",
            "end_time": "16:00",
            "host_urn": "100001",
        },
    )
    assert created.status_code == 201, created.text
    session_id = created.json()["items"][0]["id"]
    tag = admin.get(f"/api/v1/sessions/{session_id}").headers["ETag"]
    moved = admin.patch(
        f"/api/v1/sessions/{session_id}", json={"start_time": "13:00"}, headers={"If-Match": tag}
    )
    assert moved.status_code == 200, moved.text
    noted = admin.patch(
        f"/api/v1/sessions/{session_id}",
        json={"note": "Bring a calculator"},
        headers={"If-Match": moved.headers["ETag"]},
    )
    assert noted.status_code == 200, noted.text
    cancelled = admin.post(
        f"/api/v1/sessions/{session_id}/cancel",
        json={"reason": "Snow"},
        headers={"If-Match": noted.headers["ETag"]},
    )
    assert cancelled.status_code == 200, cancelled.text

    log = admin.get(f"/api/v1/webhooks/endpoints/{endpoint['id']}/deliveries").json()["items"]
    assert [(d["event_type"], d["resource_id"]) for d in reversed(log)] == [
        ("work_group.formed", group),
        ("session.scheduled", session_id),
        ("session.moved", session_id),
        ("session.cancelled", session_id),
    ]


def test_a_change_that_rolls_back_sends_nothing(
    admin: TestClient,
    make_programme: MakeProgramme,
    db: Session,
    receiver: Receiver,
    http: httpx.Client,
    sender_sessions: sessionmaker[Session],
    monkeypatch: pytest.MonkeyPatch,
    clock: FixedClock,
) -> None:
    programme = make_programme(hub=db.get(Hub, HUB), status="open")
    register(admin, receiver.url, ["programme.changed"])

    def fails(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the request fails after the change was made")

    # The change and its event are written; then the request fails, and all of it rolls back.
    tag = admin.get(f"/api/v1/programmes/{programme.id}").headers["ETag"]
    monkeypatch.setattr(catalogue, "to_schema", fails)
    response = admin.patch(
        f"/api/v1/programmes/{programme.id}", json={"summary": "Never"}, headers={"If-Match": tag}
    )
    monkeypatch.undo()

    assert response.status_code == 500
    assert db.scalars(select(WebhookEvent)).all() == []
    assert db.scalars(select(WebhookDelivery)).all() == []
    assert send(sender_sessions, http, clock.now() + timedelta(days=1)) == DeliveryReport(0, 0)
    assert receiver.received == []


def failing_endpoint(
    admin: TestClient, make_programme: MakeProgramme, db: Session, receiver: Receiver
) -> tuple[dict[str, Any], WebhookDelivery]:
    programme = make_programme(hub=db.get(Hub, HUB), status="open")
    endpoint = register(admin, receiver.url, ["programme.changed"])
    change_programme(admin, programme.id, "Changed")
    [delivery] = db.scalars(select(WebhookDelivery)).all()
    return endpoint, delivery


def test_failures_are_retried_on_the_schedule_then_the_endpoint_is_disabled_and_the_hub_told(
    admin: TestClient,
    make_programme: MakeProgramme,
    db: Session,
    receiver: Receiver,
    http: httpx.Client,
    sender_sessions: sessionmaker[Session],
    clock: FixedClock,
) -> None:
    receiver.always = Answer(500)
    endpoint, delivery = failing_endpoint(admin, make_programme, db, receiver)
    at = clock.now()

    assert send(sender_sessions, http, at, jitter=full_jitter) == DeliveryReport(0, 1)
    for number, delay in enumerate(SCHEDULE, start=2):
        latest = delay * 1.1  # the most jitter adds: a tenth
        assert send(sender_sessions, http, at + delay - timedelta(seconds=1)) == (
            DeliveryReport(0, 0)
        ), f"attempt {number} came early"
        at += latest
        assert send(sender_sessions, http, at, jitter=full_jitter) == DeliveryReport(0, 1)
        assert len(receiver.received) == number
        db.refresh(delivery)
        if number < len(SCHEDULE) + 1:
            assert delivery.status == "pending"
            assert delivery.next_attempt_at == at + SCHEDULE[number - 1] * 1.1

    # Eight attempts, the last over a day after the first: given up, the endpoint disabled.
    db.refresh(delivery)
    assert (delivery.status, delivery.attempts) == ("failed", 8)
    assert len({r.headers["webhook-id"] for r in receiver.received}) == 1
    row = db.get(WebhookEndpoint, endpoint["id"])
    assert row is not None
    db.refresh(row)
    assert (row.enabled, row.disabled_reason) == (False, "failing")
    [told] = db.scalars(select(OutboxMessage).where(OutboxMessage.template == "webhook_disabled"))
    assert told.to_address == admin.get("/api/v1/auth/me").json()["email"]
    assert receiver.url in told.text_body
    attempts = db.scalars(select(WebhookAttempt)).all()
    assert [a.status_code for a in attempts] == [500] * 8


def test_a_day_of_failures_disables_the_endpoint_even_with_deliveries_still_pending(
    admin: TestClient,
    make_programme: MakeProgramme,
    db: Session,
    receiver: Receiver,
    http: httpx.Client,
    sender_sessions: sessionmaker[Session],
    clock: FixedClock,
) -> None:
    receiver.always = Answer(503)
    endpoint, _ = failing_endpoint(admin, make_programme, db, receiver)
    start = clock.now()
    assert send(sender_sessions, http, start, jitter=no_jitter) == DeliveryReport(0, 1)
    # Later changes (written as the service writes them) keep failing: 23 hours after the
    # first failure the endpoint is still on; a day after it, it is disabled.
    programme_id = db.scalars(select(WebhookEvent.resource_id)).one()

    def changed_at(at: datetime) -> None:
        webhook_events.record(
            db,
            EventType.PROGRAMME_CHANGED,
            hub_id=HUB,
            resource_type="programme",
            resource_id=programme_id,
            now=at,
        )

    changed_at(start + timedelta(hours=23))
    assert send(sender_sessions, http, start + timedelta(hours=23), jitter=no_jitter).failed >= 1
    row = db.get(WebhookEndpoint, endpoint["id"])
    assert row is not None
    db.refresh(row)
    assert row.enabled

    later = start + timedelta(days=1, minutes=1)
    changed_at(later)
    send(sender_sessions, http, later, jitter=no_jitter)

    row = db.get(WebhookEndpoint, endpoint["id"])
    assert row is not None
    db.refresh(row)
    assert (row.enabled, row.disabled_reason) == (False, "failing")
    admins = db.scalars(
        select(OutboxMessage.to_address).where(OutboxMessage.template == "webhook_disabled")
    ).all()
    assert len(admins) == 1
    # Disabled, nothing more is sent until it is enabled again.
    sent = len(receiver.received)
    assert send(sender_sessions, http, later + timedelta(days=2)) == DeliveryReport(0, 0)
    assert len(receiver.received) == sent


def test_retry_after_is_honoured(
    admin: TestClient,
    make_programme: MakeProgramme,
    db: Session,
    receiver: Receiver,
    http: httpx.Client,
    sender_sessions: sessionmaker[Session],
    clock: FixedClock,
) -> None:
    receiver.answers.append(Answer(429, {"Retry-After": "3600"}))
    failing_endpoint(admin, make_programme, db, receiver)
    at = clock.now()

    assert send(sender_sessions, http, at, jitter=no_jitter) == DeliveryReport(0, 1)
    # Not after the schedule's 5 seconds: after the hour the receiver asked for.
    assert send(sender_sessions, http, at + timedelta(minutes=59)) == DeliveryReport(0, 0)
    assert send(sender_sessions, http, at + timedelta(hours=1)) == DeliveryReport(1, 0)
    assert len(receiver.received) == 2


def test_410_stops_at_once_and_disables_the_endpoint(
    admin: TestClient,
    make_programme: MakeProgramme,
    db: Session,
    receiver: Receiver,
    http: httpx.Client,
    sender_sessions: sessionmaker[Session],
    clock: FixedClock,
) -> None:
    receiver.always = Answer(410)
    endpoint, delivery = failing_endpoint(admin, make_programme, db, receiver)

    assert send(sender_sessions, http, clock.now()) == DeliveryReport(0, 1)
    db.refresh(delivery)
    assert delivery.status == "failed"
    shown = admin.get(f"/api/v1/webhooks/endpoints/{endpoint['id']}").json()
    assert (shown["enabled"], shown["disabled_reason"]) == (False, "gone")
    told = db.scalars(
        select(OutboxMessage).where(OutboxMessage.template == "webhook_disabled")
    ).all()
    assert len(told) == 1
    assert "410" in told[0].text_body
    assert send(sender_sessions, http, clock.now() + timedelta(days=2)) == DeliveryReport(0, 0)
    assert len(receiver.received) == 1
    # Sending again is refused while it is disabled.
    refused = admin.post(f"/api/v1/webhooks/deliveries/{delivery.id}/redelivery")
    assert refused.status_code == 409


def test_one_delivery_or_a_time_range_is_sent_again(
    admin: TestClient,
    make_programme: MakeProgramme,
    db: Session,
    receiver: Receiver,
    http: httpx.Client,
    sender_sessions: sessionmaker[Session],
    clock: FixedClock,
) -> None:
    programme = make_programme(hub=db.get(Hub, HUB), status="open")
    endpoint = register(admin, receiver.url, ["programme.changed"])
    first_at = clock.now()
    change_programme(admin, programme.id, "First")
    clock.advance(timedelta(hours=2))
    change_programme(admin, programme.id, "Second")
    assert send(sender_sessions, http, clock.now()) == DeliveryReport(2, 0)
    first, second = sorted(db.scalars(select(WebhookDelivery)).all(), key=lambda d: d.id)

    again = admin.post(f"/api/v1/webhooks/deliveries/{first.id}/redelivery")
    assert again.status_code == 200, again.text
    assert again.json()["status"] == "pending"
    assert send(sender_sessions, http, clock.now()) == DeliveryReport(1, 0)
    assert [r.headers["webhook-id"] for r in receiver.received][-1] == first.message_id

    # A range: the hour around the first change only.
    ranged = admin.post(
        f"/api/v1/webhooks/endpoints/{endpoint['id']}/redeliveries",
        json={
            "since": (first_at - timedelta(minutes=30)).isoformat(),
            "until": (first_at + timedelta(minutes=30)).isoformat(),
        },
    )
    assert ranged.json() == {"count": 1}
    assert send(sender_sessions, http, clock.now()) == DeliveryReport(1, 0)
    ids = Counter(r.headers["webhook-id"] for r in receiver.received)
    assert ids == Counter({first.message_id: 3, second.message_id: 1})

    log = admin.get(f"/api/v1/webhooks/endpoints/{endpoint['id']}/deliveries").json()["items"]
    by_id = {d["id"]: d for d in log}
    assert len(by_id[first.id]["attempts"]) == 3
    assert len(by_id[second.id]["attempts"]) == 1
    backwards = admin.post(
        f"/api/v1/webhooks/endpoints/{endpoint['id']}/redeliveries",
        json={"since": clock.now().isoformat(), "until": first_at.isoformat()},
    )
    assert backwards.status_code == 422


def test_after_a_rotation_both_secrets_sign_for_a_day(
    admin: TestClient,
    make_programme: MakeProgramme,
    db: Session,
    receiver: Receiver,
    http: httpx.Client,
    sender_sessions: sessionmaker[Session],
    real_time: datetime,
    clock: FixedClock,
) -> None:
    programme = make_programme(hub=db.get(Hub, HUB), status="open")
    endpoint = register(admin, receiver.url, ["programme.changed"])
    old = endpoint["secret"]
    rotated = admin.post(f"/api/v1/webhooks/endpoints/{endpoint['id']}/secret")
    assert rotated.status_code == 200, rotated.text
    new = rotated.json()["secret"]
    assert new != old
    assert rotated.json()["previous_secret_until"] is not None

    change_programme(admin, programme.id, "Rotated")
    assert send(sender_sessions, http, real_time) == DeliveryReport(1, 0)
    [received] = receiver.received
    assert len(received.headers["webhook-signature"].split(" ")) == 2
    for secret in (old, new):  # a receiver with either copy accepts it
        Webhook(secret).verify(received.body, received.headers)

    # A day later the old secret signs no more.
    clock.at = real_time + timedelta(days=1, seconds=1)
    change_programme(admin, programme.id, "A day later")
    assert send(sender_sessions, http, clock.at) == DeliveryReport(1, 0)
    later = receiver.received[-1]
    assert len(later.headers["webhook-signature"].split(" ")) == 1
    assert signed_by(new, later.headers, later.body)
    assert not signed_by(old, later.headers, later.body)


@pytest.mark.parametrize(
    "url",
    [
        "https://127.0.0.1/hooks",
        "https://localhost/hooks",  # a name: its resolved address is loopback
        "https://10.1.2.3/hooks",
        "https://169.254.169.254/latest/meta-data",
        "https://[::1]/hooks",
        "https://[::ffff:192.168.0.1]/hooks",
        "http://hooks.example.org/hooks",  # plain HTTP
        "ftp://hooks.example.org/hooks",
    ],
)
def test_outside_development_and_tests_internal_addresses_and_plain_http_are_refused(
    admin: TestClient, app: FastAPI, db: Session, url: str
) -> None:
    app.state.settings.environment = "production"
    response = admin.post(
        "/api/v1/webhooks/endpoints", json={"url": url, "events": ["programme.changed"]}
    )
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["pointer"] == "/url"
    assert db.scalars(select(WebhookEndpoint)).all() == []


def test_the_sender_checks_the_address_again_at_each_attempt(
    admin: TestClient,
    make_programme: MakeProgramme,
    db: Session,
    receiver: Receiver,
    http: httpx.Client,
    sender_sessions: sessionmaker[Session],
    clock: FixedClock,
) -> None:
    """Registered while allowed (tests), then sent by a sender that refuses loopback: as if the
    name had been pointed at an internal address since."""
    failing_endpoint(admin, make_programme, db, receiver)
    strict = SenderSettings(base_url=BASE, allow_private=False)

    assert deliver_due(sender_sessions, http, strict, now=clock.now()) == DeliveryReport(0, 1)
    assert receiver.received == []
    [attempt] = db.scalars(select(WebhookAttempt)).all()
    assert attempt.status_code is None
    assert "127.0.0.1" in (attempt.error or "")


def test_deliveries_are_kept_thirty_days(
    admin: TestClient,
    make_programme: MakeProgramme,
    db: Session,
    receiver: Receiver,
    http: httpx.Client,
    sender_sessions: sessionmaker[Session],
    clock: FixedClock,
) -> None:
    endpoint, _ = failing_endpoint(admin, make_programme, db, receiver)
    send(sender_sessions, http, clock.now())
    send(sender_sessions, http, clock.now() + timedelta(days=29))
    assert len(db.scalars(select(WebhookDelivery)).all()) == 1
    send(sender_sessions, http, clock.now() + timedelta(days=30, seconds=1))
    assert db.scalars(select(WebhookDelivery)).all() == []
    assert db.scalars(select(WebhookAttempt)).all() == []
    assert admin.get(f"/api/v1/webhooks/endpoints/{endpoint['id']}/deliveries").json() == {
        "items": [],
        "next_cursor": None,
    }


def test_another_hubs_endpoints_are_hidden(
    admin: TestClient, sign_in: SignIn, make_hub: MakeHub
) -> None:
    endpoint = register(admin, "https://127.0.0.1:9/hooks", ["session.moved"])
    make_hub(id="south")
    south = sign_in(role=Role.HUB_ADMIN, hub_id="south")
    assert south.get(f"/api/v1/webhooks/endpoints/{endpoint['id']}").status_code == 404
    assert south.get("/api/v1/webhooks/endpoints").json()["items"] == []
    national = sign_in(role=Role.NATIONAL_ADMIN)
    assert national.get(f"/api/v1/webhooks/endpoints/{endpoint['id']}").status_code == 200
    refused = south.post(
        "/api/v1/webhooks/endpoints",
        json={"url": "https://127.0.0.1:9/x", "events": ["session.moved"], "hub_id": HUB},
    )
    assert refused.status_code == 403


@pytest.fixture
def committed(engine: Engine) -> Iterator[sessionmaker[Session]]:
    """Real connections and commits, as two sender processes have; the rows deleted after."""
    factory = make_session_factory(engine)
    yield factory
    with unit_of_work(factory) as session:
        session.execute(delete(WebhookAttempt))
        session.execute(delete(WebhookDelivery))
        session.execute(delete(WebhookEvent))
        session.execute(delete(WebhookEndpoint))
        session.execute(delete(Hub).where(Hub.id == "two-senders"))


def test_two_sender_processes_at_once_deliver_each_attempt_once(
    committed: sessionmaker[Session], receiver: Receiver, ca: trustme.CA, database_url: str
) -> None:
    """On PostgreSQL the claim's FOR UPDATE SKIP LOCKED keeps the senders apart; SQLite's
    claim takes the database's write lock before it reads."""
    now = datetime(2030, 5, 17, 9, 30, tzinfo=UTC)
    with unit_of_work(committed) as session:
        session.add(
            Hub(id="two-senders", name="Two", area="Testshire", contact_email="t@h.example")
        )
        session.flush()
        session.add(
            WebhookEndpoint(
                hub_id="two-senders",
                url=receiver.url,
                events=[EventType.SESSION_MOVED.value],
                secret="whsec_" + "B" * 43 + "=",
                created_by="test",
            )
        )
        session.flush()
        for n in range(20):
            webhook_events.record(
                session,
                EventType.SESSION_MOVED,
                hub_id="two-senders",
                resource_type="session",
                resource_id=n + 1,
                now=now,
            )
    spawn = multiprocessing.get_context("spawn")  # a fresh interpreter, as on another machine
    start = spawn.Barrier(2)
    pipes = [spawn.Pipe(duplex=False) for _ in range(2)]
    senders = [
        spawn.Process(
            target=send_due,
            args=(database_url, ca.cert_pem.bytes(), now, start, sending_end),
        )
        for _, sending_end in pipes
    ]
    try:
        for sender in senders:
            sender.start()
        delivered = [
            reading_end.recv() if reading_end.poll(180) else None for reading_end, _ in pipes
        ]
    finally:
        for sender in senders:
            sender.join(timeout=30)
            if sender.is_alive():
                sender.kill()
                sender.join()

    assert [sender.exitcode for sender in senders] == [0, 0]
    assert sum(n for n in delivered if n is not None) == 20
    assert all(n is not None for n in delivered), delivered
    sent = Counter(json.loads(r.body)["data"]["id"] for r in receiver.received)
    assert sent == Counter(range(1, 21))
    with committed() as session:
        rows = session.scalars(select(WebhookDelivery)).all()
        assert [(row.status, row.attempts) for row in rows] == [("delivered", 1)] * 20
        assert len(session.scalars(select(WebhookAttempt)).all()) == 20


def test_the_sender_module_signs_with_the_package() -> None:
    """The signature header is what the package computes, over id.timestamp.body."""
    secret = "whsec_" + "C" * 43 + "="
    at = datetime(2030, 1, 1, tzinfo=UTC)
    headers = webhook_sender.signature_headers("msg_1", '{"a":1}', [secret], at=at)
    assert headers["webhook-timestamp"] == str(int(at.timestamp()))
    assert headers["webhook-signature"] == Webhook(secret).sign("msg_1", at, '{"a":1}')
