"""All queries on the email outbox."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from api.persistence.models import OutboxAttachment, OutboxMessage


def add(session: Session, message: OutboxMessage) -> OutboxMessage:
    session.add(message)
    session.flush()
    return message


def add_attachment(session: Session, attachment: OutboxAttachment) -> None:
    session.add(attachment)
    session.flush()


def attachments_of(
    session: Session, message_ids: Sequence[int]
) -> dict[int, list[OutboxAttachment]]:
    """The attachments of each message, in the order they were added."""
    found: dict[int, list[OutboxAttachment]] = {}
    if not message_ids:
        return found
    for attachment in session.scalars(
        select(OutboxAttachment)
        .where(OutboxAttachment.message_id.in_(message_ids))
        .order_by(OutboxAttachment.id)
    ):
        found.setdefault(attachment.message_id, []).append(attachment)
    return found


def about(session: Session, about_type: str, about_id: int) -> list[OutboxMessage]:
    """The messages about one record, oldest first."""
    return list(
        session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.about_type == about_type, OutboxMessage.about_id == about_id)
            .order_by(OutboxMessage.id)
        )
    )


def is_queued(session: Session, *, template: str, to: str, subject: str) -> bool:
    """Whether this message was queued before (sent or not), so that a reminder goes once."""
    found = session.scalar(
        select(OutboxMessage.id)
        .where(
            OutboxMessage.template == template,
            OutboxMessage.to_address == to,
            OutboxMessage.subject == subject,
        )
        .limit(1)
    )
    return found is not None


def claim_due(
    session: Session, *, now: datetime, limit: int, lease_until: datetime
) -> list[OutboxMessage]:
    """Take up to `limit` due messages, oldest first, counting an attempt and moving
    next_attempt_at to `lease_until` so that no other sender takes them meanwhile.

    One statement: on PostgreSQL the subquery's FOR UPDATE SKIP LOCKED passes over rows that
    another sender is claiming at this moment, so two senders never claim one message; SQLite
    has no row locks but takes the database's write lock before it reads, which serialises
    claims just as well.
    """
    due = (
        select(OutboxMessage.id)
        .where(OutboxMessage.sent_at.is_(None), OutboxMessage.next_attempt_at <= now)
        .order_by(OutboxMessage.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    claimed = session.scalars(
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(due))
        .values(attempts=OutboxMessage.attempts + 1, next_attempt_at=lease_until)
        .returning(OutboxMessage),
        execution_options={"synchronize_session": False},
    ).all()
    return sorted(claimed, key=lambda message: message.id)


def mark_sent(session: Session, message_id: int, *, at: datetime) -> None:
    session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.sent_at.is_(None))
        .values(sent_at=at),
        execution_options={"synchronize_session": False},
    )


def reschedule(session: Session, message_id: int, *, next_attempt_at: datetime, error: str) -> None:
    session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.sent_at.is_(None))
        .values(next_attempt_at=next_attempt_at, last_error=error),
        execution_options={"synchronize_session": False},
    )


def release(session: Session, message_ids: Sequence[int], *, now: datetime) -> None:
    """Give back claimed messages that were not tried: due again now, the attempt uncounted."""
    session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(message_ids), OutboxMessage.sent_at.is_(None))
        .values(attempts=OutboxMessage.attempts - 1, next_attempt_at=now),
        execution_options={"synchronize_session": False},
    )


def highest_id(session: Session) -> int:
    return session.scalar(select(func.max(OutboxMessage.id))) or 0


def newest_to(session: Session, *, to: str, template: str) -> OutboxMessage | None:
    return session.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.to_address == to, OutboxMessage.template == template)
        .order_by(OutboxMessage.id.desc())
        .limit(1)
    ).first()


def mark_sent_after(session: Session, after_id: int) -> int:
    """Mark the messages queued after `after_id` as sent when they were queued (the demo's)."""
    result = session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id > after_id, OutboxMessage.sent_at.is_(None))
        .values(sent_at=OutboxMessage.created_at, last_error=None),
        execution_options={"synchronize_session": False},
    )
    return int(getattr(result, "rowcount", 0) or 0)
