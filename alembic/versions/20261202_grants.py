"""grants: entitlements, claims with evidence, monthly statements

Revision ID: issue13grants01
Revises: issue12sessions01
Create Date: 2026-12-02 03:40:00.000000

The money path: a school's entitlement to each of a programme's grants (recorded when it is
selected), its claims (one live claim per entitlement, held by a unique column that is NULL once
a claim is ineligible or void), the evidence file in the database so that every API process
serves it, and each hub's monthly statements with their lines (payments and clawbacks) and
adjustments. Programmes gain the day their claims close. New tables only, and one nullable
column: nothing existing changes.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import api.persistence.base

revision: str = "issue13grants01"
down_revision: str | None = "issue12sessions01"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "grant_statement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hub_id", sa.String(length=64), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=True),
        sa.Column("payment_reference", sa.String(length=100), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", api.persistence.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", api.persistence.base.UtcDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(status = 'paid') = (paid_on IS NOT NULL AND payment_reference IS NOT NULL)",
            name=op.f("ck_grant_statement_paid_with_date_and_reference"),
        ),
        sa.CheckConstraint(
            "status IN ('open', 'payable', 'paid')", name=op.f("ck_grant_statement_status_known")
        ),
        sa.ForeignKeyConstraint(["hub_id"], ["hub.id"], name=op.f("fk_grant_statement_hub_id_hub")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grant_statement")),
        sa.UniqueConstraint("hub_id", "month", name=op.f("uq_grant_statement_hub_id_month")),
    )
    with op.batch_alter_table("grant_statement", schema=None) as batch_op:
        batch_op.create_index("ix_grant_statement_updated", ["updated_at", "id"], unique=False)

    op.create_table(
        "grant_statement_adjustment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("statement_id", sa.Integer(), nullable=False),
        sa.Column("description", sa.String(length=300), nullable=False),
        sa.Column("amount_pence", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", api.persistence.base.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["grant_statement.id"],
            name=op.f("fk_grant_statement_adjustment_statement_id_grant_statement"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grant_statement_adjustment")),
    )
    op.create_table(
        "grant_entitlement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hub_id", sa.String(length=64), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("school_urn", sa.String(length=6), nullable=False),
        sa.Column("work_group_id", sa.Integer(), nullable=True),
        sa.Column("grant_index", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("purpose", sa.String(length=200), nullable=False),
        sa.Column("amount_pence", sa.Integer(), nullable=False),
        sa.Column("created_at", api.persistence.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", api.persistence.base.UtcDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('fixed_grant', 'matched_funding')",
            name=op.f("ck_grant_entitlement_kind_known"),
        ),
        sa.CheckConstraint(
            "amount_pence >= 0", name=op.f("ck_grant_entitlement_amount_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["hub_id"], ["hub.id"], name=op.f("fk_grant_entitlement_hub_id_hub")
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_grant_entitlement_programme_id_programme"),
        ),
        sa.ForeignKeyConstraint(
            ["school_urn"], ["school.urn"], name=op.f("fk_grant_entitlement_school_urn_school")
        ),
        sa.ForeignKeyConstraint(
            ["work_group_id"],
            ["work_group.id"],
            name=op.f("fk_grant_entitlement_work_group_id_work_group"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grant_entitlement")),
        sa.UniqueConstraint(
            "programme_id",
            "school_urn",
            "grant_index",
            name=op.f("uq_grant_entitlement_programme_id_school_urn_grant_index"),
        ),
    )
    with op.batch_alter_table("grant_entitlement", schema=None) as batch_op:
        batch_op.create_index("ix_grant_entitlement_hub", ["hub_id", "id"], unique=False)
        batch_op.create_index("ix_grant_entitlement_school", ["school_urn", "id"], unique=False)

    op.create_table(
        "grant_claim",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=32), nullable=False),
        sa.Column("entitlement_id", sa.Integer(), nullable=False),
        sa.Column("holds_entitlement_id", sa.Integer(), nullable=True),
        sa.Column("hub_id", sa.String(length=64), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("school_urn", sa.String(length=6), nullable=False),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("amount_pence", sa.Integer(), nullable=False),
        sa.Column("spend_pence", sa.Integer(), nullable=True),
        sa.Column("invoice_reference", sa.String(length=100), nullable=True),
        sa.Column("submitted_by", sa.String(length=64), nullable=False),
        sa.Column("submitted_at", api.persistence.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=True),
        sa.Column("reason_detail", sa.Text(), nullable=True),
        sa.Column("duplicate_of_id", sa.Integer(), nullable=True),
        sa.Column("history", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", api.persistence.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", api.persistence.base.UtcDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(status IN ('ineligible', 'void')) = (holds_entitlement_id IS NULL)",
            name=op.f("ck_grant_claim_holds_while_live"),
        ),
        sa.CheckConstraint(
            "status IN ('submitted', 'eligible', 'ineligible', 'payable', 'paid', 'void', 'awaiting_clawback', 'clawed_back')",
            name=op.f("ck_grant_claim_status_known"),
        ),
        sa.CheckConstraint("amount_pence >= 0", name=op.f("ck_grant_claim_amount_not_negative")),
        sa.CheckConstraint(
            "spend_pence IS NULL OR spend_pence >= 0",
            name=op.f("ck_grant_claim_spend_not_negative"),
        ),
        sa.ForeignKeyConstraint(
            ["duplicate_of_id"],
            ["grant_claim.id"],
            name=op.f("fk_grant_claim_duplicate_of_id_grant_claim"),
        ),
        sa.ForeignKeyConstraint(
            ["entitlement_id"],
            ["grant_entitlement.id"],
            name=op.f("fk_grant_claim_entitlement_id_grant_entitlement"),
        ),
        sa.ForeignKeyConstraint(
            ["holds_entitlement_id"],
            ["grant_entitlement.id"],
            name=op.f("fk_grant_claim_holds_entitlement_id_grant_entitlement"),
        ),
        sa.ForeignKeyConstraint(["hub_id"], ["hub.id"], name=op.f("fk_grant_claim_hub_id_hub")),
        sa.ForeignKeyConstraint(
            ["programme_id"], ["programme.id"], name=op.f("fk_grant_claim_programme_id_programme")
        ),
        sa.ForeignKeyConstraint(
            ["school_urn"], ["school.urn"], name=op.f("fk_grant_claim_school_urn_school")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grant_claim")),
        sa.UniqueConstraint(
            "holds_entitlement_id", name=op.f("uq_grant_claim_holds_entitlement_id")
        ),
        sa.UniqueConstraint("reference", name=op.f("uq_grant_claim_reference")),
    )
    with op.batch_alter_table("grant_claim", schema=None) as batch_op:
        batch_op.create_index("ix_grant_claim_hub_id", ["hub_id", "id"], unique=False)
        batch_op.create_index("ix_grant_claim_school_id", ["school_urn", "id"], unique=False)
        batch_op.create_index("ix_grant_claim_updated", ["updated_at", "id"], unique=False)

    op.create_table(
        "grant_evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", api.persistence.base.UtcDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("size_bytes > 0", name=op.f("ck_grant_evidence_not_empty")),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["grant_claim.id"], name=op.f("fk_grant_evidence_claim_id_grant_claim")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grant_evidence")),
        sa.UniqueConstraint("claim_id", name=op.f("uq_grant_evidence_claim_id")),
    )
    op.create_table(
        "grant_statement_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("statement_id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("amount_pence", sa.Integer(), nullable=False),
        sa.Column("created_at", api.persistence.base.UtcDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(kind = 'payment' AND amount_pence >= 0) OR (kind = 'clawback' AND amount_pence <= 0)",
            name=op.f("ck_grant_statement_line_sign_follows_kind"),
        ),
        sa.CheckConstraint(
            "kind IN ('payment', 'clawback')", name=op.f("ck_grant_statement_line_kind_known")
        ),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["grant_claim.id"],
            name=op.f("fk_grant_statement_line_claim_id_grant_claim"),
        ),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["grant_statement.id"],
            name=op.f("fk_grant_statement_line_statement_id_grant_statement"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grant_statement_line")),
        sa.UniqueConstraint("claim_id", "kind", name=op.f("uq_grant_statement_line_claim_id_kind")),
        sa.UniqueConstraint(
            "statement_id",
            "claim_id",
            "kind",
            name=op.f("uq_grant_statement_line_statement_id_claim_id_kind"),
        ),
    )
    with op.batch_alter_table("programme", schema=None) as batch_op:
        batch_op.add_column(sa.Column("claim_deadline", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("programme", schema=None) as batch_op:
        batch_op.drop_column("claim_deadline")

    op.drop_table("grant_statement_line")
    op.drop_table("grant_evidence")
    with op.batch_alter_table("grant_claim", schema=None) as batch_op:
        batch_op.drop_index("ix_grant_claim_updated")
        batch_op.drop_index("ix_grant_claim_school_id")
        batch_op.drop_index("ix_grant_claim_hub_id")

    op.drop_table("grant_claim")
    with op.batch_alter_table("grant_entitlement", schema=None) as batch_op:
        batch_op.drop_index("ix_grant_entitlement_school")
        batch_op.drop_index("ix_grant_entitlement_hub")

    op.drop_table("grant_entitlement")
    op.drop_table("grant_statement_adjustment")
    with op.batch_alter_table("grant_statement", schema=None) as batch_op:
        batch_op.drop_index("ix_grant_statement_updated")

    op.drop_table("grant_statement")
