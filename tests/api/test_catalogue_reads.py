from __future__ import annotations

from fastapi.testclient import TestClient

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
