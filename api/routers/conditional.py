"""ETags: cheap re-reads (If-None-Match → 304) and no lost updates (If-Match → 412)."""

from __future__ import annotations

import re

from fastapi import Response

from api.errors import BadField, InvalidFields, PreconditionRequired

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
