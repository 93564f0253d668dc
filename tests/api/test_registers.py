"""Registers by those who run them: the group's lead takes the register of its sessions once
they have started (apologies may be recorded ahead); the sessions say whether it was taken."""

from __future__ import annotations

from datetime import UTC, datetime

from api.clock import FixedClock
from api.domain.access import Role
from tests.accounts import SignIn
from tests.api.work_group_setup import LEAD_SCHOOL, GroupSetUp, Setup, person

# A Wednesday of the group's year; the tests' clock stands months before it.
SESSION_DAY = "2027-11-10"
LEAD_EMAIL = "sam.specialist@school.example"


def running_group(setup: Setup) -> tuple[int, int, list[int]]:
    """A group with two participants and one session on SESSION_DAY, 13:30 to 16:00."""
    group = setup.staff.post(
        "/api/v1/work-groups",
        json={
            "programme_id": setup.programme.id,
            "name": "Leeds Development Group",
            "lead_person_id": setup.lead_id,
        },
    ).json()
    url = f"/api/v1/work-groups/{group['id']}"
    assert setup.staff.post(f"{url}/schools", json={"urn": setup.schools[0]}).status_code == 200
    people = [person(setup.staff, name, ["teacher"], setup.schools[0]) for name in ("Ann", "Bo")]
    for someone in people:
        added = setup.staff.post(f"{url}/participants", json={"person_id": someone})
        assert added.status_code == 200
    created = setup.staff.post(
        f"{url}/sessions",
        json={
            "kind": "trg_meeting",
            "date": SESSION_DAY,
            "start_time": "13:30",
            "end_time": "16:00",
            "host_urn": LEAD_SCHOOL,
        },
    )
    assert created.status_code == 201, created.text
    return group["id"], created.json()["items"][0]["id"], people


def test_a_register_before_the_session_starts_is_refused_but_apologies_are_taken(
    group_setup: GroupSetUp, sign_in: SignIn, clock: FixedClock
) -> None:
    setup = group_setup(schools=1)
    group_id, session_id, (ann, bo) = running_group(setup)
    url = f"/api/v1/sessions/{session_id}/attendance"
    clock.at = datetime(2027, 11, 10, 13, 29, tzinfo=UTC)  # 1:29pm in England, in GMT
    setup.staff = sign_in(role=Role.HUB_ADMIN, hub_id="north")  # signed in on the day

    early = setup.staff.post(url, json={"records": [{"person_id": ann, "status": "present"}]})
    assert early.status_code == 409
    problem = early.json()
    assert problem["rule"] == "session_not_started"
    assert "Wednesday 10 November 2027 at 1:30pm" in problem["detail"]

    apologies = setup.staff.post(
        url, json={"records": [{"person_id": bo, "status": "absent_with_apologies"}]}
    )
    assert apologies.status_code == 200, apologies.text
    listed = setup.staff.get(f"/api/v1/work-groups/{group_id}/sessions").json()["items"][0]
    assert (listed["register_taken"], listed["present_count"]) == (False, 0)

    clock.at = datetime(2027, 11, 10, 13, 30, tzinfo=UTC)
    taken = setup.staff.post(url, json={"records": [{"person_id": ann, "status": "present"}]})
    assert taken.status_code == 200, taken.text
    listed = setup.staff.get(f"/api/v1/work-groups/{group_id}/sessions").json()["items"][0]
    assert (listed["register_taken"], listed["present_count"]) == (True, 1)
    one = setup.staff.get(f"/api/v1/sessions/{session_id}").json()
    assert (one["register_taken"], one["present_count"]) == (True, 1)


def test_the_groups_lead_takes_its_register_and_another_lead_may_not(
    group_setup: GroupSetUp, sign_in: SignIn, clock: FixedClock
) -> None:
    setup = group_setup(schools=1)
    _, session_id, (ann, bo) = running_group(setup)
    url = f"/api/v1/sessions/{session_id}/attendance"
    clock.at = datetime(2027, 11, 10, 14, 0, tzinfo=UTC)
    setup.staff = sign_in(role=Role.HUB_ADMIN, hub_id="north")  # signed in on the day
    body = {
        "records": [
            {"person_id": ann, "status": "present"},
            {"person_id": bo, "status": "absent"},
        ]
    }
    other_lead = sign_in(
        role=Role.MASTERY_SPECIALIST, hub_id="north", email="other.specialist@school.example"
    )
    other = person(setup.staff, "Other Specialist", ["mastery_specialist"], LEAD_SCHOOL)
    led = setup.staff.post(
        "/api/v1/work-groups",
        json={"programme_id": setup.programme.id, "name": "Their group", "lead_person_id": other},
    )
    assert led.status_code == 201
    assert [g["id"] for g in other_lead.get("/api/v1/work-groups").json()["items"]] == [
        led.json()["id"]
    ]
    refused = other_lead.post(url, json=body)
    assert refused.status_code == 404  # another group's session is not theirs to see
    assert setup.staff.get(url).json()["records"] == []

    lead = sign_in(role=Role.MASTERY_SPECIALIST, hub_id="north", email=LEAD_EMAIL)
    taken = lead.post(url, json=body)

    assert taken.status_code == 200, taken.text
    assert [r["status"] for r in taken.json()["records"]] == ["present", "absent"]
    assert lead.get(url).json()["records"] == taken.json()["records"]


def test_a_lead_is_refused_a_register_before_the_session_too(
    group_setup: GroupSetUp, sign_in: SignIn
) -> None:
    setup = group_setup(schools=1)
    _, session_id, (ann, _) = running_group(setup)
    lead = sign_in(role=Role.MASTERY_SPECIALIST, hub_id="north", email=LEAD_EMAIL)
    early = lead.post(
        f"/api/v1/sessions/{session_id}/attendance",
        json={"records": [{"person_id": ann, "status": "present"}]},
    )
    assert early.status_code == 409
    assert early.json()["rule"] == "session_not_started"
