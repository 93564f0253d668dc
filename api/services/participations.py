"""Which school (or person) took part in which programme, in which year, and how it ended."""

from __future__ import annotations

from sqlalchemy.orm import Session

from api.domain.academic_year import AcademicYear
from api.domain.access import Principal, Role
from api.domain.applicants import History
from api.domain.journey import Participation as DomainParticipation
from api.domain.journey import ParticipationOutcome, ProgrammeType
from api.errors import BadField, Conflict, Forbidden, InvalidFields
from api.persistence import catalogue_repository, work_groups_repository
from api.persistence import schools_repository as repo
from api.persistence.models import Participation
from api.schemas import schools as schemas
from api.services import audit, paging


def school_subject(urn: str) -> str:
    return f"school:{urn}"


def person_subject(person_id: int) -> str:
    return f"person:{person_id}"


def of_subject(session: Session, subject: str) -> list[Participation]:
    """Earliest year first."""
    return repo.participations_of(session, subject)


def as_domain(rows: list[Participation]) -> list[DomainParticipation]:
    return [
        DomainParticipation(
            ProgrammeType(row.programme_type),
            AcademicYear.parse(row.academic_year_id),
            ParticipationOutcome(row.outcome),
        )
        for row in rows
    ]


def history(session: Session, subject: str) -> History:
    return History(as_domain(of_subject(session, subject)))


def list_participations(
    session: Session,
    viewer: Principal,
    filters: repo.ParticipationFilters,
    *,
    cursor: str | None,
    limit: int,
) -> tuple[list[Participation], str | None]:
    """A school's history is open to every hub's staff (it decides what comes next); a person's
    participations only to the hub that recorded them; a school contact sees their school's."""
    if viewer.role == Role.SCHOOL_CONTACT:
        if filters.urn not in (None, viewer.school_urn) or filters.person_id is not None:
            raise Forbidden("You can see only your own school's participations.")
        filters = repo.ParticipationFilters(
            urn=viewer.school_urn or "-",
            programme_type=filters.programme_type,
            academic_year=filters.academic_year,
            hub=filters.hub,
        )
    elif not viewer.is_national and filters.urn is None:
        filters = repo.ParticipationFilters(
            person_id=filters.person_id,
            programme_type=filters.programme_type,
            academic_year=filters.academic_year,
            hub=viewer.hub_id,
        )
    last = paging.after(cursor, int)
    rows = repo.list_participations(
        session, filters, after=last[0] if last else None, limit=limit + 1
    )
    return paging.page(rows, limit, lambda row: (row.id,))


def create(
    session: Session, data: schemas.ParticipationCreate, *, actor: Principal
) -> Participation:
    if not actor.runs_hub(data.hub_id):
        raise Forbidden(f"You can record participations only for your own hub, not {data.hub_id}.")
    year = AcademicYear.parse(data.academic_year)
    problems = []
    if catalogue_repository.get_hub(session, data.hub_id) is None:
        problems.append(BadField("body", "/hub_id", f"There is no hub {data.hub_id!r}"))
    if data.urn is not None and repo.get_school(session, data.urn) is None:
        problems.append(BadField("body", "/urn", f"There is no school with URN {data.urn}"))
    if data.person_id is not None and repo.get_person(session, data.person_id) is None:
        problems.append(BadField("body", "/person_id", f"There is no person {data.person_id}"))
    if (
        data.programme_id is not None
        and catalogue_repository.get_programme(session, data.programme_id) is None
    ):
        problems.append(
            BadField("body", "/programme_id", f"There is no programme {data.programme_id}")
        )
    if problems:
        raise InvalidFields(problems)
    subject = school_subject(data.urn) if data.urn else person_subject(data.person_id or 0)
    if repo.find_participation(
        session,
        subject=subject,
        programme_type=data.programme_type.value,
        academic_year_id=year.slug,
    ):
        raise Conflict(
            f"{data.programme_type.label} in {year.label} is already recorded for this "
            f"{'school' if data.urn else 'person'}."
        )
    catalogue_repository.ensure_academic_year(session, year)
    row = Participation(
        subject=subject,
        school_urn=data.urn,
        person_id=data.person_id,
        programme_type=data.programme_type.value,
        programme_id=data.programme_id,
        academic_year_id=year.slug,
        hub_id=data.hub_id,
        outcome=data.outcome.value,
        source="recorded",
    )
    repo.add(session, row)
    # Coverage and the funnel count participations: their kept answers must be made again.
    work_groups_repository.raise_data_version(session)
    audit.record(
        session,
        actor,
        action="create",
        resource_type="participation",
        resource_id=row.id,
        hub_id=row.hub_id,
        before=None,
        after={
            "subject": subject,
            "programme_type": row.programme_type,
            "academic_year": row.academic_year_id,
            "outcome": row.outcome,
        },
    )
    return row


def to_schema(row: Participation) -> schemas.Participation:
    kind = ProgrammeType(row.programme_type)
    year = AcademicYear.parse(row.academic_year_id)
    return schemas.Participation(
        id=row.id,
        urn=row.school_urn,
        person_id=row.person_id,
        programme_type=kind,
        programme_label=kind.label,
        programme_id=row.programme_id,
        academic_year=year.slug,
        academic_year_label=year.label,
        hub_id=row.hub_id,
        outcome=ParticipationOutcome(row.outcome),
        source=row.source,
        updated_at=row.updated_at,
    )
