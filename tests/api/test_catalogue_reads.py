from __future__ import annotations

from fastapi.testclient import TestClient

from api.domain.access import Role
from tests.accounts import SignIn
from tests.api.test_programmes import new_programme
from tests.builders import MakeHub


def test_liveness_touches_nothing(client: TestClient) -> None:
    assert client.get("/api/v1/health").json() == {"status": "ok"}


def test_readiness_reports_the_migration_head(client: TestClient) -> None:
    response = client.get("/api/v1/health/ready")
    assert response.status_code == 200
    assert response.json()["migration"] == client.app.state.migration_head  # type: ignore[attr-defined]


def test_readiness_is_503_when_the_database_is_not_at_head(
    client: TestClient,
) -> None:
    client.app.state.migration_head = "a-newer-revision"  # type: ignore[attr-defined]
    response = client.get("/api/v1/health/ready")
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert "mathshubs migrate" in response.json()["detail"]


def test_hubs_list_pages_and_one_hub(client: TestClient, make_hub: MakeHub) -> None:
    for name in ("c-hub", "a-hub", "b-hub"):
        make_hub(id=name)
    first = client.get("/api/v1/hubs", params={"limit": 2}).json()
    second = client.get("/api/v1/hubs", params={"limit": 2, "cursor": first["next_cursor"]}).json()
    ids = [h["id"] for h in first["items"] + second["items"]]
    assert ids == sorted(ids)
    assert {"a-hub", "b-hub", "c-hub"} <= set(ids)
    assert second["next_cursor"] is None
    one = client.get("/api/v1/hubs/a-hub").json()
    assert one["contact_email"].endswith("@hub.example")


def test_catalogue_pages_answer_304_until_a_programme_changes(
    client: TestClient, sign_in: SignIn, make_hub: MakeHub
) -> None:
    """Pages are kept by data version, and for each kind of reader: a new draft shows at once
    to its hub and never to the public; publishing it shows it to everyone."""
    make_hub(id="north")
    staff = sign_in(role=Role.HUB_ADMIN, hub_id="north")
    public_first = client.get("/api/v1/programmes")
    staff_first = staff.get("/api/v1/programmes")
    assert public_first.json()["items"] == staff_first.json()["items"] == []
    tag = public_first.headers["ETag"]
    assert client.get("/api/v1/programmes", headers={"If-None-Match": tag}).status_code == 304

    created = staff.post("/api/v1/programmes", json=new_programme("north"))
    assert created.status_code == 201, created.text
    programme_id = created.json()["id"]
    assert [p["id"] for p in staff.get("/api/v1/programmes").json()["items"]] == [programme_id]
    still = client.get("/api/v1/programmes", headers={"If-None-Match": tag})
    assert still.status_code == 200
    assert still.json()["items"] == []

    opened = staff.patch(
        f"/api/v1/programmes/{programme_id}",
        json={"status": "open"},
        headers={"If-Match": created.headers["ETag"]},
    )
    assert opened.status_code == 200, opened.text
    public = client.get("/api/v1/programmes").json()["items"]
    assert [(p["id"], p["status"]) for p in public] == [(programme_id, "open")]
