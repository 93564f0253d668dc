"""Delivering the outbox to a real SMTP server: once each, retried with backoff while it is down."""

from __future__ import annotations

import shutil
import ssl
import subprocess
import threading
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session, sessionmaker

from api.persistence.database import make_session_factory, unit_of_work
from api.persistence.models import OutboxMessage
from api.services import mail, mail_sender
from api.services.mail_sender import (
    MAX_RETRY_DELAY,
    DeliveryReport,
    SmtpSettings,
    deliver_due,
    retry_delay,
)
from tests.mail.smtp_server import MAIL_FROM, SmtpServer, StartSmtp, accept_login, free_port

NOW = datetime(2030, 5, 17, 9, 30, tzinfo=UTC)
CONTEXT = {
    "school_name": "St Bede’s <Primary>",
    "programme_title": "Primary Teaching for Mastery – Development",
    "hub_name": "North West Maths Hub",
    "application_url": "https://mathshubs.example/applications/7",
    "reference": "NCP24-14-0007",
}


def queue(session: Session, to: str = "head@stbedes.example", **context: object) -> OutboxMessage:
    return mail.queue(
        session, to=to, template="place_offered", context={**CONTEXT, **context}, now=NOW
    )


def reloaded(db: Session, message: OutboxMessage) -> OutboxMessage:
    db.refresh(message)  # the sender changed it through its own sessions
    return message


def test_a_due_message_is_sent_once_as_text_and_html(
    db: Session, sender_sessions: sessionmaker[Session], smtp_server: SmtpServer
) -> None:
    message = queue(db)

    report = deliver_due(sender_sessions, smtp_server.settings(), now=NOW)

    assert report == DeliveryReport(sent=1, failed=0)
    [received] = smtp_server.received
    assert received.rcpt_tos == ["head@stbedes.example"]
    assert received.mail_from == "no-reply@mathshubs.invalid"
    email = received.message
    assert email["To"] == "head@stbedes.example"
    assert email["From"] == MAIL_FROM
    assert email["Subject"] == message.subject
    assert email["Subject"].startswith("St Bede’s <Primary> now has a place on")
    assert email["Date"].datetime == NOW
    assert email["Message-ID"] == f"<outbox.{message.id}.20300517093000000000@mathshubs.invalid>"
    assert email.get_content_type() == "multipart/alternative"
    text, html = email.get_body(("plain",)), email.get_body(("html",))
    assert text is not None
    assert html is not None
    assert text.get_content() == message.text_body
    assert html.get_content() == message.html_body
    assert "St Bede’s &lt;Primary&gt;" in html.get_content()

    sent = reloaded(db, message)
    assert (sent.sent_at, sent.attempts, sent.last_error) == (NOW, 1, None)

    # Sent is sent: later rounds leave it alone.
    later = deliver_due(sender_sessions, smtp_server.settings(), now=NOW + timedelta(days=1))
    assert later == DeliveryReport(sent=0, failed=0)
    assert len(smtp_server.received) == 1


def test_a_message_whose_change_rolled_back_is_never_sent(
    sender_sessions: sessionmaker[Session], smtp_server: SmtpServer
) -> None:
    def change_that_fails() -> None:
        with unit_of_work(sender_sessions) as session:
            queue(session)
            raise RuntimeError("the change that caused the email failed")

    with pytest.raises(RuntimeError, match="the change"):
        change_that_fails()

    report = deliver_due(sender_sessions, smtp_server.settings(), now=NOW + timedelta(hours=1))

    assert report == DeliveryReport(sent=0, failed=0)
    assert smtp_server.received == []


