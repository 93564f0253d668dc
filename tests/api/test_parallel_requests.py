"""Twenty clients at once against a real server on PostgreSQL: one of them changes the
application, the others get a clear answer (a 409 or 412 problem, or a replay of the first
answer for the same Idempotency-Key), and none a 5xx."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import count
from threading import Barrier

import httpx
import pytest
from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session, sessionmaker

from api.domain.access import Scope
from api.persistence.database import unit_of_work
from api.persistence.models import (
    AcademicYearRow,
    ApiKey,
    Application,
    AuditEvent,
    Hub,
    IdempotentRequest,
    OutboxMessage,
    Programme,
    School,
    Signatory,
)
from api.schemas.problems import PROBLEM_MEDIA_TYPE
from api.services import api_keys
from api.settings import PROJECT_ROOT
from tests.api.live_server import live_server
from tests.clock import TEST_NOW, TODAY

pytestmark = pytest.mark.postgres_only

PARALLEL = 20
HUB = "parallel-hub"
URN_BASE = 710000
MAIL_DOMAIN = "parallel.example"
# Generous bounds: they stop a hung run, they never decide a verdict.
START_BOUND_SECONDS = 60
REQUEST_TIMEOUT_SECONDS = 60


@dataclass(frozen=True)
class World:
    base_url: str
    headers: dict[str, str]
    programme_id: int
    factory: sessionmaker[Session]
    urns: Iterator[int]


@pytest.fixture(scope="module")
def server(
    database_url: str, engine: Engine, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """`mathshubs serve` on the test database (migrated by `engine`), committing for real."""
    if engine.dialect.name != "postgresql":
        pytest.skip("parallel writers are PostgreSQL's; SQLite has one writer at a time")
    env = {
        "DATABASE_URL": database_url,
        "MAIL_SENDER_ENABLED": "false",
        "FIXED_NOW": TEST_NOW.isoformat(),  # the tests' moment, as the `app` fixture's
        "FRONTEND_DIST": str(PROJECT_ROOT / "tests" / "no-frontend"),
        # Waits far past any the twenty requests need, however slow the machine: these tests
        # are about who wins a race, not about a busy database's 503.
        "DATABASE_POOL_TIMEOUT_SECONDS": str(REQUEST_TIMEOUT_SECONDS),
        "DATABASE_LOCK_TIMEOUT_SECONDS": str(REQUEST_TIMEOUT_SECONDS),
        "DATABASE_STATEMENT_TIMEOUT_SECONDS": str(REQUEST_TIMEOUT_SECONDS),
    }
    log = tmp_path_factory.mktemp("parallel") / "server.log"
    with live_server(["-m", "api.cli", "serve"], env=env, log=log) as running:
        yield running.base_url


@pytest.fixture(scope="module")
def world(server: str, engine: Engine) -> Iterator[World]:
    factory = sessionmaker(engine, expire_on_commit=False)
    with unit_of_work(factory) as session:
        session.add(Hub(id=HUB, name="Parallel Hub", area="Tests"))
        if session.get(AcademicYearRow, "2027-28") is None:
            session.add(
                AcademicYearRow(
                    id="2027-28",
                    label="2027/28",
                    starts_on=date(2027, 9, 1),
                    ends_on=date(2028, 8, 31),
                )
            )
        session.flush()
        programme = Programme(
            hub_id=HUB,
            academic_year_id="2027-28",
            title="Raced over HTTP",
            stage="development",
            phase="primary",
            audience="schools",
            status="open",
            summary="x",
            who_can_take_part="x",
            funding={"free_to_participate": True, "grants": []},
            programme_type="primary_development",
            eligibility_rules=[],
            closing_date=TODAY + timedelta(days=30),
            capacity_places=5,
            capacity_unit="schools",
        )
        session.add(programme)
        issued = api_keys.issue(
            session,
            None,
            hub_id=HUB,
            name="parallel clients",
            scopes=frozenset({Scope.ADMIN}),
            expires_at=None,
            now=TEST_NOW,
        )
        # A key records its use once an hour, locking its row; marked used now, so that the
        # twenty requests race on the application and not behind the key's row.
        issued.key.last_used_at = TEST_NOW
        session.flush()
        programme_id, key_id = programme.id, issued.key.id
    try:
        yield World(
            base_url=server,
            headers={"Authorization": f"Bearer {issued.secret}"},
            programme_id=programme_id,
            factory=factory,
            urns=count(URN_BASE),
        )
    finally:
        with unit_of_work(factory) as session:
            ids = select(Application.id).where(Application.programme_id == programme_id)
            session.execute(delete(Signatory).where(Signatory.application_id.in_(ids)))
            session.execute(delete(Application).where(Application.programme_id == programme_id))
            session.execute(
                delete(IdempotentRequest).where(IdempotentRequest.caller == f"api_key:{key_id}")
            )
            session.execute(delete(AuditEvent).where(AuditEvent.hub_id == HUB))
            session.execute(
                delete(OutboxMessage).where(OutboxMessage.to_address.like(f"%@{MAIL_DOMAIN}"))
            )
            session.execute(delete(ApiKey).where(ApiKey.id == key_id))
            session.execute(delete(Programme).where(Programme.id == programme_id))
            session.execute(delete(School).where(School.urn.like("71%")))
            session.execute(delete(Hub).where(Hub.id == HUB))


def _application(world: World, *, status: str = "draft") -> int:
    """A new school's application, drafted (and submitted) through the server."""
    urn = str(next(world.urns))
    with unit_of_work(world.factory) as session:
        session.add(
            School(
                urn=urn,
                name=f"Parallel School {urn}",
                type_group="Academies",
                type_of_establishment="Academy converter",
                status="Open",
                phase_of_education="Primary",
                state_funded=True,
            )
        )
    with httpx.Client(base_url=world.base_url, headers=world.headers, timeout=30) as client:
        drafted = client.post(
            "/api/v1/applications",
            json={
                "programme_id": world.programme_id,
                "urn": urn,
                "head_teacher": {"name": "Hana Head", "email": f"head{urn}@{MAIL_DOMAIN}"},
                "participants": [{"name": "Tia One", "email": f"t{urn}@{MAIL_DOMAIN}"}],
                "statement": "We want to develop teaching for mastery.",
            },
        )
        assert drafted.status_code == 201, drafted.text
        application_id = int(drafted.json()["id"])
        if status == "submitted":
            submitted = client.post(f"/api/v1/applications/{application_id}/submit")
            assert submitted.status_code == 200, submitted.text
    return application_id


