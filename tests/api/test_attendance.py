"""Attendance per participant per session, and each school's release time against the minimum."""

from __future__ import annotations

from datetime import UTC, datetime

from api.clock import FixedClock
from api.domain.access import Role
from tests.accounts import SignIn
from tests.api.work_group_setup import LEAD_SCHOOL, GroupSetUp, new_group, person


def test_release_time_counts_half_days_present_against_ten_days(
    group_setup: GroupSetUp, sign_in: SignIn, clock: FixedClock
) -> None:
    setup = group_setup(schools=2)
    group = new_group(setup)
    url = f"/api/v1/work-groups/{group['id']}"
    for urn in setup.schools:
        assert setup.staff.post(f"{url}/schools", json={"urn": urn}).status_code == 200
    a1 = person(setup.staff, "Ada One", ["teacher"], setup.schools[0])
    a2 = person(setup.staff, "Ada Two", ["teacher"], setup.schools[0])
    b1 = person(setup.staff, "Ben One", ["teacher"], setup.schools[1])
    outsider = person(setup.staff, "Out Sider", ["teacher"], None)
    for teacher in (a1, a2, b1):
        assert (
            setup.staff.post(f"{url}/participants", json={"person_id": teacher}).status_code == 200
        )
    created = setup.staff.post(
        f"{url}/sessions",
        json=[
            {
                "kind": "trg_meeting",
                "date": "2027-11-10",
                "start_time": "13:00",
                "end_time": "16:00",
                "host_urn": LEAD_SCHOOL,
            },
            {
                "kind": "trg_meeting",
                "date": "2028-01-19",
                "start_time": "09:00",
                "end_time": "15:30",
                "host_urn": LEAD_SCHOOL,
            },
        ],
    ).json()["items"]
    half_day, whole_day = (f"/api/v1/sessions/{s['id']}/attendance" for s in created)
    # After both sessions: their registers may be taken.
    clock.at = datetime(2028, 1, 20, 9, 0, tzinfo=UTC)
    setup.staff = sign_in(role=Role.HUB_ADMIN, hub_id="north")

    recorded = setup.staff.post(
        half_day,
        json={
            "records": [
                {"person_id": a1, "status": "present"},
                {"person_id": a2, "status": "present"},
                {"person_id": b1, "status": "absent_with_apologies"},
            ]
        },
    )
    assert recorded.status_code == 200, recorded.text
    assert [r["status"] for r in recorded.json()["records"]] == [
        "present",
        "present",
        "absent_with_apologies",
    ]
    setup.staff.post(whole_day, json={"records": [{"person_id": b1, "status": "present"}]})
    changed = setup.staff.post(whole_day, json={"records": [{"person_id": a1, "status": "absent"}]})
    assert len(changed.json()["records"]) == 2
    refused = setup.staff.post(
        half_day, json={"records": [{"person_id": outsider, "status": "present"}]}
    )
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["pointer"] == "/records/0/person_id"

    report = setup.staff.get(f"{url}/release-time").json()
    assert report["minimum_days"] == 10
    by_school = {s["urn"]: s for s in report["schools"]}
    assert (by_school[setup.schools[0]]["days"], by_school[setup.schools[0]]["shortfall_days"]) == (
        1.0,
        9.0,
    )
    assert (by_school[setup.schools[1]]["days"], by_school[setup.schools[1]]["shortfall_days"]) == (
        1.0,
        9.0,
    )

    # A cancelled session releases nobody, and takes no more attendance.
    session_url = f"/api/v1/sessions/{created[1]['id']}"
    tag = setup.staff.get(session_url).headers["ETag"]
    setup.staff.patch(session_url, json={"status": "cancelled"}, headers={"If-Match": tag})
    after = {s["urn"]: s["days"] for s in setup.staff.get(f"{url}/release-time").json()["schools"]}
    assert after == {setup.schools[0]: 1.0, setup.schools[1]: 0.0}
    closed = setup.staff.post(whole_day, json={"records": [{"person_id": b1, "status": "present"}]})
    assert (closed.status_code, closed.json()["rule"]) == (409, "session_cancelled")
