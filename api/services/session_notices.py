"""Tell a group's participants and the host school that a session moved or was cancelled.

Queued in the transaction of the change (api.services.mail), each with an iCalendar attachment
that calendar programs apply to the event they already have: METHOD:REQUEST with the new times,
or METHOD:CANCEL, under the UID the timetable feeds use and the session's new SEQUENCE."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

import icalendar
from sqlalchemy.orm import Session

from api.domain.wording import format_date
from api.domain.work_groups import MeetingKind, SessionStatus, local
from api.persistence import applications_repository, catalogue_repository, schools_repository
from api.persistence import work_groups_repository as repo
from api.persistence.models import WorkGroup, WorkGroupSession
from api.services import mail
from api.services.timetable import KIND_LABELS, PRODID, uid

HEAD_TEACHER = "head_teacher"


@dataclass(frozen=True)
class Before:
    """What the session was before the change, for the words of the notice."""

    on: date
    starts: time
    ends: time
    host_urn: str | None
    online_url: str | None


def clock_time(at: time) -> str:
    """1:30pm, 10am, midday (as the SPA says times)."""
    if at.minute == 0 and at.hour in (0, 12):
        return "midnight" if at.hour == 0 else "midday"
    hour = at.hour % 12 or 12
    minutes = f":{at.minute:02d}" if at.minute else ""
    return f"{hour}{minutes}{'am' if at.hour < 12 else 'pm'}"


def when(on: date, starts: time, ends: time) -> str:
    return f"{format_date(on)}, {clock_time(starts)} to {clock_time(ends)}"


def _where(session: Session, host_urn: str | None, online_url: str | None) -> str:
    """The place in words: the host school with its address, or the online link."""
    if host_urn is None:
        return f"online at {online_url}"
    found = schools_repository.get_school(session, host_urn)
    if not found:
        return f"school URN {host_urn}"
    school = found[0]
    address = [part for part in (school.street, school.town, school.postcode) if part]
    return ", ".join([school.name, *address])


def _place(session: Session, host_urn: str | None, online_url: str | None) -> str:
    if host_urn is None:
        return f"Online: {online_url}"
    return "At " + _where(session, host_urn, online_url)


def _changes(session: Session, before: Before, row: WorkGroupSession) -> list[str]:
    lines = []
    if before.on != row.on:
        lines.append(f"Date: was {format_date(before.on)}, now {format_date(row.on)}")
    if (before.starts, before.ends) != (row.start_time, row.end_time):
        lines.append(
            f"Time: was {clock_time(before.starts)} to {clock_time(before.ends)}, "
            f"now {clock_time(row.start_time)} to {clock_time(row.end_time)}"
        )
    if before.host_urn != row.host_school_urn:
        was = _where(session, before.host_urn, before.online_url)
        now = _where(session, row.host_school_urn, row.online_url)
        # Names keep their capitals: "Place: was St Bede's …, now Meadow Primary Academy, …".
        lines.append(f"Place: was {was}, now {now}")
    elif before.online_url != row.online_url:
        lines.append(f"Online link: now {row.online_url or 'none'}")
    return lines


def recipients(session: Session, group: WorkGroup, host_urns: set[str]) -> dict[str, str]:
    """Each address to tell, with why it is told: the group's participants, then the host
    school's contacts (its school contact accounts and its head teacher's people record)."""
    found: dict[str, str] = {}
    for person in repo.participants(session, group.id):
        found.setdefault(person.email.lower(), f"you take part in {group.name}")
    for urn in sorted(u for u in host_urns if u):
        school = schools_repository.get_school(session, urn)
        name = school[0].name if school else f"school URN {urn}"
        reason = f"you’re a contact for {name}, which hosts a session of {group.name}"
        for user in applications_repository.school_contacts(session, urn):
            found.setdefault(user.email.lower(), reason)
        for person in repo.people_at_school(session, urn):
            if HEAD_TEACHER in person.roles:
                found.setdefault(person.email.lower(), reason)
    return found


def invitation(
    session: Session, row: WorkGroupSession, group: WorkGroup, *, method: str, now: datetime
) -> bytes:
    """One VEVENT under METHOD:REQUEST or METHOD:CANCEL, with the feeds' UID and SEQUENCE."""
    programme = catalogue_repository.get_programme(session, group.programme_id)
    hub = catalogue_repository.get_hub(session, group.hub_id)
    lead = schools_repository.get_person(session, group.lead_person_id)
    feed = icalendar.Calendar()
    feed.add("prodid", PRODID)
    feed.add("version", "2.0")
    feed.add("method", method)
    event = icalendar.Event()
    event.add("uid", uid(row.id))
    event.add("sequence", row.sequence)
    event.add("dtstamp", now.astimezone(UTC))
    event.add("dtstart", local(row.on, row.start_time))
    event.add("dtend", local(row.on, row.end_time))
    kind = KIND_LABELS[MeetingKind(row.kind)]
    event.add("summary", f"{group.name}: {kind} {row.number}")
    title = programme.title if programme else group.name
    event.add("description", f"{title}, {hub.name if hub else group.hub_id}.")
    event.add("location", _place(session, row.host_school_urn, row.online_url).removeprefix("At "))
    if row.online_url is not None:
        event.add("url", row.online_url)
    if lead is not None:
        organizer = icalendar.vCalAddress(f"mailto:{lead.email}")
        organizer.params["cn"] = icalendar.vText(lead.name)
        event.add("organizer", organizer)
    cancelled = method == "CANCEL" or row.status == SessionStatus.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    feed.add_component(event)
    feed.add_missing_timezones()
    return bytes(feed.to_ical())


def notify(
    session: Session,
    row: WorkGroupSession,
    group: WorkGroup,
    *,
    before: Before,
    now: datetime,
    base_url: str,
) -> int:
    """Queue the notice of a change (REQUEST) or of a cancellation (CANCEL) to everyone it
    concerns; the number of messages queued."""
    cancelled = row.status == SessionStatus.CANCELLED
    method = "CANCEL" if cancelled else "REQUEST"
    programme = catalogue_repository.get_programme(session, group.programme_id)
    hub = catalogue_repository.get_hub(session, group.hub_id)
    ics = invitation(session, row, group, method=method, now=now)
    attachment = mail.Attachment(
        filename="cancel.ics" if cancelled else "invite.ics",
        content_type=f"text/calendar; method={method}; charset=utf-8",
        content=ics,
    )
    kind = KIND_LABELS[MeetingKind(row.kind)]
    context: dict[str, object] = {
        "session_title": f"{kind} {row.number}",
        "group_name": group.name,
        "programme_title": programme.title if programme else group.name,
        "hub_name": hub.name if hub else group.hub_id,
        "calendar_url": f"{base_url.rstrip('/')}/calendar",
    }
    if cancelled:
        template = "session_cancelled"
        context |= {
            "when": when(before.on, before.starts, before.ends),
            "reason": row.cancellation_reason or "none given",
        }
    else:
        template = "session_changed"
        context |= {
            "when": when(row.on, row.start_time, row.end_time),
            "place": _place(session, row.host_school_urn, row.online_url),
            "changes": _changes(session, before, row),
        }
    hosts = {u for u in (before.host_urn, row.host_school_urn) if u is not None}
    told = recipients(session, group, hosts)
    for to, why in sorted(told.items()):
        mail.queue(
            session,
            to=to,
            template=template,
            context={**context, "reason_for_email": why},
            now=now,
            about=mail.About("session", row.id),
            attachments=[attachment],
        )
    return len(told)
