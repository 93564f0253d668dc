"""Sessions: proposed from the school calendar, created, moved and cancelled with history."""

from __future__ import annotations

from datetime import date

from api.domain.academic_year import AcademicYear
from api.domain.access import Role
from api.domain.calendar import school_calendar
from tests.accounts import SignIn
from tests.api.work_group_setup import LEAD_SCHOOL, GroupSetUp, new_group
from tests.builders import MakeHub


def test_a_proposal_starts_at_the_lead_school_and_rotates_hosts_without_saving(
    group_setup: GroupSetUp,
) -> None:
    setup = group_setup(schools=3)
    group = new_group(setup)
    url = f"/api/v1/work-groups/{group['id']}"
    for urn in setup.schools:
        setup.staff.post(f"{url}/schools", json={"urn": urn})

    response = setup.staff.post(
        f"{url}/schedule", json={"sessions": 6, "start_time": "13:30", "end_time": "16:00"}
    )
    assert response.status_code == 200, response.text
    proposed = response.json()["sessions"]
    assert [p["host_urn"] for p in proposed] == [
        LEAD_SCHOOL,
        *setup.schools,
        LEAD_SCHOOL,
        setup.schools[0],
    ]
    assert [p["half_term"] for p in proposed] == [
        "autumn_1",
        "autumn_2",
        "spring_1",
        "spring_2",
        "summer_1",
        "summer_2",
    ]
    calendar = school_calendar(AcademicYear.parse("2027-28"))
    assert all(calendar.is_school_day(date.fromisoformat(p["date"])) for p in proposed)
    assert all(p["start_time"] == "13:30:00" for p in proposed)
    read = setup.staff.get("/api/v1/timetable", params={"work_group": group["id"]}).json()["items"]
    assert read == []

    # Confirm the proposal: every session created at once.
    created = setup.staff.post(
        f"{url}/sessions",
        json=[
            {
                "kind": p["kind"],
                "number": p["number"],
                "date": p["date"],
                "start_time": p["start_time"],
                "end_time": p["end_time"],
                "host_urn": p["host_urn"],
            }
            for p in proposed
        ],
    )
    assert created.status_code == 201, created.text
    items = created.json()["items"]
    assert [s["number"] for s in items] == [1, 2, 3, 4, 5, 6]
    assert all(s["sequence"] == 0 and s["status"] == "scheduled" for s in items)
    assert items[0]["half_term"] == "autumn_1"
    assert items[0]["timezone"] == "Europe/London"

    # A later proposal numbers on from the group's sessions, so it too can be confirmed as is.
    more = setup.staff.post(
        f"{url}/schedule",
        json={
            "sessions": 2,
            "half_terms": ["summer_2"],
            "start_time": "09:00",
            "end_time": "12:00",
        },
    )
    assert [p["number"] for p in more.json()["sessions"]] == [7, 8]
    # ... on days the group does not already meet (session 6 is in Summer 2 too).
    assert {p["date"] for p in more.json()["sessions"]}.isdisjoint(s["date"] for s in items)

    spring = setup.staff.post(
        f"{url}/schedule",
        json={"half_terms": ["summer_1", "spring_1"], "start_time": "09:00", "end_time": "12:00"},
    )
    assert spring.status_code == 422
    backwards = setup.staff.post(
        f"{url}/schedule", json={"start_time": "12:00", "end_time": "09:00"}
    )
    assert backwards.status_code == 422


def test_a_moved_session_keeps_its_history_and_raises_its_sequence(
    group_setup: GroupSetUp,
) -> None:
    setup = group_setup(schools=1)
    group = new_group(setup)
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
    first = created.json()["items"][0]
    assert first["number"] == 1
    # 23 March 2028 is before the clock change (GMT), so UTC equals local.
    assert first["starts_at_local"] == "2028-03-23T13:30:00Z" or first["starts_at_local"].endswith(
        "13:30:00+00:00"
    )
    assert first["starts_at"].startswith("2028-03-23T13:30:00")
    url = f"/api/v1/sessions/{first['id']}"
    tag = setup.staff.get(url).headers["ETag"]
    assert setup.staff.get(url, headers={"If-None-Match": tag}).status_code == 304

    # Moved past the clock change (26 March 2028): still 13:30 local, 12:30 UTC.
    moved = setup.staff.patch(url, json={"date": "2028-03-27"}, headers={"If-Match": tag})
    assert moved.status_code == 200, moved.text
    body = moved.json()
    assert body["sequence"] == 1
    assert body["starts_at_local"].endswith("13:30:00+01:00")
    assert body["starts_at"].startswith("2028-03-27T12:30:00")
    assert body["history"][0]["date"] == "2028-03-23"
    assert body["history"][0]["start_time"] == "13:30"
    assert body["history"][0]["sequence"] == 0
    stale = setup.staff.patch(url, json={"status": "cancelled"}, headers={"If-Match": tag})
    assert stale.status_code == 412

    cancelled = setup.staff.patch(
        url, json={"status": "cancelled"}, headers={"If-Match": moved.headers["ETag"]}
    )
    assert cancelled.status_code == 200
    assert (cancelled.json()["status"], cancelled.json()["sequence"]) == ("cancelled", 2)
    assert [h["date"] for h in cancelled.json()["history"]] == ["2028-03-23", "2028-03-27"]
    assert cancelled.json()["history"][1]["status"] == "scheduled"

    same = setup.staff.patch(
        url, json={"status": "cancelled"}, headers={"If-Match": cancelled.headers["ETag"]}
    )
    assert same.json()["sequence"] == 2


def test_sessions_are_checked_and_hidden_from_other_hubs(
    group_setup: GroupSetUp,
    sign_in: SignIn,
    make_hub: MakeHub,
) -> None:
    setup = group_setup(schools=2)
    group = new_group(setup)
    url = f"/api/v1/work-groups/{group['id']}/sessions"
    base = {"kind": "workshop", "start_time": "13:30", "end_time": "16:00"}
    outside_year = setup.staff.post(
        url, json={**base, "date": "2029-01-10", "host_urn": LEAD_SCHOOL}
    )
    assert outside_year.status_code == 422
    assert outside_year.json()["errors"][0]["pointer"] == "/date"
    not_member = setup.staff.post(
        url, json={**base, "date": "2028-01-10", "host_urn": setup.schools[1]}
    )
    assert not_member.status_code == 422
    assert not_member.json()["errors"][0]["pointer"] == "/host_urn"
    nowhere = setup.staff.post(url, json={**base, "date": "2028-01-10"})
    assert nowhere.status_code == 422
    online = setup.staff.post(
        url, json={**base, "date": "2028-01-10", "online_url": "https://meet.example/abc"}
    )
    assert online.status_code == 201
    session_id = online.json()["items"][0]["id"]
    duplicate = setup.staff.post(
        url, json={**base, "number": 1, "date": "2028-01-11", "online_url": "https://x.example/"}
    )
    assert duplicate.status_code == 422

    make_hub(id="south")
    south = sign_in(role=Role.HUB_ADMIN, hub_id="south")
    assert south.get(f"/api/v1/sessions/{session_id}").status_code == 404
    specialist = sign_in(
        role=Role.MASTERY_SPECIALIST, hub_id="north", email="sam.specialist@school.example"
    )
    assert specialist.get(f"/api/v1/sessions/{session_id}").status_code == 200
