"""An outbox message's attachments go with it: a session notice's invitation arrives as a
text/calendar part that keeps its METHOD, and parses back with an iCalendar parser."""

from __future__ import annotations

from datetime import UTC, datetime

import icalendar
from sqlalchemy.orm import Session, sessionmaker

from api.services import mail
from api.services.mail_sender import DeliveryReport, deliver_due
from tests.mail.smtp_server import SmtpServer

NOW = datetime(2030, 5, 17, 9, 30, tzinfo=UTC)


def _invitation(method: str) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//test//EN")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    event = icalendar.Event()
    event.add("uid", "session-7@mathshubs")
    event.add("sequence", 3)
    event.add("dtstamp", NOW)
    event.add("dtstart", datetime(2030, 6, 3, 13, 30, tzinfo=UTC))
    event.add("dtend", datetime(2030, 6, 3, 16, 0, tzinfo=UTC))
    event.add("summary", "Leeds group: TRG meeting 2")
    calendar.add_component(event)
    return bytes(calendar.to_ical())


def test_attachments_are_delivered_and_parse_back(
    db: Session, sender_sessions: sessionmaker[Session], smtp_server: SmtpServer
) -> None:
    plain = mail.queue(
        db,
        to="nobody@school.example",
        template="place_offered",
        context={
            "school_name": "St Bede’s",
            "programme_title": "Primary Development",
            "hub_name": "North Maths Hub",
            "application_url": "https://mathshubs.example/applications/7",
            "reference": "NCP24-14-0007",
        },
        now=NOW,
    )
    mail.queue(
        db,
        to="pat@school.example",
        template="session_cancelled",
        context={
            "session_title": "TRG meeting 2",
            "group_name": "Leeds group",
            "programme_title": "Primary Development",
            "hub_name": "North Maths Hub",
            "calendar_url": "https://mathshubs.example/calendar",
            "when": "Monday 3 June 2030, 1:30pm to 4pm",
            "reason": "Snow",
            "reason_for_email": "you take part in Leeds group",
        },
        now=NOW,
        about=mail.About("session", 7),
        attachments=[
            mail.Attachment("cancel.ics", "text/calendar; method=CANCEL", _invitation("CANCEL"))
        ],
    )

    assert deliver_due(sender_sessions, smtp_server.settings(), now=NOW) == DeliveryReport(2, 0)

    without, notice = (r.message for r in smtp_server.received)
    assert without.get_content_type() == "multipart/alternative"  # as before: no attachment
    assert without["Subject"] == plain.subject
    assert notice.get_content_type() == "multipart/mixed"
    assert notice.get_body(("plain",)) is not None
    [part] = list(notice.iter_attachments())
    assert part.get_content_type() == "text/calendar"
    assert part.get_param("method") == "CANCEL"
    assert part.get_filename() == "cancel.ics"
    parsed = icalendar.Calendar.from_ical(part.get_content())
    assert parsed["METHOD"] == "CANCEL"
    [event] = parsed.walk("VEVENT")
    assert (str(event["UID"]), event["SEQUENCE"]) == ("session-7@mathshubs", 3)
    assert event.decoded("DTSTART") == datetime(2030, 6, 3, 13, 30, tzinfo=UTC)
