"""From selection to the group: hub staff form a programme's Work Group from its selected
schools in one step; schools selected later, or offered a freed place, join it with the
teachers named on their applications; hub staff add and remove participants."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.domain.access import Role
from api.persistence.models import Application, AuditEvent, Person
from tests.accounts import SignIn
from tests.api.work_group_setup import GroupSetUp, Setup, new_group, person


def teachers(urn: str, *names: str) -> list[dict[str, str]]:
    return [
        {
            "name": name,
            "email": f"{name.lower().replace(' ', '.')}@{urn}.example",
            "role": "teacher",
        }
        for name in names
    ]


def name_teachers(db: Session, setup: Setup, urn: str, *names: str) -> Application:
    application = db.scalars(
        select(Application).where(
            Application.programme_id == setup.programme.id, Application.school_urn == urn
        )
    ).one()
    application.participants = teachers(urn, *names)
    db.flush()
    return application


def apply(db: Session, setup: Setup, urn: str, status: str, *names: str) -> Application:
    application = Application(
        programme_id=setup.programme.id,
        school_urn=urn,
        hub_id=setup.programme.hub_id,
        status=status,
        created_by="test",
        participants=teachers(urn, *names),
    )
    db.add(application)
    db.flush()
    return application


def form(setup: Setup, **extra: Any) -> Any:
    return setup.staff.post(
        "/api/v1/work-groups",
        json={
            "programme_id": setup.programme.id,
            "name": "Leeds Development Group",
            "lead_person_id": setup.lead_id,
            "from_selection": True,
            **extra,
        },
    )


def test_forming_from_the_selection_brings_the_schools_and_their_named_teachers(
    group_setup: GroupSetUp, db: Session, make_school: Any
) -> None:
    setup = group_setup(schools=2)
    first, second = setup.schools
    name_teachers(db, setup, first, "Ada Lovelace", "Alan Turing")
    name_teachers(db, setup, second, "Grace Hopper")
    # Already recorded at the first school: reused, not duplicated.
    known = person(setup.staff, "Ada Lovelace", ["teacher"], first)
    db.get(Person, known).email = f"ada.lovelace@{first}.example"  # type: ignore[union-attr]
    make_school(urn="300099", name="Waiting School")
    apply(db, setup, "300099", "waitlisted", "Wait Ing")

    formed = form(setup)

    assert formed.status_code == 201, formed.text
    group = formed.json()
    assert [s["urn"] for s in group["schools"]] == [first, second]
    by_name = {p["name"]: p for p in group["participants"]}
    assert set(by_name) == {"Ada Lovelace", "Alan Turing", "Grace Hopper"}
    assert by_name["Ada Lovelace"]["id"] == known
    assert by_name["Grace Hopper"]["school_urn"] == second
    made = db.scalars(select(Person).where(Person.email == f"alan.turing@{first}.example")).one()
    assert (made.school_urn, made.hub_id, made.roles) == (first, "north", ["teacher"])

    # Nothing is left to form another group from.
    again = form(setup, name="Second group")
    assert again.status_code == 409
    assert again.json()["rule"] == "nothing_selected"


def test_forming_past_the_bounds_is_refused_whole(group_setup: GroupSetUp, db: Session) -> None:
    setup = group_setup(schools=3)
    refused = form(setup, max_schools=2)
    assert refused.status_code == 409
    assert refused.json()["rule"] == "max_schools"
    assert setup.staff.get("/api/v1/work-groups").json()["items"] == []


def test_a_school_selected_later_joins_the_group_with_its_teachers(
    group_setup: GroupSetUp, db: Session, make_school: Any
) -> None:
    setup = group_setup(schools=1)
    group = form(setup).json()
    make_school(urn="300050", name="Late School")
    late = apply(db, setup, "300050", "submitted", "Kath Johnson", "Dorothy Vaughan")
    stale_tag = setup.staff.get(f"/api/v1/work-groups/{group['id']}").headers["ETag"]

    decided = setup.staff.post(
        f"/api/v1/applications/{late.id}/decisions", json={"decision": "selected"}
    )

    assert decided.status_code == 200, decided.text
    after = setup.staff.get(f"/api/v1/work-groups/{group['id']}")
    assert after.headers["ETag"] != stale_tag
    joined = after.json()
    assert [s["urn"] for s in joined["schools"]] == [setup.schools[0], "300050"]
    assert {p["name"] for p in joined["participants"]} == {"Kath Johnson", "Dorothy Vaughan"}
    events = db.scalars(
        select(AuditEvent).where(
            AuditEvent.resource_type == "work_group", AuditEvent.note == "Joined on selection"
        )
    ).all()
    assert len(events) == 1


def test_a_school_selected_when_the_programme_has_no_group_waits_for_one(
    group_setup: GroupSetUp, db: Session, make_school: Any
) -> None:
    setup = group_setup(schools=1)
    make_school(urn="300050", name="Late School")
    late = apply(db, setup, "300050", "submitted", "Kath Johnson")
    decided = setup.staff.post(
        f"/api/v1/applications/{late.id}/decisions", json={"decision": "selected"}
    )
    assert decided.status_code == 200
    group = form(setup).json()
    assert [s["urn"] for s in group["schools"]] == [setup.schools[0], "300050"]


def test_a_school_offered_a_freed_place_joins_the_group(
    group_setup: GroupSetUp, db: Session, make_school: Any, sign_in: SignIn
) -> None:
    setup = group_setup(schools=2)
    setup.programme.capacity_places = 2
    setup.programme.capacity_unit = "schools"
    db.flush()
    group = form(setup).json()
    make_school(urn="300077", name="Waiting School")
    apply(db, setup, "300077", "waitlisted", "Mary Jackson")
    leaving = setup.schools[0]
    contact = sign_in(role=Role.SCHOOL_CONTACT, hub_id="north", school_urn=leaving)
    own = db.scalars(select(Application).where(Application.school_urn == leaving)).one()

    withdrawn = contact.post(f"/api/v1/applications/{own.id}/withdraw", json={"note": "Staff"})

    assert withdrawn.status_code == 200, withdrawn.text
    joined = setup.staff.get(f"/api/v1/work-groups/{group['id']}").json()
    assert "300077" in [s["urn"] for s in joined["schools"]]
    assert "Mary Jackson" in {p["name"] for p in joined["participants"]}


def test_hub_staff_remove_a_participant(group_setup: GroupSetUp, db: Session) -> None:
    setup = group_setup(schools=1)
    name_teachers(db, setup, setup.schools[0], "Ada Lovelace", "Alan Turing")
    group = form(setup).json()
    ada = next(p for p in group["participants"] if p["name"] == "Ada Lovelace")
    url = f"/api/v1/work-groups/{group['id']}/participants"

    removed = setup.staff.delete(f"{url}/{ada['id']}")

    assert removed.status_code == 200, removed.text
    assert [p["name"] for p in removed.json()["participants"]] == ["Alan Turing"]
    assert setup.staff.delete(f"{url}/{ada['id']}").status_code == 404
    # The person record stays: they can be added back.
    assert setup.staff.post(url, json={"person_id": ada["id"]}).status_code == 200


def test_a_plain_group_starts_empty(group_setup: GroupSetUp) -> None:
    setup = group_setup(schools=2)
    group = new_group(setup)
    assert (group["schools"], group["participants"]) == ([], [])
