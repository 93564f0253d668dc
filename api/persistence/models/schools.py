"""The school register (from GIAS), the local authorities hubs cover, people, and each school's
or person's participation in programmes year by year."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from api.persistence.base import Base
from api.persistence.models.common import Timestamped


class LocalAuthority(Base):
    __tablename__ = "local_authority"

    code: Mapped[str] = mapped_column(String(3), primary_key=True)  # GIAS "LA (code)", e.g. 383
    name: Mapped[str] = mapped_column(String(100))


class HubLocalAuthority(Base):
    """A hub covers a set of local authorities; a school's hub follows from its authority."""

    __tablename__ = "hub_local_authority"

    la_code: Mapped[str] = mapped_column(ForeignKey("local_authority.code"), primary_key=True)
    hub_id: Mapped[str] = mapped_column(ForeignKey("hub.id"), index=True)


# What school search matches, as SQL on the school table's columns.
SEARCHED = {
    "name": func.lower(text("name")),
    "town": func.lower(text("town")),
    "postcode": func.replace(func.upper(text("postcode")), " ", ""),
}


class School(Timestamped, Base):
    """One establishment of the GIAS extract, under GIAS's own names and values."""

    __tablename__ = "school"
    __table_args__ = (
        CheckConstraint("length(urn) = 6", name="urn_six_digits"),
        # Keyset search walks (name, urn); the name index also serves prefix searches.
        Index("ix_school_name_urn", "name", "urn"),
        Index("ix_school_la_code", "la_code"),
        Index("ix_school_postcode", "postcode"),
        # Search by any part of a name or town, and by the start of a postcode written with or
        # without its space: trigram indexes, on PostgreSQL only (pg_trgm; migration
        # issue15search01). SQLite scans its rows.
        *(
            Index(
                f"ix_school_{name}_search",
                expression.label(name),
                postgresql_using="gin",
                postgresql_ops={name: "gin_trgm_ops"},
            )
            for name, expression in SEARCHED.items()
        ),
    )

    urn: Mapped[str] = mapped_column(String(6), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    type_of_establishment: Mapped[str] = mapped_column(String(100))
    type_group: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(60))
    phase_of_education: Mapped[str] = mapped_column(String(60))
    la_code: Mapped[str | None] = mapped_column(ForeignKey("local_authority.code"))
    street: Mapped[str | None] = mapped_column(String(200))
    town: Mapped[str | None] = mapped_column(String(100))
    postcode: Mapped[str | None] = mapped_column(String(10))
    telephone: Mapped[str | None] = mapped_column(String(30))
    head_first_name: Mapped[str | None] = mapped_column(String(100))
    head_last_name: Mapped[str | None] = mapped_column(String(100))
    country: Mapped[str | None] = mapped_column(String(60))
    statutory_low_age: Mapped[int | None] = mapped_column(Integer)
    statutory_high_age: Mapped[int | None] = mapped_column(Integer)
    open_date: Mapped[date | None] = mapped_column(Date)
    close_date: Mapped[date | None] = mapped_column(Date)
    last_changed_date: Mapped[date | None] = mapped_column(Date)
    # Derived by the domain from group, type, status and country at each import, for searching.
    state_funded: Mapped[bool] = mapped_column(default=False)


class Person(Timestamped, Base):
    """A teacher, teaching assistant, head teacher, specialist… known to a hub."""

    __tablename__ = "person"
    __table_args__ = (
        Index("ix_person_school_urn", "school_urn"),
        Index("ix_person_hub_id", "hub_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(320), unique=True)  # stored lower-case
    roles: Mapped[list[str]] = mapped_column(JSON)
    # The academic year (its first calendar year) they began teaching; for early career teachers.
    began_teaching: Mapped[int | None] = mapped_column(Integer)
    school_urn: Mapped[str | None] = mapped_column(ForeignKey("school.urn"))
    # The hub that keeps this record, and so may see and change it.
    hub_id: Mapped[str] = mapped_column(ForeignKey("hub.id"))
    # Set when the person was erased (api.services.erasure): their values are redacted in place.
    erased_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__: dict[str, Any] = {"version_id_col": version}  # noqa: RUF012


class Participation(Timestamped, Base):
    """A school (or, for SKTM, a person) took part in a kind of programme in a year."""

    __tablename__ = "participation"
    __table_args__ = (
        CheckConstraint("(school_urn IS NULL) <> (person_id IS NULL)", name="school_or_person"),
        CheckConstraint(
            "outcome IN ('taking_part', 'completed', 'withdrawn')", name="outcome_known"
        ),
        # One record per subject, programme kind and year; `subject` is "school:<urn>" or
        # "person:<id>", because a unique constraint over two nullable columns would not hold.
        UniqueConstraint("subject", "programme_type", "academic_year_id"),
        Index("ix_participation_school_urn", "school_urn"),
        Index("ix_participation_person_id", "person_id"),
        Index("ix_participation_hub_year", "hub_id", "academic_year_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subject: Mapped[str] = mapped_column(String(40))
    school_urn: Mapped[str | None] = mapped_column(ForeignKey("school.urn"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    programme_type: Mapped[str] = mapped_column(String(60))
    programme_id: Mapped[int | None] = mapped_column(ForeignKey("programme.id"))
    academic_year_id: Mapped[str] = mapped_column(ForeignKey("academic_year.id"))
    hub_id: Mapped[str] = mapped_column(ForeignKey("hub.id"))
    outcome: Mapped[str] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(String(16), default="recorded")  # recorded, import, group
