"""Problem bodies checked against the contract that the generated clients are built from."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from api.schemas.problems import Problem


def assert_described(problem: dict[str, Any], app: FastAPI) -> None:
    """Every member of the body is a property of the OpenAPI document's Problem schema, with
    the type the schema gives it: a client typed from the document needs no cast to read it."""
    described = app.openapi()["components"]["schemas"]["Problem"]["properties"]
    undescribed = set(problem) - set(described)
    assert not undescribed, f"not in the Problem schema: {sorted(undescribed)}"
    Problem.model_validate(problem)
