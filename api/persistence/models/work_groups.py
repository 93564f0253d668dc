"""Work Groups, their member schools and participants, their sessions, and the data version
that cached timetables are checked against."""

from __future__ import annotations

from datetime import date, datetime, time
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
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from api.persistence.base import Base
from api.persistence.models.common import Timestamped, utc_now

SESSION_KINDS = (
    "trg_meeting",
    "workshop",
    "school_visit",
    "head_teacher_update",
    "collaborative_planning",
)


class WorkGroup(Timestamped, Base):
    """A hub's group for one of its programmes, led by a Mastery Specialist."""

    __tablename__ = "work_group"
    __table_args__ = (
        CheckConstraint("max_schools IS NULL OR max_schools > 0", name="max_schools_positive"),
        CheckConstraint(
            "max_participants IS NULL OR max_participants > 0", name="max_participants_positive"
        ),
        Index("ix_work_group_hub_year", "hub_id", "academic_year_id"),
        Index("ix_work_group_programme_id", "programme_id"),
        Index("ix_work_group_lead_person_id", "lead_person_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    hub_id: Mapped[str] = mapped_column(ForeignKey("hub.id"))
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id"))
    academic_year_id: Mapped[str] = mapped_column(ForeignKey("academic_year.id"))
    name: Mapped[str] = mapped_column(String(200))
    lead_person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    # The programme's bounds, as data on the group (defaults by programme type).
    max_schools: Mapped[int | None] = mapped_column(Integer)
    max_participants: Mapped[int | None] = mapped_column(Integer)
    # Set when the hub completes the year: the members' participation history is written then.
    completed_on: Mapped[date | None] = mapped_column(Date)
    # Next year's group (Embedding, Sustaining) points back at the group it continues.
    continues_from_id: Mapped[int | None] = mapped_column(ForeignKey("work_group.id"))
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__: dict[str, Any] = {"version_id_col": version}  # noqa: RUF012


class WorkGroupSchool(Base):
    __tablename__ = "work_group_school"
    __table_args__ = (Index("ix_work_group_school_school_urn", "school_urn"),)

    work_group_id: Mapped[int] = mapped_column(
        ForeignKey("work_group.id", ondelete="CASCADE"), primary_key=True
    )
    school_urn: Mapped[str] = mapped_column(ForeignKey("school.urn"), primary_key=True)
    added_at: Mapped[datetime] = mapped_column(default=utc_now)


class WorkGroupParticipant(Base):
    __tablename__ = "work_group_participant"
    __table_args__ = (Index("ix_work_group_participant_person_id", "person_id"),)

    work_group_id: Mapped[int] = mapped_column(
        ForeignKey("work_group.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), primary_key=True)
    added_at: Mapped[datetime] = mapped_column(default=utc_now)


class WorkGroupSession(Timestamped, Base):
    """A meeting of a group: a local date and times in Europe/London, a host school or an
    online link, and its earlier times (moves and cancellations keep history)."""

    __tablename__ = "work_group_session"
    __table_args__ = (
        CheckConstraint(
            "kind IN (" + ", ".join(f"'{k}'" for k in SESSION_KINDS) + ")", name="kind_known"
        ),
        CheckConstraint("status IN ('scheduled', 'cancelled')", name="status_known"),
        CheckConstraint("starts_at < ends_at", name="ends_after_start"),
        CheckConstraint("host_school_urn IS NOT NULL OR online_url IS NOT NULL", name="somewhere"),
        UniqueConstraint("work_group_id", "number"),
        # The timetable walks (start instant, id).
        Index("ix_work_group_session_starts_at_id", "starts_at", "id"),
        Index("ix_work_group_session_updated_at", "updated_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    work_group_id: Mapped[int] = mapped_column(ForeignKey("work_group.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))
    on: Mapped[date] = mapped_column("held_on", Date)
    start_time: Mapped[time] = mapped_column(Time)
    end_time: Mapped[time] = mapped_column(Time)
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/London")
    # Derived from the local date and times, for filtering and ordering.
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    half_term: Mapped[str | None] = mapped_column(String(16))
    host_school_urn: Mapped[str | None] = mapped_column(ForeignKey("school.urn"))
    online_url: Mapped[str | None] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(16), default="scheduled")
    # iCalendar SEQUENCE: raised at each change.
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    history: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    note: Mapped[str | None] = mapped_column(Text)
    # Why it was cancelled, as the person who cancelled it wrote it (told to the participants).
    cancellation_reason: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__: dict[str, Any] = {"version_id_col": version}  # noqa: RUF012


class DataVersion(Base):
    """One row: raised in the same transaction as any group or session change, so that every
    process can check its cached timetable with one cheap query. `stamp` is new at each raise,
    so a number reused after a rollback never matches an old cache entry."""

    __tablename__ = "data_version"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    stamp: Mapped[str] = mapped_column(String(32))


class SessionAttendance(Base):
    """Whether a participant came to a session."""

    __tablename__ = "session_attendance"
    __table_args__ = (
        CheckConstraint(
            "status IN ('present', 'absent_with_apologies', 'absent')", name="status_known"
        ),
        Index("ix_session_attendance_person_id", "person_id"),
    )

    session_id: Mapped[int] = mapped_column(
        ForeignKey("work_group_session.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), primary_key=True)
    status: Mapped[str] = mapped_column(String(24))
    recorded_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)


class HubTermDates(Base):
    """A hub's own dates for a half-term (term dates differ by local authority)."""

    __tablename__ = "hub_term_dates"
    __table_args__ = (
        CheckConstraint(
            "half_term IN ('autumn_1', 'autumn_2', 'spring_1', 'spring_2', 'summer_1', 'summer_2')",
            name="half_term_known",
        ),
        CheckConstraint("starts_on <= ends_on", name="in_order"),
    )

    hub_id: Mapped[str] = mapped_column(ForeignKey("hub.id"), primary_key=True)
    academic_year_id: Mapped[str] = mapped_column(ForeignKey("academic_year.id"), primary_key=True)
    half_term: Mapped[str] = mapped_column(String(16), primary_key=True)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)


class CalendarFeed(Base):
    """A private calendar feed of one school's or one person's sessions. Only a hash of its
    token is kept: the URL is shown once, and resetting it makes a new token."""

    __tablename__ = "calendar_feed"
    __table_args__ = (
        CheckConstraint("(school_urn IS NULL) <> (person_id IS NULL)", name="school_or_person"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # "school:<urn>" or "person:<id>": one feed per subject.
    subject: Mapped[str] = mapped_column(String(40), unique=True)
    school_urn: Mapped[str | None] = mapped_column(ForeignKey("school.urn"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
