"""Keyword-only builders for domain facts: no database, no app."""

from __future__ import annotations

from datetime import UTC, datetime

from api.domain.academic_year import AcademicYear
from api.domain.applicants import Applicant, ApplicationFacts, Person, Role
from api.domain.establishments import Establishment
from api.domain.journey import Participation, ParticipationOutcome, ProgrammeType

# Mid-recruitment for 2023/24, before every closing date used in these tests.
NOW = datetime(2023, 5, 10, 12, tzinfo=UTC)
Y2324 = AcademicYear(2023)


def make_school(
    *,
    name: str = "Example School",
    type_group: str = "Academies",
    type_of_establishment: str = "Academy converter",
    status: str = "Open",
    phase: str = "Primary",
    country: str = "",
    ages: tuple[int, int] | None = None,
    urn: str = "100001",
) -> Establishment:
    return Establishment(
        urn=urn,
        name=name,
        type_group=type_group,
        type_of_establishment=type_of_establishment,
        status=status,
        phase_of_education=phase,
        country=country,
        statutory_low_age=ages[0] if ages else None,
        statutory_high_age=ages[1] if ages else None,
    )


def make_person(
    *,
    id: str = "p1",
    name: str = "Sam Lee",
    role: Role = Role.TEACHER,
    first_year: int | None = None,
) -> Person:
    return Person(id, name, role, AcademicYear(first_year) if first_year is not None else None)


def took_part(
    kind: ProgrammeType,
    year: int,
    outcome: ParticipationOutcome = ParticipationOutcome.COMPLETED,
) -> Participation:
    return Participation(kind, AcademicYear(year), outcome)


def make_applicant(
    *,
    school: Establishment | None = None,
    person: Person | None = None,
    people: tuple[Person, ...] | None = None,
    confirmed: frozenset[tuple[str, str]] | None = None,
) -> Applicant:
    """An applicant; naming `people` (or confirmations) starts an application."""
    application = None
    if people is not None or confirmed is not None:
        application = ApplicationFacts(people or (), confirmed or frozenset())
    return Applicant(school or make_school(), person, application)
