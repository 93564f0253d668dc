"""The end of a Work Group's year: completing it writes the participation history, and
continuing it starts next year's group with the schools the domain lets carry on."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.domain.academic_year import AcademicYear
from api.persistence.models import Participation, School, WorkGroup
from tests.api.work_group_setup import LEAD_SCHOOL, GroupSetUp, Setup, new_group, person
from tests.builders import MakeProgramme
from tests.clock import TODAY

# Completing reads the app's clock (TEST_NOW): last year's sessions are all past, next year's
# all to come.
THIS_YEAR = AcademicYear.of(TODAY)
LAST_YEAR = AcademicYear(THIS_YEAR.start_year - 1).slug
NEXT_YEAR = THIS_YEAR.next()
HELD_ON = AcademicYear.parse(LAST_YEAR).starts_on + timedelta(days=40)


def _running_group(setup: Setup, *, held_on: date | None) -> tuple[str, list[int]]:
    group = new_group(setup, "Leeds Development")
    url = f"/api/v1/work-groups/{group['id']}"
    teachers = []
    for n, urn in enumerate(setup.schools, start=1):
        assert setup.staff.post(f"{url}/schools", json={"urn": urn}).status_code == 200
        teacher = person(setup.staff, f"Teacher {n}", ["teacher"], urn)
        assert (
            setup.staff.post(f"{url}/participants", json={"person_id": teacher}).status_code == 200
        )
        teachers.append(teacher)
    if held_on is None:
        return url, teachers
    held = setup.staff.post(
        f"{url}/sessions",
        json={
            "kind": "trg_meeting",
            "date": held_on.isoformat(),
            "start_time": "13:30",
            "end_time": "16:00",
            "host_urn": LEAD_SCHOOL,
            # Dates relative to the tests' moment may fall on any day of the week.
            "confirm_non_school_day": True,
        },
    )
    assert held.status_code == 201, held.text
    return url, teachers


def _history(db: Session, urn: str) -> list[tuple[str, str, str, str]]:
    rows = db.scalars(select(Participation).where(Participation.school_urn == urn))
    return [(r.programme_type, r.academic_year_id, r.outcome, r.source) for r in rows]


def test_completing_writes_each_schools_history_once_after_the_last_session(
    group_setup: GroupSetUp,
    db: Session,
) -> None:
    setup = group_setup(
        schools=3,
        academic_year=NEXT_YEAR.slug,
    )
    url, _ = _running_group(setup, held_on=None)
    first, second, third = setup.schools
    to_come = NEXT_YEAR.starts_on + timedelta(days=40)

    # A session still to come: the year is not over.
    later = setup.staff.post(
        f"{url}/sessions",
        json={
            "kind": "workshop",
            "date": to_come.isoformat(),
            "start_time": "09:00",
            "end_time": "12:00",
            "host_urn": LEAD_SCHOOL,
            "confirm_non_school_day": True,
        },
    )
    assert later.status_code == 201
    refused = setup.staff.post(f"{url}/complete", json={})
    assert refused.status_code == 409
    assert refused.json()["rule"] == "cannot_complete"
    assert to_come.isoformat() in refused.json()["detail"]
    assert _history(db, first) == []

    session_id = later.json()["items"][0]["id"]
    cancelled = setup.staff.patch(
        f"/api/v1/sessions/{session_id}",
        json={"status": "cancelled"},
        headers={"If-Match": later.headers.get("ETag") or f'"{session_id}.1"'},
    )
    assert cancelled.status_code == 200, cancelled.text

    stranger = setup.staff.post(f"{url}/complete", json={"withdrawn": ["999999"]})
    assert stranger.status_code == 422
    assert stranger.json()["errors"][0]["pointer"] == "/withdrawn/0"

    done = setup.staff.post(f"{url}/complete", json={"withdrawn": [second]})
    assert done.status_code == 200, done.text
    assert done.json()["completed_on"] is not None
    assert _history(db, first) == [("primary_development", NEXT_YEAR.slug, "completed", "group")]
    assert _history(db, second) == [("primary_development", NEXT_YEAR.slug, "withdrawn", "group")]
    assert _history(db, third) == [("primary_development", NEXT_YEAR.slug, "completed", "group")]

    again = setup.staff.post(f"{url}/complete", json={})
    assert again.status_code == 409
    frozen = setup.staff.delete(f"{url}/schools/{first}")
    assert frozen.status_code == 409
    assert frozen.json()["rule"] == "completed"


def test_continuing_starts_next_years_group_with_the_schools_that_may_carry_on(
    group_setup: GroupSetUp,
    db: Session,
    make_programme: MakeProgramme,
) -> None:
    setup = group_setup(schools=3, academic_year=LAST_YEAR)
    url, teachers = _running_group(setup, held_on=HELD_ON)
    first, second, third = setup.schools
    hub = setup.programme.hub
    # This hub also asks that Embedding schools be state-funded.
    embedding = make_programme(
        eligibility_rules=[
            {"kind": "state_funded_school_in_england"},
            {"kind": "took_part_before", "stage": "development"},
        ],
        hub=hub,
        stage="embedding",
        academic_year=THIS_YEAR.slug,
        title="Primary Embedding",
    )
    wrong_year = make_programme(
        hub=hub,
        stage="embedding",
        academic_year=NEXT_YEAR.slug,
        title="Primary Embedding, a year late",
    )
    body: dict[str, Any] = {"programme_id": embedding.id}

    not_yet = setup.staff.post(f"{url}/continue", json=body)
    assert not_yet.status_code == 409
    assert not_yet.json()["rule"] == "not_completed"

    assert setup.staff.post(f"{url}/complete", json={"withdrawn": [second]}).status_code == 200
    # During the year the third school became independent.
    school = db.get(School, third)
    assert school is not None
    school.type_group, school.type_of_establishment = "Independent schools", "Other independent"
    school.state_funded = False
    db.flush()

    groups_before = db.scalar(select(func.count()).select_from(WorkGroup))
    skipped_year = setup.staff.post(f"{url}/continue", json={"programme_id": wrong_year.id})
    assert skipped_year.status_code == 422
    assert skipped_year.json()["errors"][0]["pointer"] == "/programme_id"
    assert THIS_YEAR.label in skipped_year.json()["errors"][0]["detail"]
    assert db.scalar(select(func.count()).select_from(WorkGroup)) == groups_before

    continued = setup.staff.post(f"{url}/continue", json=body)
    assert continued.status_code == 201, continued.text
    answer = continued.json()
    following = answer["work_group"]
    assert continued.headers["Location"] == f"/api/v1/work-groups/{following['id']}"
    assert following["programme_id"] == embedding.id
    assert following["academic_year"] == THIS_YEAR.slug
    assert following["continues_from_id"] == int(url.rsplit("/", 1)[1])
    assert [s["urn"] for s in following["schools"]] == [first]
    assert [p["id"] for p in following["participants"]] == [teachers[0]]
    verdicts = {v["urn"]: v for v in answer["schools"]}
    assert verdicts[first]["continues"] is True
    assert verdicts[second]["continues"] is False
    assert any("journey" in reason for reason in verdicts[second]["reasons"])
    assert verdicts[third]["continues"] is False
    assert any("state-funded" in reason for reason in verdicts[third]["reasons"])
    assert setup.staff.get(url).json()["continued_by_ids"] == [following["id"]]

    # Into Embedding twice: the first school has had it now (a rule), the rest cannot.
    assert setup.staff.post(f"{url}/complete", json={}).status_code == 409
    second_time = setup.staff.post(f"/api/v1/work-groups/{following['id']}/continue", json=body)
    assert second_time.status_code == 409
    assert second_time.json()["rule"] == "not_completed"


def test_nobody_continuing_creates_nothing(
    group_setup: GroupSetUp,
    db: Session,
    make_programme: MakeProgramme,
) -> None:
    setup = group_setup(schools=1, academic_year=LAST_YEAR)
    url, _ = _running_group(setup, held_on=HELD_ON)
    sustaining = make_programme(
        hub=setup.programme.hub,
        stage="sustaining",
        academic_year=THIS_YEAR.slug,
        title="Sustaining",
    )
    only = setup.schools[0]
    assert setup.staff.post(f"{url}/complete", json={"withdrawn": [only]}).status_code == 200
    before = db.scalar(select(func.count()).select_from(WorkGroup))
    refused = setup.staff.post(f"{url}/continue", json={"programme_id": sustaining.id})
    assert refused.status_code == 409
    problem = refused.json()
    assert problem["rule"] == "no_school_continues"
    assert problem["schools"][0]["urn"] == only
    assert problem["schools"][0]["reasons"]
    assert db.scalar(select(func.count()).select_from(WorkGroup)) == before