def test_a_message_waits_while_the_server_is_down_and_goes_when_it_is_back(
    db: Session, sender_sessions: sessionmaker[Session], start_smtp: StartSmtp
) -> None:
    port = free_port()  # nothing listens here yet
    smtp = SmtpSettings(host="127.0.0.1", port=port, timeout_seconds=5.0, mail_from=MAIL_FROM)
    message = queue(db)

    assert deliver_due(sender_sessions, smtp, now=NOW) == DeliveryReport(sent=0, failed=1)
    waiting = reloaded(db, message)
    assert waiting.sent_at is None
    assert waiting.attempts == 1
    assert waiting.next_attempt_at == NOW + timedelta(minutes=1)
    assert waiting.last_error is not None
    assert "ConnectionRefusedError" in waiting.last_error

    server = start_smtp(port=port)
    # Back up, but the message is not due again until its retry time.
    assert deliver_due(sender_sessions, smtp, now=NOW + timedelta(seconds=59)) == DeliveryReport(
        sent=0, failed=0
    )
    assert server.received == []

    report = deliver_due(sender_sessions, smtp, now=NOW + timedelta(minutes=1))

    assert report == DeliveryReport(sent=1, failed=0)
    assert [r.message["Subject"] for r in server.received] == [message.subject]
    sent = reloaded(db, message)
    assert (sent.sent_at, sent.attempts) == (NOW + timedelta(minutes=1), 2)


def test_each_failure_doubles_the_wait_up_to_the_cap(
    db: Session, sender_sessions: sessionmaker[Session]
) -> None:
    smtp = SmtpSettings(host="127.0.0.1", port=free_port(), mail_from=MAIL_FROM)
    message = queue(db)
    now, waits = NOW, []
    for _ in range(9):
        assert deliver_due(sender_sessions, smtp, now=now) == DeliveryReport(sent=0, failed=1)
        due = reloaded(db, message).next_attempt_at
        waits.append(due - now)
        now = due

    assert [int(wait / timedelta(minutes=1)) for wait in waits] == [1, 2, 4, 8, 16, 32, 60, 60, 60]
    assert message.attempts == 9


@pytest.mark.parametrize(
    ("attempts", "minutes"),
    [(0, 1), (1, 1), (2, 2), (3, 4), (4, 8), (6, 32), (7, 60), (8, 60), (10_000, 60)],
)
def test_retry_delay(attempts: int, minutes: int) -> None:
    assert retry_delay(attempts) == timedelta(minutes=minutes)
    assert retry_delay(attempts) <= MAX_RETRY_DELAY


def test_a_refused_recipient_fails_alone_and_the_batch_goes_on(
    db: Session, sender_sessions: sessionmaker[Session], start_smtp: StartSmtp
) -> None:
    server = start_smtp()
    server.recorder.refused_recipients.add("nobody@stbedes.example")
    first = queue(db, to="a@stbedes.example")
    refused = queue(db, to="nobody@stbedes.example")
    last = queue(db, to="c@stbedes.example")

    report = deliver_due(sender_sessions, server.settings(), now=NOW)

    assert report == DeliveryReport(sent=2, failed=1)
    assert [r.rcpt_tos for r in server.received] == [["a@stbedes.example"], ["c@stbedes.example"]]
    assert reloaded(db, first).sent_at == reloaded(db, last).sent_at == NOW
    failed = reloaded(db, refused)
    assert failed.sent_at is None
    assert failed.next_attempt_at == NOW + timedelta(minutes=1)
    assert failed.last_error == "recipient refused: 550 5.1.1 No such mailbox here"


def test_messages_go_oldest_first_in_batches(
    db: Session, sender_sessions: sessionmaker[Session], smtp_server: SmtpServer
) -> None:
    messages = [queue(db, to=f"school{n}@school.example") for n in range(5)]

    report = deliver_due(sender_sessions, smtp_server.settings(), now=NOW, batch=2)

    assert report == DeliveryReport(sent=5, failed=0)
    assert [r.rcpt_tos[0] for r in smtp_server.received] == [m.to_address for m in messages]


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_the_sender_signs_in_when_given_a_username(
    db: Session, sender_sessions: sessionmaker[Session], start_smtp: StartSmtp
) -> None:
    server = start_smtp(
        authenticator=accept_login("mathshubs", "s3cret"),
        auth_required=True,
        auth_require_tls=False,  # the test server has no certificate
    )
    message = queue(db)

    wrong = deliver_due(
        sender_sessions, server.settings(username="mathshubs", password="wrong"), now=NOW
    )
    assert wrong == DeliveryReport(sent=0, failed=1)
    assert (reloaded(db, message).last_error or "").startswith("535 ")

    later = NOW + timedelta(minutes=1)
    right = server.settings(username="mathshubs", password="s3cret")
    assert deliver_due(sender_sessions, right, now=later) == DeliveryReport(sent=1, failed=0)
    assert len(server.received) == 1


