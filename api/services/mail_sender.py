"""Deliver the outbox over SMTP, retrying with backoff: nothing is lost while the server is down.

A sender claims a batch of due messages in one short statement, which counts an attempt and
leases them for CLAIM_LEASE so that no other sender takes them (SKIP LOCKED on PostgreSQL); it
then sends them over one SMTP connection with no database transaction open, and records each
outcome in its own short transaction as soon as it is known. It does not hold one transaction
across the batch: on SQLite a transaction that read before another request wrote can no longer
write, so a whole batch already sent would stay unmarked and go again; on PostgreSQL it would
keep a connection idle in a transaction for as long as SMTP takes.

Delivery is at least once: a message is marked sent only after the server accepted it, so a
crash between the two sends it again after the lease, with the same Message-ID, which lets mail
programs recognise the copy.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr

from sqlalchemy.orm import Session, sessionmaker

from api.clock import Clock
from api.persistence import outbox_repository as repo
from api.persistence.database import unit_of_work
from api.persistence.models import OutboxAttachment, OutboxMessage
from api.settings import Settings

log = logging.getLogger(__name__)

# The wait after the first failed attempt; it doubles with each further failure, up to the cap.
FIRST_RETRY_DELAY = timedelta(minutes=1)
MAX_RETRY_DELAY = timedelta(minutes=60)
# How long claimed messages are not due for other senders; a sender that dies mid-batch leaves
# its messages to be tried again after this.
CLAIM_LEASE = timedelta(minutes=15)
# A batch stops sending after this long and gives back what it has not tried, well inside the
# lease, so that a slow server never lets the lease run out under a message still being sent.
BATCH_TIME_LIMIT = CLAIM_LEASE / 2
_ERROR_MAX = 500

# The server answered about this one message (recipient refused, data rejected): try the next.
# Anything else (refused connection, timeout, hang-up, bad login, sender refused) means no message
# would get through now: stop the batch rather than hammer the server.
_MESSAGE_REFUSED = (
    smtplib.SMTPRecipientsRefused,
    smtplib.SMTPDataError,
    smtplib.SMTPNotSupportedError,  # an address that needs SMTPUTF8, which the server lacks
)


@dataclass(frozen=True, kw_only=True)
class SmtpSettings:
    host: str
    port: int
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    starttls: bool = False
    timeout_seconds: float = 10.0
    mail_from: str

    @classmethod
    def from_settings(cls, settings: Settings) -> SmtpSettings:
        return cls(
            host=settings.smtp_host,
            port=settings.smtp_port,
            username=settings.smtp_username,
            password=settings.smtp_password,
            starttls=settings.smtp_starttls,
            timeout_seconds=settings.smtp_timeout_seconds,
            mail_from=settings.mail_from,
        )


@dataclass(frozen=True)
class DeliveryReport:
    sent: int
    failed: int


@dataclass(frozen=True)
class _Claimed:
    """What a claimed message needs to go out, read before its claim's transaction ends."""

    id: int
    to: str
    subject: str
    text_body: str
    html_body: str
    created_at: datetime
    attempts: int
    # (filename, content type, content) of each attachment.
    attachments: tuple[tuple[str, str, bytes], ...] = ()

    @classmethod
    def of(cls, message: OutboxMessage, attachments: Sequence[OutboxAttachment] = ()) -> _Claimed:
        return cls(
            id=message.id,
            to=message.to_address,
            subject=message.subject,
            text_body=message.text_body,
            html_body=message.html_body,
            created_at=message.created_at,
            attempts=message.attempts,
            attachments=tuple((a.filename, a.content_type, a.content) for a in attachments),
        )


def retry_delay(attempts: int) -> timedelta:
    """1, 2, 4, 8 … minutes after the 1st, 2nd, 3rd, 4th … failed attempt; never over the cap."""
    doublings = min(max(attempts - 1, 0), 16)  # bounded: the cap is reached long before
    return min(FIRST_RETRY_DELAY * (1 << doublings), MAX_RETRY_DELAY)


def deliver_due(
    session_factory: sessionmaker[Session], smtp: SmtpSettings, *, now: datetime, batch: int = 50
) -> DeliveryReport:
    """Send every message due at `now`, a batch at a time, until none is due or the server
    cannot be reached; failures wait for their retry time."""
    sent = failed = 0
    while True:
        with unit_of_work(session_factory) as session:
            messages = repo.claim_due(session, now=now, limit=batch, lease_until=now + CLAIM_LEASE)
            attachments = repo.attachments_of(session, [m.id for m in messages])
            claimed = [_Claimed.of(m, attachments.get(m.id, ())) for m in messages]
        if not claimed:
            break
        report, completed = _send_batch(session_factory, smtp, claimed, now=now)
        sent += report.sent
        failed += report.failed
        if not completed or len(claimed) < batch:
            break
    return DeliveryReport(sent=sent, failed=failed)


def run_sender(
    session_factory: sessionmaker[Session],
    smtp: SmtpSettings,
    *,
    stop: threading.Event,
    poll_seconds: float,
    clock: Clock,
) -> None:
    """Deliver what is due every `poll_seconds` until `stop` is set. A round that fails (the
    database away, say) is logged and the next round tries again: the loop never dies of it."""
    while not stop.is_set():
        try:
            report = deliver_due(session_factory, smtp, now=clock.now())
        except Exception:
            log.exception("Email: sending failed; trying again in %s seconds", poll_seconds)
        else:
            if report.sent or report.failed:
                log.info("Email: sent %d, failed %d.", report.sent, report.failed)
        stop.wait(poll_seconds)


