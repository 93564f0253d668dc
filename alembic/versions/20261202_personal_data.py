"""personal data: erasure and anonymisation marks, subject access requests

Revision ID: issue18privacy01
Revises: issue17webhooks01
Create Date: 2026-12-02 08:00:00.000000

A person erased (person.erased_at), an application and a grant claim anonymised by the retention
schedule (anonymised_at), an audit entry whose personal values were redacted (redacted_at); and
the list of subject access requests with the day each must be answered by.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import api.persistence.base

revision: str = "issue18privacy01"
down_revision: str | None = "issue17webhooks01"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MARKS = (
    ("person", "erased_at"),
    ("application", "anonymised_at"),
    ("grant_claim", "anonymised_at"),
    ("audit_event", "redacted_at"),
)


def upgrade() -> None:
    for table, column in MARKS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column(column, api.persistence.base.UtcDateTime(timezone=True), nullable=True)
            )
    op.create_table(
        "subject_access_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("hub_id", sa.String(length=64), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", api.persistence.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("exported_at", api.persistence.base.UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["hub_id"], ["hub.id"], name=op.f("fk_subject_access_request_hub_id_hub")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_subject_access_request_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subject_access_request")),
    )
    with op.batch_alter_table("subject_access_request", schema=None) as batch_op:
        batch_op.create_index(
            "ix_subject_access_request_hub_due", ["hub_id", "due_on", "id"], unique=False
        )
        batch_op.create_index("ix_subject_access_request_person_id", ["person_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("subject_access_request", schema=None) as batch_op:
        batch_op.drop_index("ix_subject_access_request_person_id")
        batch_op.drop_index("ix_subject_access_request_hub_due")
    op.drop_table("subject_access_request")
    for table, column in reversed(MARKS):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column(column)
