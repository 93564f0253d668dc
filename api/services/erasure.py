"""Erasing a person by anonymisation: their names, emails and free text are redacted wherever
they are stored, in place, while the records themselves (counts, URNs, attendance, amounts)
stay, so that every report gives the same figures after as before."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from api.domain.access import Principal
from api.domain.privacy import (
    ERASED_NAME,
    REDACTED,
    ClaimFact,
    Redactor,
    erased_email,
    erasure_holds,
)
from api.errors import ErasureRefused, Forbidden
from api.persistence import access_repository, work_groups_repository
from api.persistence import privacy_repository as repo
from api.persistence.models import Person
from api.services import audit, people


@dataclass(frozen=True)
class Erased:
    person: Person
    redacted: dict[str, int]  # rows redacted, by table


def erase(session: Session, person_id: int, *, actor: Principal, now: datetime) -> Erased:
    person = people.get(session, person_id, actor)
    if not actor.runs_hub(person.hub_id):
        raise Forbidden(f"Person {person_id} is recorded by another hub.")
    return erase_person(session, person, actor=actor, now=now)


def holds_on(session: Session, person: Person) -> list[str]:
    claims = [
        ClaimFact(reference=c.reference, status=c.status, school_urn=c.school_urn)
        for c in repo.claims_resting_on(session, person)
    ]
    return [
        h.reason for h in erasure_holds(already_erased=person.erased_at is not None, claims=claims)
    ]


def erase_person(
    session: Session, person: Person, *, actor: Principal | None, now: datetime
) -> Erased:
    """Erase `person` (the caller has checked who may): refused while something needs the data."""
    reasons = holds_on(session, person)
    if reasons:
        raise ErasureRefused(
            f"Person {person.id} cannot be erased yet: {' '.join(reasons)}", reasons=reasons
        )
    email = person.email.lower()
    accounts = repo.forget_credentials(session, email)
    values = {person.name, email, *(a.name for a in accounts)}
    redactor = Redactor.of(values)
    repo.drop_unsent_mail_to(session, email)
    # The head of department's statement is their own free text: redacted whole.
    for application in repo.statements_written_by(session, email):
        application.statement = REDACTED
    for account in accounts:
        account.name = ERASED_NAME
        account.email = erased_email("user", account.id)
        account.active = False
        access_repository.credentials_changed(session)
    person.name = ERASED_NAME
    person.email = erased_email("person", person.id)
    person.erased_at = now
    person_id, hub_id = person.id, person.hub_id
    changed = repo.redact_everywhere(session, redactor, now=now)
    repo.drop_attachments_of(session, changed.get("outbox_message", []))
    repo.mark_audit_redacted(
        session,
        [*changed.get("audit_event", []), *repo.audit_about_person(session, person_id)],
        now=now,
    )
    # Timetables, feeds and kept answers built with their name are built again.
    work_groups_repository.raise_data_version(session)
    audit.record(
        session,
        actor,
        action="erase",
        resource_type="person",
        resource_id=person_id,
        hub_id=hub_id,
        before={"erased": False},
        after={"erased": True},
        note="Names, email addresses and free text redacted; counts and amounts kept.",
        at=now,
    )
    erased = people.get_any(session, person_id)
    return Erased(person=erased, redacted={table: len(ids) for table, ids in changed.items()})
