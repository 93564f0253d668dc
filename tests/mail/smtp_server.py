"""A real SMTP server in the test process (aiosmtpd) that keeps what it receives, parsed back
into `EmailMessage`s, so that the tests read exactly what a mail program would get."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any, cast

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword
from aiosmtpd.smtp import Session as SmtpSession

from api.services.mail_sender import SmtpSettings

MAIL_FROM = "Maths Hubs Programmes <no-reply@mathshubs.invalid>"


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage


@dataclass
class Recorder:
    """An aiosmtpd handler that keeps every message and refuses the addresses it is told to."""

    received: list[Received] = field(default_factory=list)
    refused_recipients: set[str] = field(default_factory=set)
    delay_seconds: float = 0.0

    async def handle_RCPT(  # noqa: N802 (aiosmtpd's hook names)
        self,
        server: SMTP,
        session: SmtpSession,
        envelope: Envelope,
        address: str,
        rcpt_options: list[str],
    ) -> str:
        if address in self.refused_recipients:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(  # noqa: N802
        self, server: SMTP, session: SmtpSession, envelope: Envelope
    ) -> str:
        await asyncio.sleep(self.delay_seconds)
        # SMTP carries lines ending CRLF; read them as a mail program does, as plain lines.
        content = cast(bytes, envelope.original_content).replace(b"\r\n", b"\n")
        message = message_from_bytes(content, policy=policy.default)
        self.received.append(Received(str(envelope.mail_from), list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


@dataclass
class SmtpServer:
    port: int
    recorder: Recorder
    controller: Controller

    @property
    def received(self) -> list[Received]:
        return self.recorder.received

    def settings(self, **changes: Any) -> SmtpSettings:
        return SmtpSettings(
            host="127.0.0.1", port=self.port, timeout_seconds=5.0, mail_from=MAIL_FROM, **changes
        )


StartSmtp = Callable[..., SmtpServer]


def free_port() -> int:
    """A port nothing listens on (the operating system's choice, closed again at once)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def accept_login(username: str, password: str) -> Callable[..., AuthResult]:
    def authenticate(
        server: SMTP, session: SmtpSession, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        ok = isinstance(data, LoginPassword) and (data.login, data.password) == (
            username.encode(),
            password.encode(),
        )
        return AuthResult(success=ok, handled=False)

    return authenticate
