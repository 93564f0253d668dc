from __future__ import annotations

from fastapi.testclient import TestClient

from api.main import create_app
from api.settings import Settings


def test_cors_opens_to_configured_origins_only(settings: Settings) -> None:
    app = create_app(settings.model_copy(update={"cors_origins": ["https://north.example"]}))
    with TestClient(app) as client:
        allowed = client.get("/api/v1/health", headers={"Origin": "https://north.example"})
        other = client.get("/api/v1/health", headers={"Origin": "https://evil.example"})
    assert allowed.headers["access-control-allow-origin"] == "https://north.example"
    assert "access-control-allow-origin" not in other.headers
    app.state.engine.dispose()
