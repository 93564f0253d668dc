"""Queue an email from a template, in the transaction of the change that caused it.

The message is only a row in the outbox until that transaction commits; if the change fails
and rolls back, the email goes with it. `mail_sender` delivers committed messages later.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import NoReturn

from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateNotFound,
    UndefinedError,
    select_autoescape,
)
from sqlalchemy.orm import Session

from api.domain.wording import counted, format_date
from api.persistence import outbox_repository as repo
from api.persistence.models import OutboxAttachment, OutboxMessage, utc_now

SERVICE_NAME = "Maths Hubs Programmes"
TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "mail"

# Matches the column; a longer subject is cut rather than failing the change it belongs to.
_SUBJECT_MAX = 300
_TEMPLATE_NAME = re.compile(r"[a-z][a-z0-9_]*")
# One bare address, nothing that could break the To header (the API validates addresses).
_ADDRESS = re.compile(r"[^@\s<>,;]+@[^@\s<>,;]+")


@dataclass(frozen=True)
class Attachment:
    """A file sent with a message, such as a session notice's `invite.ics`."""

    filename: str
    content_type: str  # such as "text/calendar; method=REQUEST"
    content: bytes


@dataclass(frozen=True)
class About:
    """The record a message is about, so that its page can show the message's status."""

    type: str  # "application", "session"
    id: int


class MailTemplateError(ValueError):
    """An email template that does not exist, or a context it cannot be rendered with."""


def _date(value: object) -> str:
    if not isinstance(value, date):
        raise MailTemplateError(f"expected a date, got {value!r}")
    return format_date(value)


def _invalid(what: str, value: object) -> NoReturn:
    # Called from a template's last {% else %}, so that an unknown choice fails loudly.
    raise MailTemplateError(f"unknown {what} {value!r}")


def _environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        # Names come from users (a school called "St Bede’s <Primary>"): escape them in HTML;
        # the subject and the plain text are not HTML, so they stay as written.
        autoescape=select_autoescape(enabled_extensions=("html",), default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["date"] = _date
    environment.filters["counted"] = counted
    environment.globals["service_name"] = SERVICE_NAME
    environment.globals["invalid"] = _invalid
    return environment


_templates = _environment()


def template_names() -> list[str]:
    """Every message that can be queued (each has a subject, a text and an HTML template)."""
    return sorted(
        path.name.removesuffix(".subject.txt") for path in TEMPLATES.glob("*.subject.txt")
    )


def queue(
    session: Session,
    *,
    to: str,
    template: str,
    context: Mapping[str, object],
    now: datetime | None = None,
    about: About | None = None,
    attachments: Sequence[Attachment] = (),
) -> OutboxMessage:
    """Render the template and add the message to the outbox; the caller's transaction sends
    it (by committing) or drops it (by rolling back). `about` names the record the message is
    about; `attachments` go with it."""
    if not _ADDRESS.fullmatch(to):  # refused now, rather than retried for ever by the sender
        raise ValueError(f"{to!r} is not an email address")
    subject, text_body, html_body = render(template, context)
    at = now or utc_now()
    message = repo.add(
        session,
        OutboxMessage(
            to_address=to,
            subject=subject,
            text_body=text_body,
            html_body=html_body,
            template=template,
            created_at=at,
            next_attempt_at=at,
            attempts=0,
            about_type=about.type if about else None,
            about_id=about.id if about else None,
        ),
    )
    for attachment in attachments:
        repo.add_attachment(
            session,
            OutboxAttachment(
                message_id=message.id,
                filename=attachment.filename,
                content_type=attachment.content_type,
                content=attachment.content,
            ),
        )
    return message


def render(template: str, context: Mapping[str, object]) -> tuple[str, str, str]:
    """Subject, plain-text body and HTML body of a message."""
    if not _TEMPLATE_NAME.fullmatch(template):
        raise MailTemplateError(f"{template!r} is not an email template name")
    try:
        values = dict(context)
        # A header is one line: collapse whatever whitespace the names brought with them.
        subject = " ".join(_render(f"{template}.subject.txt", values).split())
        if len(subject) > _SUBJECT_MAX:
            subject = subject[: _SUBJECT_MAX - 1] + "…"
        text_body = _render(f"{template}.txt", values)
        html_body = _render(f"{template}.html", {**values, "subject": subject})
    except TemplateNotFound as exc:
        raise MailTemplateError(
            f"no email template {template!r} ({exc.name} is missing); "
            f"the templates are: {', '.join(template_names())}"
        ) from exc
    except UndefinedError as exc:
        raise MailTemplateError(f"email template {template!r}: {exc.message}") from exc
    except MailTemplateError as exc:
        raise MailTemplateError(f"email template {template!r}: {exc}") from exc
    return subject, _tidy(text_body), html_body.strip() + "\n"


def _tidy(text: str) -> str:
    # Optional paragraphs leave runs of blank lines behind; one blank line between paragraphs.
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)) + "\n"


def _render(name: str, context: Mapping[str, object]) -> str:
    return _templates.get_template(name).render(context)
