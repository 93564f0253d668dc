"""A hub with a programme, a lead Mastery Specialist and selected schools, for Work Group tests."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.domain.access import Role
from api.persistence.models import Application, Programme
from tests.accounts import SignIn
from tests.builders import MakeHub, MakeProgramme, MakeSchool

LEAD_SCHOOL = "200001"


@dataclass
class Setup:
    staff: TestClient
    programme: Programme
    lead_id: int
    schools: list[str]


def select(db: Session, programme: Programme, urn: str, status: str = "selected") -> None:
    db.add(
        Application(
            programme_id=programme.id,
            school_urn=urn,
            hub_id=programme.hub_id,
            status=status,
            created_by="test",
        )
    )
    db.flush()


def person(staff: TestClient, name: str, roles: list[str], urn: str | None) -> int:
    body: dict[str, Any] = {
        "name": name,
        "email": f"{name.lower().replace(' ', '.')}@school.example",
        "roles": roles,
        "school_urn": urn,
    }
    response = staff.post("/api/v1/people", json=body)
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def set_up(
    db: Session,
    sign_in: SignIn,
    make_hub: MakeHub,
    make_programme: MakeProgramme,
    make_school: MakeSchool,
    *,
    hub_id: str = "north",
    schools: int = 8,
    phase: str = "primary",
    academic_year: str = "2027-28",
) -> Setup:
    hub = make_hub(id=hub_id, name=f"{hub_id.capitalize()} Maths Hub")
    programme = make_programme(
        hub=hub,
        phase=phase,
        stage="development",
        academic_year=academic_year,
        title=f"{phase.capitalize()} Development {academic_year}",
    )
    make_school(urn=LEAD_SCHOOL, name="Lead Primary", town="Leeds")
    urns = [f"{300000 + n}" for n in range(1, schools + 1)]
    for n, urn in enumerate(urns, start=1):
        make_school(urn=urn, name=f"Member School {n}", town="Bradford")
        select(db, programme, urn)
    staff = sign_in(role=Role.HUB_ADMIN, hub_id=hub_id)
    lead = person(staff, "Sam Specialist", ["mastery_specialist", "teacher"], LEAD_SCHOOL)
    return Setup(staff, programme, lead, urns)


GroupSetUp = Callable[..., Setup]


@pytest.fixture
def group_setup(
    db: Session,
    sign_in: SignIn,
    make_hub: MakeHub,
    make_programme: MakeProgramme,
    make_school: MakeSchool,
) -> GroupSetUp:
    """`set_up` with the fixtures it needs already given: `group_setup(schools=1)`."""
    return functools.partial(set_up, db, sign_in, make_hub, make_programme, make_school)


def new_group(setup: Setup, name: str = "Leeds Development Group") -> dict[str, Any]:
    response = setup.staff.post(
        "/api/v1/work-groups",
        json={
            "programme_id": setup.programme.id,
            "name": name,
            "lead_person_id": setup.lead_id,
        },
    )
    assert response.status_code == 201, response.text
    return dict(response.json())