def _send_batch(
    session_factory: sessionmaker[Session],
    smtp: SmtpSettings,
    claimed: Sequence[_Claimed],
    *,
    now: datetime,
) -> tuple[DeliveryReport, bool]:
    """Send the claimed messages over one connection; the flag says whether all were tried."""
    give_up_at = time.monotonic() + BATCH_TIME_LIMIT.total_seconds()
    try:
        client = _connect(smtp)
    except OSError as exc:  # smtplib's errors are OSErrors too
        _reschedule(session_factory, claimed, error=_describe(exc), now=now)
        log.warning(
            "Email: cannot reach the SMTP server %s:%s (%s); %d messages wait for a retry",
            smtp.host,
            smtp.port,
            _describe(exc),
            len(claimed),
        )
        return DeliveryReport(sent=0, failed=len(claimed)), False
    sent = failed = 0
    try:
        for index, message in enumerate(claimed):
            if time.monotonic() > give_up_at:
                with unit_of_work(session_factory) as session:
                    repo.release(session, [m.id for m in claimed[index:]], now=now)
                return DeliveryReport(sent=sent, failed=failed), False
            try:
                client.send_message(_compose(message, mail_from=smtp.mail_from))
            except (*_MESSAGE_REFUSED, ValueError) as exc:  # ValueError: a header cannot be built
                _reschedule(session_factory, [message], error=_describe(exc), now=now)
                log.warning("Email: message %d refused: %s", message.id, _describe(exc))
                failed += 1
            except OSError as exc:
                rest = claimed[index:]
                _reschedule(session_factory, rest, error=_describe(exc), now=now)
                log.warning(
                    "Email: lost the SMTP server (%s); %d messages wait for a retry",
                    _describe(exc),
                    len(rest),
                )
                return DeliveryReport(sent=sent, failed=failed + len(rest)), False
            else:
                with unit_of_work(session_factory) as session:
                    repo.mark_sent(session, message.id, at=now)
                sent += 1
    finally:
        _close(client)
    return DeliveryReport(sent=sent, failed=failed), True


def _connect(smtp: SmtpSettings) -> smtplib.SMTP:
    client = smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout_seconds)
    try:
        if smtp.starttls:
            client.starttls(context=ssl.create_default_context())
        if smtp.username:
            client.login(smtp.username, smtp.password or "")
    except BaseException:
        client.close()
        raise
    return client


def _close(client: smtplib.SMTP) -> None:
    try:
        client.quit()
    except OSError:
        client.close()


def _compose(message: _Claimed, *, mail_from: str) -> EmailMessage:
    email = EmailMessage()
    email["From"] = mail_from
    email["To"] = message.to
    email["Subject"] = message.subject
    email["Date"] = format_datetime(message.created_at)
    email["Message-ID"] = _message_id(message, mail_from=mail_from)
    email.set_content(message.text_body)
    email.add_alternative(message.html_body, subtype="html")
    for filename, content_type, content in message.attachments:
        _attach(email, filename, content_type, content)
    return email


def _attach(email: EmailMessage, filename: str, content_type: str, content: bytes) -> None:
    """Add a file; a text/calendar one keeps its `method` parameter, which calendar programs
    read to tell an invitation (REQUEST) from a cancellation (CANCEL)."""
    kind, _, parameters = content_type.partition(";")
    maintype, _, subtype = kind.strip().partition("/")
    params = {
        name.strip().lower(): value.strip().strip('"')
        for name, _, value in (p.partition("=") for p in parameters.split(";") if "=" in p)
    }
    email.add_attachment(
        content, maintype=maintype, subtype=subtype, filename=filename, params=params
    )


def _message_id(message: _Claimed, *, mail_from: str) -> str:
    # The same for every attempt at one message, so a copy sent twice can be recognised; the
    # creation time keeps two databases' message 1 apart.
    domain = parseaddr(mail_from)[1].rpartition("@")[2] or "mathshubs.invalid"
    return f"<outbox.{message.id}.{message.created_at:%Y%m%d%H%M%S%f}@{domain}>"


def _reschedule(
    session_factory: sessionmaker[Session],
    messages: Sequence[_Claimed],
    *,
    error: str,
    now: datetime,
) -> None:
    with unit_of_work(session_factory) as session:
        for message in messages:
            repo.reschedule(
                session,
                message.id,
                next_attempt_at=now + retry_delay(message.attempts),
                error=error,
            )


def _describe(exc: BaseException) -> str:
    """A short line for last_error and the log: the server's own reply where there is one."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        code, reply = next(iter(exc.recipients.values()), (0, b""))
        text = f"recipient refused: {code} {_decoded(reply)}"
    elif isinstance(exc, smtplib.SMTPResponseException):
        text = f"{exc.smtp_code} {_decoded(exc.smtp_error)}"
    else:
        text = f"{type(exc).__name__}: {exc}"
    return " ".join(text.split())[:_ERROR_MAX]


def _decoded(reply: bytes | str) -> str:
    return reply.decode(errors="replace") if isinstance(reply, bytes) else reply
