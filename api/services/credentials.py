"""Telling who calls without writing, and mostly without reading: each process keeps the API keys
and sessions it has checked, and records a key's use at most once a minute.

An entry is trusted only at the credentials generation it was read at (see
api/persistence/data_version_watch.py): revoking a key or ending a session moves every
process's generation on, by notification, and this process's at once after its commit. Where
nothing vouches for the generation (SQLite, or the listener not connected) nothing is cached and
each request reads its credentials, still without writing. Whatever changes what a key or a
session may do (revoking, signing out, a change to an account's role, standing or two-factor
sign-in) calls access_repository.credentials_changed in its transaction.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol, TypeVar

from sqlalchemy.orm import Session

from api.domain.access import Principal, Scope
from api.errors import Unauthenticated
from api.persistence import access_repository as repo
from api.security import same_secret, token_hash
from api.services.auth import API_KEY_PREFIX, Caller, principal_of, two_factor_due

T = TypeVar("T")

# A key's last use, as its hub sees it, is at most this old (per process).
KEY_USE_INTERVAL = timedelta(minutes=1)
# Past this many entries the cache starts again empty: bounded memory whatever callers send.
CAPACITY = 10_000


class SessionOpener(Protocol):
    def __call__(self, *, writes: bool = False) -> AbstractContextManager[Session]: ...


@dataclass(frozen=True)
class KeyRecord:
    """What checking a key needs, read once: no ORM object outlives its transaction."""

    id: int
    secret_hash: str
    name: str
    hub_id: str | None
    scopes: frozenset[Scope]
    revoked_at: datetime | None
    expires_at: datetime | None
    rate_limit_per_minute: int | None


@dataclass(frozen=True)
class SessionRecord:
    principal: Principal | None  # None: the account was closed
    csrf_token: str
    expires_at: datetime
    two_factor_due: bool = False


class CredentialCache:
    """Per process; shared by the request threads."""

    def __init__(self, generation: Callable[[], int | None]) -> None:
        self._generation = generation
        self._lock = threading.Lock()
        self._keys: dict[str, tuple[int, KeyRecord]] = {}
        self._sessions: dict[str, tuple[int, SessionRecord]] = {}
        self._uses: dict[int, datetime] = {}  # key id → the last use this process wrote

    def key(self, prefix: str) -> KeyRecord | None:
        return self._get(self._keys, prefix)

    def keep_key(self, prefix: str, record: KeyRecord, generation: int | None) -> None:
        self._keep(self._keys, prefix, record, generation)

    def session(self, hashed: str) -> SessionRecord | None:
        return self._get(self._sessions, hashed)

    def keep_session(self, hashed: str, record: SessionRecord, generation: int | None) -> None:
        self._keep(self._sessions, hashed, record, generation)

    def generation(self) -> int | None:
        return self._generation()

    def use_is_due(self, key_id: int, now: datetime) -> bool:
        with self._lock:
            last = self._uses.get(key_id)
            return last is None or now - last >= KEY_USE_INTERVAL or now < last

    def use_recorded(self, key_id: int, now: datetime) -> None:
        with self._lock:
            if len(self._uses) >= CAPACITY:
                self._uses.clear()
            self._uses[key_id] = now

    def _get(self, entries: dict[str, tuple[int, T]], name: str) -> T | None:
        generation = self._generation()
        if generation is None:
            return None
        with self._lock:
            found = entries.get(name)
        return found[1] if found is not None and found[0] == generation else None

    def _keep(
        self, entries: dict[str, tuple[int, T]], name: str, record: T, generation: int | None
    ) -> None:
        # `generation` is the one read before the record: a change committed in between has
        # moved it on already, so the record is never trusted past that change.
        if generation is None:
            return
        with self._lock:
            if len(entries) >= CAPACITY:
                entries.clear()
            entries[name] = (generation, record)


def cached_key_caller(cache: CredentialCache, bearer: str, now: datetime) -> Caller | None:
    """The key's caller from memory alone; None when the database must be asked (the key is
    not cached, or its use is due to be recorded)."""
    prefix, secret = _key_parts(bearer)
    record = cache.key(prefix)
    if record is None or cache.use_is_due(record.id, now):
        return None
    return _key_caller(record, secret, now)


def key_caller(
    cache: CredentialCache, open_session: SessionOpener, bearer: str, now: datetime
) -> Caller:
    """The key's principal; a key that is malformed, unknown, revoked or expired is a 401.
    Its use is written in a transaction of its own, at most once a minute in this process."""
    prefix, secret = _key_parts(bearer)
    record = cache.key(prefix)
    if record is None:
        generation = cache.generation()
        with open_session() as session:
            record = _key_record(session, prefix)
        if record is None:
            raise Unauthenticated("The API key is not known.")
        cache.keep_key(prefix, record, generation)
    caller = _key_caller(record, secret, now)
    if cache.use_is_due(record.id, now):
        with open_session(writes=True) as session:
            repo.record_key_uses(session, {record.id: now})
        cache.use_recorded(record.id, now)
    return caller


def cached_cookie_caller(cache: CredentialCache, token: str, now: datetime) -> Caller | None:
    """The signed-in user from memory alone; None when the database must be asked."""
    record = cache.session(token_hash(token))
    return _session_caller(record, now) if record is not None else None


def cookie_caller(
    cache: CredentialCache, open_session: SessionOpener, token: str, now: datetime
) -> Caller | None:
    """The signed-in user, or None when the cookie is unknown or expired (as if signed out)."""
    hashed = token_hash(token)
    record = cache.session(hashed)
    if record is None:
        generation = cache.generation()
        with open_session() as session:
            record = _session_record(session, hashed)
        if record is None:
            return None
        cache.keep_session(hashed, record, generation)
    return _session_caller(record, now)


def _session_caller(record: SessionRecord, now: datetime) -> Caller | None:
    if record.principal is None or record.expires_at <= now:
        return None
    return Caller(
        record.principal, csrf_token=record.csrf_token, two_factor_due=record.two_factor_due
    )


def _key_parts(bearer: str) -> tuple[str, str]:
    parts = bearer.split("_", 2)
    if len(parts) != 3 or parts[0] != API_KEY_PREFIX:
        raise Unauthenticated("The API key is not in the form mh_<prefix>_<secret>.")
    return parts[1], parts[2]


def _key_caller(record: KeyRecord, secret: str, now: datetime) -> Caller:
    if not same_secret(record.secret_hash, token_hash(secret)):
        raise Unauthenticated("The API key is not known.")
    if record.revoked_at is not None:
        raise Unauthenticated("The API key was revoked; ask the hub for a new one.")
    if record.expires_at is not None and record.expires_at <= now:
        raise Unauthenticated("The API key has expired; ask the hub for a new one.")
    principal = Principal(
        kind="api_key",
        id=record.id,
        label=record.name,
        hub_id=record.hub_id,
        scopes=record.scopes,
    )
    return Caller(principal, csrf_token=None, rate_limit_per_minute=record.rate_limit_per_minute)


def _key_record(session: Session, prefix: str) -> KeyRecord | None:
    key = repo.api_key_by_prefix(session, prefix)
    if key is None:
        return None
    return KeyRecord(
        id=key.id,
        secret_hash=key.secret_hash,
        name=key.name,
        hub_id=key.hub_id,
        scopes=frozenset(Scope(s) for s in key.scopes),
        revoked_at=key.revoked_at,
        expires_at=key.expires_at,
        rate_limit_per_minute=key.rate_limit_per_minute,
    )


def _session_record(session: Session, hashed: str) -> SessionRecord | None:
    row = repo.session_by_token_hash(session, hashed)
    if row is None:
        return None
    user = repo.user_by_id(session, row.user_id)
    live = user is not None and user.active
    return SessionRecord(
        principal=principal_of(user) if user is not None and live else None,
        csrf_token=row.csrf_token,
        expires_at=row.expires_at,
        two_factor_due=user is not None and live and two_factor_due(user),
    )
