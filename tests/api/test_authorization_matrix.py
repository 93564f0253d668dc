"""Every operation of openapi.yaml, called as every kind of caller, allows or denies as its
declared `x-access` rule says, and a caller it allows gets no server error. An operation
without a rule fails here, so none can slip in."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.domain.access import Role
from api.persistence.models import GrantClaim, GrantEntitlement, WebhookDelivery
from api.settings import PROJECT_ROOT
from tests.accounts import ClientFor, SignIn, every_caller
from tests.api.test_programmes import new_programme
from tests.builders import MakeHub, MakeProgramme, MakeSchool

CONTRACT = yaml.safe_load((PROJECT_ROOT / "openapi.yaml").read_text(encoding="utf-8"))
OPERATIONS = [
    (method.upper(), path, operation)
    for path, operations in CONTRACT["paths"].items()
    for method, operation in operations.items()
]
# Actions taken with If-Match: the ETag is read from the resource they act on.
ACTIONS = (
    "/cancel",
    "/approve",
    "/refuse",
    "/void",
    "/clawback",
    "/lines",
    "/adjustments",
    "/close",
    "/pay",
)
DENIALS = {"/problems/sign-in-required", "/problems/forbidden"}
OWN_HUB = "north"
OTHER_HUB = "south"
URN = "100001"
PROGRAMME: list[int] = [0]  # the open programme of the current test, for bodies
LEAD: list[int] = [0]  # the current test's Mastery Specialist, for bodies
PERSON: list[int] = [0]  # the current test's teacher, for bodies
SESSION = {
    "kind": "trg_meeting",
    "date": "2028-01-10",
    "start_time": "13:30",
    "end_time": "16:00",
    "host_urn": URN,
}


def denied(response: Any) -> bool:
    if response.status_code not in (401, 403):
        return False
    return response.json().get("type") in DENIALS


def body_for(operation_id: str) -> dict[str, Any] | None:
    """A request body that passes validation, so that only access decides the outcome."""
    bodies: dict[str, Callable[[], dict[str, Any]]] = {
        "programmes-create_programme": lambda: new_programme(OWN_HUB),
        "programmes-update_programme": lambda: {"summary": "Changed by the matrix"},
        "api-keys-create_api_key": lambda: {"name": "matrix", "scopes": ["timetable:read"]},
        "api-keys-update_api_key": lambda: {"rate_limit_per_minute": 120},
        "auth-sign_in": lambda: {"email": "nobody@school.example", "password": "wrong"},
        "hubs-set_hub_area": lambda: {"codes": []},
        "people-create_person": lambda: {
            "name": "Matrix Person",
            "email": "matrix.person@school.example",
            "roles": ["teacher"],
            "hub_id": OWN_HUB,
        },
        "people-update_person": lambda: {"name": "Changed by the matrix"},
        "participations-create_participation": lambda: {
            "urn": URN,
            "programme_type": "primary_sustaining",
            "academic_year": "2024-25",
            "hub_id": OWN_HUB,
        },
        "programmes-check_eligibility": lambda: {"urn": URN},
        "applications-create_application": lambda: {"programme_id": PROGRAMME[0], "urn": URN},
        "applications-update_application": lambda: {"statement": "Changed by the matrix"},
        "applications-decide": lambda: {"decision": "shortlisted"},
        "applications-withdraw": lambda: {},
        "programmes-copy_programme": lambda: {},
        "signatures-confirm_signature": lambda: {"commitments": ["x"]},
        "work-groups-create_work_group": lambda: {
            "programme_id": PROGRAMME[0],
            "name": "Matrix group",
            "lead_person_id": LEAD[0],
        },
        "work-groups-update_work_group": lambda: {"name": "Changed by the matrix"},
        "work-groups-add_school": lambda: {"urn": URN},
        "work-groups-add_participant": lambda: {"person_id": LEAD[0]},
        "work-groups-propose_schedule": lambda: {"start_time": "13:30", "end_time": "16:00"},
        "work-groups-create_sessions": lambda: dict(SESSION),
        "sessions-update_session": lambda: {"start_time": "13:00"},
        "sessions-cancel_session": lambda: {"reason": "Cancelled by the matrix"},
        "hubs-set_hub_terms": lambda: {"academic_year": "2027-28", "half_terms": []},
        "work-groups-complete_work_group": lambda: {},
        "work-groups-continue_work_group": lambda: {"programme_id": PROGRAMME[0]},
        "calendar-feeds-issue_calendar_feed": lambda: {"urn": URN},
        "sessions-record_attendance": lambda: {
            "records": [{"person_id": LEAD[0], "status": "present"}]
        },
        "grants-refuse_claim": lambda: {"reason": "evidence_rejected", "detail": "The matrix"},
        "grants-void_claim": lambda: {"reason": "Voided by the matrix"},
        "grants-clawback_claim": lambda: {"reason": "Clawed back by the matrix"},
        "grants-create_statement": lambda: {"hub_id": OWN_HUB, "month": "2027-04"},
        "grants-add_line": lambda: {"claim_id": 2**31 - 1},
        "grants-add_adjustment": lambda: {"description": "Matrix", "amount_pence": -1},
        "grants-pay_statement": lambda: {"paid_on": "2020-01-01", "payment_reference": "M-1"},
        "webhooks-register_webhook_endpoint": lambda: {
            "url": "https://127.0.0.1:9/matrix",
            "events": ["session.moved"],
        },
        "webhooks-update_webhook_endpoint": lambda: {"description": "Changed by the matrix"},
        "webhooks-redeliver_webhook_range": lambda: {
            "since": "2027-03-10T00:00:00Z",
            "until": "2027-03-11T00:00:00Z",
        },
        "privacy-create_subject_access_request": lambda: {"person_id": PERSON[0]},
        "accounts-create_invitation": lambda: {
            "email": "matrix.invited@school.example",
            "name": "Matrix Invited",
            "role": "mastery_specialist",
        },
        "accounts-change_account": lambda: {"active": True},
        "accounts-accept_invitation": lambda: {"password": "matrix chooses a password"},
        "accounts-request_password_reset": lambda: {"email": "nobody@school.example"},
        "accounts-reset_password": lambda: {"password": "matrix chooses a password"},
        "accounts-confirm_two_factor": lambda: {"code": "000000"},
        "accounts-turn_off_two_factor": lambda: {"code": "000000"},
    }
    make = bodies.get(operation_id)
    return make() if make else None


def grants_rows(db: Session, programme_id: int) -> tuple[int, int]:
    """An entitlement of the school at URN and a submitted claim on it, for /grants paths."""
    entitlement = GrantEntitlement(
        hub_id=OWN_HUB,
        programme_id=programme_id,
        school_urn=URN,
        grant_index=0,
        kind="fixed_grant",
        purpose="teacher release time",
        amount_pence=100_000,
    )
    db.add(entitlement)
    db.flush()
    claim = GrantClaim(
        reference="GC-MATRIX",
        entitlement_id=entitlement.id,
        holds_entitlement_id=entitlement.id,
        hub_id=OWN_HUB,
        programme_id=programme_id,
        school_urn=URN,
        status="submitted",
        amount_pence=100_000,
        submitted_by="test",
        history=[],
    )
    db.add(claim)
    db.flush()
    return entitlement.id, claim.id


@pytest.mark.parametrize(
    ("method", "path", "operation"),
    OPERATIONS,
    ids=[f"{method} {path}" for method, path, _ in OPERATIONS],
)
def test_operation_allows_and_denies_as_declared(
    method: str,
    path: str,
    operation: dict[str, Any],
    sign_in: SignIn,
    client_for: ClientFor,
    make_hub: MakeHub,
    make_programme: MakeProgramme,
    make_school: MakeSchool,
    db: Session,
) -> None:
    rule = operation.get("x-access")
    assert rule is not None, f"{method} {path} declares no access rule (x-access)"

    own = make_hub(id=OWN_HUB)
    make_hub(id=OTHER_HUB)
    programme = make_programme(hub=own, status="open")
    make_school(urn=URN)
    own_admin = sign_in(role=Role.HUB_ADMIN, hub_id=OWN_HUB)
    key_id = own_admin.post(
        "/api/v1/api-keys", json={"name": "target", "scopes": ["timetable:read"]}
    ).json()["id"]
    PROGRAMME[0] = programme.id
    endpoint_id = own_admin.post(
        "/api/v1/webhooks/endpoints",
        json={"url": "https://127.0.0.1:9/matrix", "events": ["work_group.formed"]},
    ).json()["id"]
    application_id = own_admin.post(
        "/api/v1/applications", json={"programme_id": programme.id, "urn": URN}
    ).json()["id"]
    person_id = own_admin.post(
        "/api/v1/people",
        json={"name": "Target", "email": "target@school.example", "roles": ["teacher"]},
    ).json()["id"]
    PERSON[0] = person_id
    request_id = own_admin.post(
        "/api/v1/subject-access-requests", json={"person_id": person_id}
    ).json()["id"]
    LEAD[0] = own_admin.post(
        "/api/v1/people",
        json={
            "name": "Lead",
            "email": "lead@school.example",
            "roles": ["mastery_specialist"],
            "school_urn": URN,
        },
    ).json()["id"]
    work_group_id = own_admin.post(
        "/api/v1/work-groups",
        json={"programme_id": programme.id, "name": "Target group", "lead_person_id": LEAD[0]},
    ).json()["id"]
    session_id = own_admin.post(
        f"/api/v1/work-groups/{work_group_id}/sessions", json=SESSION
    ).json()["items"][0]["id"]
    entitlement_id, claim_id = grants_rows(db, programme.id) if "/grants/" in path else (0, 0)
    # Someone of the hub whose account the hub's administrators manage (/accounts/{user_id}).
    user_id = (
        sign_in(role=Role.MASTERY_SPECIALIST, hub_id=OWN_HUB).get("/api/v1/auth/me").json()["id"]
    )
    statement_id = own_admin.post(
        "/api/v1/grants/statements", json={"hub_id": OWN_HUB, "month": "2027-03"}
    ).json()["id"]
    delivery_id = db.scalars(select(WebhookDelivery.id)).first() or 0
    url = path.format(
        endpoint_id=endpoint_id,
        delivery_id=delivery_id,
        entitlement_id=entitlement_id,
        claim_id=claim_id,
        programme_id=programme.id,
        hub_id=OWN_HUB,
        key_id=key_id,
        urn=URN,
        person_id=person_id,
        application_id=application_id,
        token="t" * 43,
        work_group_id=work_group_id,
        session_id=session_id,
        programme_type="primary_development",
        statement_id=statement_id,
        request_id=request_id,
        user_id=user_id,
    )

    callers = [
        (kind.name, client_for(kind, school_urn=URN), kind.allowed(rule))
        for kind in every_caller(OWN_HUB)
    ]
    other_allowed = rule["public"] or (
        Role.HUB_ADMIN.value in rule["roles"] and not rule["own_hub_only"]
    )
    callers.append(
        ("admin of another hub", sign_in(role=Role.HUB_ADMIN, hub_id=OTHER_HUB), other_allowed)
    )

    for name, caller, allowed in callers:
        headers = {}
        action = next((a for a in ACTIONS if path.endswith(a)), None)
        if method == "PATCH" or action:
            resource = url.removesuffix(action or "")
            headers["If-Match"] = own_admin.get(resource).headers.get("ETag", '"0.0"')
        if operation["operationId"] == "grants-create_claim":  # multipart: a form, not JSON
            response = caller.request(
                method, url, data={"entitlement_id": str(entitlement_id)}, headers=headers
            )
        else:
            response = caller.request(
                method, url, json=body_for(operation["operationId"]), headers=headers
            )
        if allowed:
            assert not denied(response), f"{name} was refused {method} {path}: {response.text}"
            # Let in, it gets an answer: a refusal of its request, never a server error.
            assert response.status_code < 500, f"{name} {method} {path}: {response.text}"
        elif name == "admin of another hub" and rule["own_hub_only"]:
            # Another hub's resource is refused outright, or hidden as if absent.
            assert response.status_code in (403, 404), f"{name} {method} {path}: {response.text}"
        else:
            assert denied(response), f"{name} was allowed {method} {path}: {response.status_code}"
            expected = 401 if name == "anonymous" else 403
            assert response.status_code == expected, f"{name} {method} {path}"
