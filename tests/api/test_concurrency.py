"""Races that only a real database settles: run on PostgreSQL, committing for real, in threads."""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from threading import Barrier, Event

import pytest
from sqlalchemy import Engine, delete, func, select, text
from sqlalchemy.orm import Session, sessionmaker

from api.domain.access import Principal, Role
from api.errors import Conflict
from api.persistence.database import unit_of_work
from api.persistence.models import (
    AcademicYearRow,
    Application,
    AuditEvent,
    Hub,
    IdempotentRequest,
    OutboxMessage,
    Programme,
    School,
)
from api.schemas.applications import ApplicationCreate, DecisionKind, DecisionRequest
from api.services import applications, idempotency
from tests.clock import TEST_NOW, TODAY

HUB = "race-hub"
PLACES = 7
SCHOOLS = 50
NATIONAL = Principal(kind="user", id=0, label="race test", role=Role.NATIONAL_ADMIN)


@pytest.fixture
def committed(engine: Engine) -> Iterator[sessionmaker[Session]]:
    if engine.dialect.name != "postgresql":
        pytest.skip("row locks and parallel writers are PostgreSQL's; SQLite has one writer")
    factory = sessionmaker(engine, expire_on_commit=False)
    with unit_of_work(factory) as session:
        session.add(Hub(id=HUB, name="Race Hub", area="Tests"))
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
        session.add_all(
            School(
                urn=f"{700000 + n}",
                name=f"Race School {n}",
                type_group="Academies",
                type_of_establishment="Academy converter",
                status="Open",
                phase_of_education="Primary",
                state_funded=True,
            )
            for n in range(SCHOOLS)
        )
    try:
        yield factory
    finally:
        with unit_of_work(factory) as session:
            programmes = select(Programme.id).where(Programme.hub_id == HUB)
            session.execute(delete(Application).where(Application.programme_id.in_(programmes)))
            session.execute(delete(AuditEvent).where(AuditEvent.hub_id == HUB))
            session.execute(delete(OutboxMessage))
            session.execute(delete(Programme).where(Programme.hub_id == HUB))
            session.execute(delete(School).where(School.urn.like("7000%")))
            session.execute(delete(Hub).where(Hub.id == HUB))


def make_programme(factory: sessionmaker[Session]) -> int:
    with unit_of_work(factory) as session:
        programme = Programme(
            hub_id=HUB,
            academic_year_id="2027-28",
            title="Raced programme",
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
            capacity_places=PLACES,
            capacity_unit="schools",
        )
        session.add(programme)
        session.flush()
        return programme.id


@pytest.mark.postgres_only
def test_fifty_parallel_selections_take_exactly_the_seven_places(
    committed: sessionmaker[Session],
) -> None:
    programme_id = make_programme(committed)
    with unit_of_work(committed) as session:
        rows = [
            Application(
                programme_id=programme_id,
                school_urn=f"{700000 + n}",
                hub_id=HUB,
                status="submitted",
                created_by="test",
                submitted_at=TEST_NOW,
            )
            for n in range(SCHOOLS)
        ]
        session.add_all(rows)
        session.flush()
        ids = [row.id for row in rows]

    start = Barrier(16)

    def select_one(application_id: int) -> bool:
        if application_id in ids[:16]:
            start.wait()  # the first sixteen leave together
        try:
            with unit_of_work(committed) as session:
                applications.decide_application(
                    session,
                    application_id,
                    DecisionRequest(decision=DecisionKind.SELECTED),
                    actor=NATIONAL,
                    now=TEST_NOW,
                    base_url="https://hub.example",
                )
        except Conflict:
            return False
        return True

    with ThreadPoolExecutor(max_workers=16) as pool:
        outcomes = list(pool.map(select_one, ids))

    assert sum(outcomes) == PLACES
    with unit_of_work(committed) as session:
        selected = session.scalar(
            select(func.count())
            .select_from(Application)
            .where(Application.programme_id == programme_id, Application.status == "selected")
        )
        programme = session.get(Programme, programme_id)
        assert programme is not None
        assert (selected, programme.status) == (PLACES, "fully_booked")


