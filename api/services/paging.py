"""Keyset pages: read one row more than asked to know whether another page follows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from api.errors import BadField, InvalidFields
from api.persistence.cursor import BadCursor, decode_cursor, encode_cursor

Row = TypeVar("Row")


def after(cursor: str | None, *types: type) -> tuple[Any, ...] | None:
    """The sort key a cursor holds, or a 422 that points at ?cursor."""
    if not cursor:
        return None
    try:
        return decode_cursor(cursor, *types)
    except BadCursor as exc:
        raise InvalidFields([BadField("query", "/cursor", str(exc))]) from exc


def page(
    rows: Sequence[Row], limit: int, key: Callable[[Row], tuple[Any, ...]]
) -> tuple[list[Row], str | None]:
    """The first `limit` rows of `limit + 1` fetched, and the cursor after them if more remain."""
    items = list(rows[:limit])
    return items, encode_cursor(*key(items[-1])) if len(rows) > limit else None
