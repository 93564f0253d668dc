"""The interactive API reference and the integration guide are served by the service itself:
the reference's page names only the service's own files (fastapi-offline's packaged Swagger UI),
which it serves, and its policy lets the browser load nothing from elsewhere. The browser test
(frontend/e2e/api_docs.spec.ts) blocks every other host and sees the operations listed."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from api.settings import PROJECT_ROOT

DOCS = "/api/v1/docs"


def test_the_reference_loads_only_the_services_own_files(client: TestClient) -> None:
    page = client.get(DOCS)
    assert page.status_code == 200
    referenced = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert sorted(referenced) == [
        f"{DOCS}/assets/favicon.png",
        f"{DOCS}/assets/swagger-ui-bundle.js",
        f"{DOCS}/assets/swagger-ui.css",
    ]
    assert "url: '/api/v1/openapi.json'" in page.text
    assert '"validatorUrl": null' in page.text  # no badge fetched from validator.swagger.io
    policy = page.headers["content-security-policy"]
    assert "http" not in policy  # no other origin anywhere in it
    assert "script-src 'self' 'unsafe-inline';" in policy
    for asset, kind in [
        ("swagger-ui-bundle.js", "javascript"),
        ("swagger-ui.css", "text/css"),
        ("favicon.png", "image/png"),
    ]:
        served = client.get(f"{DOCS}/assets/{asset}")
        assert served.status_code == 200
        assert kind in served.headers["content-type"]
        assert len(served.content) > 1000
    assert "SwaggerUIBundle" in client.get(f"{DOCS}/assets/swagger-ui-bundle.js").text


def test_the_integration_guide_is_served_as_a_page_and_as_written(client: TestClient) -> None:
    written = (PROJECT_ROOT / "docs" / "integrations.md").read_text(encoding="utf-8")
    page = client.get(f"{DOCS}/integrations")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "<h2>4. Receiving webhooks</h2>" in page.text
    assert "<title>Keeping another system in step with Maths Hubs Programmes</title>" in page.text
    # Code is shown as text, escaped, never as markup.
    assert "&lt;webhook-id&gt;" in page.text
    assert "<webhook-id>" not in page.text
    assert page.headers["content-security-policy"].startswith("default-src 'none';")
    source = client.get(f"{DOCS}/integrations.md")
    assert source.headers["content-type"].startswith("text/markdown")
    assert source.text == written
    # Outside the API's contract: pages, not operations.
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert not [p for p in paths if p.startswith(DOCS)]
