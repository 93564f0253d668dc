"""Work Groups: formed by a hub for its programme, within the programme's bounds."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.domain.access import Role
from api.persistence.models import AuditEvent
from tests.accounts import SignIn
from tests.api.work_group_setup import GroupSetUp, new_group, person
from tests.api.work_group_setup import select as select_school
from tests.builders import MakeHub, MakeSchool


def test_a_hub_forms_a_group_with_the_bounds_of_primary_development(
    group_setup: GroupSetUp,
    db: Session,
) -> None:
    setup = group_setup(schools=8)
    group = new_group(setup)
    assert (group["max_schools"], group["max_participants"]) == (7, 14)
    assert group["academic_year"] == "2027-28"
    url = f"/api/v1/work-groups/{group['id']}"

    for urn in setup.schools[:7]:
        added = setup.staff.post(f"{url}/schools", json={"urn": urn})
        assert added.status_code == 200, added.text
    eighth = setup.staff.post(f"{url}/schools", json={"urn": setup.schools[7]})
    assert eighth.status_code == 409
    problem = eighth.json()
    assert (problem["rule"], problem["limit"]) == ("max_schools", 7)
    assert "at most 7 schools" in problem["detail"]

    removed = setup.staff.delete(f"{url}/schools/{setup.schools[0]}")
    assert removed.status_code == 200
    assert setup.schools[0] not in [s["urn"] for s in removed.json()["schools"]]
    assert setup.staff.delete(f"{url}/schools/{setup.schools[0]}").status_code == 404
    assert setup.staff.post(f"{url}/schools", json={"urn": setup.schools[7]}).status_code == 200
    again = setup.staff.post(f"{url}/schools", json={"urn": setup.schools[7]})
    assert (again.status_code, again.json()["rule"]) == (409, "already_member")

    actions = db.scalars(
        select(AuditEvent.action).where(
            AuditEvent.resource_type == "work_group", AuditEvent.resource_id == str(group["id"])
        )
    ).all()
    assert actions.count("create") == 1
    assert actions.count("update") == 9


def test_a_school_needs_a_selected_application_for_the_programme(
    group_setup: GroupSetUp,
    db: Session,
    make_school: MakeSchool,
) -> None:
    setup = group_setup(schools=1)
    group = new_group(setup)
    make_school(urn="399999")
    select_school(db, setup.programme, "399999", status="shortlisted")
    response = setup.staff.post(
        f"/api/v1/work-groups/{group['id']}/schools", json={"urn": "399999"}
    )
    assert response.status_code == 409
    assert response.json()["rule"] == "selected_application"
    assert "no selected application" in response.json()["detail"]
    unknown = setup.staff.post(f"/api/v1/work-groups/{group['id']}/schools", json={"urn": "123456"})
    assert unknown.status_code == 422


def test_a_secondary_group_takes_at_most_twelve_teachers(
    group_setup: GroupSetUp,
) -> None:
    setup = group_setup(schools=7, phase="secondary")
    group = new_group(setup, "Secondary Mastery Group")
    assert (group["max_schools"], group["max_participants"]) == (None, 12)
    url = f"/api/v1/work-groups/{group['id']}"
    teachers = [
        person(setup.staff, f"Teacher {n}", ["teacher"], setup.schools[n % 7]) for n in range(13)
    ]
    outsider = person(setup.staff, "Not A Member", ["teacher"], None)
    refused = setup.staff.post(f"{url}/participants", json={"person_id": teachers[0]})
    assert (refused.status_code, refused.json()["rule"]) == (409, "member_school")
    for urn in setup.schools:
        assert setup.staff.post(f"{url}/schools", json={"urn": urn}).status_code == 200
    for teacher in teachers[:12]:
        added = setup.staff.post(f"{url}/participants", json={"person_id": teacher})
        assert added.status_code == 200, added.text
    thirteenth = setup.staff.post(f"{url}/participants", json={"person_id": teachers[12]})
    assert thirteenth.status_code == 409
    assert (thirteenth.json()["rule"], thirteenth.json()["limit"]) == ("max_participants", 12)
    assert setup.staff.post(f"{url}/participants", json={"person_id": outsider}).status_code == 409
    assert len(setup.staff.get(url).json()["participants"]) == 12

    # Bounds are data on the group: lowering them below what it holds is refused.
    tag = setup.staff.get(url).headers["ETag"]
    lower = setup.staff.patch(url, json={"max_participants": 10}, headers={"If-Match": tag})
    assert (lower.status_code, lower.json()["rule"]) == (409, "max_participants")


def test_update_needs_if_match_and_the_lead_must_be_a_specialist(
    group_setup: GroupSetUp,
) -> None:
    setup = group_setup(schools=1)
    teacher = person(setup.staff, "Plain Teacher", ["teacher"], setup.schools[0])
    not_lead = setup.staff.post(
        "/api/v1/work-groups",
        json={"programme_id": setup.programme.id, "name": "X", "lead_person_id": teacher},
    )
    assert not_lead.status_code == 422
    assert not_lead.json()["errors"][0]["pointer"] == "/lead_person_id"

    group = new_group(setup)
    url = f"/api/v1/work-groups/{group['id']}"
    read = setup.staff.get(url)
    tag = read.headers["ETag"]
    assert setup.staff.get(url, headers={"If-None-Match": tag}).status_code == 304
    assert setup.staff.patch(url, json={"name": "Renamed"}).status_code == 428
    renamed = setup.staff.patch(url, json={"name": "Renamed"}, headers={"If-Match": tag})
    assert renamed.status_code == 200
    assert renamed.json()["name"] == "Renamed"
    stale = setup.staff.patch(url, json={"name": "Again"}, headers={"If-Match": tag})
    assert stale.status_code == 412


def test_groups_are_seen_by_their_hub_and_by_the_specialist_who_leads_them(
    group_setup: GroupSetUp,
    sign_in: SignIn,
    make_hub: MakeHub,
) -> None:
    setup = group_setup(schools=1)
    group = new_group(setup)
    other = person(setup.staff, "Other Specialist", ["mastery_specialist"], setup.schools[0])
    second = setup.staff.post(
        "/api/v1/work-groups",
        json={"programme_id": setup.programme.id, "name": "Second", "lead_person_id": other},
    ).json()
    make_hub(id="south")
    south = sign_in(role=Role.HUB_ADMIN, hub_id="south")
    specialist = sign_in(
        role=Role.MASTERY_SPECIALIST, hub_id="north", email="sam.specialist@school.example"
    )

    listed = setup.staff.get("/api/v1/work-groups", params={"limit": 1})
    assert [g["id"] for g in listed.json()["items"]] == [group["id"]]
    more = setup.staff.get(
        "/api/v1/work-groups", params={"limit": 1, "cursor": listed.json()["next_cursor"]}
    )
    assert [g["id"] for g in more.json()["items"]] == [second["id"]]
    by_programme = setup.staff.get(
        "/api/v1/work-groups", params={"programme": setup.programme.id, "academic_year": "2027-28"}
    )
    assert len(by_programme.json()["items"]) == 2

    assert south.get("/api/v1/work-groups").json()["items"] == []
    assert south.get(f"/api/v1/work-groups/{group['id']}").status_code == 404
    assert [g["id"] for g in specialist.get("/api/v1/work-groups").json()["items"]] == [group["id"]]
    assert specialist.get(f"/api/v1/work-groups/{group['id']}").status_code == 200
    assert specialist.get(f"/api/v1/work-groups/{second['id']}").status_code == 404
    assert (
        specialist.post(
            f"/api/v1/work-groups/{group['id']}/schools", json={"urn": setup.schools[0]}
        ).status_code
        == 403
    )


def test_a_list_of_groups_shows_each_groups_own_members(
    group_setup: GroupSetUp,
) -> None:
    setup = group_setup(schools=3)
    first, second = new_group(setup, "First"), new_group(setup, "Second")
    joins = {first["id"]: setup.schools[:2], second["id"]: setup.schools[2:]}
    for group_id, urns in joins.items():
        for urn in urns:
            added = setup.staff.post(f"/api/v1/work-groups/{group_id}/schools", json={"urn": urn})
            assert added.status_code == 200
    teacher = person(setup.staff, "Tess Teacher", ["teacher"], setup.schools[2])
    joined = setup.staff.post(
        f"/api/v1/work-groups/{second['id']}/participants", json={"person_id": teacher}
    )
    assert joined.status_code == 200

    listed = setup.staff.get("/api/v1/work-groups").json()["items"]
    assert {g["id"]: [s["urn"] for s in g["schools"]] for g in listed} == joins
    assert {g["id"]: [p["name"] for p in g["participants"]] for g in listed} == {
        first["id"]: [],
        second["id"]: ["Tess Teacher"],
    }
    assert all(g["lead"]["name"] == "Sam Specialist" for g in listed)
    # The lead's school need not be a member; it is named all the same.
    assert {g["lead"]["school_name"] for g in listed} == {"Lead Primary"}
    assert listed[1]["participants"][0]["school_name"] == "Member School 3"
