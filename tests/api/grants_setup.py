"""A hub's programme with both kinds of grant, a Work Group its schools joined (so their
entitlements are recorded), and a school contact: for grants tests."""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.domain.access import Role
from api.persistence.models import Programme, WorkGroup
from tests.accounts import SignIn
from tests.api.work_group_setup import GroupSetUp, new_group

# A PDF, PNG and JPEG as their first bytes say (enough for a type decided by content).
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 17
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32
ZIP = b"PK\x03\x04" + b"\x00" * 40

RELEASE = {
    "kind": "fixed",
    "purpose": "release_time",
    "amount": {"amount_pence": 100_000},
    "conditions": [{"kind": "sessions_attended", "minimum": 1}],
}
TEXTBOOKS = {"kind": "matched", "purpose": "textbooks", "amount": {"amount_pence": 200_000}}


@dataclass
class Grants:
    staff: TestClient
    school: TestClient  # the contact of schools[0]
    programme: Programme
    group: WorkGroup
    schools: list[str]

    def entitlements(self, client: TestClient | None = None, **params: Any) -> list[dict[str, Any]]:
        response = (client or self.staff).get("/api/v1/grants/entitlements", params=params)
        assert response.status_code == 200, response.text
        return list(response.json()["items"])

    def entitlement(self, urn: str, kind: str) -> dict[str, Any]:
        return next(
            e
            for e in self.entitlements(school=urn)
            if e["kind"] == kind and e["programme"]["id"] == self.programme.id
        )


def claim_fixed(client: TestClient, entitlement_id: int, **headers: str) -> Any:
    return client.post(
        "/api/v1/grants/claims", data={"entitlement_id": str(entitlement_id)}, headers=headers
    )


def claim_matched(
    client: TestClient,
    entitlement_id: int,
    *,
    spend: int | None = 150_000,
    invoice: str | None = "INV-001",
    evidence: bytes | None = PDF,
    filename: str = "invoice.pdf",
    **headers: str,
) -> Any:
    data = {"entitlement_id": str(entitlement_id)}
    if spend is not None:
        data["spend_pence"] = str(spend)
    if invoice is not None:
        data["invoice_reference"] = invoice
    files = {"evidence": (filename, io.BytesIO(evidence), "application/pdf")} if evidence else None
    return client.post("/api/v1/grants/claims", data=data, files=files, headers=headers)


def act(client: TestClient, claim: dict[str, Any], action: str, body: Any = None) -> Any:
    """A hub action on a claim, with the If-Match of the claim as read."""
    return client.post(
        f"/api/v1/grants/claims/{claim['id']}/{action}",
        json=body,
        headers={"If-Match": f'"{claim["id"]}.{claim["version"]}"'},
    )


def complete(db: Session, group: WorkGroup, on: date = date(2027, 3, 1)) -> None:
    """The group's year completed (its register path is tested in test_work_group_years)."""
    group.completed_on = on
    db.flush()


def set_up(
    db: Session,
    sign_in: SignIn,
    group_setup: GroupSetUp,
    *,
    schools: int = 2,
    grants: tuple[dict[str, Any], ...] = (RELEASE, TEXTBOOKS),
    claim_deadline: date | None = None,
) -> Grants:
    setup = group_setup(schools=schools)
    setup.programme.funding = {"free_to_participate": True, "grants": list(grants)}
    setup.programme.claim_deadline = claim_deadline
    db.flush()
    made = new_group(setup)
    for urn in setup.schools:
        added = setup.staff.post(f"/api/v1/work-groups/{made['id']}/schools", json={"urn": urn})
        assert added.status_code == 200, added.text
    group = db.get(WorkGroup, made["id"])
    assert group is not None
    school = sign_in(role=Role.SCHOOL_CONTACT, hub_id="north", school_urn=setup.schools[0])
    return Grants(setup.staff, school, setup.programme, group, setup.schools)


GrantsSetUp = Callable[..., Grants]


@pytest.fixture
def grants_setup(db: Session, sign_in: SignIn, group_setup: GroupSetUp) -> GrantsSetUp:
    return functools.partial(set_up, db, sign_in, group_setup)
