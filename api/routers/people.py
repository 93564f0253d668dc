"""People: teachers, teaching assistants, early career teachers, specialists, head teachers."""

from __future__ import annotations

from typing import Annotated

from fastapi import Header, Path, Query, Response

from api.routers.access import HUB_ADMIN, PEOPLE_READ, CurrentPrincipal, access, signed_in
from api.routers.conditional import etag, expected_version
from api.routers.dependencies import DbSession
from api.routers.feature_router import FeatureRouter
from api.schemas.common import Page
from api.schemas.schools import URN_PATTERN, Person, PersonCreate, PersonRole, PersonUpdate
from api.services import people

router = FeatureRouter(prefix="/people", tags=["people"])

PersonId = Annotated[int, Path(ge=1, le=2**31 - 1)]


@router.get("", **access(PEOPLE_READ, 422))
def list_people(
    session: DbSession,
    principal: CurrentPrincipal,
    q: Annotated[str | None, Query(max_length=200, description="Name or email")] = None,
    role: PersonRole | None = None,
    school_urn: Annotated[str | None, Query(pattern=URN_PATTERN)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> Page[Person]:
    """The people your hub keeps (a school contact: their school's)."""
    rows, next_cursor = people.list_people(
        session,
        signed_in(principal),
        q=q,
        role=role.value if role else None,
        school_urn=school_urn,
        cursor=cursor,
        limit=limit,
    )
    return Page[Person](items=[people.to_schema(p) for p in rows], next_cursor=next_cursor)


@router.post("", status_code=201, **access(HUB_ADMIN, 409, 422, own_hub_only=True))
def create_person(
    session: DbSession, principal: CurrentPrincipal, body: PersonCreate, response: Response
) -> Person:
    """Record a person; the email address is theirs alone."""
    person = people.create(session, body, actor=signed_in(principal))
    response.headers["ETag"] = etag(person.id, person.version)
    response.headers["Location"] = f"/api/v1/people/{person.id}"
    return people.to_schema(person)


@router.get("/{person_id}", **access(PEOPLE_READ, 404, 422))
def get_person(
    session: DbSession, principal: CurrentPrincipal, person_id: PersonId, response: Response
) -> Person:
    """One person."""
    person = people.get(session, person_id, signed_in(principal))
    response.headers["ETag"] = etag(person.id, person.version)
    return people.to_schema(person)


@router.patch("/{person_id}", **access(HUB_ADMIN, 404, 409, 412, 422, 428, own_hub_only=True))
def update_person(
    session: DbSession,
    principal: CurrentPrincipal,
    person_id: PersonId,
    body: PersonUpdate,
    response: Response,
    if_match: Annotated[str | None, Header(max_length=1000)] = None,
) -> Person:
    """Change a person's record (If-Match with the ETag you read)."""
    person = people.update(
        session,
        person_id,
        body,
        actor=signed_in(principal),
        expected_version=expected_version(if_match, person_id),
    )
    response.headers["ETag"] = etag(person.id, person.version)
    return people.to_schema(person)
