"""Private calendar feeds: one school's or one person's sessions at an unguessable URL that
a calendar can subscribe to without signing in. Only the token's hash is kept; asking for the
feed again resets it, and the old URL stops working at once."""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy.orm import Session

from api.domain.access import Principal, Role
from api.errors import BadField, Forbidden, InvalidFields, NotFound
from api.persistence import schools_repository
from api.persistence import work_groups_repository as repo
from api.persistence.models import CalendarFeed, utc_now
from api.persistence.work_groups_repository import TimetableFilters
from api.schemas import work_groups as schemas
from api.services import audit, participations, timetable, versioned

PATH = "/api/v1/calendar-feeds/{token}.ics"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _may_issue(session: Session, actor: Principal, data: schemas.CalendarFeedRequest) -> str:
    """The feed's subject, if the actor may have its feed: hub staff for their hub's people;
    hub staff and Mastery Specialists for any school (its timetable is public; the feed adds
    addresses and links); a school contact for their school; anyone for their own record."""
    if data.urn is not None:
        if schools_repository.get_school(session, data.urn) is None:
            raise InvalidFields(
                [BadField("body", "/urn", f"There is no school with URN {data.urn}")]
            )
        works_for_hub = actor.hub_id is not None and (
            actor.runs_hub(actor.hub_id) or actor.role == Role.MASTERY_SPECIALIST
        )
        if not (actor.is_national or works_for_hub or actor.school_urn == data.urn):
            raise Forbidden(f"You may subscribe to your own school's sessions, not {data.urn}'s.")
        return participations.school_subject(data.urn)
    person = schools_repository.get_person(session, data.person_id or 0)
    if person is None:
        raise InvalidFields(
            [BadField("body", "/person_id", f"There is no person {data.person_id}")]
        )
    own = actor.kind == "user" and repo.user_email(session, actor.id) == person.email
    if not (own or actor.runs_hub(person.hub_id)):
        raise Forbidden("You may subscribe to your own sessions, or your hub's people's.")
    return participations.person_subject(person.id)


def issue(
    session: Session, data: schemas.CalendarFeedRequest, *, actor: Principal, base_url: str
) -> schemas.CalendarFeed:
    subject = _may_issue(session, actor, data)
    token = secrets.token_urlsafe(32)
    feed = repo.feed_of_subject(session, subject)
    reset = feed is not None
    if feed is None:
        feed = CalendarFeed(
            subject=subject, school_urn=data.urn, person_id=data.person_id, token_hash=_hash(token)
        )
        repo.add(session, feed)
    else:
        feed.token_hash = _hash(token)
        feed.created_at = utc_now()
        session.flush()
    audit.record(
        session,
        actor,
        action="reset" if reset else "create",
        resource_type="calendar_feed",
        resource_id=feed.id,
        hub_id=actor.hub_id,
        before=None,
        after={"subject": subject},
    )
    return schemas.CalendarFeed(
        urn=feed.school_urn,
        person_id=feed.person_id,
        url=base_url.rstrip("/") + PATH.format(token=token),
        created_at=feed.created_at,
    )


def subscription(session: Session, token: str) -> tuple[CalendarFeed, TimetableFilters]:
    feed = repo.feed_by_token_hash(session, _hash(token))
    if feed is None:
        raise NotFound("There is no calendar feed at this address; it may have been reset.")
    if feed.school_urn is not None:
        return feed, TimetableFilters(urn=feed.school_urn)
    return feed, TimetableFilters(person_id=feed.person_id)


def render(
    session: Session,
    feed: CalendarFeed,
    filters: TimetableFilters,
    current: versioned.Current,
) -> versioned.Rendered:
    if feed.school_urn is not None:
        found = schools_repository.get_school(session, feed.school_urn)
        name = f"Maths Hubs sessions: {found[0].name if found else feed.school_urn}"
    else:
        person = schools_repository.get_person(session, feed.person_id or 0)
        name = f"Maths Hubs sessions: {person.name if person else 'yours'}"
    return timetable.calendar(session, filters, current=current, name=name, private=True)
