"""The committed contract equals the app's, and is a valid OpenAPI document."""

from __future__ import annotations

import yaml
from fastapi import FastAPI
from openapi_spec_validator import validate

from api.cli import render_openapi
from api.settings import PROJECT_ROOT

COMMITTED = PROJECT_ROOT / "openapi.yaml"


def test_committed_openapi_matches_the_app(app: FastAPI) -> None:
    generated = render_openapi(app.openapi())
    assert COMMITTED.read_text(encoding="utf-8") == generated, (
        "openapi.yaml is stale: run `uv run mathshubs openapi` and "
        "`npm --prefix frontend run generate`, then commit both"
    )


def test_committed_openapi_is_valid() -> None:
    validate(yaml.safe_load(COMMITTED.read_text(encoding="utf-8")))


def test_operation_ids_are_stable_and_unique(app: FastAPI) -> None:
    ids = [
        operation["operationId"]
        for path in app.openapi()["paths"].values()
        for operation in path.values()
    ]
    assert len(ids) == len(set(ids))
    assert "programmes-list_programmes" in ids
    assert all("-" in i for i in ids)


def test_every_error_response_is_documented_as_problem_json(app: FastAPI) -> None:
    for path, operations in app.openapi()["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                if status.startswith(("4", "5")):
                    assert list(response["content"]) == ["application/problem+json"], (
                        method,
                        path,
                        status,
                    )
