"""Grant entitlements: recorded when a school joins a programme's Work Group, decided live on
every read (a fixed grant once the year is completed and its conditions met, matched funding
once selected), seen by the school's contact and its hub."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.clock import FixedClock
from api.domain.access import Role
from api.domain.claims import window_closes
from api.persistence.models import GrantEntitlement
from api.services import grant_entitlements
from tests.accounts import SignIn
from tests.api.grants_setup import GrantsSetUp, complete
from tests.api.work_group_setup import LEAD_SCHOOL, person
from tests.clock import TODAY


def test_joining_a_group_records_each_grant_and_decides_it_live(
    grants_setup: GrantsSetUp,
) -> None:
    grants = grants_setup()
    items = grants.entitlements(programme=grants.programme.id)
    assert sorted((e["school"]["urn"], e["kind"]) for e in items) == sorted(
        (urn, kind) for urn in grants.schools for kind in ("fixed_grant", "matched_funding")
    )
    fixed = grants.entitlement(grants.schools[0], "fixed_grant")
    assert fixed["description"] == "a £1,000.00 grant towards teacher release time"
    assert fixed["committed"] == {"amount_pence": 100_000, "currency": "GBP"}
    assert (fixed["due"], fixed["claimable"], fixed["status"]) == (False, False, "not_due")
    assert [c["code"] for c in fixed["checks"]] == ["completed_year", "sessions_attended"]
    assert (
        fixed["missing"][0]
        == "Due once the school completes the year on the programme; it has not yet."
    )
    assert fixed["claim"] is None
    assert fixed["programme"]["academic_year_label"] == "2027/28"
    matched = grants.entitlement(grants.schools[0], "matched_funding")
    assert matched["description"] == "matched funding of up to £2,000.00 for textbooks"
    assert (matched["due"], matched["claimable"], matched["status"]) == (True, True, "claimable")
    assert matched["checks"][0]["reason"].endswith("this school was selected.")
    assert (matched["claims_close_at"], matched["window_open"]) == (None, True)


def test_recording_twice_keeps_one_entitlement_per_grant(
    grants_setup: GrantsSetUp, db: Session
) -> None:
    grants = grants_setup(schools=1)
    again = grant_entitlements.record_for_school(
        db, programme_id=grants.programme.id, school_urn=grants.schools[0], work_group_id=None
    )
    assert again == []
    count = db.scalar(
        select(func.count())
        .select_from(GrantEntitlement)
        .where(GrantEntitlement.school_urn == grants.schools[0])
    )
    assert count == 2


def test_a_fixed_grant_is_due_on_completion_and_claimable_once_sessions_are_attended(
    grants_setup: GrantsSetUp, db: Session, sign_in: SignIn, clock: FixedClock
) -> None:
    grants = grants_setup(schools=1)
    urn = grants.schools[0]
    complete(db, grants.group)
    fixed = grants.entitlement(urn, "fixed_grant")
    assert (fixed["due"], fixed["claimable"], fixed["status"]) == (True, False, "not_due")
    assert fixed["missing"] == ["Paid once the school has attended 1 sessions; it has attended 0."]
    # A teacher of the school present at one of the group's sessions meets the condition.
    grants.group.completed_on = None
    db.flush()
    url = f"/api/v1/work-groups/{grants.group.id}"
    teacher = person(grants.staff, "Tia Teacher", ["teacher"], urn)
    assert grants.staff.post(f"{url}/participants", json={"person_id": teacher}).status_code == 200
    created = grants.staff.post(
        f"{url}/sessions",
        json=[
            {
                "kind": "trg_meeting",
                "date": "2027-11-10",
                "start_time": "13:00",
                "end_time": "16:00",
                "host_urn": LEAD_SCHOOL,
            }
        ],
    )
    assert created.status_code == 201, created.text
    session_id = created.json()["items"][0]["id"]
    clock.at = datetime(2027, 11, 11, 9, 0, tzinfo=UTC)
    # Signed in again: a session cookie does not outlive the clock's jump.
    grants.staff = sign_in(role=Role.HUB_ADMIN, hub_id="north")
    register = grants.staff.post(
        f"/api/v1/sessions/{session_id}/attendance",
        json={"records": [{"person_id": teacher, "status": "present"}]},
    )
    assert register.status_code == 200, register.text
    complete(db, grants.group)
    fixed = grants.entitlement(urn, "fixed_grant")
    assert (fixed["due"], fixed["claimable"], fixed["status"]) == (True, True, "claimable")
    assert fixed["missing"] == []


def test_a_school_contact_sees_only_their_own_schools_entitlements(
    grants_setup: GrantsSetUp,
) -> None:
    grants = grants_setup()
    mine = grants.entitlements(grants.school)
    assert {e["school"]["urn"] for e in mine} == {grants.schools[0]}
    other = grants.school.get("/api/v1/grants/entitlements", params={"school": grants.schools[1]})
    assert other.status_code == 403
    assert grants.schools[0] in other.json()["detail"]
    theirs = grants.entitlement(grants.schools[1], "fixed_grant")
    assert grants.school.get(f"/api/v1/grants/entitlements/{theirs['id']}").status_code == 404


def test_one_entitlement_has_an_etag_and_answers_304_while_unchanged(
    grants_setup: GrantsSetUp, db: Session
) -> None:
    grants = grants_setup(schools=1)
    fixed = grants.entitlement(grants.schools[0], "fixed_grant")
    url = f"/api/v1/grants/entitlements/{fixed['id']}"
    first = grants.school.get(url)
    assert first.status_code == 200
    assert first.json() == fixed
    tag = first.headers["ETag"]
    assert grants.school.get(url, headers={"If-None-Match": tag}).status_code == 304
    complete(db, grants.group)
    changed = grants.school.get(url, headers={"If-None-Match": tag})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != tag


def test_entitlements_come_in_keyset_pages_filtered_by_year_and_hub(
    grants_setup: GrantsSetUp,
) -> None:
    grants = grants_setup()
    seen: list[int] = []
    cursor = None
    while True:
        params = {"limit": 3, "academic_year": "2027-28"} | ({"cursor": cursor} if cursor else {})
        page = grants.staff.get("/api/v1/grants/entitlements", params=params).json()
        seen += [e["id"] for e in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == 4
    assert seen == sorted(seen)
    assert grants.entitlements(academic_year="2026-27") == []
    other_hub = grants.staff.get("/api/v1/grants/entitlements", params={"hub": "south"})
    assert other_hub.status_code == 403


def test_a_programmes_claim_deadline_closes_the_window_at_its_last_second_in_london(
    grants_setup: GrantsSetUp,
) -> None:
    grants = grants_setup(schools=1)
    url = f"/api/v1/programmes/{grants.programme.id}"
    ahead, behind = TODAY + timedelta(days=30), TODAY - timedelta(days=1)
    tag = grants.staff.get(url).headers["ETag"]
    changed = grants.staff.patch(
        url, json={"claim_deadline": str(ahead)}, headers={"If-Match": tag}
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["claim_deadline"] == str(ahead)
    assert changed.json()["claims_close_at"] == window_closes(ahead).isoformat()
    assert changed.json()["claims_close_at"].startswith(f"{ahead}T23:59:59+0")
    matched = grants.entitlement(grants.schools[0], "matched_funding")
    assert matched["claims_close_at"] == window_closes(ahead).isoformat()
    assert matched["window_open"] is True
    closed = grants.staff.patch(
        url, json={"claim_deadline": str(behind)}, headers={"If-Match": changed.headers["ETag"]}
    )
    assert closed.json()["claims_close_at"] == window_closes(behind).isoformat()
    assert grants.entitlement(grants.schools[0], "matched_funding")["window_open"] is False
