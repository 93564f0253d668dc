"""People and participation records, each kept by a hub."""

from __future__ import annotations

from api.domain.access import Role
from tests.accounts import SignIn
from tests.builders import MakeHub, MakeSchool

TEACHER = {
    "name": "Tom Teacher",
    "email": "Tom.Teacher@School.example",
    "roles": ["teacher", "maths_lead"],
    "school_urn": "100001",
}


def test_people_are_recorded_unique_and_seen_by_their_hub_only(
    sign_in: SignIn, make_hub: MakeHub, make_school: MakeSchool
) -> None:
    make_hub(id="north")
    make_hub(id="south")
    make_school(urn="100001")
    make_school(urn="100002")
    north = sign_in(role=Role.HUB_ADMIN, hub_id="north")
    south = sign_in(role=Role.HUB_ADMIN, hub_id="south")

    created = north.post("/api/v1/people", json=TEACHER)
    assert created.status_code == 201, created.text
    person = created.json()
    assert (person["email"], person["hub_id"]) == ("tom.teacher@school.example", "north")
    again = north.post("/api/v1/people", json={**TEACHER, "email": "TOM.teacher@school.example"})
    assert again.status_code == 409

    assert south.get(f"/api/v1/people/{person['id']}").status_code == 404
    assert south.get("/api/v1/people").json()["items"] == []
    assert [
        p["id"] for p in north.get("/api/v1/people", params={"role": "maths_lead"}).json()["items"]
    ] == [person["id"]]
    assert north.get("/api/v1/people", params={"role": "teaching_assistant"}).json()["items"] == []

    contact = sign_in(role=Role.SCHOOL_CONTACT, hub_id="north", school_urn="100002")
    assert contact.get("/api/v1/people").json()["items"] == []
    own = sign_in(role=Role.SCHOOL_CONTACT, hub_id="north", school_urn="100001")
    assert [p["name"] for p in own.get("/api/v1/people").json()["items"]] == ["Tom Teacher"]


def test_an_early_career_teacher_needs_the_year_they_began(
    sign_in: SignIn, make_hub: MakeHub
) -> None:
    make_hub(id="north")
    north = sign_in(role=Role.HUB_ADMIN, hub_id="north")
    response = north.post(
        "/api/v1/people",
        json={"name": "Eve", "email": "eve@school.example", "roles": ["early_career_teacher"]},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/began_teaching"
    bad_email = north.post(
        "/api/v1/people", json={"name": "X", "email": "not-an-email", "roles": ["teacher"]}
    )
    assert bad_email.json()["errors"][0]["pointer"] == "/email"


def test_update_a_person_with_their_etag(
    sign_in: SignIn, make_hub: MakeHub, make_school: MakeSchool
) -> None:
    make_hub(id="north")
    make_school(urn="100001")
    north = sign_in(role=Role.HUB_ADMIN, hub_id="north")
    created = north.post("/api/v1/people", json=TEACHER)
    url = f"/api/v1/people/{created.json()['id']}"
    tag = created.headers["ETag"]
    changed = north.patch(url, json={"roles": ["head_teacher"]}, headers={"If-Match": tag})
    assert changed.status_code == 200, changed.text
    assert changed.json()["roles"] == ["head_teacher"]
    stale = north.patch(url, json={"name": "Lost"}, headers={"If-Match": tag})
    assert stale.status_code == 412


def test_participations_are_recorded_once_and_listed(
    sign_in: SignIn, make_hub: MakeHub, make_school: MakeSchool
) -> None:
    make_hub(id="north")
    make_school(urn="100001")
    north = sign_in(role=Role.HUB_ADMIN, hub_id="north")
    body = {
        "urn": "100001",
        "programme_type": "primary_development",
        "academic_year": "2019-20",
        "hub_id": "north",
    }
    created = north.post("/api/v1/participations", json=body)
    assert created.status_code == 201, created.text
    assert created.json()["academic_year_label"] == "2019/20"
    assert north.post("/api/v1/participations", json=body).status_code == 409
    both = north.post("/api/v1/participations", json={**body, "person_id": 1})
    assert both.status_code == 422
    other_hub = north.post("/api/v1/participations", json={**body, "hub_id": "south"})
    assert other_hub.status_code == 403
    listed = north.get("/api/v1/participations", params={"urn": "100001"}).json()["items"]
    assert [p["programme_type"] for p in listed] == ["primary_development"]


def test_a_school_contact_sees_only_their_schools_participations(
    sign_in: SignIn, make_hub: MakeHub, make_school: MakeSchool
) -> None:
    make_hub(id="north")
    make_school(urn="100001")
    contact = sign_in(role=Role.SCHOOL_CONTACT, hub_id="north", school_urn="100001")
    assert contact.get("/api/v1/participations").status_code == 200
    response = contact.get("/api/v1/participations", params={"urn": "100002"})
    assert response.status_code == 403
