"""api key rate limit: requests a minute set by hub staff for one key

Revision ID: issue17ratelimit01
Revises: issue15search01
Create Date: 2026-12-02 08:00:00.000000

Empty for every existing key: each keeps the service's default (RATE_LIMIT_KEY_PER_MINUTE).
Batch mode so that SQLite, which cannot add a check constraint to a table, copies the table.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "issue17ratelimit01"
down_revision: str | None = "issue15search01"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("api_key", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rate_limit_per_minute", sa.Integer(), nullable=True))
        batch_op.create_check_constraint(
            op.f("ck_api_key_rate_limit_positive"),
            "rate_limit_per_minute IS NULL OR rate_limit_per_minute >= 1",
        )


def downgrade() -> None:
    with op.batch_alter_table("api_key", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_api_key_rate_limit_positive"), type_="check")
        batch_op.drop_column("rate_limit_per_minute")
