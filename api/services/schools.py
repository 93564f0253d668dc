"""The school register: search, one school, and which local authorities each hub covers."""

from __future__ import annotations

from dataclasses import asdict

from sqlalchemy.orm import Session

from api.domain.access import Principal
from api.domain.establishments import Establishment
from api.errors import BadField, Forbidden, InvalidFields, NotFound
from api.persistence import catalogue_repository, work_groups_repository
from api.persistence import schools_repository as repo
from api.persistence.models import LocalAuthority, School
from api.schemas import schools as schemas
from api.schemas.common import Page
from api.services import audit, paging
from api.services.kept_answers import KeptAnswers
from api.services.versioned import Current, Rendered, kept

# Other hubs' systems page through the register with keys: each page and each school is kept
# in this process by data version, which every change to the register raises (GIAS imports, a
# hub's local authorities). A page is about 25 KB, a school about 1 KB.
PAGES: KeptAnswers[Rendered] = KeptAnswers(256)
ONE_SCHOOL: KeptAnswers[Rendered] = KeptAnswers(4096)


def page_key(filters: repo.SchoolFilters, cursor: str | None, limit: int) -> tuple[object, ...]:
    return (tuple(asdict(filters).items()), cursor, limit)


def search_page(
    session: Session,
    filters: repo.SchoolFilters,
    *,
    cursor: str | None,
    limit: int,
    current: Current,
) -> Rendered:
    """A page of search() as JSON; `current` is what versioned.current_etag answered."""

    def render() -> bytes:
        items, next_cursor = search(session, filters, cursor=cursor, limit=limit)
        return Page[schemas.School](items=items, next_cursor=next_cursor).model_dump_json().encode()

    return kept(PAGES, current, render)


def school_page(session: Session, urn: str, *, current: Current) -> Rendered:
    """One school as JSON; `current` is what versioned.current_etag answered."""
    return kept(ONE_SCHOOL, current, lambda: get_schema(session, urn).model_dump_json().encode())


def search(
    session: Session, filters: repo.SchoolFilters, *, cursor: str | None, limit: int
) -> tuple[list[schemas.School], str | None]:
    ranked = bool((filters.q or "").strip())
    last = paging.after(cursor, int, str, str) if ranked else paging.after(cursor, str, str)
    rows = repo.search_schools(session, filters, after=last, limit=limit + 1)
    found, next_cursor = paging.page(rows, limit, _sort_key if ranked else _name_key)
    return [to_schema(row.school, row.hub_id, row.local_authority) for row in found], next_cursor


def _sort_key(row: repo.FoundSchool) -> tuple[int, str, str]:
    return (row.rank, row.school.name, row.school.urn)


def _name_key(row: repo.FoundSchool) -> tuple[str, str]:
    return (row.school.name, row.school.urn)


def get(session: Session, urn: str) -> tuple[School, str | None]:
    found = repo.get_school(session, urn)
    if found is None:
        raise _no_such_school(urn)
    return found


def get_schema(session: Session, urn: str) -> schemas.School:
    found = repo.school_in_full(session, urn)
    if found is None:
        raise _no_such_school(urn)
    return to_schema(found.school, found.hub_id, found.local_authority)


def _no_such_school(urn: str) -> NotFound:
    return NotFound(
        f"There is no school with URN {urn} in the register. Check the URN on Get "
        "Information about Schools."
    )


def establishment(school: School) -> Establishment:
    return Establishment(
        urn=school.urn,
        name=school.name,
        type_group=school.type_group,
        type_of_establishment=school.type_of_establishment,
        status=school.status,
        phase_of_education=school.phase_of_education,
        country=school.country or "",
        statutory_low_age=school.statutory_low_age,
        statutory_high_age=school.statutory_high_age,
    )


def to_schema(school: School, hub_id: str | None, la: LocalAuthority | None) -> schemas.School:
    head = " ".join(p for p in (school.head_first_name, school.head_last_name) if p) or None
    return schemas.School(
        urn=school.urn,
        name=school.name,
        type_of_establishment=school.type_of_establishment,
        type_group=school.type_group,
        status=school.status,
        phase_of_education=school.phase_of_education,
        state_funded=school.state_funded,
        local_authority=schemas.LocalAuthority(code=la.code, name=la.name) if la else None,
        hub_id=hub_id,
        street=school.street,
        town=school.town,
        postcode=school.postcode,
        telephone=school.telephone,
        head_teacher=head,
        country=school.country,
        statutory_low_age=school.statutory_low_age,
        statutory_high_age=school.statutory_high_age,
        open_date=school.open_date,
        close_date=school.close_date,
        last_changed_date=school.last_changed_date,
        updated_at=school.updated_at,
    )


def coverage(session: Session, hub_id: str) -> schemas.HubLocalAuthorities:
    if catalogue_repository.get_hub(session, hub_id) is None:
        raise NotFound(f"There is no hub {hub_id!r}.")
    return schemas.HubLocalAuthorities(
        hub_id=hub_id,
        local_authorities=[
            schemas.LocalAuthority(code=la.code, name=la.name)
            for la in repo.hub_local_authorities(session, hub_id)
        ],
    )


def set_coverage(
    session: Session, hub_id: str, codes: list[str], *, actor: Principal
) -> schemas.HubLocalAuthorities:
    before = coverage(session, hub_id)
    if not actor.runs_hub(hub_id):
        raise Forbidden(f"You can change only your own hub's area, not {hub_id}'s.")
    wanted = sorted(set(codes))
    unknown = set(wanted) - repo.known_local_authorities(session, wanted)
    taken = {
        code: hub for code, hub in repo.covering_hubs(session, wanted).items() if hub != hub_id
    }
    problems = [
        BadField("body", f"/codes/{codes.index(code)}", f"There is no local authority {code}")
        for code in sorted(unknown)
    ] + [
        BadField(
            "body",
            f"/codes/{codes.index(code)}",
            f"Local authority {code} is covered by {hub}; that hub must release it first",
        )
        for code, hub in sorted(taken.items())
    ]
    if problems:
        raise InvalidFields(problems)
    repo.set_hub_local_authorities(session, hub_id, wanted)
    # Coverage counts a hub's schools by its area: kept reports must be made again.
    work_groups_repository.raise_data_version(session)
    audit.record(
        session,
        actor,
        action="update",
        resource_type="hub_local_authorities",
        resource_id=hub_id,
        hub_id=hub_id,
        before={"codes": [la.code for la in before.local_authorities]},
        after={"codes": wanted},
    )
    return coverage(session, hub_id)
