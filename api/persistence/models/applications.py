"""Expressions of interest, their signatories, the email outbox and idempotent requests."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    event,
    text,
)
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped, Session, mapped_column

from api.persistence.base import Base
from api.persistence.models.common import Timestamped, utc_now

APPLICATION_STATUSES = (
    "draft",
    "submitted",
    "shortlisted",
    "selected",
    "waitlisted",
    "not_selected",
    "withdrawn",
)


class Application(Timestamped, Base):
    """A school's expression of interest in a programme (the form in 002)."""

    __tablename__ = "application"
    __table_args__ = (
        CheckConstraint(
            "status IN (" + ", ".join(f"'{s}'" for s in APPLICATION_STATUSES) + ")",
            name="status_known",
        ),
        # One live application per school per programme, whatever races the requests run.
        Index(
            "uq_application_live",
            "programme_id",
            "school_urn",
            unique=True,
            postgresql_where=text("status <> 'withdrawn'"),
            sqlite_where=text("status <> 'withdrawn'"),
        ),
        # The number in the reference people quote (NCP24-14-0007): one per programme, given out
        # in order, never twice (ApplicationNumbering, below).
        UniqueConstraint("programme_id", "number"),
        Index("ix_application_programme_status", "programme_id", "status"),
        Index("ix_application_school_urn", "school_urn"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id"))
    school_urn: Mapped[str] = mapped_column(ForeignKey("school.urn"))
    hub_id: Mapped[str] = mapped_column(ForeignKey("hub.id"))
    number: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    # The form's people: head teacher or senior leader, head of department, participants.
    head_teacher: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    head_of_department: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    participants: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    statement: Mapped[str] = mapped_column(Text, default="")
    # The school says it already engages with teaching for mastery (000: prioritised).
    engaging_with_tfm: Mapped[bool] = mapped_column(default=False)
    created_by: Mapped[str] = mapped_column(String(64))
    submitted_at: Mapped[datetime | None]
    decided_at: Mapped[datetime | None]
    decision_note: Mapped[str | None] = mapped_column(Text)
    # Set when the retention schedule redacted its people and statement.
    anonymised_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__: dict[str, Any] = {"version_id_col": version}  # noqa: RUF012


class Signatory(Base):
    """Someone who confirms the commitments through a personal, single-use emailed link."""

    __tablename__ = "signatory"
    __table_args__ = (
        Index("ix_signatory_application_id", "application_id"),
        Index("uq_signatory_token_hash", "token_hash", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(32))  # head_teacher, head_of_department, teacher
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(320))
    token_hash: Mapped[str | None] = mapped_column(String(64))
    token_expires_at: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
    confirmed_at: Mapped[datetime | None]
    confirmed_commitments: Mapped[list[str]] = mapped_column(JSON, default=list)


class OutboxMessage(Base):
    """An email written in the same transaction as the change that caused it; a sender
    delivers it later, retrying with backoff, so nothing is lost while SMTP is down."""

    __tablename__ = "outbox_message"
    __table_args__ = (
        Index("ix_outbox_message_due", "sent_at", "next_attempt_at"),
        Index("ix_outbox_message_about", "about_type", "about_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    to_address: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(300))
    text_body: Mapped[str] = mapped_column(Text)
    html_body: Mapped[str] = mapped_column(Text)
    template: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utc_now)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    sent_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    # The record the message is about ("application", "session"), so that its page can say
    # which of its messages are queued, sent or failing.
    about_type: Mapped[str | None] = mapped_column(String(32))
    about_id: Mapped[int | None] = mapped_column(Integer)


class OutboxAttachment(Base):
    """A file sent with an outbox message (a session notice's iCalendar invitation)."""

    __tablename__ = "outbox_attachment"
    __table_args__ = (Index("ix_outbox_attachment_message_id", "message_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("outbox_message.id", ondelete="CASCADE"))
    filename: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(200))
    content: Mapped[bytes] = mapped_column(LargeBinary)


class IdempotentRequest(Base):
    """The first answer to a POST with an Idempotency-Key, given again for a repeat."""

    __tablename__ = "idempotent_request"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    caller: Mapped[str] = mapped_column(String(64), primary_key=True)
    request_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)


class ApplicationNumbering(Base):
    """The last number given to an application of each programme: numbers are never given
    twice, not even that of a draft since deleted, so a reference once quoted stays its own."""

    __tablename__ = "application_numbering"

    programme_id: Mapped[int] = mapped_column(
        ForeignKey("programme.id", ondelete="CASCADE"), primary_key=True
    )
    last_number: Mapped[int] = mapped_column(Integer)


def _next_number(session: Session, programme_id: int) -> int:
    """Take the programme's next number in one atomic statement (an upsert that returns the
    new count): concurrent drafts queue on the row, each with a number of its own."""
    dialect = session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    statement = (
        insert(ApplicationNumbering)
        .values(programme_id=programme_id, last_number=1)
        .on_conflict_do_update(
            index_elements=[ApplicationNumbering.programme_id],
            set_={"last_number": ApplicationNumbering.last_number + 1},
        )
        .returning(ApplicationNumbering.last_number)
    )
    return int(session.execute(statement).scalar_one())


@event.listens_for(Session, "before_flush")
def _number_new_applications(session: Session, _context: object, _instances: object) -> None:
    """Give each new application the next number of its programme, whoever creates it. The
    unique constraint (programme_id, number) is the backstop."""
    new = [row for row in session.new if isinstance(row, Application) and row.number is None]
    with session.no_autoflush:
        for row in new:
            row.number = _next_number(session, row.programme_id)
