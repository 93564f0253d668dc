"""school search: trigram indexes on name, town and postcode

Revision ID: issue15search01
Revises: issue13grants01
Create Date: 2026-12-02 04:00:00.000000

School search matches any part of a name or town and the start of a postcode; over 24,000
schools that needs an index. On PostgreSQL: the pg_trgm extension (trusted, so a database owner
may create it) and a GIN trigram index on each searched expression. SQLite, for one machine and
the demonstration, scans its rows.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "issue15search01"
down_revision: str | None = "issue13grants01"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SEARCHED = {
    "name": "lower(name)",
    "town": "lower(town)",
    "postcode": "replace(upper(postcode), ' ', '')",
}


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, expression in _SEARCHED.items():
        op.create_index(
            f"ix_school_{name}_search",
            "school",
            [sa.text(f"{expression} gin_trgm_ops")],
            postgresql_using="gin",
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    # The extension stays: it may have been there before, and other objects may use it.
    for name in _SEARCHED:
        op.drop_index(f"ix_school_{name}_search", table_name="school")
