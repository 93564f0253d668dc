"""Reading with an API key or a session writes nothing to the database: the key's last use is
recorded in a transaction of its own, at most once a minute per process (README "Deployment")."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, event, select
from sqlalchemy.orm import Session

from api.clock import FixedClock
from api.domain.access import Role, Scope
from api.persistence.models import ApiKey
from tests.accounts import KeyClient, SignIn
from tests.builders import MakeHub, MakeSchool

WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture
def statements(engine: Engine) -> Iterator[list[str]]:
    """Every statement, as the database driver is handed it."""
    seen: list[str] = []

    def on_execute(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", on_execute)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", on_execute)


@pytest.fixture
def writes(engine: Engine) -> Iterator[list[str]]:
    """Every statement that changes rows, as the database driver is handed it."""
    seen: list[str] = []

    def on_execute(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith(WRITES):
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", on_execute)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", on_execute)


def test_a_keyed_read_writes_only_the_keys_use_and_that_once_a_minute(
    key_client: KeyClient,
    make_hub: MakeHub,
    make_school: MakeSchool,
    db: Session,
    clock: FixedClock,
    writes: list[str],
) -> None:
    make_hub(id="north")
    make_school(urn="100001", name="Oak Primary")
    system = key_client(Scope.SCHOOLS_READ, Scope.TIMETABLE_READ, hub_id="north")
    key = db.scalars(select(ApiKey)).one()
    writes.clear()

    for path in ("/api/v1/schools?q=oak", "/api/v1/schools/100001", "/api/v1/timetable"):
        assert system.get(path).status_code == 200
    assert [w.split()[0] for w in writes] == ["UPDATE"]  # the first use, recorded
    db.refresh(key)
    assert key.last_used_at == clock.now()

    writes.clear()
    clock.advance(timedelta(seconds=59))
    for path in ("/api/v1/schools", "/api/v1/schools/100001", "/api/v1/timetable.ics"):
        assert system.get(path).status_code == 200
    assert writes == []

    clock.advance(timedelta(seconds=1))
    assert system.get("/api/v1/schools").status_code == 200
    assert len(writes) == 1
    db.refresh(key)
    assert key.last_used_at == clock.now()


def test_a_signed_in_read_writes_nothing(
    sign_in: SignIn, make_school: MakeSchool, writes: list[str]
) -> None:
    make_school(urn="100001", name="Oak Primary")
    admin = sign_in(role=Role.NATIONAL_ADMIN)
    writes.clear()
    for path in ("/api/v1/schools", "/api/v1/schools/100001", "/api/v1/auth/me"):
        assert admin.get(path).status_code == 200, path
    assert writes == []


def test_a_key_on_a_public_read_is_checked_once(
    key_client: KeyClient, make_hub: MakeHub, statements: list[str]
) -> None:
    """The public operation's check and the endpoint that asks who calls share one check."""
    make_hub(id="north")
    system = key_client(Scope.TIMETABLE_READ, hub_id="north")
    assert system.get("/api/v1/programmes").status_code == 200  # its first use, recorded
    statements.clear()
    assert system.get("/api/v1/programmes").status_code == 200
    assert len([s for s in statements if "FROM api_key" in s]) == 1