Send = Callable[[httpx.Client, int], httpx.Response]


def _in_parallel(world: World, send: Send) -> list[httpx.Response]:
    """PARALLEL clients, each on its own connection, released together by a barrier."""
    start = Barrier(PARALLEL, timeout=START_BOUND_SECONDS)

    def one(n: int) -> httpx.Response:
        with httpx.Client(
            base_url=world.base_url, headers=world.headers, timeout=REQUEST_TIMEOUT_SECONDS
        ) as client:
            start.wait()
            return send(client, n)

    pool = ThreadPoolExecutor(max_workers=PARALLEL)
    try:
        futures = [pool.submit(one, n) for n in range(PARALLEL)]
        _, pending = wait(futures, timeout=START_BOUND_SECONDS + 2 * REQUEST_TIMEOUT_SECONDS)
        assert not pending, f"{len(pending)} requests did not finish"
        return [future.result() for future in futures]
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _statuses(responses: list[httpx.Response]) -> Counter[int]:
    statuses = Counter(r.status_code for r in responses)
    errors = [r.text for r in responses if r.status_code >= 500]
    assert not errors, f"{statuses}: {errors[0]}"
    return statuses


def _refusals_are_problems(responses: list[httpx.Response], status: int) -> None:
    for response in responses:
        if response.status_code == status:
            assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE
            assert response.json()["status"] == status
            assert response.json()["detail"]


