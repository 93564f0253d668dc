"""audit log in words: who by name and role, what by title

Revision ID: issue12audit01
Revises: ad2ec1ee20ea
Create Date: 2026-12-02 00:50:00.000000

Each audit event now keeps, as they were when it was written, the actor's name and role and
the title of the record it is about (api.services.audit), so the log reads "Ada Lovelace, Hub
administrator, changed Session 3 of Year 5 Fractions" and reading it joins nothing.

Events written before are backfilled as well as the records still allow, in SQL that SQLite and
PostgreSQL both run: people and keys from their accounts (or the label kept on the event), titles
from the records that still exist (deleted ones stay untitled: the log shows their kind and id).
A signatory's confirmation, once credited to "the system", is credited to the signatory named
in its changes. Indexes on (actor, id) and (hub_id, actor, id) serve the actor filter and the list
of people in the log.
"""

# Every statement here is built from this file's own constants, never from input.
# ruff: noqa: S608

import json
import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "issue12audit01"
down_revision: str | None = "ad2ec1ee20ea"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SYSTEM_NAME = "The system (command line)"


def _id(prefix_length: int) -> str:
    """The number after "user:" or "api_key:" in audit_event.actor."""
    return f"CAST(substr(audit_event.actor, {prefix_length + 1}) AS INTEGER)"


def _numeric_id() -> str:
    return "CAST(audit_event.resource_id AS INTEGER)"


def _title(resource_type: str, select: str) -> str:
    return (
        f"UPDATE audit_event SET resource_title = substr(({select}), 1, 300) "
        f"WHERE resource_type = '{resource_type}' AND resource_title IS NULL"
    )


_PROGRAMME = "p.title || COALESCE(' (' || p.code || ')', '')"
_SESSION = (
    "SELECT {prefix} || CAST(s.number AS VARCHAR(12)) || ' of ' || g.name "
    "FROM work_group_session s JOIN work_group g ON g.id = s.work_group_id "
    f"WHERE s.id = {_numeric_id()}"
)

TITLES = [
    _title("programme", f"SELECT {_PROGRAMME} FROM programme p WHERE p.id = {_numeric_id()}"),
    _title(
        "application",
        f"SELECT sc.name || '''s application to ' || {_PROGRAMME} FROM application a "
        "JOIN school sc ON sc.urn = a.school_urn JOIN programme p ON p.id = a.programme_id "
        f"WHERE a.id = {_numeric_id()}",
    ),
    _title("session", _SESSION.format(prefix="'Session '")),
    _title("session_attendance", _SESSION.format(prefix="'Register of session '")),
    _title("work_group", f"SELECT g.name FROM work_group g WHERE g.id = {_numeric_id()}"),
    _title("person", f"SELECT pe.name FROM person pe WHERE pe.id = {_numeric_id()}"),
    _title(
        "user", f"SELECT u.name || '''s account' FROM user_account u WHERE u.id = {_numeric_id()}"
    ),
    _title(
        "api_key",
        f"SELECT 'API key “' || k.name || '”' FROM api_key k WHERE k.id = {_numeric_id()}",
    ),
    _title(
        "hub_local_authorities",
        "SELECT 'Local authorities of ' || h.name FROM hub h WHERE h.id = audit_event.resource_id",
    ),
    _title(
        "hub_terms",
        "SELECT 'Term dates of ' || h.name || ', ' || substr(audit_event.resource_id, "
        "length(h.id) + 2) FROM hub h WHERE audit_event.resource_id LIKE h.id || '/%'",
    ),
    _title("school_import", "SELECT 'Schools register (GIAS) import'"),
    _title("participation_import", "SELECT 'Past participations import'"),
]

_SIGNATORY = re.compile(r"^(?P<name>.*) \((?P<role>[a-z_]+)\)$")


def upgrade() -> None:
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("actor_name", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("actor_role", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("resource_title", sa.String(length=300), nullable=True))
        batch_op.drop_index("ix_audit_event_actor")
        batch_op.create_index("ix_audit_event_actor_id", ["actor", "id"], unique=False)
        batch_op.create_index(
            "ix_audit_event_hub_id_actor_id", ["hub_id", "actor", "id"], unique=False
        )

    op.execute(
        "UPDATE audit_event SET "
        "actor_name = COALESCE("
        f"(SELECT u.name FROM user_account u WHERE u.id = {_id(5)}), actor_label), "
        f"actor_role = (SELECT u.role FROM user_account u WHERE u.id = {_id(5)}) "
        "WHERE actor LIKE 'user:%'"
    )
    op.execute(
        "UPDATE audit_event SET actor_name = actor_label, actor_role = 'api_key' "
        "WHERE actor LIKE 'api_key:%'"
    )
    _credit_signatories()
    op.execute(
        f"UPDATE audit_event SET actor_name = '{SYSTEM_NAME}', actor_role = 'system' "
        "WHERE actor = 'system'"
    )
    for statement in TITLES:
        op.execute(statement)


def _credit_signatories() -> None:
    """Confirmations through the emailed link were credited to the system; the signatory's
    name and role are in the event's changes, and the application's signatories say who."""
    bind = op.get_bind()
    event = sa.table(
        "audit_event",
        sa.column("id", sa.Integer),
        sa.column("actor", sa.String),
        sa.column("actor_label", sa.String),
        sa.column("actor_name", sa.String),
        sa.column("actor_role", sa.String),
        sa.column("action", sa.String),
        sa.column("resource_type", sa.String),
        sa.column("resource_id", sa.String),
        sa.column("changes", sa.JSON),
    )
    signatory = sa.table(
        "signatory",
        sa.column("id", sa.Integer),
        sa.column("application_id", sa.Integer),
        sa.column("name", sa.String),
        sa.column("role", sa.String),
        sa.column("email", sa.String),
    )
    confirmations = bind.execute(
        sa.select(event.c.id, event.c.resource_id, event.c.changes).where(
            event.c.actor == "system",
            event.c.action == "confirm",
            event.c.resource_type == "application",
        )
    ).all()
    for event_id, application_id, changes in confirmations:
        if isinstance(changes, str):
            changes = json.loads(changes)
        said = ((changes or {}).get("signatory") or {}).get("after")
        match = _SIGNATORY.match(said) if isinstance(said, str) else None
        if match is None or not application_id.isdigit():
            continue
        found = bind.execute(
            sa.select(signatory.c.id, signatory.c.email).where(
                signatory.c.application_id == int(application_id),
                signatory.c.name == match["name"],
                signatory.c.role == match["role"],
            )
        ).first()
        if found is None:
            continue
        bind.execute(
            sa.update(event)
            .where(event.c.id == event_id)
            .values(
                actor=f"signatory:{found.id}",
                actor_label=found.email,
                actor_name=match["name"],
                actor_role="signatory",
            )
        )


def downgrade() -> None:
    op.execute(
        "UPDATE audit_event SET actor = 'system', "
        f"actor_label = '{SYSTEM_NAME[0].lower()}{SYSTEM_NAME[1:]}' "
        "WHERE actor LIKE 'signatory:%'"
    )
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_event_hub_id_actor_id")
        batch_op.drop_index("ix_audit_event_actor_id")
        batch_op.create_index("ix_audit_event_actor", ["actor"], unique=False)
        batch_op.drop_column("resource_title")
        batch_op.drop_column("actor_role")
        batch_op.drop_column("actor_name")
