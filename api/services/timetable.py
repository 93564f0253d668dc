"""The public timetable: sessions across groups as JSON pages and as an iCalendar feed.

Other systems poll it, so each answer is kept in this process by (data version, filters): see
api/services/versioned.py."""

from __future__ import annotations

from datetime import UTC, datetime

import icalendar
from sqlalchemy.orm import Session

from api.domain.work_groups import LONDON, MeetingKind, SessionStatus, local
from api.errors import BadField, InvalidFields
from api.persistence import work_groups_repository as repo
from api.persistence.work_groups_repository import TimetableFilters, TimetableRow
from api.schemas import work_groups as schemas
from api.schemas.common import Page
from api.services import paging
from api.services.kept_answers import KeptAnswers
from api.services.versioned import Current, Rendered, kept

PRODID = "-//England's Maths Hubs//Teaching for Mastery timetable//EN"
UID_DOMAIN = "mathshubs"
CACHE_SIZE = 256
# A hub's ten years come to about 750 sessions; a feed of the whole country (30,000) would take
# seconds to render after every change, and no calendar wants it.
MAX_FEED_EVENTS = 5_000


CACHE: KeptAnswers[Rendered] = KeptAnswers(CACHE_SIZE)


def uid(session_id: int) -> str:
    return f"session-{session_id}@{UID_DOMAIN}"


# The filters are a frozen dataclass: hashable and compared by value as they are.
def json_key(filters: TimetableFilters, cursor: str | None, limit: int) -> tuple[object, ...]:
    return (filters, cursor, limit)


def ics_key(filters: TimetableFilters) -> tuple[object, ...]:
    return (filters,)


def page(
    session: Session,
    filters: TimetableFilters,
    *,
    cursor: str | None,
    limit: int,
    current: Current,
) -> Rendered:
    """One page; `current` is what versioned.current_etag answered for this request."""

    def render() -> bytes:
        last = paging.after(cursor, str, int)
        after = None
        if last is not None:
            try:
                after = (datetime.fromisoformat(last[0]).astimezone(UTC), int(last[1]))
            except ValueError as exc:
                raise InvalidFields(
                    [BadField("query", "/cursor", "The cursor is not one this API gave out.")]
                ) from exc
        rows = repo.timetable(session, filters, after=after, limit=limit + 1)
        items, next_cursor = paging.page(
            rows, limit, lambda row: (row[0].starts_at.isoformat(), row[0].id)
        )
        return (
            Page[schemas.TimetableEntry](
                items=[entry(row) for row in items], next_cursor=next_cursor
            )
            .model_dump_json()
            .encode()
        )

    return kept(CACHE, current, render)


def entry(row: TimetableRow) -> schemas.TimetableEntry:
    sess, group, programme, hub, school = row
    return schemas.TimetableEntry(
        uid=uid(sess.id),
        session_id=sess.id,
        work_group_id=group.id,
        work_group_name=group.name,
        programme_id=programme.id,
        programme_title=programme.title,
        hub_id=hub.id,
        hub_name=hub.name,
        academic_year=group.academic_year_id,
        kind=MeetingKind(sess.kind),
        number=sess.number,
        status=SessionStatus(sess.status),
        sequence=sess.sequence,
        date=sess.on,
        start_time=sess.start_time,
        end_time=sess.end_time,
        timezone=sess.timezone,
        starts_at_local=local(sess.on, sess.start_time),
        ends_at_local=local(sess.on, sess.end_time),
        starts_at=sess.starts_at,
        ends_at=sess.ends_at,
        host=(
            schemas.HostSchool(urn=school.urn, name=school.name, town=school.town)
            if school is not None
            else None
        ),
        online=sess.online_url is not None,
        updated_at=sess.updated_at,
    )


KIND_LABELS = {
    MeetingKind.TRG_MEETING: "TRG meeting",
    MeetingKind.WORKSHOP: "Workshop",
    MeetingKind.SCHOOL_VISIT: "School visit",
    MeetingKind.HEAD_TEACHER_UPDATE: "Head teacher update",
    MeetingKind.COLLABORATIVE_PLANNING: "Collaborative planning",
}


def calendar(
    session: Session,
    filters: TimetableFilters,
    *,
    current: Current,
    name: str = "Maths Hubs sessions",
    private: bool = False,
) -> Rendered:
    """Every matching session as one iCalendar feed, with Europe/London and its VTIMEZONE.
    A private feed also carries the host's address and the online link."""

    def render() -> bytes:
        feed = icalendar.Calendar()
        feed.add("prodid", PRODID)
        feed.add("version", "2.0")
        feed.add("calscale", "GREGORIAN")
        feed.add("x-wr-calname", name)
        feed.add("x-wr-timezone", LONDON.key)
        rows = repo.timetable(session, filters, after=None, limit=MAX_FEED_EVENTS + 1)
        if len(rows) > MAX_FEED_EVENTS:
            raise InvalidFields(
                [
                    BadField(
                        "query",
                        "/hub",
                        f"This feed would hold more than {MAX_FEED_EVENTS:,} sessions; narrow it "
                        "with hub, academic_year, work_group, urn, from or to",
                    )
                ]
            )
        for row in rows:
            feed.add_component(_event(row, private=private))
        feed.add_missing_timezones()
        return bytes(feed.to_ical())

    return kept(CACHE, current, render)


def _event(row: TimetableRow, *, private: bool) -> icalendar.Event:
    sess, group, programme, hub, school = row
    event = icalendar.Event()
    event.add("uid", uid(sess.id))
    event.add("sequence", sess.sequence)
    event.add("dtstamp", sess.updated_at.astimezone(UTC))
    event.add("last-modified", sess.updated_at.astimezone(UTC))
    event.add("dtstart", local(sess.on, sess.start_time))
    event.add("dtend", local(sess.on, sess.end_time))
    kind = KIND_LABELS[MeetingKind(sess.kind)]
    event.add("summary", f"{group.name}: {kind} {sess.number}")
    event.add(
        "description", f"{programme.title}, {hub.name}. Session {sess.number} of {group.name}."
    )
    if school is not None:
        parts = (
            (school.name, school.street, school.town, school.postcode)
            if private
            else (
                school.name,
                school.town,
            )
        )
        event.add("location", ", ".join(p for p in parts if p))
    elif sess.online_url is not None:
        event.add("location", "Online")
    if private and sess.online_url is not None:
        event.add("url", sess.online_url)
    cancelled = sess.status == SessionStatus.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("categories", [kind])
    return event
