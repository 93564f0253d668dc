"""Small keyword-only builders for test data, as fixtures."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from sqlalchemy.orm import Session

from api.domain.academic_year import AcademicYear
from api.domain.catalogue import DOCUMENTED_RULES
from api.domain.establishments import Standing, standing_of
from api.domain.journey import Phase, ProgrammeType, Stage, programme_type_for
from api.persistence import catalogue_repository as repo
from api.persistence import schools_repository, work_groups_repository
from api.persistence.models import Hub, Participation, Programme, School

MakeHub = Callable[..., Hub]
MakeProgramme = Callable[..., Programme]


@pytest.fixture
def make_hub(db: Session) -> MakeHub:
    counter = iter(range(1, 10_000))

    def build(*, id: str | None = None, name: str | None = None, **fields: Any) -> Hub:
        n = next(counter)
        hub = Hub(
            id=id or f"test-hub-{n}",
            name=name or f"Test Maths Hub {n}",
            area=fields.pop("area", "Testshire"),
            contact_email=fields.pop("contact_email", f"enquiries{n}@hub.example"),
            **fields,
        )
        repo.add(db, hub)
        # As every write the service makes: pages kept by data version are made again.
        work_groups_repository.raise_data_version(db)
        return hub

    return build


@pytest.fixture
def make_programme(db: Session, make_hub: MakeHub) -> MakeProgramme:
    counter = iter(range(1, 10_000))

    def build(
        *,
        hub: Hub | None = None,
        academic_year: str = "2027-28",
        title: str | None = None,
        stage: str = "development",
        phase: str = "primary",
        audience: str = "schools",
        status: str = "open",
        closing_date: date | None = None,
        **fields: Any,
    ) -> Programme:
        hub = hub or make_hub()
        year = AcademicYear.parse(academic_year)
        kind = fields.pop("programme_type", None)
        if kind is None and stage != "specialist_knowledge":
            kind = programme_type_for(Phase(phase), Stage(stage)).value
        if "eligibility_rules" not in fields:
            fields["eligibility_rules"] = (
                [dict(rule) for rule in DOCUMENTED_RULES.get(ProgrammeType(kind), ())]
                if kind
                else []
            )
        repo.ensure_academic_year(db, year)
        programme = Programme(
            hub_id=hub.id,
            academic_year_id=year.slug,
            title=title or f"Test programme {next(counter)}",
            stage=stage,
            phase=phase,
            audience=audience,
            status=status,
            summary=fields.pop("summary", "A programme for tests."),
            who_can_take_part=fields.pop("who_can_take_part", "Schools in tests."),
            funding=fields.pop("funding", {"free_to_participate": True, "grants": []}),
            closing_date=closing_date,
            programme_type=kind,
            **fields,
        )
        repo.add(db, programme)
        work_groups_repository.raise_data_version(db)
        return programme

    return build


MakeSchool = Callable[..., School]
TakePart = Callable[..., Participation]


@pytest.fixture
def make_school(db: Session) -> MakeSchool:
    counter = iter(range(1, 10_000))

    def build(
        *,
        urn: str | None = None,
        name: str | None = None,
        type_group: str = "Local authority maintained schools",
        type_of_establishment: str = "Community school",
        status: str = "Open",
        phase: str = "Primary",
        la_code: str | None = None,
        la_name: str = "Testshire",
        **fields: Any,
    ) -> School:
        n = next(counter)
        if la_code is not None:
            schools_repository.add_local_authority(db, la_code, la_name)
        school = School(
            urn=urn or f"{500000 + n}",
            name=name or f"Test School {n}",
            type_group=type_group,
            type_of_establishment=type_of_establishment,
            status=status,
            phase_of_education=phase,
            la_code=la_code,
            state_funded=standing_of(type_group, type_of_establishment, status, "").standing
            is Standing.STATE_FUNDED_IN_ENGLAND,
            **fields,
        )
        schools_repository.add(db, school)
        # As a GIAS import does: kept pages of the register are made again.
        work_groups_repository.raise_data_version(db)
        return school

    return build


@pytest.fixture
def take_part(db: Session, make_hub: MakeHub) -> TakePart:
    def build(
        school: School,
        programme_type: str,
        academic_year: str,
        *,
        hub: Hub | None = None,
        outcome: str = "completed",
    ) -> Participation:
        year = AcademicYear.parse(academic_year)
        repo.ensure_academic_year(db, year)
        row = Participation(
            subject=f"school:{school.urn}",
            school_urn=school.urn,
            programme_type=programme_type,
            academic_year_id=year.slug,
            hub_id=(hub or make_hub()).id,
            outcome=outcome,
        )
        schools_repository.add(db, row)
        return row

    return build
