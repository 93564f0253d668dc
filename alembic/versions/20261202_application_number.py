"""application number: the reference people quote

Revision ID: issue12apps01
Revises: issue12audit01
Create Date: 2026-12-02 00:45:00.000000

Each application gets a number within its programme, so that with the programme's code it
makes a reference people can quote, such as NCP24-14-0007. Existing applications are numbered
in the order they were made (by id) within each programme; the number is then required and
unique per programme. application_numbering keeps each programme's last number given, so that
a number is never given twice (not even a deleted draft's): it starts at each programme's
highest number here.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "issue12apps01"
down_revision: str | None = "issue12audit01"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("application", schema=None) as batch_op:
        batch_op.add_column(sa.Column("number", sa.Integer(), nullable=True))

    bind = op.get_bind()
    application = sa.table(
        "application", sa.column("id"), sa.column("programme_id"), sa.column("number")
    )
    rows = bind.execute(
        sa.select(application.c.id, application.c.programme_id).order_by(
            application.c.programme_id, application.c.id
        )
    ).all()
    counts: dict[int, int] = {}
    for id_, programme_id in rows:
        counts[programme_id] = counts.get(programme_id, 0) + 1
        bind.execute(
            sa.update(application)
            .where(application.c.id == id_)
            .values(number=counts[programme_id])
        )

    with op.batch_alter_table("application", schema=None) as batch_op:
        batch_op.alter_column("number", existing_type=sa.Integer(), nullable=False)
        batch_op.create_unique_constraint(
            "uq_application_programme_id_number", ["programme_id", "number"]
        )

    numbering = op.create_table(
        "application_numbering",
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_application_numbering_programme_id_programme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("programme_id", name=op.f("pk_application_numbering")),
    )
    if counts:
        op.bulk_insert(
            numbering,
            [{"programme_id": p, "last_number": n} for p, n in sorted(counts.items())],
        )


def downgrade() -> None:
    op.drop_table("application_numbering")
    with op.batch_alter_table("application", schema=None) as batch_op:
        batch_op.drop_constraint("uq_application_programme_id_number", type_="unique")
        batch_op.drop_column("number")
