"""Answers kept in this process by data version: the timetable, the register of schools.

The data version lives in the database and is raised in the same transaction as any change to
what these answers show, so one cheap query (or, on PostgreSQL, the version this process last
heard of) tells whether a kept copy is current; and the ETag, which carries the version, answers
If-None-Match with 304 whichever process serves it."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from api.persistence import work_groups_repository
from api.services.kept_answers import KeptAnswers


@dataclass(frozen=True)
class Rendered:
    body: bytes
    etag: str


# What an answer is now: its ETag, and its key in a cache.
Current = tuple[str, tuple[object, ...]]


def etag_at(data_version: tuple[int, str], form: str, key: tuple[object, ...]) -> Current:
    version, stamp = data_version
    digest = hashlib.sha256(repr(key).encode()).hexdigest()[:12]
    return f'"{form}.{version}.{stamp[:12]}.{digest}"', (form, version, stamp, *key)


def current_etag(session: Session, form: str, key: tuple[object, ...]) -> Current:
    """The ETag for this answer now, from one query on the data version; and its cache key."""
    return etag_at(work_groups_repository.data_version(session), form, key)


def kept(cache: KeptAnswers[Rendered], current: Current, make: Callable[[], bytes]) -> Rendered:
    """The answer kept for `current`, or the one `make` renders now (then kept)."""
    tag, key = current
    found = cache.get(key)
    if found is None:
        found = Rendered(make(), tag)
        cache.put(key, found)
    return found
