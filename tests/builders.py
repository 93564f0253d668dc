"""Small keyword-only builders for test data, as fixtures."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from sqlalchemy.orm import Session

from api.domain.academic_year import AcademicYear
from api.persistence import catalogue_repository as repo
from api.persistence.models import Hub, Programme

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
            **fields,
        )
        repo.add(db, programme)
        return programme

    return build
