"""A real SMTP server for the browser tests: it accepts every message and writes it to a folder.

Each message becomes one JSON file (written whole, then renamed, so a reader never sees half
of one): the envelope's recipients, the subject, the plain-text body and any attachments,
decoded. The tests read the folder (E2E_MAIL_DIR) to find the links the service emails, as a
person would.

    uv run python frontend/e2e/smtp_sink.py --port 8825 --folder /tmp/mail
"""

from __future__ import annotations

import argparse
import email
import email.policy
import json
import os
import signal
import threading
import time
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller


def plain_text(message: email.message.EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    return part.get_content() if part is not None else ""


def attachments(message: email.message.EmailMessage) -> list[dict[str, str | None]]:
    """Each attached file, decoded as text (the service attaches iCalendar invitations)."""
    found: list[dict[str, str | None]] = []
    for part in message.iter_attachments():
        assert isinstance(part, email.message.EmailMessage)
        content = part.get_content()
        method = part.get_param("method")
        found.append(
            {
                "filename": part.get_filename(),
                "content_type": part.get_content_type(),
                "method": str(method) if method else None,
                "content": content.decode() if isinstance(content, bytes) else str(content),
            }
        )
    return found


class Sink:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802, ANN401
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(message, email.message.EmailMessage)
        record = {
            "from": envelope.mail_from,
            "to": list(envelope.rcpt_tos),
            "subject": str(message.get("Subject", "")),
            "text": plain_text(message),
            "attachments": attachments(message),
            "received_at": time.time(),
        }
        with self.lock:
            self.count += 1
            name = f"{time.time_ns()}-{self.count:05d}.json"
        temporary = self.folder / f".{name}.tmp"
        temporary.write_text(json.dumps(record, indent=2), encoding="utf-8")
        os.replace(temporary, self.folder / name)
        return "250 Message accepted for delivery"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--folder", type=Path, required=True)
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)

    controller = Controller(Sink(args.folder), hostname=args.host, port=args.port)
    controller.start()
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, lambda *_: stop.set())
    print(f"smtp_sink: listening on {args.host}:{args.port}, writing to {args.folder}", flush=True)
    try:
        stop.wait()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
