"""The emails about a record (an application, a session) with their status, for the page of
that record: what is queued, sent or failing, never "sent" before the mail server took it."""

from __future__ import annotations

from sqlalchemy.orm import Session

from api.domain.access import Principal
from api.persistence import outbox_repository
from api.persistence.models import OutboxMessage
from api.schemas.messages import Message, Messages, MessageStatus
from api.services import applications, sessions


def status_of(message: OutboxMessage) -> MessageStatus:
    if message.sent_at is not None:
        return MessageStatus.SENT
    if message.last_error is not None:
        return MessageStatus.FAILING
    return MessageStatus.QUEUED


def _messages(rows: list[OutboxMessage]) -> Messages:
    return Messages(
        items=[
            Message(
                id=row.id,
                to=row.to_address,
                subject=row.subject,
                template=row.template,
                status=status_of(row),
                queued_at=row.created_at,
                sent_at=row.sent_at,
                attempts=row.attempts,
                next_attempt_at=None if row.sent_at is not None else row.next_attempt_at,
                last_error=None if row.sent_at is not None else row.last_error,
            )
            for row in rows
        ]
    )


def of_application(session: Session, application_id: int, viewer: Principal) -> Messages:
    application = applications.get(session, application_id, viewer)
    return _messages(outbox_repository.about(session, "application", application.id))


def of_session(session: Session, session_id: int, viewer: Principal) -> Messages:
    row = sessions.get(session, session_id, viewer)
    return _messages(outbox_repository.about(session, "session", row.id))
