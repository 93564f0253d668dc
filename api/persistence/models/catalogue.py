"""Hubs, academic years and programmes. Value objects without identity of their own
(milestones, session plan, funding, commitments) are JSON documents on their programme."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.persistence.base import Base
from api.persistence.models.common import Timestamped


class Hub(Timestamped, Base):
    __tablename__ = "hub"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    area: Mapped[str] = mapped_column(Text)
    # Published for enquiries, so public; nobody else's contact details are.
    contact_name: Mapped[str | None] = mapped_column(String(200))
    contact_email: Mapped[str | None] = mapped_column(String(320))
    website: Mapped[str | None] = mapped_column(String(500))


class AcademicYearRow(Base):
    __tablename__ = "academic_year"

    id: Mapped[str] = mapped_column(String(7), primary_key=True)  # 2023-24
    label: Mapped[str] = mapped_column(String(7), unique=True)  # 2023/24
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)


# api.domain.programme_code's shape, NCP<yy>-<nn>, in SQL that SQLite and PostgreSQL both run
# (their regexes differ; SQLite has none built in): eight characters, NCP, a hyphen, and four
# ASCII digits, which ltrim removes whole. `=` compares case and every character on both.
PROGRAMME_CODE_SHAPE = (
    "code IS NULL OR (length(code) = 8 AND substr(code, 1, 3) = 'NCP' "
    "AND substr(code, 6, 1) = '-' "
    "AND ltrim(substr(code, 4, 2) || substr(code, 7, 2), '0123456789') = '')"
)


class Programme(Timestamped, Base):
    __tablename__ = "programme"
    __table_args__ = (
        UniqueConstraint("hub_id", "academic_year_id", "title"),
        # What the API could not answer with is never stored, whoever writes it.
        CheckConstraint(PROGRAMME_CODE_SHAPE, name="code_shape"),
        CheckConstraint(
            "status IN ('draft', 'open', 'fully_booked', 'closed')", name="status_known"
        ),
        CheckConstraint("capacity_places IS NULL OR capacity_places > 0", name="capacity_positive"),
        CheckConstraint(
            "closing_date IS NULL OR applications_open_on IS NULL "
            "OR applications_open_on <= closing_date",
            name="window_in_order",
        ),
        # Keyset pagination walks (academic year, id) newest first.
        Index("ix_programme_year_id", "academic_year_id", "id"),
        Index("ix_programme_hub_year", "hub_id", "academic_year_id"),
        Index("ix_programme_updated_at", "updated_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    hub_id: Mapped[str] = mapped_column(ForeignKey("hub.id"))
    academic_year_id: Mapped[str] = mapped_column(ForeignKey("academic_year.id"))
    code: Mapped[str | None] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(200))
    stage: Mapped[str] = mapped_column(String(32))
    phase: Mapped[str] = mapped_column(String(16))
    audience: Mapped[str] = mapped_column(String(32))
    # The national kind of programme (api.domain.journey.ProgrammeType), which the rules read.
    programme_type: Mapped[str | None] = mapped_column(String(60))
    # Who may take part, as data: [{"kind": …, …}] (api.domain.rules).
    eligibility_rules: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    summary: Mapped[str] = mapped_column(Text)
    who_can_take_part: Mapped[str] = mapped_column(Text)
    what_is_involved: Mapped[str] = mapped_column(Text, default="")
    how_to_apply: Mapped[str] = mapped_column(Text, default="")
    applications_open_on: Mapped[date | None] = mapped_column(Date)
    closing_date: Mapped[date | None] = mapped_column(Date)
    # Grant claims close at 23:59:59 in England on this day (api.domain.claims.window_closes).
    claim_deadline: Mapped[date | None] = mapped_column(Date)
    milestones: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    capacity_places: Mapped[int | None] = mapped_column(Integer)
    capacity_unit: Mapped[str | None] = mapped_column(String(16))
    session_plan: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    time_commitment: Mapped[str | None] = mapped_column(Text)
    funding: Mapped[dict[str, Any]] = mapped_column(JSON)
    commitments: Mapped[list[str]] = mapped_column(JSON, default=list)
    # What the expression of interest asks: statement prompt and word limit, the people named.
    application_form: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    contact_name: Mapped[str | None] = mapped_column(String(200))
    contact_email: Mapped[str | None] = mapped_column(String(320))
    # Raised on every update; the ETag, and a stale If-Match or a concurrent write fails.
    version: Mapped[int] = mapped_column(Integer, default=1)

    hub: Mapped[Hub] = relationship(lazy="joined", innerjoin=True)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
