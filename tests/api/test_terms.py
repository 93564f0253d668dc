"""A hub's own term dates, and proposals that follow them."""

from __future__ import annotations

from datetime import date

from fastapi.testclient import TestClient

from api.domain.access import Role
from tests.accounts import SignIn
from tests.api.work_group_setup import GroupSetUp, new_group
from tests.builders import MakeHub


def test_a_hub_sets_its_own_half_terms_and_proposals_follow_them(
    client: TestClient,
    group_setup: GroupSetUp,
    sign_in: SignIn,
    make_hub: MakeHub,
) -> None:
    setup = group_setup(schools=1)
    defaults = client.get("/api/v1/hubs/north/terms", params={"academic_year": "2027-28"})
    assert defaults.status_code == 200, defaults.text
    assert {h["source"] for h in defaults.json()["half_terms"]} == {"default"}
    assert "2027-12-27" in defaults.json()["bank_holidays"]

    # Autumn 1 only in the last week of September: the proposal's first session falls in it.
    own = {"half_term": "autumn_1", "starts_on": "2027-09-20", "ends_on": "2027-09-24"}
    response = setup.staff.put(
        "/api/v1/hubs/north/terms", json={"academic_year": "2027-28", "half_terms": [own]}
    )
    assert response.status_code == 200, response.text
    autumn = response.json()["half_terms"][0]
    assert (autumn["source"], autumn["starts_on"]) == ("hub", "2027-09-20")
    group = new_group(setup)
    proposal = setup.staff.post(
        f"/api/v1/work-groups/{group['id']}/schedule",
        json={"sessions": 6, "start_time": "13:30", "end_time": "16:00"},
    ).json()["sessions"]
    assert date(2027, 9, 20) <= date.fromisoformat(proposal[0]["date"]) <= date(2027, 9, 24)

    overlapping = setup.staff.put(
        "/api/v1/hubs/north/terms",
        json={
            "academic_year": "2027-28",
            "half_terms": [
                {"half_term": "autumn_2", "starts_on": "2027-10-01", "ends_on": "2027-09-30"}
            ],
        },
    )
    assert overlapping.status_code == 422
    assert overlapping.json()["errors"][0]["pointer"] == "/half_terms/0"
    assert client.get("/api/v1/hubs/nowhere/terms").status_code == 404
    make_hub(id="south")
    south = sign_in(role=Role.HUB_ADMIN, hub_id="south")
    refused = south.put(
        "/api/v1/hubs/north/terms", json={"academic_year": "2027-28", "half_terms": []}
    )
    assert refused.status_code == 403
