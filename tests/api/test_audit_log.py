"""The audit log in words: who by name and role, what by title, fields by label; the people
in the log to filter by; a signatory's confirmation credited to the signatory."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.clock import FixedClock
from api.domain.access import Role
from api.persistence.models import Programme
from tests.accounts import SignIn
from tests.api.test_applications import draft, offer, school_client, sign_everyone  # noqa: F401
from tests.api.work_group_setup import LEAD_SCHOOL, GroupSetUp, new_group, person
from tests.builders import MakeHub


def events(client: TestClient, **params: str) -> list[dict[str, Any]]:
    response = client.get("/api/v1/audit", params=params)
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


def actors(client: TestClient) -> list[dict[str, Any]]:
    response = client.get("/api/v1/audit/actors")
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


def test_a_session_change_says_who_what_and_which_fields_in_words(
    group_setup: GroupSetUp, sign_in: SignIn
) -> None:
    setup = group_setup(schools=1)
    group = new_group(setup, name="Year 5 Fractions")
    created = setup.staff.post(
        f"/api/v1/work-groups/{group['id']}/sessions",
        json={
            "kind": "trg_meeting",
            "date": "2028-03-23",
            "start_time": "13:30",
            "end_time": "16:00",
            "host_urn": LEAD_SCHOOL,
        },
    )
    assert created.status_code == 201, created.text
    url = f"/api/v1/sessions/{created.json()['items'][0]['id']}"
    tag = setup.staff.get(url).headers["ETag"]
    moved = setup.staff.patch(url, json={"start_time": "14:00"}, headers={"If-Match": tag})
    assert moved.status_code == 200, moved.text
    me = setup.staff.get("/api/v1/auth/me").json()

    change = events(setup.staff, resource_type="session")[0]
    assert change["action"] == "update"
    assert change["resource_title"] == "Session 1 of Year 5 Fractions"
    assert change["actor"] == f"user:{me['id']}"
    assert change["actor_name"] == me["name"]
    assert change["actor_role"] == "hub_admin"
    assert change["changes"]["start_time"] == {"before": "13:30", "after": "14:00"}
    assert change["field_labels"]["start_time"] == "Start time"
    assert set(change["field_labels"]) == set(change["changes"])

    [made] = events(setup.staff, resource_type="work_group", resource_id=str(group["id"]))
    assert made["resource_title"] == "Year 5 Fractions"
    [lead] = events(setup.staff, resource_type="person", resource_id=str(setup.lead_id))
    assert lead["resource_title"] == "Sam Specialist"


def test_a_register_names_each_person_it_changed(
    group_setup: GroupSetUp, sign_in: SignIn, clock: FixedClock
) -> None:
    setup = group_setup(schools=1)
    group = new_group(setup, name="Year 5 Fractions")
    url = f"/api/v1/work-groups/{group['id']}"
    assert setup.staff.post(f"{url}/schools", json={"urn": setup.schools[0]}).status_code == 200
    ada = person(setup.staff, "Ada One", ["teacher"], setup.schools[0])
    assert setup.staff.post(f"{url}/participants", json={"person_id": ada}).status_code == 200
    [session] = setup.staff.post(
        f"{url}/sessions",
        json={
            "kind": "trg_meeting",
            "date": "2027-11-10",
            "start_time": "13:00",
            "end_time": "16:00",
            "host_urn": LEAD_SCHOOL,
        },
    ).json()["items"]
    clock.at = datetime(2027, 11, 10, 17, 0, tzinfo=UTC)  # the session is over
    setup.staff = sign_in(role=Role.HUB_ADMIN, hub_id="north")
    taken = setup.staff.post(
        f"/api/v1/sessions/{session['id']}/attendance",
        json={"records": [{"person_id": ada, "status": "present"}]},
    )
    assert taken.status_code == 200, taken.text

    [register] = events(setup.staff, resource_type="session_attendance")
    assert register["resource_title"] == "Register of session 1 of Year 5 Fractions"
    assert register["changes"] == {str(ada): {"before": None, "after": "present"}}
    assert register["field_labels"] == {str(ada): "Ada One"}


def test_a_signatory_is_credited_with_their_confirmation(
    school_client: TestClient,  # noqa: F811
    sign_in: SignIn,
    db: Session,
    offer: Programme,  # noqa: F811
) -> None:
    application = draft(school_client, offer)
    sign_everyone(school_client, db, application["id"])
    hub = sign_in(role=Role.HUB_ADMIN, hub_id="north", name="Nora North")

    confirmations = events(hub, resource_type="application", resource_id=str(application["id"]))
    confirmed = [e for e in confirmations if e["action"] == "confirm"]
    assert {e["actor_name"] for e in confirmed} == {"Hana Head", "Dev Dept", "Tia One", "Tom Two"}
    assert {e["actor_role"] for e in confirmed} == {"signatory"}
    assert all(e["actor"].startswith("signatory:") for e in confirmed)
    assert all(e["actor"] != "system" for e in confirmations)
    title = confirmations[0]["resource_title"]
    assert title.startswith("Carmel Academy's application to Secondary Development")

    # The people in the log, to choose from: the school contact and each signatory, by name.
    listed = actors(hub)
    assert [a["name"] for a in listed] == sorted(a["name"] for a in listed)
    head = next(a for a in listed if a["name"] == "Hana Head")
    assert head["role"] == "signatory"
    assert any(a["role"] == "school_contact" for a in listed)
    theirs = events(hub, actor=head["actor"])
    assert [e["actor_name"] for e in theirs] == ["Hana Head"]
    assert theirs[0]["action"] == "confirm"


def test_the_people_listed_are_those_of_the_log_one_may_read(
    group_setup: GroupSetUp, sign_in: SignIn, make_hub: MakeHub
) -> None:
    north = group_setup(schools=1, hub_id="north")
    new_group(north, name="North Group")
    make_hub(id="south", name="South Maths Hub")
    south = sign_in(role=Role.HUB_ADMIN, hub_id="south", name="Sol South")
    person(south, "Sid Southern", ["teacher"], None)
    north_names = {a["actor"] for a in actors(north.staff)} - {"system"}
    south_listed = [a for a in actors(south) if a["actor"] != "system"]
    assert [(a["name"], a["role"]) for a in south_listed] == [("Sol South", "hub_admin")]
    assert north_names
    assert south_listed[0]["actor"] not in north_names
    national = sign_in(role=Role.NATIONAL_ADMIN)
    everyone = {a["actor"] for a in actors(national)}
    assert north_names | {south_listed[0]["actor"]} <= everyone
    # Someone else's hub's person is no filter for a hub's own log.
    assert events(north.staff, actor=south_listed[0]["actor"]) == []


def test_a_page_of_one_persons_changes_is_keyset_paged(group_setup: GroupSetUp) -> None:
    setup = group_setup(schools=1)
    for n in range(3):
        new_group(setup, name=f"Group {n}")
    me = f"user:{setup.staff.get('/api/v1/auth/me').json()['id']}"
    first = setup.staff.get("/api/v1/audit", params={"actor": me, "limit": 2}).json()
    assert len(first["items"]) == 2
    assert first["next_cursor"]
    rest = setup.staff.get(
        "/api/v1/audit", params={"actor": me, "limit": 2, "cursor": first["next_cursor"]}
    ).json()
    ids = [e["id"] for e in first["items"] + rest["items"]]
    assert ids == sorted(ids, reverse=True)
    assert len(ids) == len(set(ids))
    assert {e["actor"] for e in first["items"] + rest["items"]} == {me}
