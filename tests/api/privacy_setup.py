"""A person named in one record of every kind that can name a person, for the erasure and
subject access tests: some through the API (so the audit log is written as in life), the
rest as rows."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.domain.academic_year import AcademicYear
from api.domain.access import Role
from api.persistence.catalogue_repository import ensure_academic_year
from api.persistence.models import (
    Application,
    AuditEvent,
    CalendarFeed,
    OutboxMessage,
    Participation,
    Signatory,
    SubjectAccessRequest,
    WorkGroup,
    WorkGroupSession,
)
from tests.accounts import SignIn
from tests.builders import MakeHub, MakeProgramme, MakeSchool

HUB = "north"
URN = "100001"
NAME = "Aoife O'Quennell-Whitlock"
EMAIL = "aoife.oquennell@school.example"


def personal_values() -> list[str]:
    """The values that must not be found anywhere after the erasure, lower-cased, as stored
    text may hold them (HTML-escaped in an email's HTML body, JSON-escaped in a JSON column)."""
    return sorted(
        {
            NAME.lower(),
            EMAIL.lower(),
            html.escape(NAME).lower(),
            html.escape(NAME, quote=True).replace("&#x27;", "&#39;").lower(),
        }
    )


@dataclass(frozen=True)
class Seeded:
    person_id: int
    staff: TestClient
    programme_id: int
    work_group_id: int
    session_id: int
    application_id: int
    request_id: int
    counts: dict[str, int]  # the records seeded, by part of the export


@pytest.fixture
def seeded(
    db: Session,
    sign_in: SignIn,
    make_hub: MakeHub,
    make_programme: MakeProgramme,
    make_school: MakeSchool,
) -> Seeded:
    hub = make_hub(id=HUB, name="North Maths Hub")
    programme = make_programme(hub=hub, status="open", programme_type="primary_development")
    make_school(urn=URN, name="Quennell Primary")
    # Their own account, with which they act (the audit log names them as actor).
    own = sign_in(role=Role.SCHOOL_CONTACT, hub_id=HUB, school_urn=URN, email=EMAIL, name=NAME)
    staff = sign_in(role=Role.HUB_ADMIN, hub_id=HUB)
    lead = staff.post(
        "/api/v1/people",
        json={
            "name": "Lena Lead",
            "email": "lena.lead@school.example",
            "roles": ["mastery_specialist"],
        },
    ).json()["id"]
    created = staff.post(
        "/api/v1/people",
        json={"name": NAME, "email": EMAIL, "roles": ["teacher"], "school_urn": URN},
    )
    assert created.status_code == 201, created.text
    person_id = created.json()["id"]
    group = staff.post(
        "/api/v1/work-groups",
        json={"programme_id": programme.id, "name": "Fractions group", "lead_person_id": lead},
    )
    assert group.status_code == 201, group.text
    work_group_id = group.json()["id"]
    db.add(
        Application(
            programme_id=programme.id,
            school_urn=URN,
            hub_id=HUB,
            status="selected",
            created_by="test",
            head_of_department={"name": NAME, "email": EMAIL},
            participants=[{"name": NAME, "email": EMAIL, "role": "teacher", "year_groups": ["5"]}],
            statement=f"{NAME} leads maths here and would bring it back to the department.",
        )
    )
    db.flush()
    member = staff.post(f"/api/v1/work-groups/{work_group_id}/schools", json={"urn": URN})
    assert member.status_code in (200, 201), member.text
    added = staff.post(
        f"/api/v1/work-groups/{work_group_id}/participants", json={"person_id": person_id}
    )
    assert added.status_code in (200, 201), added.text
    application_id = db.query(Application.id).filter_by(programme_id=programme.id).scalar()
    assert application_id is not None
    session_row = WorkGroupSession(
        work_group_id=work_group_id,
        number=1,
        kind="trg_meeting",
        on=date(2027, 1, 11),
        start_time=time(13, 30),
        end_time=time(16, 0),
        starts_at=datetime(2027, 1, 11, 13, 30, tzinfo=UTC),
        ends_at=datetime(2027, 1, 11, 16, 0, tzinfo=UTC),
        host_school_urn=URN,
        note=f"{NAME} hosts this one.",
    )
    db.add(session_row)
    db.flush()
    register = staff.post(
        f"/api/v1/sessions/{session_row.id}/attendance",
        json={"records": [{"person_id": person_id, "status": "present"}]},
    )
    assert register.status_code == 200, register.text
    db.add_all(
        [
            Signatory(
                application_id=application_id,
                role="head_of_department",
                name=NAME,
                email=EMAIL,
                confirmed_commitments=[],
            ),
            Participation(
                subject=f"person:{person_id}",
                person_id=person_id,
                programme_type="sktm_primary_teachers",
                academic_year_id=ensure_academic_year(db, AcademicYear.parse("2025-26")).id,
                hub_id=HUB,
                outcome="completed",
            ),
            OutboxMessage(
                to_address=EMAIL,
                subject=f"Welcome, {NAME}",
                text_body=f"Dear {NAME},\nwelcome to the group.",
                html_body=f"<p>Dear {html.escape(NAME)},</p><p>welcome to the group.</p>",
                template="test",
                sent_at=datetime(2027, 1, 2, tzinfo=UTC),
            ),
            CalendarFeed(
                subject=f"person:{person_id}",
                person_id=person_id,
                token_hash="f" * 64,
            ),
            SubjectAccessRequest(
                person_id=person_id,
                hub_id=HUB,
                received_on=date(2027, 3, 1),
                due_on=date(2027, 4, 1),
                created_by="test",
            ),
        ]
    )
    db.flush()
    assert own.get("/api/v1/auth/me").status_code == 200
    db.add(
        AuditEvent(
            actor="user:999",
            actor_label=EMAIL,
            actor_name=NAME,
            actor_role="school_contact",
            action="update",
            resource_type="application",
            resource_id=str(application_id),
            resource_title="An application",
            hub_id=HUB,
            changes={
                "statement": {"before": "", "after": f"Written by {NAME}", "label": "Statement"}
            },
        )
    )
    db.flush()
    request_id = db.query(SubjectAccessRequest.id).filter_by(person_id=person_id).scalar()
    assert request_id is not None
    assert db.get(WorkGroup, work_group_id) is not None
    return Seeded(
        person_id=person_id,
        staff=staff,
        programme_id=programme.id,
        work_group_id=work_group_id,
        session_id=session_row.id,
        application_id=application_id,
        request_id=request_id,
        counts={
            "people": 1,
            "accounts": 1,
            "applications": 1,
            "signatures": 1,
            "attendance": 1,
            "group_memberships": 1,
            "participations": 1,
            "emails": 1,
            "calendar_feeds": 1,
            "subject_access_requests": 1,
        },
    )
