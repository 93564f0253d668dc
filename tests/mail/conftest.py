"""Fixtures for the email tests: real SMTP servers, and sessions for the sender."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy.orm import Session, sessionmaker

from tests.mail.smtp_server import Recorder, SmtpServer, StartSmtp, free_port


@pytest.fixture
def start_smtp() -> Iterator[StartSmtp]:
    """Start SMTP servers (on a given port, to bring a 'down' server back), stopped after."""
    started: list[Controller] = []

    def start(*, port: int | None = None, **smtp_parameters: Any) -> SmtpServer:
        recorder = Recorder()
        chosen = port or free_port()
        controller = Controller(recorder, hostname="127.0.0.1", port=chosen, **smtp_parameters)
        controller.start()
        started.append(controller)
        return SmtpServer(port=chosen, recorder=recorder, controller=controller)

    yield start
    for controller in started:
        controller.stop()


@pytest.fixture
def smtp_server(start_smtp: StartSmtp) -> SmtpServer:
    return start_smtp()


@pytest.fixture
def sender_sessions(db: Session) -> sessionmaker[Session]:
    """Sessions for the sender on the test's own connection and transaction.

    The sender opens and commits its own sessions; here each of those commits releases a
    savepoint inside the test's transaction, which is rolled back at the end like every other
    test's. The SQL is the same as in production; what a shared connection cannot show (two
    senders and their locks) is tested with real connections and commits instead.
    """
    return sessionmaker(bind=db.connection(), join_transaction_mode="create_savepoint")
