"""accounts for real people

Revision ID: issue16accounts01
Revises: issue18privacy01
Create Date: 2026-12-02 07:34:22.428375

Issue 16. Invitations and password reset links (only their tokens' hashes), two-factor
sign-in (the authenticator's secret on the account, its recovery codes, the browsers that
asked to be remembered), and the kind of a counted attempt: a failed sign-in, or a request
for a password reset link, throttled apart.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import api.persistence.base

revision: str = "issue16accounts01"
down_revision: str | None = "issue18privacy01"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "password_reset",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", api.persistence.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", api.persistence.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("used_at", api.persistence.base.UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_password_reset_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_password_reset")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_password_reset_token_hash")),
    )
    with op.batch_alter_table("password_reset", schema=None) as batch_op:
        batch_op.create_index("ix_password_reset_user_id", ["user_id"], unique=False)

    op.create_table(
        "recovery_code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("used_at", api.persistence.base.UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_recovery_code_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recovery_code")),
    )
    with op.batch_alter_table("recovery_code", schema=None) as batch_op:
        batch_op.create_index("ix_recovery_code_user_id", ["user_id"], unique=False)

    op.create_table(
        "remembered_browser",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", api.persistence.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", api.persistence.base.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_remembered_browser_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_remembered_browser")),
    )
    with op.batch_alter_table("remembered_browser", schema=None) as batch_op:
        batch_op.create_index("ix_remembered_browser_user_id", ["user_id"], unique=False)

    op.create_table(
        "invitation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("hub_id", sa.String(length=64), nullable=False),
        sa.Column("school_urn", sa.String(length=6), nullable=True),
        sa.Column("application_id", sa.Integer(), nullable=True),
        sa.Column("invited_by", sa.String(length=320), nullable=False),
        sa.Column("created_at", api.persistence.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", api.persistence.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("accepted_at", api.persistence.base.UtcDateTime(timezone=True), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "role IN ('hub_admin', 'mastery_specialist', 'school_contact')",
            name=op.f("ck_invitation_role_known"),
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["application.id"],
            name=op.f("fk_invitation_application_id_application"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(["hub_id"], ["hub.id"], name=op.f("fk_invitation_hub_id_hub")),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_invitation_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invitation")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_invitation_token_hash")),
    )
    with op.batch_alter_table("invitation", schema=None) as batch_op:
        batch_op.create_index("ix_invitation_email", ["email"], unique=False)
        batch_op.create_index("ix_invitation_hub_id", ["hub_id"], unique=False)

    with op.batch_alter_table("sign_in_attempt", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("kind", sa.String(length=16), server_default="sign_in", nullable=False)
        )
        batch_op.create_check_constraint(
            op.f("ck_sign_in_attempt_kind_known"), "kind IN ('sign_in', 'password_reset')"
        )

    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.add_column(sa.Column("totp_secret", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("totp_pending_secret", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("totp_last_step", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.drop_column("totp_last_step")
        batch_op.drop_column("totp_pending_secret")
        batch_op.drop_column("totp_secret")

    with op.batch_alter_table("sign_in_attempt", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_sign_in_attempt_kind_known"), type_="check")
        batch_op.drop_column("kind")

    with op.batch_alter_table("invitation", schema=None) as batch_op:
        batch_op.drop_index("ix_invitation_hub_id")
        batch_op.drop_index("ix_invitation_email")

    op.drop_table("invitation")
    with op.batch_alter_table("remembered_browser", schema=None) as batch_op:
        batch_op.drop_index("ix_remembered_browser_user_id")

    op.drop_table("remembered_browser")
    with op.batch_alter_table("recovery_code", schema=None) as batch_op:
        batch_op.drop_index("ix_recovery_code_user_id")

    op.drop_table("recovery_code")
    with op.batch_alter_table("password_reset", schema=None) as batch_op:
        batch_op.drop_index("ix_password_reset_user_id")

    op.drop_table("password_reset")
