"""Query parameters read into one Pydantic model, in one validation.

FastAPI reads each declared query parameter on its own: a dozen optional filters cost a request
about a hundred microseconds of FastAPI's own work (bench/api.py --profile timetable), more than
serving the answer kept in memory. The reads that other systems poll and that are answered from
memory (the timetable, the coverage report, the funnel) declare their filters as one model
instead: read here in one validation, and documented parameter by parameter as FastAPI documents
its own (tests/api/test_query_models.py compares the two)."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue


class _InOrder(GenerateJsonSchema):
    """Keys in the order they are made, as FastAPI writes a parameter's schema."""

    def sort(self, value: JsonSchemaValue, parent_key: str | None = None) -> JsonSchemaValue:
        return value


class QueryModel(BaseModel):
    """A query string's parameters; others in it are ignored, as FastAPI ignores them."""

    model_config = ConfigDict(frozen=True, extra="ignore")


Q = TypeVar("Q", bound=QueryModel)


class QueryReader(Generic[Q]):
    """A dependency: the request's query string as `model`. A bad value is a 422 that names the
    parameter, as FastAPI's own; a repeated one counts by its last value, as in FastAPI."""

    def __init__(self, model: type[Q]) -> None:
        self.model = model
        self._names = tuple(field.alias or name for name, field in model.model_fields.items())

    async def __call__(self, request: Request) -> Q:
        given = request.query_params
        try:
            return self.model.model_validate(
                {name: given[name] for name in self._names if name in given}
            )
        except ValidationError as exc:
            raise RequestValidationError(
                [{**error, "loc": ("query", *error["loc"])} for error in exc.errors()]
            ) from None


def documented(model: type[QueryModel], route: dict[str, Any]) -> dict[str, Any]:
    """A route's keyword arguments (api/routers/access.py's `access`) with `model`'s fields
    documented as its query parameters. An enum is written out in the parameter rather than
    referred to: FastAPI lists in the document's components only the schemas it met itself."""
    schema = model.model_json_schema(by_alias=True, schema_generator=_InOrder)
    definitions = schema.get("$defs", {})
    parameters = []
    for name, field in model.model_fields.items():
        alias = field.alias or name
        written = _written_out(schema["properties"][alias], definitions)
        # FastAPI leaves out a default of None (a parameter that may be left out says so).
        written = {k: v for k, v in written.items() if (k, v) != ("default", None)}
        written["title"] = field.title or alias.title().replace("_", " ")
        parameter: dict[str, Any] = {
            "name": alias,
            "in": "query",
            "required": field.is_required(),
            "schema": written,
        }
        if field.description:
            parameter["description"] = field.description
        parameters.append(parameter)
    extra = dict(route.get("openapi_extra") or {})
    extra["parameters"] = [*extra.get("parameters", []), *parameters]
    return {**route, "openapi_extra": extra}


def _written_out(schema: Any, definitions: dict[str, Any]) -> Any:
    """`schema` with each reference to one of `definitions` replaced by the definition."""
    if isinstance(schema, list):
        return [_written_out(item, definitions) for item in schema]
    if not isinstance(schema, dict):
        return schema
    written = {k: _written_out(v, definitions) for k, v in schema.items() if k != "$ref"}
    if "$ref" in schema:
        written = {**definitions[schema["$ref"].removeprefix("#/$defs/")], **written}
    return written