@pytest.fixture
def certificate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, trusted for this test (SSL_CERT_FILE)."""
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command to make a certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1"),
            *("-addext", "subjectAltName=IP:127.0.0.1"),
        ],
        check=True,
        capture_output=True,
        timeout=120,  # killed (SIGKILL) past this, rather than hang the run
    )
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    return cert, key


def test_the_sender_starts_tls_when_told_to(
    db: Session,
    sender_sessions: sessionmaker[Session],
    start_smtp: StartSmtp,
    certificate: tuple[Path, Path],
) -> None:
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls.load_cert_chain(*certificate)
    server = start_smtp(tls_context=tls, require_starttls=True)
    message = queue(db)

    plain = deliver_due(sender_sessions, server.settings(), now=NOW)
    assert plain == DeliveryReport(sent=0, failed=1)
    assert (reloaded(db, message).last_error or "").startswith("530 ")

    later = NOW + timedelta(minutes=1)
    assert deliver_due(sender_sessions, server.settings(starttls=True), now=later) == (
        DeliveryReport(sent=1, failed=0)
    )
    assert len(server.received) == 1


def test_a_batch_over_its_time_limit_gives_back_what_it_did_not_try(
    db: Session,
    sender_sessions: sessionmaker[Session],
    smtp_server: SmtpServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(mail_sender, "BATCH_TIME_LIMIT", timedelta(seconds=-1))
    message = queue(db)

    assert deliver_due(sender_sessions, smtp_server.settings(), now=NOW) == DeliveryReport(0, 0)

    given_back = reloaded(db, message)
    assert (given_back.attempts, given_back.next_attempt_at) == (0, NOW)
    assert smtp_server.received == []


@pytest.fixture
def committed_sessions(engine: Engine) -> Iterator[sessionmaker[Session]]:
    """Real connections and commits, as two sender processes have; the rows deleted after."""
    factory = make_session_factory(engine)
    yield factory
    with unit_of_work(factory) as session:
        session.execute(delete(OutboxMessage))


def test_two_senders_at_once_send_each_message_exactly_once(
    committed_sessions: sessionmaker[Session], smtp_server: SmtpServer
) -> None:
    """On PostgreSQL the claim's FOR UPDATE SKIP LOCKED keeps the senders apart (without it
    this test sends messages twice); SQLite has no row locks, but its claim is one UPDATE that
    takes the database's write lock before reading, so claims there happen one after another."""
    with unit_of_work(committed_sessions) as session:
        for n in range(20):
            queue(session, to=f"school{n}@school.example")
    smtp_server.recorder.delay_seconds = 0.02  # so that the two senders' batches interleave
    start = threading.Barrier(2)
    reports: list[DeliveryReport] = []

    def sender() -> None:
        start.wait()
        reports.append(deliver_due(committed_sessions, smtp_server.settings(), now=NOW, batch=3))

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    delivered = Counter(r.rcpt_tos[0] for r in smtp_server.received)
    assert delivered == Counter(f"school{n}@school.example" for n in range(20))
    assert len(reports) == 2
    assert sum(report.sent for report in reports) == 20
    assert all(report.sent > 0 for report in reports)  # both took a share
    with committed_sessions() as session:
        rows = session.scalars(select(OutboxMessage)).all()
        assert [(row.sent_at, row.attempts) for row in rows] == [(NOW, 1)] * 20
