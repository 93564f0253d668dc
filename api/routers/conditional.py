"""ETags: cheap re-reads (If-None-Match → 304) and no lost updates (If-Match → 412)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated

from fastapi import Header, Request, Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from api.errors import BadField, InvalidFields, PreconditionRequired
from api.routers.dependencies import SessionOpener
from api.services import versioned
from api.services.kept_answers import KeptAnswers

IfNoneMatch = Annotated[str | None, Header(max_length=1000)]

_ETAG = re.compile(r'^(?:W/)?"(\d+)\.(\d+)"$')


def etag(resource_id: int | str, version: int) -> str:
    return f'"{resource_id}.{version}"'


def not_modified(if_none_match: str | None, current: str) -> bool:
    if not if_none_match:
        return False
    tags = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
    return "*" in tags or current in tags


def not_modified_response(current: str) -> Response:
    return Response(status_code=304, headers={"ETag": current})


def expected_version(if_match: str | None, resource_id: int) -> int:
    """The version the client last read, from If-Match; an update without one is refused."""
    if not if_match:
        raise PreconditionRequired(
            "Send an If-Match header with the ETag from your last read, so that you cannot "
            "overwrite a change you have not seen."
        )
    match = _ETAG.match(if_match.strip())
    if match is None or int(match.group(1)) != resource_id:
        raise InvalidFields(
            [BadField("header", "/If-Match", f"{if_match!r} is not an ETag of this resource")]
        )
    return int(match.group(2))


def known_data_version(request: Request) -> tuple[int, str] | None:
    """This process's data version when PostgreSQL's notifications vouch for it."""
    watch = request.app.state.data_version_watch
    return watch.current() if watch is not None else None


async def kept_answer(
    request: Request,
    open_session: SessionOpener,
    cache: KeptAnswers[versioned.Rendered],
    form: str,
    key: tuple[object, ...],
    render: Callable[[Session, versioned.Current], versioned.Rendered],
    if_none_match: str | None,
    *,
    media_type: str,
    headers: dict[str, str] | None = None,
) -> Response:
    """An answer kept by data version (api/services/versioned.py): from memory when this
    process's data version is known (PostgreSQL's notifications keep it current) and the answer
    is kept; otherwise from the database, in a worker thread."""
    known = known_data_version(request)
    rendered: versioned.Rendered | None = None
    if known is not None:
        tag, cache_key = versioned.etag_at(known, form, key)
        if not_modified(if_none_match, tag):
            return not_modified_response(tag)
        rendered = cache.get(cache_key)
    if rendered is None:

        def from_database() -> tuple[str, versioned.Rendered | None]:
            with open_session() as session:
                current = versioned.current_etag(session, form, key)
                if not_modified(if_none_match, current[0]):
                    return current[0], None
                return current[0], render(session, current)

        tag, rendered = await run_in_threadpool(from_database)
        if rendered is None:
            return not_modified_response(tag)
    return Response(
        rendered.body, media_type=media_type, headers={"ETag": rendered.etag, **(headers or {})}
    )