def _status_changes(world: World, application_id: int) -> list[str]:
    """The status each audited change of the application moved it to, oldest first."""
    with unit_of_work(world.factory, writes=False) as session:
        changes = session.scalars(
            select(AuditEvent.changes)
            .where(
                AuditEvent.resource_type == "application",
                AuditEvent.resource_id == str(application_id),
                AuditEvent.action == "update",
            )
            .order_by(AuditEvent.id)
        )
        return [change["status"]["after"] for change in changes if "status" in change]


def _status(world: World, application_id: int) -> str:
    with unit_of_work(world.factory, writes=False) as session:
        row = session.get(Application, application_id)
        assert row is not None
        return row.status


def test_twenty_submits_with_one_key_submit_once_and_replay_the_answer(world: World) -> None:
    application_id = _application(world)
    responses = _in_parallel(
        world,
        lambda client, _: client.post(
            f"/api/v1/applications/{application_id}/submit",
            headers={"Idempotency-Key": f"submit-{application_id}"},
        ),
    )

    assert _statuses(responses) == {200: PARALLEL}
    replayed = [r for r in responses if r.headers.get("Idempotent-Replayed") == "true"]
    assert len(replayed) == PARALLEL - 1
    assert {r.text for r in responses} == {responses[0].text}
    assert responses[0].json()["status"] == "submitted"
    assert _status_changes(world, application_id) == ["submitted"]


@pytest.mark.parametrize("keys", ["distinct", "none"])
def test_twenty_submits_without_a_shared_key_submit_once_and_refuse_the_rest(
    world: World, keys: str
) -> None:
    application_id = _application(world)

    def submit(client: httpx.Client, n: int) -> httpx.Response:
        headers = {"Idempotency-Key": f"submit-{application_id}-{n}"} if keys == "distinct" else {}
        return client.post(f"/api/v1/applications/{application_id}/submit", headers=headers)

    responses = _in_parallel(world, submit)

    assert _statuses(responses) == {200: 1, 409: PARALLEL - 1}
    _refusals_are_problems(responses, 409)
    assert _status_changes(world, application_id) == ["submitted"]
    assert _status(world, application_id) == "submitted"


def test_twenty_parallel_decisions_decide_once(world: World) -> None:
    application_id = _application(world, status="submitted")
    responses = _in_parallel(
        world,
        lambda client, _: client.post(
            f"/api/v1/applications/{application_id}/decisions", json={"decision": "selected"}
        ),
    )

    assert _statuses(responses) == {200: 1, 409: PARALLEL - 1}
    _refusals_are_problems(responses, 409)
    assert _status_changes(world, application_id) == ["submitted", "selected"]
    assert _status(world, application_id) == "selected"


def test_twenty_parallel_withdrawals_withdraw_once(world: World) -> None:
    application_id = _application(world, status="submitted")
    responses = _in_parallel(
        world,
        lambda client, _: client.post(f"/api/v1/applications/{application_id}/withdraw", json={}),
    )

    assert _statuses(responses) == {200: 1, 409: PARALLEL - 1}
    _refusals_are_problems(responses, 409)
    assert _status_changes(world, application_id) == ["submitted", "withdrawn"]
    assert _status(world, application_id) == "withdrawn"


def test_twenty_parallel_saves_of_one_draft_keep_one_and_answer_412_to_the_rest(
    world: World,
) -> None:
    application_id = _application(world)
    url = f"/api/v1/applications/{application_id}"
    with httpx.Client(base_url=world.base_url, headers=world.headers, timeout=30) as client:
        tag = client.get(url).headers["ETag"]

    responses = _in_parallel(
        world,
        lambda client, n: client.patch(
            url, json={"statement": f"Saved by client {n}."}, headers={"If-Match": tag}
        ),
    )

    assert _statuses(responses) == {200: 1, 412: PARALLEL - 1}
    _refusals_are_problems(responses, 412)
    assert {r.json()["type"] for r in responses if r.status_code == 412} == {"/problems/stale-etag"}
    (saved,) = [r for r in responses if r.status_code == 200]
    with httpx.Client(base_url=world.base_url, headers=world.headers, timeout=30) as client:
        now = client.get(url)
    assert now.json()["statement"] == saved.json()["statement"]
    assert now.headers["ETag"] == saved.headers["ETag"] != tag
