"""Every error is RFC 9457 problem details, says what and where, and leaks nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import APIRouter, FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.persistence.models import Hub
from api.routers.dependencies import DbSession

PROBLEM = "application/problem+json"


def assert_problem(response_json: dict[str, object], status: int) -> None:
    assert response_json["status"] == status
    assert isinstance(response_json["title"], str)
    assert isinstance(response_json["type"], str)


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/api/v1/nothing-here", 404),
        ("GET", "/api/v1/programmes/999999", 404),
        ("GET", "/api/v1/hubs/no-such-hub", 404),
        ("DELETE", "/api/v1/programmes/1", 405),
        ("PUT", "/api/v1/hubs", 405),
        ("GET", "/api/v1/programmes/abc", 422),
        ("GET", "/api/v1/programmes?limit=1000", 422),
    ],
)
def test_http_errors_are_problem_details(
    client: TestClient, method: str, path: str, status: int
) -> None:
    response = client.request(method, path)
    assert response.status_code == status
    assert response.headers["content-type"] == PROBLEM
    assert_problem(response.json(), status)
    assert response.json()["detail"]


def test_validation_error_points_at_each_bad_field(client: TestClient) -> None:
    response = client.get("/api/v1/programmes", params={"limit": 0, "phase": "nursery"})
    assert response.status_code == 422
    body = response.json()
    assert body["type"] == "/problems/validation"
    assert {(e["location"], e["pointer"]) for e in body["errors"]} == {
        ("query", "/limit"),
        ("query", "/phase"),
    }


def test_malformed_json_body_is_a_422(client: TestClient) -> None:
    response = client.post(
        "/api/v1/programmes", content=b'{"title": ', headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM
    assert "not valid JSON" in response.json()["errors"][0]["detail"]


@pytest.fixture
def failing_client(own_app: FastAPI) -> Iterator[TestClient]:
    router = APIRouter()

    @router.get("/api/v1/test-failure")
    def boom(session: DbSession) -> None:
        session.add(Hub(id="written-before-crash", name="Half-written hub", area="Nowhere"))
        session.flush()
        raise RuntimeError("secret internal detail /srv/app/db.py line 42")

    # Ahead of the SPA's catch-all route.
    own_app.router.routes[:0] = router.routes
    with TestClient(own_app, raise_server_exceptions=False) as client:
        yield client


def test_a_500_shows_no_trace_and_leaves_nothing(failing_client: TestClient, db: Session) -> None:
    response = failing_client.get("/api/v1/test-failure")
    assert response.status_code == 500
    assert response.headers["content-type"] == PROBLEM
    assert "secret internal detail" not in response.text
    assert "Traceback" not in response.text
    assert_problem(response.json(), 500)
    assert db.get(Hub, "written-before-crash") is None
