"""Check before you apply, references people can quote, deleting a draft, the hub's counts and
the school's own page (issue 12: points 2, 6 and 7)."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from fastapi import FastAPI
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.domain.access import Role
from api.persistence.models import Application, AuditEvent, OutboxMessage, Programme
from tests.accounts import SignIn
from tests.api.work_group_setup import GroupSetUp, new_group
from tests.builders import MakeHub, MakeProgramme, MakeSchool
from tests.clock import TODAY
from tests.problems import assert_described

SOON = TODAY + timedelta(days=30)


@pytest.fixture
def offer(make_hub: MakeHub, make_programme: MakeProgramme) -> Programme:
    hub = make_hub(id="north", name="North Maths Hub")
    return make_programme(
        hub=hub,
        stage="development",
        phase="secondary",
        status="open",
        closing_date=SOON,
        code="NCP27-14",
        title="Secondary Development",
        capacity_places=2,
        capacity_unit="schools",
    )


def applications_in(db: Session, programme: Programme) -> int:
    return (
        db.scalar(
            select(func.count())
            .select_from(Application)
            .where(Application.programme_id == programme.id)
        )
        or 0
    )


def test_an_ineligible_school_is_refused_at_the_start_and_nothing_is_made(
    sign_in: SignIn,
    make_school: MakeSchool,
    db: Session,
    offer: Programme,
    app: FastAPI,
) -> None:
    make_school(urn="100009", name="Little Acorns Primary", phase="Primary")
    contact = sign_in(role=Role.SCHOOL_CONTACT, hub_id="north", school_urn="100009")
    audited = db.scalar(select(func.count()).select_from(AuditEvent))

    refused = contact.post("/api/v1/applications", json={"programme_id": offer.id})

    assert refused.status_code == 409, refused.text
    problem = refused.json()
    assert problem["rule"] == "not_eligible"
    decision = problem["decision"]
    assert (decision["urn"], decision["may_apply"]) == ("100009", False)
    failed = [r for r in decision["rules"] if r["outcome"] == "failed"]
    assert [r["kind"] for r in failed] == ["phase_of_education"]
    assert "secondary" in failed[0]["reason"]
    assert "Little Acorns Primary cannot take part" in problem["detail"]
    assert [r["code"] for r in problem["failed_rules"]] == [r["code"] for r in failed]
    assert_described(problem, app)
    assert applications_in(db, offer) == 0
    assert db.scalar(select(func.count()).select_from(AuditEvent)) == audited
    assert contact.get("/api/v1/applications").json()["items"] == []


def test_a_school_contact_applies_for_their_own_school_without_typing_its_urn(
    sign_in: SignIn, make_school: MakeSchool, offer: Programme
) -> None:
    make_school(urn="100005", name="Carmel Academy", phase="Secondary")
    make_school(urn="100006", name="Other Academy", phase="Secondary")
    contact = sign_in(role=Role.SCHOOL_CONTACT, hub_id="north", school_urn="100005")

    other = contact.post("/api/v1/applications", json={"programme_id": offer.id, "urn": "100006"})
    assert other.status_code == 403
    assert "your own school (URN 100005)" in other.json()["detail"]

    created = contact.post("/api/v1/applications", json={"programme_id": offer.id})
    assert created.status_code == 201, created.text
    assert created.json()["school"]["urn"] == "100005"


def test_references_number_each_programme_from_one_and_show_everywhere(
    sign_in: SignIn, make_school: MakeSchool, db: Session, offer: Programme
) -> None:
    for urn in ("100001", "100002"):
        make_school(urn=urn, name=f"School {urn}", phase="Secondary")
    first = sign_in(role=Role.SCHOOL_CONTACT, hub_id="north", school_urn="100001")
    second = sign_in(role=Role.SCHOOL_CONTACT, hub_id="north", school_urn="100002")

    one = first.post("/api/v1/applications", json={"programme_id": offer.id}).json()
    two = second.post("/api/v1/applications", json={"programme_id": offer.id}).json()

    assert (one["reference"], one["number"]) == ("NCP27-14-0001", 1)
    assert (two["reference"], two["number"]) == ("NCP27-14-0002", 2)
    assert one["programme"]["hub_name"] == "North Maths Hub"
    assert first.get(f"/api/v1/applications/{one['id']}").json()["reference"] == "NCP27-14-0001"
    hub = sign_in(role=Role.HUB_ADMIN, hub_id="north")
    listed = hub.get("/api/v1/applications", params={"programme": offer.id}).json()["items"]
    assert {a["reference"] for a in listed} == {"NCP27-14-0001", "NCP27-14-0002"}
    rows = list(
        csv.DictReader(
            io.StringIO(hub.get("/api/v1/applications.csv", params={"programme": offer.id}).text)
        )
    )
    assert {(r["reference"], r["hub"]) for r in rows} == {
        ("NCP27-14-0001", "North Maths Hub"),
        ("NCP27-14-0002", "North Maths Hub"),
    }
    assert hub.get(f"/api/v1/applications/{two['id']}").json()["reference"] == "NCP27-14-0002"

    # A number is never given twice: not even a deleted draft's, the last one given.
    assert second.delete(f"/api/v1/applications/{two['id']}").status_code == 204
    assert first.delete(f"/api/v1/applications/{one['id']}").status_code == 204
    again = first.post("/api/v1/applications", json={"programme_id": offer.id}).json()
    assert again["reference"] == "NCP27-14-0003"

    # The emails that name an application quote it.
    first.patch(
        f"/api/v1/applications/{again['id']}",
        json={"head_teacher": {"name": "Hana Head", "email": "head@one.example"}},
        headers={"If-Match": f'"{again["id"]}.{again["version"]}"'},
    )
    first.post(f"/api/v1/applications/{again['id']}/signature-requests")
    sent = db.scalars(
        select(OutboxMessage.text_body).where(OutboxMessage.to_address == "head@one.example")
    ).one()
    assert "Application reference: NCP27-14-0003" in sent


def test_a_programme_without_a_code_still_gives_a_reference(
    sign_in: SignIn, make_school: MakeSchool, make_programme: MakeProgramme, offer: Programme
) -> None:
    plain = make_programme(
        hub=offer.hub, stage="development", phase="secondary", closing_date=SOON, title="No code"
    )
    make_school(urn="100005", phase="Secondary")
    contact = sign_in(role=Role.SCHOOL_CONTACT, hub_id="north", school_urn="100005")
    created = contact.post("/api/v1/applications", json={"programme_id": plain.id}).json()
    assert created["reference"] == f"P{plain.id}-0001"


def test_a_draft_is_deleted_but_a_submitted_application_is_only_withdrawn(
    sign_in: SignIn, make_school: MakeSchool, db: Session, offer: Programme, app: FastAPI
) -> None:
    make_school(urn="100005", phase="Secondary")
    make_school(urn="100006", phase="Secondary")
    contact = sign_in(role=Role.SCHOOL_CONTACT, hub_id="north", school_urn="100005")
    stranger = sign_in(role=Role.SCHOOL_CONTACT, hub_id="north", school_urn="100006")
    created = contact.post("/api/v1/applications", json={"programme_id": offer.id}).json()
    url = f"/api/v1/applications/{created['id']}"

    assert stranger.delete(url).status_code == 404
    stale = contact.delete(url, headers={"If-Match": f'"{created["id"]}.99"'})
    assert stale.status_code == 412
    deleted = contact.delete(url, headers={"If-Match": f'"{created["id"]}.{created["version"]}"'})
    assert deleted.status_code == 204, deleted.text
    assert contact.get(url).status_code == 404
    assert applications_in(db, offer) == 0
    event = db.scalars(
        select(AuditEvent).where(
            AuditEvent.resource_type == "application", AuditEvent.action == "delete"
        )
    ).one()
    assert event.resource_id == str(created["id"])

    # A submitted one stays on record: deleting it is refused, withdrawing it is not.
    submitted = contact.post("/api/v1/applications", json={"programme_id": offer.id}).json()
    db.get(Application, submitted["id"]).status = "submitted"  # type: ignore[union-attr]
    db.flush()
    refused = contact.delete(f"/api/v1/applications/{submitted['id']}")
    assert refused.status_code == 409
    assert refused.json()["rule"] == "not_draft"
    assert_described(refused.json(), app)
    withdrawn = contact.post(f"/api/v1/applications/{submitted['id']}/withdraw", json={})
    assert withdrawn.json()["status"] == "withdrawn"


def test_hub_staff_see_their_programmes_counts_and_no_one_else_does(
    sign_in: SignIn,
    make_hub: MakeHub,
    make_school: MakeSchool,
    db: Session,
    offer: Programme,
) -> None:
    for n, status in enumerate(
        ["draft", "submitted", "shortlisted", "selected", "waitlisted", "waitlisted", "withdrawn"]
    ):
        school = make_school(urn=f"{400000 + n}", phase="Secondary")
        db.add(
            Application(
                programme_id=offer.id,
                school_urn=school.urn,
                hub_id="north",
                status=status,
                created_by="test",
            )
        )
    db.flush()
    make_hub(id="south", name="South Maths Hub")

    hub = sign_in(role=Role.HUB_ADMIN, hub_id="north")
    counts = hub.get("/api/v1/applications-counts")
    assert counts.status_code == 200, counts.text
    (mine,) = [c for c in counts.json()["items"] if c["programme_id"] == offer.id]
    assert (mine["submitted"], mine["places_filled"], mine["places"], mine["waiting_list"]) == (
        5,
        1,
        2,
        2,
    )
    assert mine["drafts"] == 1

    national = sign_in(role=Role.NATIONAL_ADMIN)
    by_hub = national.get("/api/v1/applications-counts", params={"hub": "north"}).json()
    assert [c["programme_id"] for c in by_hub["items"]] == [offer.id]

    other_hub = sign_in(role=Role.HUB_ADMIN, hub_id="south")
    assert other_hub.get("/api/v1/applications-counts").json()["items"] == []
    assert other_hub.get("/api/v1/applications-counts", params={"hub": "north"}).status_code == 403
    make_school(urn="100005", phase="Secondary")
    school = sign_in(role=Role.SCHOOL_CONTACT, hub_id="north", school_urn="100005")
    assert school.get("/api/v1/applications-counts").status_code == 403
    assert hub.get("/api/v1/programmes").json()["items"][0].get("submitted") is None


def test_a_selected_school_sees_its_group_on_its_application_and_its_journey(
    group_setup: GroupSetUp, sign_in: SignIn, db: Session
) -> None:
    setup = group_setup(schools=2, phase="secondary")
    urn = setup.schools[0]
    group = new_group(setup)
    url = f"/api/v1/work-groups/{group['id']}"
    assert setup.staff.post(f"{url}/schools", json={"urn": urn}).status_code == 200
    first_session = {
        "kind": "workshop",
        "date": "2028-01-20",
        "start_time": "13:30",
        "end_time": "16:00",
        "host_urn": urn,
    }
    made = setup.staff.post(f"{url}/sessions", json=[first_session])
    assert made.status_code in (200, 201), made.text
    contact = sign_in(role=Role.SCHOOL_CONTACT, hub_id="north", school_urn=urn)

    (mine,) = contact.get("/api/v1/applications").json()["items"]
    application = contact.get(f"/api/v1/applications/{mine['id']}").json()
    shown = application["work_group"]
    assert (shown["name"], shown["lead_name"]) == ("Leeds Development Group", "Sam Specialist")
    assert [s["date"] for s in shown["sessions"]] == ["2028-01-20"]
    assert shown["next_session"]["start_time"] == "13:30"
    assert shown["next_session"]["host_school"] == "Member School 1"

    journey = contact.get(f"/api/v1/schools/{urn}/journey").json()
    assert [(a["id"], a["status"]) for a in journey["applications"]] == [(mine["id"], "selected")]
    assert journey["applications"][0]["reference"] == application["reference"]
    assert [g["name"] for g in journey["work_groups"]] == ["Leeds Development Group"]
    # Not offered what it is in a group for now.
    assert "secondary_development" not in journey["next_steps"]
    assert setup.programme.id not in [p["programme_id"] for p in journey["open_programmes"]]

    # A school not in the group sees none.
    other = sign_in(role=Role.SCHOOL_CONTACT, hub_id="north", school_urn=setup.schools[1])
    (theirs,) = other.get("/api/v1/applications").json()["items"]
    assert other.get(f"/api/v1/applications/{theirs['id']}").json()["work_group"] is None
    assert other.get(f"/api/v1/schools/{setup.schools[1]}/journey").json()["work_groups"] == []
