"""Subject access requests: recorded with their due date, listed soonest first, and answered
with a ZIP holding every record seeded for the person, as JSON and CSV; the export is logged."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.domain.access import Role
from api.persistence.models import AuditEvent
from tests.accounts import SignIn
from tests.api.privacy_setup import EMAIL, HUB, NAME, Seeded
from tests.builders import MakeHub
from tests.clock import TODAY


def test_the_export_holds_every_record_seeded_for_the_person(db: Session, seeded: Seeded) -> None:
    response = seeded.staff.post(f"/api/v1/subject-access-requests/{seeded.request_id}/export")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    records = json.loads(archive.read("records.json"))
    assert records["person_id"] == seeded.person_id
    for part, count in seeded.counts.items():
        assert len(records[part]) == count, part
        rows = list(csv.DictReader(io.StringIO(archive.read(f"csv/{part}.csv").decode())))
        assert len(rows) == count, part
    assert records["people"][0]["name"] == NAME
    assert records["accounts"][0]["email"] == EMAIL
    assert "password_hash" not in records["accounts"][0]
    assert records["applications"][0]["id"] == seeded.application_id
    assert records["attendance"][0]["session_id"] == seeded.session_id
    assert records["group_memberships"][0]["work_group_id"] == seeded.work_group_id
    assert records["emails"][0]["to_address"] == EMAIL
    assert "token_hash" not in records["calendar_feeds"][0]
    # The log: their record's creation, the register naming them, their own change, at least.
    about = {(e["resource_type"], e["action"]) for e in records["audit_entries"]}
    assert ("person", "create") in about
    assert ("session_attendance", "update") in about or ("session_attendance", "create") in about
    assert ("application", "update") in about
    # The export is logged, and answers the request.
    logged = db.scalars(
        select(AuditEvent).where(
            AuditEvent.resource_type == "subject_access_request", AuditEvent.action == "export"
        )
    ).all()
    assert len(logged) == 1
    listed = seeded.staff.get("/api/v1/subject-access-requests").json()["items"]
    assert [r["exported_at"] is not None for r in listed] == [True]
    assert seeded.staff.get("/api/v1/subject-access-requests?open=true").json()["items"] == []


def test_a_request_is_due_a_month_after_receipt_and_listed_soonest_first(seeded: Seeded) -> None:
    staff = seeded.staff
    later = staff.post(
        "/api/v1/subject-access-requests",
        json={"person_id": seeded.person_id, "received_on": "2027-01-31"},
    )
    assert later.status_code == 201, later.text
    assert later.json()["due_on"] == "2027-02-28"  # February has no 31st
    today = staff.post("/api/v1/subject-access-requests", json={"person_id": seeded.person_id})
    assert today.json()["received_on"] == TODAY.isoformat()
    assert today.json()["person_name"] == NAME
    first = staff.get("/api/v1/subject-access-requests?limit=1")
    assert first.status_code == 200
    page = first.json()
    assert page["items"][0]["due_on"] == "2027-02-28"
    rest = staff.get(f"/api/v1/subject-access-requests?limit=5&cursor={page['next_cursor']}")
    dues = [r["due_on"] for r in rest.json()["items"]]
    assert dues == sorted(dues)
    assert len(dues) == 2
    assert date.fromisoformat(dues[-1]) > TODAY


def test_another_hub_cannot_see_or_export_a_request(
    sign_in: SignIn, make_hub: MakeHub, seeded: Seeded
) -> None:
    make_hub(id="south")
    other = sign_in(role=Role.HUB_ADMIN, hub_id="south")
    assert other.get("/api/v1/subject-access-requests").json()["items"] == []
    exported = other.post(f"/api/v1/subject-access-requests/{seeded.request_id}/export")
    assert exported.status_code == 404
    assert exported.headers["content-type"] == "application/problem+json"
    refused = other.post("/api/v1/subject-access-requests", json={"person_id": seeded.person_id})
    assert refused.status_code == 404
    assert HUB != "south"
