"""outbox: what a message is about, its attachments; a session's cancellation reason

Revision ID: issue12sessions01
Revises: issue12apps01
Create Date: 2026-12-02 00:40:00.000000

An outbox message may name the record it is about (`about_type`, `about_id`: an application, a
session), so that the page of that record can say which of its messages are queued, sent or
failing. A message may carry attachments (a session notice carries an iCalendar invitation).
A cancelled session keeps the reason it was cancelled for.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "issue12sessions01"
down_revision: str | None = "issue12apps01"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("outbox_message") as batch:
        batch.add_column(sa.Column("about_type", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("about_id", sa.Integer(), nullable=True))
    op.create_index("ix_outbox_message_about", "outbox_message", ["about_type", "about_id"])
    op.create_table(
        "outbox_attachment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("content_type", sa.String(length=200), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["outbox_message.id"],
            name=op.f("fk_outbox_attachment_message_id_outbox_message"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_attachment")),
    )
    op.create_index("ix_outbox_attachment_message_id", "outbox_attachment", ["message_id"])
    with op.batch_alter_table("work_group_session") as batch:
        batch.add_column(sa.Column("cancellation_reason", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("work_group_session") as batch:
        batch.drop_column("cancellation_reason")
    op.drop_index("ix_outbox_attachment_message_id", table_name="outbox_attachment")
    op.drop_table("outbox_attachment")
    op.drop_index("ix_outbox_message_about", table_name="outbox_message")
    with op.batch_alter_table("outbox_message") as batch:
        batch.drop_column("about_id")
        batch.drop_column("about_type")
