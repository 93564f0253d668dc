"""Filters read as one model (api/routers/query_models.py): documented as FastAPI documents a
query parameter model, and refused as FastAPI refuses a bad parameter."""

from __future__ import annotations

import pkgutil
from importlib import import_module
from typing import Annotated, Any

import pytest
from fastapi import FastAPI, Query
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

import api.routers
from api.routers.query_models import QueryModel, QueryReader, documented
from api.routers.reports import CoverageQuery, FunnelQuery
from api.routers.timetable import TimetablePageQuery, TimetableQuery


def _resolved(value: Any, components: dict[str, Any]) -> Any:
    """`value` with FastAPI's references to its components written out."""
    if isinstance(value, list):
        return [_resolved(item, components) for item in value]
    if not isinstance(value, dict):
        return value
    if "$ref" in value:
        named = components[value["$ref"].removeprefix("#/components/schemas/")]
        rest = {k: v for k, v in value.items() if k != "$ref"}
        return _resolved({**named, **rest}, components)
    return {k: _resolved(v, components) for k, v in value.items()}


def _fastapi_parameters(model: type[QueryModel]) -> list[dict[str, Any]]:
    """How FastAPI documents `model` declared as its own query parameter model."""
    app = FastAPI()

    def asked(query: Any) -> None:
        """Declared only to be documented."""

    # The annotation is made here, from the model given (this module's annotations are text).
    asked.__annotations__ = {"query": Annotated[model, Query()], "return": None}
    app.add_api_route("/asked", asked)
    document = app.openapi()
    components = document.get("components", {}).get("schemas", {})
    parameters = document["paths"]["/asked"]["get"]["parameters"]
    return [_resolved(p, components) for p in parameters]


@pytest.mark.parametrize(
    "model", [TimetableQuery, TimetablePageQuery, CoverageQuery, FunnelQuery], ids=str
)
def test_each_parameter_is_documented_as_fastapi_documents_it(
    model: type[QueryModel],
) -> None:
    ours = documented(model, {})["openapi_extra"]["parameters"]
    theirs = _fastapi_parameters(model)
    assert [p["name"] for p in ours] == [p["name"] for p in theirs]
    for mine, fastapis in zip(ours, theirs, strict=True):
        # FastAPI titles an enum's parameter by the enum; ours by the parameter, as it titles
        # every other one.
        assert {**mine["schema"], "title": None} == {**fastapis["schema"], "title": None}
        assert {k: v for k, v in mine.items() if k != "schema"} == {
            k: v for k, v in fastapis.items() if k != "schema"
        }


def _reader(route: APIRoute) -> QueryReader[Any] | None:
    readers = [d.call for d in route.dependant.dependencies if isinstance(d.call, QueryReader)]
    assert len(readers) <= 1, route.path
    return readers[0] if readers else None


def test_every_route_documents_the_query_model_it_reads() -> None:
    """The model is named twice at a route (documented, and read): they must be the same."""
    modules = [
        import_module(f"api.routers.{m.name}") for m in pkgutil.iter_modules(api.routers.__path__)
    ]
    routes = [
        route
        for module in modules
        if hasattr(module, "router")
        for route in module.router.routes
        if isinstance(route, APIRoute)
    ]
    reading = 0
    for route in routes:
        reader = _reader(route)
        documented_names = [
            p["name"]
            for p in (route.openapi_extra or {}).get("parameters", [])
            if p["in"] == "query"
        ]
        if reader is None:
            assert documented_names == [], route.path
            continue
        reading += 1
        assert documented_names == [p["name"] for p in _fastapi_parameters(reader.model)], (
            route.path
        )
    assert reading == 6  # the timetable and its feed; coverage and the funnel, with their CSVs


@pytest.mark.parametrize(
    ("query", "pointer"),
    [
        ({"limit": "0"}, "/limit"),
        ({"limit": "many"}, "/limit"),
        ({"from": "2027-13-01"}, "/from"),
        ({"kind": "picnic"}, "/kind"),
        ({"hub": "Not A Hub"}, "/hub"),
        ({"updated_since": "2027-11-01T10:00"}, "/updated_since"),
    ],
)
def test_a_bad_timetable_filter_is_a_422_naming_it(
    client: TestClient, query: dict[str, str], pointer: str
) -> None:
    response = client.get("/api/v1/timetable", params=query)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert [(e["location"], e["pointer"]) for e in response.json()["errors"]] == [
        ("query", pointer)
    ]


def test_filters_apply_by_their_last_value_and_unknown_ones_are_ignored(
    client: TestClient,
) -> None:
    # As FastAPI reads a repeated parameter: the last one counts.
    first = client.get("/api/v1/timetable?limit=0&limit=3&colour=blue")
    assert first.status_code == 200, first.text
    refused = client.get("/api/v1/timetable?limit=3&limit=0")
    assert refused.status_code == 422
