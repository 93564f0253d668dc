"""Audit events written before the log kept names and titles get them from the records."""

from __future__ import annotations

from datetime import date

from alembic import command
from sqlalchemy import Engine, select

from api.persistence.database import make_session_factory, unit_of_work
from api.persistence.models import AuditEvent
from api.services.demo import load_demo
from tests.conftest import alembic_config
from tests.migrations.test_migrations import empty_engine  # noqa: F401  (the fixture)

BEFORE_NAMES = "ad2ec1ee20ea"
# Kinds whose titles the migration can rebuild from the records (not feeds, participations).
BACKFILLED = {"programme", "application", "session", "session_attendance", "work_group", "user"}


def _events(engine: Engine) -> dict[int, tuple[str, str, str | None, str | None, str | None]]:
    with engine.connect() as connection:
        rows = connection.execute(
            select(
                AuditEvent.id,
                AuditEvent.resource_type,
                AuditEvent.actor,
                AuditEvent.actor_name,
                AuditEvent.actor_role,
                AuditEvent.resource_title,
            )
        ).all()
    return {
        r.id: (r.resource_type, r.actor, r.actor_name, r.actor_role, r.resource_title) for r in rows
    }


def test_older_events_are_named_and_titled_as_new_ones_are(
    empty_engine: Engine,  # noqa: F811
) -> None:
    with empty_engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
    with unit_of_work(make_session_factory(empty_engine)) as session:
        load_demo(session, today=date(2026, 12, 1))
    written = _events(empty_engine)
    kinds = {kind for kind, *_ in written.values()}
    assert {"programme", "work_group", "session"} <= kinds

    with empty_engine.connect() as connection:
        command.downgrade(alembic_config(connection), BEFORE_NAMES)
    with empty_engine.connect() as connection:
        command.upgrade(alembic_config(connection), "head")

    backfilled = _events(empty_engine)
    assert backfilled.keys() == written.keys()
    for event_id, (kind, actor, name, role, title) in written.items():
        again = backfilled[event_id]
        if actor == "user:0":  # the demo loader, who has no account: its label, no role
            assert again[1:4] == (actor, name, None), event_id
        else:
            assert again[1:4] == (actor, name, role), event_id
        if kind in BACKFILLED:
            assert again[4] == title, (event_id, again[4], title)
