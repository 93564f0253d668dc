"""programme code shape

Revision ID: ad2ec1ee20ea
Revises: d7df467ad4df
Create Date: 2026-12-01 21:31:00.000000

A programme's code must have the shape the API answers with, NCP<yy>-<nn>
(api.domain.programme_code): a code written straight into the database in another shape made
every list of programmes fail. Such codes cannot be shown, so they are cleared first (each is
named in a warning), and the constraint then refuses them, in SQL that SQLite and PostgreSQL
both run.
"""

import logging
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "ad2ec1ee20ea"
down_revision: str | None = "d7df467ad4df"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As api.persistence.models.catalogue.PROGRAMME_CODE_SHAPE reads today; a migration keeps its own.
CODE_SHAPE = (
    "code IS NULL OR (length(code) = 8 AND substr(code, 1, 3) = 'NCP' "
    "AND substr(code, 6, 1) = '-' "
    "AND ltrim(substr(code, 4, 2) || substr(code, 7, 2), '0123456789') = '')"
)
NAMED_IN_WARNING = 20

# Not under "alembic", whose loggers are silent unless configured: the operator must see this.
log = logging.getLogger("mathshubs.migrations")


def upgrade() -> None:
    bind = op.get_bind()
    programme = sa.table("programme", sa.column("id"), sa.column("code"))
    misshapen = sa.not_(sa.literal_column(f"({CODE_SHAPE})", sa.Boolean))
    cleared = bind.execute(
        sa.select(programme.c.id, programme.c.code).where(misshapen).order_by(programme.c.id)
    ).all()
    if cleared:
        named = ", ".join(f"{id_}: {code!r}" for id_, code in cleared[:NAMED_IN_WARNING])
        more = len(cleared) - NAMED_IN_WARNING
        log.warning(
            "Cleared %d programme code(s) not shaped NCP<yy>-<nn> (programme id: code): %s%s",
            len(cleared),
            named,
            f" and {more} more" if more > 0 else "",
        )
        bind.execute(sa.update(programme).where(misshapen).values(code=None))
    with op.batch_alter_table("programme", schema=None) as batch_op:
        batch_op.create_check_constraint(op.f("ck_programme_code_shape"), CODE_SHAPE)


def downgrade() -> None:
    with op.batch_alter_table("programme", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_programme_code_shape"), type_="check")
