"""One rule for every text input: no NUL character (U+0000).

PostgreSQL's text cannot hold U+0000 (psycopg refuses to send it) and no field of ours means
one, so a NUL anywhere in a query or path parameter, a form field, or a JSON body (a value or a
member's name) is a 422 validation problem pointing at it, on SQLite and PostgreSQL alike.
It runs as a dependency of the whole API router: after FastAPI has parsed the body (Starlette
caches the parse on the request, so it is read and parsed once) and before any other
dependency, so no session is opened and nothing is written.
"""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import Request, params
from fastapi.routing import APIRoute

from api.errors import BadField, InvalidFields, Location

NUL = "\x00"
DETAIL = "Holds a NUL character (U+0000), which no text may contain"
# A body of a million NULs must not answer a million errors.
MAX_LISTED = 50

Path = tuple[str | int, ...]


async def refuse_nul_bytes(request: Request) -> None:
    """The dependency: InvalidFields naming each input that holds a NUL."""
    bad = [
        *_named("query", request.query_params.multi_items()),
        *_named("path", [(k, v) for k, v in request.path_params.items() if isinstance(v, str)]),
        *[BadField("body", pointer(path), DETAIL) for path in await _body_paths(request)],
    ][:MAX_LISTED]
    if bad:
        raise InvalidFields(
            bad, detail="; ".join(f"{e.location} {e.pointer or '/'}: {e.detail}" for e in bad)
        )


def pointer(path: Path) -> str:
    """A JSON pointer (RFC 6901); the empty path is the whole document."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def _named(location: Location, items: list[tuple[str, str]]) -> Iterator[BadField]:
    for name, value in items:
        if NUL in name or NUL in value:
            yield BadField(location, pointer((name,)), DETAIL)


async def _body_paths(request: Request) -> list[Path]:
    route = request.scope.get("route")
    if not isinstance(route, APIRoute) or route.body_field is None:
        return []  # the endpoint takes no body: whatever was sent is never read
    if isinstance(route.body_field.field_info, params.Form):
        form = await request.form()  # the form FastAPI parsed, with its limits
        return [
            (name,)
            for name, value in form.multi_items()
            if NUL in name or (isinstance(value, str) and NUL in value)
        ]
    if not _is_json(request.headers.get("content-type", "")):
        return []  # FastAPI did not parse it as JSON, and refuses it as it is
    try:
        document = await request.json()  # cached: FastAPI parsed it already
    except ValueError:  # an empty body, which FastAPI does not parse either
        return []
    return list(_nul_paths(document))


def _is_json(content_type: str) -> bool:
    """FastAPI's own test: application/json or application/<anything>+json."""
    main, _, sub = content_type.partition(";")[0].strip().lower().partition("/")
    return main == "application" and (sub == "json" or sub.endswith("+json"))


def _nul_paths(document: object) -> Iterator[Path]:
    """Where a string (or a member name) holds a NUL, walked with a stack of our own: a body
    nested as deep as the JSON parser allows must not exhaust Python's recursion limit."""
    stack: list[tuple[Path, object]] = [((), document)]
    while stack:
        path, value = stack.pop()
        if (path and isinstance(path[-1], str) and NUL in path[-1]) or (
            isinstance(value, str) and NUL in value
        ):
            yield path  # a string with a NUL, or a member whose name holds one
        elif isinstance(value, dict):
            stack.extend(((*path, key), item) for key, item in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend(((*path, index), item) for index, item in reversed(list(enumerate(value))))
