"""Erasing a person: afterwards no GET of the API (as a national administrator) and no row of
the database holds their name or email, while every report gives the same figures; refused,
changing nothing, while an unsettled grant claim rests on them."""

from __future__ import annotations

from typing import Any

import yaml
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.domain.access import Role
from api.persistence.base import Base
from api.persistence.models import AuditEvent, GrantClaim, GrantEntitlement, Person
from api.settings import PROJECT_ROOT
from tests.accounts import SignIn
from tests.api.privacy_setup import EMAIL, HUB, NAME, URN, Seeded, personal_values
from tests.builders import MakeHub

CONTRACT = yaml.safe_load((PROJECT_ROOT / "openapi.yaml").read_text(encoding="utf-8"))
GETS = [path for path, operations in CONTRACT["paths"].items() if "get" in operations]
# Reports whose figures must not move; the evaluation extract is new each time (its id).
REPORTS = [p for p in GETS if p.startswith("/api/v1/reports/") and "evaluation" not in p]
QUERIES = {
    "/api/v1/applications.csv": "?programme={programme_id}",
    "/api/v1/reports/evaluation-extract": "?academic_year=2027-28",
}


def _url(path: str, seeded: Seeded) -> str:
    values = {
        "person_id": seeded.person_id,
        "urn": URN,
        "programme_id": seeded.programme_id,
        "application_id": seeded.application_id,
        "work_group_id": seeded.work_group_id,
        "session_id": seeded.session_id,
        "request_id": seeded.request_id,
        "hub_id": HUB,
        "programme_type": "primary_development",
        "token": "t" * 43,
        "claim_id": 1,
        "entitlement_id": 1,
        "statement_id": 1,
        "endpoint_id": 1,
    }
    return (path + QUERIES.get(path, "")).format(**values)


def _every_get(client: TestClient, seeded: Seeded) -> dict[str, bytes]:
    return {path: client.get(_url(path, seeded)).content for path in GETS}


def _dump(db: Session) -> list[tuple[str, str]]:
    """Every value of every row of every table, as text (bytes as Latin-1), lower-cased."""
    db.flush()
    found = []
    for table in Base.metadata.sorted_tables:
        for row in db.execute(select(table)):
            for column, value in zip(table.columns, row, strict=True):
                if value is None:
                    continue
                text = value.decode("latin-1") if isinstance(value, bytes) else str(value)
                found.append((f"{table.name}.{column.name}", text.lower()))
    return found


def _reports(client: TestClient, seeded: Seeded) -> dict[str, Any]:
    return {path: client.get(_url(path, seeded)).content for path in REPORTS}


def test_after_erasure_no_get_and_no_row_holds_their_values_and_reports_stay(
    db: Session, admin: TestClient, seeded: Seeded
) -> None:
    values = personal_values()
    # The walk and the dump can see them before: else the test below would prove nothing.
    before = _every_get(admin, seeded)
    assert any(NAME.lower().encode() in body.lower() for body in before.values())
    assert any(EMAIL in text for _, text in _dump(db))
    figures = _reports(admin, seeded)
    assert any(body for body in figures.values())

    erased = seeded.staff.post(f"/api/v1/people/{seeded.person_id}/erasure")
    assert erased.status_code == 200, erased.text
    assert erased.json()["person"]["erased_at"] is not None
    assert erased.json()["redacted"]["audit_event"] >= 3

    after = _every_get(admin, seeded)
    for path, body in after.items():
        lowered = body.lower()
        for value in values:
            assert value.encode() not in lowered, f"GET {path} still holds {value!r}"
    for where, text in _dump(db):
        for value in values:
            assert value not in text, f"{where} still holds {value!r}"
    assert _reports(admin, seeded) == figures
    # Their audit entries are redacted and marked so.
    about = db.scalars(
        select(AuditEvent).where(
            AuditEvent.resource_type == "person", AuditEvent.resource_id == str(seeded.person_id)
        )
    ).all()
    assert about
    assert all(e.redacted_at is not None for e in about if e.action != "erase")
    # The records stay: attendance, membership, the application's participant count.
    person = admin.get(f"/api/v1/people/{seeded.person_id}").json()
    assert person["name"] == "Erased person"
    register = admin.get(f"/api/v1/sessions/{seeded.session_id}/attendance")
    assert register.status_code == 200
    assert [r["status"] for r in register.json()["records"]] == ["present"]
    # Erasing again is refused, plainly.
    again = seeded.staff.post(f"/api/v1/people/{seeded.person_id}/erasure")
    assert again.status_code == 409
    assert again.json()["type"] == "/problems/erasure-refused"


def test_erasure_is_refused_and_changes_nothing_while_a_claim_is_unpaid(
    db: Session, seeded: Seeded
) -> None:
    entitlement = GrantEntitlement(
        hub_id=HUB,
        programme_id=seeded.programme_id,
        school_urn=URN,
        grant_index=0,
        kind="fixed_grant",
        purpose="teacher release time",
        amount_pence=100_000,
    )
    db.add(entitlement)
    db.flush()
    claim = GrantClaim(
        reference="GC-UNPAID",
        entitlement_id=entitlement.id,
        holds_entitlement_id=entitlement.id,
        hub_id=HUB,
        programme_id=seeded.programme_id,
        school_urn=URN,
        status="payable",
        amount_pence=100_000,
        submitted_by="test",
        history=[],
    )
    db.add(claim)
    db.flush()
    events = db.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc()).limit(1))

    refused = seeded.staff.post(f"/api/v1/people/{seeded.person_id}/erasure")
    assert refused.status_code == 409
    problem = refused.json()
    assert refused.headers["content-type"] == "application/problem+json"
    assert problem["type"] == "/problems/erasure-refused"
    assert "GC-UNPAID" in problem["detail"]
    assert "payable" in problem["detail"]
    assert problem["reasons"]
    assert "GC-UNPAID" in problem["reasons"][0]
    db.expire_all()
    person = db.get(Person, seeded.person_id)
    assert person is not None
    assert person.name == NAME
    assert person.erased_at is None
    assert db.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc()).limit(1)) == events

    # Once paid, the erasure goes ahead.
    claim.status = "paid"
    db.flush()
    assert seeded.staff.post(f"/api/v1/people/{seeded.person_id}/erasure").status_code == 200


def test_only_the_persons_hub_or_a_national_administrator_may_erase(
    sign_in: SignIn, make_hub: MakeHub, seeded: Seeded
) -> None:
    make_hub(id="south")
    other = sign_in(role=Role.HUB_ADMIN, hub_id="south")
    assert other.post(f"/api/v1/people/{seeded.person_id}/erasure").status_code == 404
    specialist = sign_in(role=Role.MASTERY_SPECIALIST, hub_id=HUB)
    assert specialist.post(f"/api/v1/people/{seeded.person_id}/erasure").status_code == 403
    national = sign_in(role=Role.NATIONAL_ADMIN)
    assert national.post(f"/api/v1/people/{seeded.person_id}/erasure").status_code == 200


def test_a_namesakes_record_is_not_erased(seeded: Seeded) -> None:
    namesake = seeded.staff.post(
        "/api/v1/people",
        json={"name": NAME, "email": "another.aoife@school.example", "roles": ["teacher"]},
    )
    assert namesake.status_code == 201, namesake.text
    assert seeded.staff.post(f"/api/v1/people/{seeded.person_id}/erasure").status_code == 200
    kept = seeded.staff.get(f"/api/v1/people/{namesake.json()['id']}").json()
    assert kept["name"] == NAME
    assert kept["email"] == "another.aoife@school.example"
    assert kept["erased_at"] is None
