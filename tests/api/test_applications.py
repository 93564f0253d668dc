"""Expressions of interest end to end through HTTP: the form, signatures by emailed link,
submission checked by the rules, decisions, places and the waiting list."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.domain.access import Role
from api.persistence.models import OutboxMessage, Programme
from tests.accounts import SignIn
from tests.builders import MakeHub, MakeProgramme, MakeSchool, TakePart
from tests.clock import TEST_NOW, TODAY
from tests.problems import assert_described

SOON = TODAY + timedelta(days=30)
COMMITMENTS = ["Teachers attend four half-day meetings.", "Leaders support the teachers."]
FORM = {
    "statement_word_limit": 150,
    "participant_role": "teacher",
    "participants_min": 1,
    "participants_max": 2,
    "head_of_department": True,
}
PEOPLE = {
    "head_teacher": {"name": "Hana Head", "email": "head@school.example"},
    "head_of_department": {"name": "Dev Dept", "email": "hod@school.example"},
    "participants": [
        {"name": "Tia One", "email": "t1@school.example", "year_groups": ["Year 7", "Year 9"]},
        {"name": "Tom Two", "email": "t2@school.example", "year_groups": ["Year 8"]},
    ],
    "statement": "We want to develop teaching for mastery across the department.",
}


@pytest.fixture
def offer(make_hub: MakeHub, make_programme: MakeProgramme) -> Programme:
    hub = make_hub(id="north", name="North Maths Hub")
    return make_programme(
        hub=hub,
        stage="development",
        phase="secondary",
        status="open",
        closing_date=SOON,
        title="Secondary Development",
        commitments=COMMITMENTS,
        application_form=FORM,
        capacity_places=2,
        capacity_unit="schools",
    )


@pytest.fixture
def school_client(sign_in: SignIn, make_school: MakeSchool, offer: Programme) -> TestClient:
    make_school(urn="100005", name="Carmel Academy", phase="Secondary")
    return sign_in(role=Role.SCHOOL_CONTACT, hub_id="north", school_urn="100005")


def tokens_sent(db: Session, to: str) -> list[str]:
    bodies = db.scalars(
        select(OutboxMessage.text_body)
        .where(OutboxMessage.to_address == to, OutboxMessage.template == "signature_request")
        .order_by(OutboxMessage.id)
    )
    return [t for body in bodies for t in re.findall(r"/sign/([A-Za-z0-9_-]+)", body)]


def draft(client: TestClient, programme: Programme, **fields: object) -> dict[str, object]:
    response = client.post(
        "/api/v1/applications", json={"programme_id": programme.id, **PEOPLE, **fields}
    )
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


def sign_everyone(client: TestClient, db: Session, application_id: object) -> None:
    sent = client.post(f"/api/v1/applications/{application_id}/signature-requests")
    assert sent.status_code == 200, sent.text
    for email in (
        "head@school.example",
        "hod@school.example",
        "t1@school.example",
        "t2@school.example",
    ):
        token = tokens_sent(db, email)[-1]  # the newest link sent to them
        page = client.get(f"/api/v1/signatures/{token}").json()
        confirmed = client.post(
            f"/api/v1/signatures/{token}/confirm", json={"commitments": page["commitments"]}
        )
        assert confirmed.status_code == 200, confirmed.text


def test_draft_sign_submit_select(
    school_client: TestClient, sign_in: SignIn, db: Session, offer: Programme, app: FastAPI
) -> None:
    application = draft(school_client, offer)
    assert application["status"] == "draft"
    assert application["school"]["name"] == "Carmel Academy"
    assert application["statement_word_limit"] == 150
    assert application["tasks"]["commitments"] == "not_started"

    refused = school_client.post(f"/api/v1/applications/{application['id']}/submit")
    assert refused.status_code == 422
    assert refused.json()["type"] == "/problems/not-eligible"
    assert [r["code"] for r in refused.json()["failed_rules"]] == ["commitments_not_confirmed"]
    assert_described(refused.json(), app)

    sign_everyone(school_client, db, application["id"])
    signed = school_client.get(f"/api/v1/applications/{application['id']}").json()
    assert all(s["confirmed_at"] for s in signed["signatories"])
    assert signed["tasks"]["commitments"] == "completed"

    submitted = school_client.post(f"/api/v1/applications/{application['id']}/submit")
    assert submitted.status_code == 200, submitted.text
    assert submitted.json()["status"] == "submitted"
    assert db.scalars(
        select(OutboxMessage).where(OutboxMessage.template == "application_submitted")
    ).first()

    hub = sign_in(role=Role.HUB_ADMIN, hub_id="north")
    url = f"/api/v1/applications/{application['id']}/decisions"
    assert hub.post(url, json={"decision": "shortlisted", "note": "Strong"}).status_code == 200
    selected = hub.post(url, json={"decision": "selected"})
    assert selected.json()["status"] == "selected"
    seen = school_client.get(f"/api/v1/applications/{application['id']}").json()
    assert seen["status"] == "selected"
    assert "has a place" in seen["next_step"]
    told = db.scalars(
        select(OutboxMessage.to_address).where(OutboxMessage.template == "application_decision")
    ).all()
    # Each decision goes to the head teacher named on the form and to the school's contact.
    assert sorted(told).count("head@school.example") == 2
    assert len(told) == 4


def test_a_signature_link_is_single_use_and_expires(
    school_client: TestClient, db: Session, offer: Programme
) -> None:
    application = draft(school_client, offer)
    school_client.post(f"/api/v1/applications/{application['id']}/signature-requests")
    (token,) = tokens_sent(db, "head@school.example")
    page = school_client.get(f"/api/v1/signatures/{token}").json()
    assert page["commitments"][:2] == COMMITMENTS
    assert "Dev Dept (head of department)" in page["other_signatories"]
    body = {"commitments": page["commitments"]}
    assert school_client.post(f"/api/v1/signatures/{token}/confirm", json=body).status_code == 200
    again = school_client.post(f"/api/v1/signatures/{token}/confirm", json=body)
    assert again.status_code == 410
    assert "already confirmed" in again.json()["detail"]

    (hod_token,) = tokens_sent(db, "hod@school.example")
    partial = school_client.post(
        f"/api/v1/signatures/{hod_token}/confirm", json={"commitments": COMMITMENTS[:1]}
    )
    assert partial.status_code == 422
    from api.persistence.models import Signatory

    for signatory in db.scalars(select(Signatory)):
        signatory.token_expires_at = signatory.sent_at  # type: ignore[assignment]
    db.flush()
    expired = school_client.get(f"/api/v1/signatures/{hod_token}")
    assert expired.status_code == 410
    assert "expired" in expired.json()["detail"]
    assert school_client.get("/api/v1/signatures/" + "x" * 43).status_code == 404


def test_a_late_application_is_refused_with_the_closing_date(
    school_client: TestClient, db: Session, offer: Programme
) -> None:
    application = draft(school_client, offer)
    sign_everyone(school_client, db, application["id"])
    offer.closing_date = date(2026, 1, 9)
    db.flush()
    late = school_client.post(f"/api/v1/applications/{application['id']}/submit")
    assert late.status_code == 422
    assert "Friday 9 January 2026" in late.json()["detail"]


def test_the_statement_word_limit_is_counted_as_a_person_counts(
    school_client: TestClient, offer: Programme
) -> None:
    application = draft(school_client, offer, statement="word " * 151)
    assert application["statement_words"] == 151
    refused = school_client.post(f"/api/v1/applications/{application['id']}/submit")
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["pointer"] == "/statement"
    assert "150 words or fewer" in refused.json()["errors"][0]["detail"]


def test_one_live_application_per_school_and_idempotent_create(
    school_client: TestClient, offer: Programme
) -> None:
    body = {"programme_id": offer.id, **PEOPLE}
    first = school_client.post("/api/v1/applications", json=body, headers={"Idempotency-Key": "k1"})
    repeat = school_client.post(
        "/api/v1/applications", json=body, headers={"Idempotency-Key": "k1"}
    )
    assert first.status_code == repeat.status_code == 201
    assert repeat.json()["id"] == first.json()["id"]
    assert repeat.headers["Idempotent-Replayed"] == "true"
    other_body = school_client.post(
        "/api/v1/applications", json={**body, "statement": "x"}, headers={"Idempotency-Key": "k1"}
    )
    assert other_body.status_code == 422
    second = school_client.post("/api/v1/applications", json=body)
    assert second.status_code == 409
    assert "already has an application" in second.json()["detail"]


def test_drafts_save_and_resume_with_etags(school_client: TestClient, offer: Programme) -> None:
    application = draft(school_client, offer, statement="")
    url = f"/api/v1/applications/{application['id']}"
    tag = school_client.get(url).headers["ETag"]
    saved = school_client.patch(
        url, json={"statement": "Resumed later."}, headers={"If-Match": tag}
    )
    assert saved.status_code == 200, saved.text
    assert school_client.get(url).json()["statement"] == "Resumed later."
    stale = school_client.patch(url, json={"statement": "Lost"}, headers={"If-Match": tag})
    assert stale.status_code == 412


def test_capacity_full_booking_withdrawal_and_the_waiting_list(
    sign_in: SignIn,
    make_school: MakeSchool,
    take_part: TakePart,
    db: Session,
    offer: Programme,
) -> None:
    hub = sign_in(role=Role.HUB_ADMIN, hub_id="north")
    ids = {}
    for urn in ("200001", "200002", "200003", "200004"):
        make_school(urn=urn, phase="Secondary", name=f"School {urn}")
        contact = sign_in(role=Role.SCHOOL_CONTACT, hub_id="north", school_urn=urn)
        app = draft(contact, offer, engaging_with_tfm=urn == "200004")
        sign_everyone(contact, db, app["id"])
        assert contact.post(f"/api/v1/applications/{app['id']}/submit").status_code == 200
        ids[urn] = (app["id"], contact)

    ranked = hub.get(
        "/api/v1/applications", params={"programme": offer.id, "sort": "priority"}
    ).json()["items"]
    assert ranked[0]["school"]["urn"] == "200004"  # engaging with TfM comes first
    assert [a["priority"] for a in ranked] == [1, 2, 3, 4]

    def decide(urn: str, decision: str) -> int:
        return hub.post(
            f"/api/v1/applications/{ids[urn][0]}/decisions", json={"decision": decision}
        ).status_code

    assert decide("200001", "selected") == 200
    assert decide("200002", "selected") == 200
    assert hub.get(f"/api/v1/programmes/{offer.id}").json()["status"] == "fully_booked"
    assert decide("200003", "waitlisted") == 200
    assert decide("200004", "waitlisted") == 200
    assert decide("200003", "selected") == 409

    app_id, contact = ids["200001"]
    withdrawn = contact.post(f"/api/v1/applications/{app_id}/withdraw", json={"note": "Staffing"})
    assert withdrawn.json()["status"] == "withdrawn"
    promoted = hub.get(f"/api/v1/applications/{ids['200004'][0]}").json()
    assert promoted["status"] == "selected"
    assert hub.get(f"/api/v1/applications/{ids['200003'][0]}").json()["status"] == "waitlisted"
    offered = db.scalars(
        select(OutboxMessage).where(OutboxMessage.template == "place_offered")
    ).all()
    assert len(offered) >= 1

    csv_text = hub.get("/api/v1/applications.csv", params={"programme": offer.id}).text
    assert csv_text.splitlines()[0].startswith("reference,priority,hub,urn,school,status")
    assert "\nP" in csv_text or "NCP" in csv_text
    assert "School 200004" in csv_text


def test_a_closed_programme_takes_no_drafts(
    school_client: TestClient, db: Session, offer: Programme
) -> None:
    offer.status = "closed"
    db.flush()
    response = school_client.post("/api/v1/applications", json={"programme_id": offer.id})
    assert response.status_code == 409
    assert "takes no applications" in response.json()["detail"]


def test_milestones_remind_hub_staff_of_undecided_applications_once(
    school_client: TestClient, sign_in: SignIn, db: Session, offer: Programme
) -> None:
    from api.services.reminders import remind_undecided

    application = draft(school_client, offer)
    sign_everyone(school_client, db, application["id"])
    school_client.post(f"/api/v1/applications/{application['id']}/submit")
    sign_in(role=Role.HUB_ADMIN, hub_id="north", email="lead@north.example")
    offer.milestones = [{"kind": "shortlist_told", "date": "2027-01-13", "label": None}]
    db.flush()

    def remind(today: date) -> int:
        return remind_undecided(
            db, today=today, now=TEST_NOW, base_url="https://hub.example"
        ).messages

    assert remind(date(2027, 1, 5)) == 0  # too early
    assert remind(date(2027, 1, 11)) == 1
    assert remind(date(2027, 1, 12)) == 0  # once only
    reminder = db.scalars(
        select(OutboxMessage).where(OutboxMessage.template == "decisions_due")
    ).one()
    assert reminder.to_address == "lead@north.example"
    assert "Wednesday 13 January 2027" in reminder.text_body


def test_copy_a_programme_into_next_year(sign_in: SignIn, offer: Programme) -> None:
    hub = sign_in(role=Role.HUB_ADMIN, hub_id="north")
    copied = hub.post(f"/api/v1/programmes/{offer.id}/copies", json={})
    assert copied.status_code == 201, copied.text
    copy = copied.json()
    assert (copy["academic_year"], copy["status"], copy["code"]) == ("2028-29", "draft", None)
    assert copy["closing_date"] == SOON.replace(year=SOON.year + 1).isoformat()
    assert copy["commitments"] == COMMITMENTS
    assert copy["application_form"]["statement_word_limit"] == 150
    assert (
        copy["eligibility_rules"]
        == hub.get(f"/api/v1/programmes/{offer.id}").json()["eligibility_rules"]
    )
    again = hub.post(f"/api/v1/programmes/{offer.id}/copies", json={})
    assert again.status_code == 409
    backwards = hub.post(f"/api/v1/programmes/{offer.id}/copies", json={"academic_year": "2020-21"})
    assert backwards.status_code == 422
