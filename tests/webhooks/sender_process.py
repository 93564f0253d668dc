"""One webhook sender in a process of its own, as `mathshubs send-webhooks` runs on each
machine: its own engine and connections, and a client that trusts the tests' authority."""

from __future__ import annotations

import ssl
from datetime import datetime
from multiprocessing.connection import Connection
from multiprocessing.synchronize import Barrier

from api.persistence.database import make_engine, make_session_factory
from api.services.webhook_sender import SenderSettings, deliver_due, http_client


def send_due(
    database_url: str, ca_pem: bytes, at: datetime, start: Barrier, report: Connection
) -> None:
    engine = make_engine(database_url)
    tls = ssl.create_default_context(cadata=ca_pem.decode())
    settings = SenderSettings(base_url="https://mathshubs.example", allow_private=True)
    try:
        with http_client(verify=tls) as http:
            start.wait(timeout=120)  # both ready: the two claim the same rows at once
            delivered = deliver_due(make_session_factory(engine), http, settings, now=at, batch=3)
        report.send(delivered.delivered)
    finally:
        engine.dispose()
