"""Fixtures for the webhook tests: a real HTTPS receiver with a test certificate authority,
a client that trusts it, and sessions for the sender."""

from __future__ import annotations

import ssl
from collections.abc import Iterator

import httpx
import pytest
import trustme
from sqlalchemy.orm import Session, sessionmaker

from api.services.webhook_sender import http_client
from tests.webhooks.receiver import Receiver


@pytest.fixture(scope="session")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def receiver(ca: trustme.CA) -> Iterator[Receiver]:
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(tls)
    started = Receiver(tls).start()
    yield started
    started.stop()


@pytest.fixture
def http(ca: trustme.CA) -> Iterator[httpx.Client]:
    """The sender's own client, trusting the test authority as a real one trusts the public."""
    tls = ssl.create_default_context()
    ca.configure_trust(tls)
    with http_client(verify=tls) as client:
        yield client


@pytest.fixture
def sender_sessions(db: Session) -> sessionmaker[Session]:
    """The sender's sessions on the test's connection: its commits release savepoints inside
    the test's transaction (as tests/mail/conftest.py explains)."""
    return sessionmaker(bind=db.connection(), join_transaction_mode="create_savepoint")
