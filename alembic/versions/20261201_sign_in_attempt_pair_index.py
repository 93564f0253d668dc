"""sign-in attempts counted per account and address pair

Revision ID: d7df467ad4df
Revises: 786f0c5b54b2
Create Date: 2026-12-01 21:30:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "d7df467ad4df"
down_revision: str | None = "786f0c5b54b2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Sign-in throttling counts one account's failures from one address, and a success clears
    # them (api.services.auth).
    with op.batch_alter_table("sign_in_attempt", schema=None) as batch_op:
        batch_op.create_index(
            "ix_sign_in_attempt_email_address_at", ["email", "address", "at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("sign_in_attempt", schema=None) as batch_op:
        batch_op.drop_index("ix_sign_in_attempt_email_address_at")