@pytest.mark.postgres_only
def test_two_parallel_drafts_make_one_application_and_one_conflict(
    committed: sessionmaker[Session],
) -> None:
    programme_id = make_programme(committed)
    contact = Principal(
        kind="user",
        id=0,
        label="contact",
        role=Role.SCHOOL_CONTACT,
        hub_id=HUB,
        school_urn="700001",
    )
    start = Barrier(2)

    def apply() -> str:
        start.wait()
        try:
            with unit_of_work(committed) as session:
                applications.create_draft(
                    session,
                    ApplicationCreate(programme_id=programme_id),
                    actor=contact,
                    now=TEST_NOW,
                )
        except Conflict as exc:
            return str(exc)
        return "created"

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda _: apply(), range(2)))

    assert sorted(results)[1] == "created"
    assert "already has an application" in sorted(results)[0]
    with unit_of_work(committed) as session:
        count = session.scalar(
            select(func.count())
            .select_from(Application)
            .where(Application.programme_id == programme_id)
        )
    assert count == 1


@pytest.mark.postgres_only
def test_parallel_drafts_of_many_schools_take_numbers_one_after_the_other(
    committed: sessionmaker[Session],
) -> None:
    programme_id = make_programme(committed)
    schools = [f"{700000 + n}" for n in range(10)]
    start = Barrier(len(schools))

    def apply(urn: str) -> int:
        contact = Principal(
            kind="user", id=0, label=urn, role=Role.SCHOOL_CONTACT, hub_id=HUB, school_urn=urn
        )
        start.wait()
        with unit_of_work(committed) as session:
            return applications.create_draft(
                session, ApplicationCreate(programme_id=programme_id), actor=contact, now=TEST_NOW
            ).number

    with ThreadPoolExecutor(max_workers=len(schools)) as pool:
        numbers = list(pool.map(apply, schools))

    assert sorted(numbers) == list(range(1, len(schools) + 1))


def _until_a_transaction_waits_for_a_lock(factory: sessionmaker[Session]) -> None:
    """Poll (with a generous bound, never a fixed sleep) until a backend waits on a lock."""
    deadline = time.monotonic() + 30
    while True:
        with unit_of_work(factory, writes=False) as session:
            waiting = session.scalar(
                text(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE wait_event_type = 'Lock' AND datname = current_database()"
                )
            )
        if waiting:
            return
        assert time.monotonic() < deadline, "no request waited for the key's first claim"
        time.sleep(0.05)


@pytest.mark.postgres_only
@pytest.mark.parametrize("first_commits", [True, False], ids=["first commits", "first fails"])
def test_a_key_sent_twice_at_once_waits_for_the_first_then_replays_or_runs(
    committed: sessionmaker[Session], first_commits: bool
) -> None:
    key, caller = f"twice-{first_commits}", "test:idempotency"
    claimed, release = Event(), Event()

    def first() -> None:
        def run() -> tuple[int, str]:
            claimed.set()
            assert release.wait(timeout=60)
            if not first_commits:
                raise Conflict("the first request fails, and keeps nothing")
            return 201, '{"by": "first"}'

        with unit_of_work(committed) as session:
            idempotency.run_once(session, key=key, caller=caller, fingerprint="same", run=run)

    def second() -> idempotency.Answer:
        assert claimed.wait(timeout=60)
        with unit_of_work(committed) as session:
            return idempotency.run_once(
                session,
                key=key,
                caller=caller,
                fingerprint="same",
                run=lambda: (201, '{"by": "second"}'),
            )

    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            first_done = pool.submit(first)
            second_done = pool.submit(second)
            try:
                assert claimed.wait(timeout=60)
                # The second request's claim of the key waits behind the first's, uncommitted.
                _until_a_transaction_waits_for_a_lock(committed)
            finally:
                release.set()
            if first_commits:
                first_done.result(timeout=60)
            else:
                with pytest.raises(Conflict):
                    first_done.result(timeout=60)
            answer = second_done.result(timeout=60)

        if first_commits:
            assert answer == idempotency.Answer(201, '{"by": "first"}', replayed=True)
        else:
            assert answer == idempotency.Answer(201, '{"by": "second"}', replayed=False)
        with unit_of_work(committed, writes=False) as session:
            stored = session.get(IdempotentRequest, (key, caller))
            assert stored is not None
            assert stored.body == answer.body
    finally:
        with unit_of_work(committed) as session:
            session.execute(delete(IdempotentRequest).where(IdempotentRequest.caller == caller))
