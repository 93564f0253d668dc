"""People known to a hub: teachers, teaching assistants, head teachers, specialists…"""

from __future__ import annotations

from sqlalchemy.orm import Session

from api.domain.access import Principal, Role
from api.errors import BadField, Conflict, Forbidden, InvalidFields, NotFound
from api.persistence import catalogue_repository, work_groups_repository
from api.persistence import schools_repository as repo
from api.persistence.models import Person
from api.schemas import schools as schemas
from api.services import audit, paging
from api.services.versions import check_version

ROLES_NEEDING_START_YEAR = {schemas.PersonRole.EARLY_CAREER_TEACHER}


def _may_see(viewer: Principal, person: Person) -> bool:
    if viewer.is_national:
        return True
    if viewer.role == Role.SCHOOL_CONTACT:
        return person.school_urn is not None and person.school_urn == viewer.school_urn
    return person.hub_id == viewer.hub_id


def list_people(
    session: Session,
    viewer: Principal,
    *,
    q: str | None,
    role: str | None,
    school_urn: str | None,
    cursor: str | None,
    limit: int,
) -> tuple[list[Person], str | None]:
    last = paging.after(cursor, int)
    contact = viewer.role == Role.SCHOOL_CONTACT
    rows = repo.list_people(
        session,
        hub_id=None if viewer.is_national or contact else viewer.hub_id,
        school_urn=viewer.school_urn if contact else school_urn,
        q=q,
        role=role,
        after=last[0] if last else None,
        limit=limit + 1,
    )
    return paging.page(rows, limit, lambda person: (person.id,))


def get(session: Session, person_id: int, viewer: Principal) -> Person:
    person = repo.get_person(session, person_id)
    if person is None or not _may_see(viewer, person):
        raise NotFound(f"There is no person {person_id} that you can see.")
    return person


def get_any(session: Session, person_id: int) -> Person:
    """A person whoever asks (the command line, a service that has checked access)."""
    person = repo.get_person(session, person_id)
    if person is None:
        raise NotFound(f"There is no person {person_id}.")
    return person


def create(session: Session, data: schemas.PersonCreate, *, actor: Principal) -> Person:
    hub_id = data.hub_id or actor.hub_id
    if hub_id is None:
        raise InvalidFields([BadField("body", "/hub_id", "Say which hub keeps this record")])
    if not actor.runs_hub(hub_id):
        raise Forbidden(f"You can record people only for your own hub, not {hub_id}.")
    if catalogue_repository.get_hub(session, hub_id) is None:
        raise InvalidFields([BadField("body", "/hub_id", f"There is no hub {hub_id!r}")])
    _check(session, data.roles, data.began_teaching, data.school_urn)
    if repo.person_by_email(session, data.email) is not None:
        raise Conflict(f"Someone with the email address {data.email.lower()} is already recorded.")
    person = Person(
        name=data.name,
        email=data.email.lower(),
        roles=[r.value for r in data.roles],
        began_teaching=data.began_teaching,
        school_urn=data.school_urn,
        hub_id=hub_id,
    )
    repo.add(session, person)
    audit.record(
        session,
        actor,
        action="create",
        resource_type="person",
        resource_id=person.id,
        hub_id=hub_id,
        before=None,
        after=_snapshot(person),
    )
    return person


def update(
    session: Session,
    person_id: int,
    changes: schemas.PersonUpdate,
    *,
    actor: Principal,
    expected_version: int,
) -> Person:
    person = get(session, person_id, actor)
    if not actor.runs_hub(person.hub_id):
        raise Forbidden(f"Person {person_id} is recorded by another hub.")
    check_version(f"Person {person_id}", current=person.version, expected=expected_version)
    if person.erased_at is not None:
        raise Conflict(f"Person {person_id} was erased; their record cannot be changed.")
    sent = changes.model_fields_set
    nulls = [n for n in ("name", "email", "roles") if n in sent and getattr(changes, n) is None]
    if nulls:
        raise InvalidFields([BadField("body", f"/{n}", "This field cannot be null") for n in nulls])
    before = _snapshot(person)
    roles = (
        changes.roles
        if changes.roles is not None
        else [schemas.PersonRole(r) for r in person.roles]
    )
    began = changes.began_teaching if "began_teaching" in sent else person.began_teaching
    school = changes.school_urn if "school_urn" in sent else person.school_urn
    _check(session, roles, began, school)
    if changes.email is not None and changes.email.lower() != person.email:
        if repo.person_by_email(session, changes.email) is not None:
            raise Conflict(
                f"Someone with the email address {changes.email.lower()} is already recorded."
            )
        person.email = changes.email.lower()
    if changes.name is not None:
        person.name = changes.name
    person.roles = [r.value for r in roles]
    person.began_teaching = began
    person.school_urn = school
    session.flush()
    # Private feeds are named after their person.
    work_groups_repository.raise_data_version(session)
    audit.record(
        session,
        actor,
        action="update",
        resource_type="person",
        resource_id=person.id,
        hub_id=person.hub_id,
        before=before,
        after=_snapshot(person),
    )
    return person


def _check(
    session: Session,
    roles: list[schemas.PersonRole],
    began_teaching: int | None,
    school_urn: str | None,
) -> None:
    problems = []
    if ROLES_NEEDING_START_YEAR & set(roles) and began_teaching is None:
        problems.append(
            BadField(
                "body",
                "/began_teaching",
                "Give the year an early career teacher began teaching, like 2025 for 2025/26",
            )
        )
    if school_urn is not None and repo.get_school(session, school_urn) is None:
        problems.append(
            BadField("body", "/school_urn", f"There is no school with URN {school_urn}")
        )
    if problems:
        raise InvalidFields(problems)


def _snapshot(person: Person) -> dict[str, object]:
    return {
        "name": person.name,
        "email": person.email,
        "roles": list(person.roles),
        "began_teaching": person.began_teaching,
        "school_urn": person.school_urn,
    }


def to_schema(person: Person) -> schemas.Person:
    return schemas.Person(
        id=person.id,
        name=person.name,
        email=person.email,
        roles=[schemas.PersonRole(r) for r in person.roles],
        began_teaching=person.began_teaching,
        school_urn=person.school_urn,
        hub_id=person.hub_id,
        version=person.version,
        updated_at=person.updated_at,
        erased_at=person.erased_at,
    )
