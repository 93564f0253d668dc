"""The kinds of programme and the defaults a new programme starts from; the closing moment."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.domain.access import Role
from api.domain.journey import ProgrammeType
from tests.accounts import SignIn
from tests.builders import MakeHub, MakeProgramme

KINDS = [kind.value for kind in ProgrammeType]
# What a programme carries from its kind's defaults, as the create form sends it.
CARRIED = (
    "stage",
    "phase",
    "audience",
    "commitments",
    "session_plan",
    "time_commitment",
    "funding",
    "application_form",
    "capacity",
)


def test_every_kind_is_listed_once_in_journey_order_without_sign_in(client: TestClient) -> None:
    response = client.get("/api/v1/programme-types")
    assert response.status_code == 200
    listed = response.json()
    assert [kind["id"] for kind in listed] == KINDS
    assert listed[1]["label"] == "Primary Development"


def test_primary_development_starts_from_the_documents(client: TestClient) -> None:
    response = client.get("/api/v1/programme-types/primary_development")
    assert response.status_code == 200
    body = response.json()
    assert (body["phase"], body["stage"], body["audience"]) == (
        "primary",
        "development",
        "schools",
    )
    assert body["session_plan"] == [
        {
            "count": 6,
            "kind": "trg_meeting",
            "length": "half_day",
            "hours": None,
            "format": "in_person",
            "note": "Cross-school Work Group meetings with the Mastery Specialist.",
        }
    ]
    (grant,) = body["funding"]["grants"]
    assert (grant["kind"], grant["purpose"], grant["amount"]) == (
        "fixed",
        "release_time",
        {"amount_pence": 100000, "currency": "GBP"},
    )
    assert body["bounds"] == {"max_schools": 7, "max_participants": 14}
    assert body["capacity"] == {"places": 7, "unit": "schools"}
    assert body["application_form"]["participants_min"] == 2
    (confirmed,) = [r for r in body["eligibility_rules"] if r["kind"] == "commitments_confirmed"]
    assert confirmed["commitments"] == body["commitments"]
    assert {"kind": "state_funded_school_in_england"} in body["eligibility_rules"]


def test_an_sktm_kind_has_its_own_stage_and_audience(client: TestClient) -> None:
    body = client.get("/api/v1/programme-types/sktm_primary_teaching_assistants").json()
    assert (body["stage"], body["audience"]) == ("specialist_knowledge", "teaching_assistants")
    assert body["application_form"]["participant_role"] == "teaching_assistant"
    assert body["bounds"] == {"max_schools": None, "max_participants": None}
    assert body["capacity"] is None


def test_an_unknown_kind_is_refused_at_its_pointer(client: TestClient) -> None:
    response = client.get("/api/v1/programme-types/tertiary_development")
    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/programme_type"


@pytest.mark.parametrize("kind", KINDS)
def test_a_programme_created_from_the_defaults_keeps_them(
    kind: str, sign_in: SignIn, make_hub: MakeHub
) -> None:
    hub = make_hub()
    staff = sign_in(role=Role.HUB_ADMIN, hub_id=hub.id)
    defaults = staff.get(f"/api/v1/programme-types/{kind}").json()
    body: dict[str, Any] = {
        "hub_id": hub.id,
        "academic_year": "2027-28",
        "programme_type": kind,
        "title": f"{defaults['label']} 2027/28",
        "summary": "A year alongside a Mastery Specialist.",
        "who_can_take_part": "Schools in the hub's area.",
        **{name: defaults[name] for name in CARRIED},
    }
    created = staff.post("/api/v1/programmes", json=body)
    assert created.status_code == 201, created.text
    programme = created.json()
    assert programme["programme_type"] == kind
    for name in CARRIED:
        assert programme[name] == defaults[name], name
    # Sent without rules, the programme takes its kind's documented rules.
    assert programme["eligibility_rules"] == defaults["eligibility_rules"]


@pytest.mark.parametrize(
    ("closing_date", "closes_at"),
    [
        ("2027-01-26", "2027-01-26T23:59:59+00:00"),
        ("2027-06-25", "2027-06-25T23:59:59+01:00"),
        (None, None),
    ],
)
def test_a_programme_carries_its_closing_moment_with_its_offset(
    closing_date: str | None,
    closes_at: str | None,
    client: TestClient,
    make_programme: MakeProgramme,
) -> None:
    programme = make_programme(
        closing_date=date.fromisoformat(closing_date) if closing_date else None
    )
    one = client.get(f"/api/v1/programmes/{programme.id}").json()
    assert (one["closing_date"], one["closes_at"]) == (closing_date, closes_at)
    listed = client.get("/api/v1/programmes", params={"hub": programme.hub_id}).json()["items"]
    assert [p["closes_at"] for p in listed] == [closes_at]


def test_the_closing_moment_follows_a_changed_closing_date(
    admin: TestClient, make_programme: MakeProgramme
) -> None:
    url = f"/api/v1/programmes/{make_programme(status='draft').id}"
    tag = admin.get(url).headers["ETag"]
    changed = admin.patch(url, json={"closing_date": "2028-05-19"}, headers={"If-Match": tag})
    assert changed.status_code == 200, changed.text
    assert changed.json()["closes_at"] == "2028-05-19T23:59:59+01:00"
    # Worked out, not stored: the audit log records the date alone.
    events = admin.get(
        "/api/v1/audit", params={"resource_type": "programme", "resource_id": url.split("/")[-1]}
    ).json()["items"]
    assert set(events[0]["changes"]) == {"closing_date"}
