"""The title of a record an audit event is about, read when the event is written.

The log keeps the title as it was, so an event still reads "Session 3 of Year 5 Fractions"
after the group is renamed or the record is gone, and reading ten years of the log joins
nothing. Each title is at most a few primary-key reads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.persistence.models import (
    ApiKey,
    Application,
    CalendarFeed,
    GrantClaim,
    GrantEntitlement,
    GrantStatement,
    Hub,
    Invitation,
    Participation,
    Person,
    Programme,
    School,
    UserAccount,
    WebhookEndpoint,
    WorkGroup,
    WorkGroupSession,
)

TITLE_LENGTH = 300


def _int(value: str) -> int | None:
    return int(value) if value.isdigit() else None


def programme_title(programme: Programme) -> str:
    return f"{programme.title} ({programme.code})" if programme.code else programme.title


def _programme(session: Session, key: str) -> str | None:
    row = session.get(Programme, _int(key)) if _int(key) is not None else None
    return programme_title(row) if row else None


def _school_name(session: Session, urn: str | None) -> str:
    school = session.get(School, urn) if urn else None
    return school.name if school else f"School {urn}"


def _application(session: Session, key: str) -> str | None:
    row = session.get(Application, _int(key)) if _int(key) is not None else None
    if row is None:
        return None
    programme = session.get(Programme, row.programme_id)
    what = programme_title(programme) if programme else f"programme {row.programme_id}"
    return f"{_school_name(session, row.school_urn)}'s application to {what}"


def _session_title(session: Session, key: str) -> str | None:
    row = session.get(WorkGroupSession, _int(key)) if _int(key) is not None else None
    if row is None:
        return None
    group = session.get(WorkGroup, row.work_group_id)
    return f"Session {row.number} of {group.name if group else 'a Work Group'}"


def _register(session: Session, key: str) -> str | None:
    title = _session_title(session, key)
    return f"Register of {title[0].lower()}{title[1:]}" if title else None


def _work_group(session: Session, key: str) -> str | None:
    row = session.get(WorkGroup, _int(key)) if _int(key) is not None else None
    return row.name if row else None


def _person(session: Session, key: str) -> str | None:
    row = session.get(Person, _int(key)) if _int(key) is not None else None
    return row.name if row else None


def _user(session: Session, key: str) -> str | None:
    row = session.get(UserAccount, _int(key)) if _int(key) is not None else None
    return f"{row.name}'s account" if row else None


def _invitation(session: Session, key: str) -> str | None:
    row = session.get(Invitation, _int(key)) if _int(key) is not None else None
    return f"Invitation to {row.name}" if row else None


def _api_key(session: Session, key: str) -> str | None:
    row = session.get(ApiKey, _int(key)) if _int(key) is not None else None
    return f"API key “{row.name}”" if row else None


def _webhook_endpoint(session: Session, key: str) -> str | None:
    row = session.get(WebhookEndpoint, _int(key)) if _int(key) is not None else None
    return f"Webhook endpoint {row.url}" if row else None


def _subject(session: Session, school_urn: str | None, person_id: int | None) -> str:
    if person_id is not None:
        person = session.get(Person, person_id)
        return person.name if person else f"Person {person_id}"
    return _school_name(session, school_urn)


def _participation(session: Session, key: str) -> str | None:
    row = session.get(Participation, _int(key)) if _int(key) is not None else None
    if row is None:
        return None
    programme = session.get(Programme, row.programme_id) if row.programme_id else None
    what = programme.title if programme else row.programme_type.replace("_", " ").capitalize()
    return f"{_subject(session, row.school_urn, row.person_id)} in {what} ({row.academic_year_id})"


def _calendar_feed(session: Session, key: str) -> str | None:
    row = session.get(CalendarFeed, _int(key)) if _int(key) is not None else None
    if row is None:
        return None
    return f"Calendar feed of {_subject(session, row.school_urn, row.person_id)}"


def _hub_name(session: Session, hub_id: str) -> str:
    hub = session.get(Hub, hub_id)
    return hub.name if hub else hub_id


def _terms(session: Session, key: str) -> str | None:
    hub_id, _, year = key.partition("/")
    return f"Term dates of {_hub_name(session, hub_id)}, {year}" if year else None


def _coverage(session: Session, key: str) -> str | None:
    return f"Local authorities of {_hub_name(session, key)}"


def _grant_statement(session: Session, key: str) -> str | None:
    row = session.get(GrantStatement, _int(key)) if _int(key) is not None else None
    if row is None:
        return None
    year, _, month = row.month.partition("-")
    named = date(int(year), int(month), 1).strftime("%B %Y")
    return f"Statement for {named}, {_hub_name(session, row.hub_id)}"


def _school(session: Session, key: str) -> str | None:
    row = session.get(School, key)
    return row.name if row else None


def _grant_claim(session: Session, key: str) -> str | None:
    row = session.get(GrantClaim, _int(key)) if _int(key) is not None else None
    if row is None:
        return None
    entitlement = session.get(GrantEntitlement, row.entitlement_id)
    what = entitlement.purpose if entitlement else "a grant"
    return f"Claim {row.reference}: {_school_name(session, row.school_urn)}, {what}"


_TITLES: dict[str, Callable[[Session, str], str | None]] = {
    "programme": _programme,
    "application": _application,
    "session": _session_title,
    "session_attendance": _register,
    "work_group": _work_group,
    "person": _person,
    "user": _user,
    "invitation": _invitation,
    "api_key": _api_key,
    "webhook_endpoint": _webhook_endpoint,
    "participation": _participation,
    "calendar_feed": _calendar_feed,
    "hub_terms": _terms,
    "hub_local_authorities": _coverage,
    "grant_statement": _grant_statement,
    "school": _school,
    "grant_claim": _grant_claim,
    "school_import": lambda _s, _k: "Schools register (GIAS) import",
    "participation_import": lambda _s, _k: "Past participations import",
}


def title_of(session: Session, resource_type: str, resource_id: str) -> str | None:
    """The record's title in words, or None for a kind of record without one."""
    titled = _TITLES.get(resource_type)
    title = titled(session, resource_id) if titled else None
    return title[:TITLE_LENGTH] if title else None


def person_names(session: Session, ids: Iterable[int]) -> dict[int, str]:
    """People's names by id, for changes keyed by person (a register)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = session.execute(select(Person.id, Person.name).where(Person.id.in_(wanted)))
    return {row.id: row.name for row in rows}
