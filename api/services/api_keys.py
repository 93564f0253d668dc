"""API keys for other hubs' systems and scripts: issued, listed, revoked."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from api.domain.access import Principal, Scope
from api.errors import BadField, Forbidden, InvalidFields, NotFound
from api.persistence import access_repository as repo
from api.persistence import catalogue_repository
from api.persistence.models import ApiKey
from api.security import new_token, token_hash
from api.services import audit, paging
from api.services.auth import API_KEY_PREFIX


@dataclass(frozen=True)
class IssuedKey:
    key: ApiKey
    secret: str  # shown once, never stored


def issue(
    session: Session,
    actor: Principal | None,
    *,
    hub_id: str | None,
    name: str,
    scopes: frozenset[Scope],
    expires_at: datetime | None,
    now: datetime,
    rate_limit_per_minute: int | None = None,
) -> IssuedKey:
    """`actor` None is the command line, run by whoever operates the service."""
    if actor is not None and not (actor.is_national or (hub_id and actor.runs_hub(hub_id))):
        raise Forbidden("You can issue keys only for your own hub.")
    problems = []
    if hub_id is not None and catalogue_repository.get_hub(session, hub_id) is None:
        problems.append(BadField("body", "/hub_id", f"There is no hub {hub_id!r}"))
    if not scopes:
        problems.append(BadField("body", "/scopes", "Give the key at least one scope"))
    if expires_at is not None and expires_at <= now:
        problems.append(BadField("body", "/expires_at", "The expiry must be in the future"))
    if problems:
        raise InvalidFields(problems)
    secret = new_token()
    key = ApiKey(
        prefix=secrets.token_hex(6),
        secret_hash=token_hash(secret),
        name=name,
        hub_id=hub_id,
        scopes=sorted(s.value for s in scopes),
        created_by=actor.label if actor else "command line",
        created_at=now,
        expires_at=expires_at,
        rate_limit_per_minute=rate_limit_per_minute,
    )
    repo.add(session, key)
    audit.record(
        session,
        actor,
        action="create",
        resource_type="api_key",
        resource_id=key.id,
        hub_id=hub_id,
        before=None,
        after={
            "name": name,
            "scopes": key.scopes,
            "expires_at": _iso(expires_at),
            "rate_limit_per_minute": rate_limit_per_minute,
        },
    )
    return IssuedKey(key=key, secret=f"{API_KEY_PREFIX}_{key.prefix}_{secret}")


def list_keys(
    session: Session, actor: Principal, *, cursor: str | None, limit: int
) -> tuple[list[ApiKey], str | None]:
    last = paging.after(cursor, int)
    rows = repo.list_api_keys(
        session,
        hub_id=actor.hub_id,
        all_hubs=actor.is_national,
        after=last[0] if last else None,
        limit=limit + 1,
    )
    return paging.page(rows, limit, lambda key: (key.id,))


def set_rate_limit(
    session: Session, actor: Principal, key_id: int, *, rate_limit_per_minute: int | None
) -> ApiKey:
    """Every process counts against the new limit from its next request with the key."""
    key = _managed_key(session, actor, key_id)
    before = key.rate_limit_per_minute
    if before != rate_limit_per_minute:
        key.rate_limit_per_minute = rate_limit_per_minute
        repo.credentials_changed(session)  # each process's cached key carries its limit
        audit.record(
            session,
            actor,
            action="update",
            resource_type="api_key",
            resource_id=key.id,
            hub_id=key.hub_id,
            before={"rate_limit_per_minute": before},
            after={"rate_limit_per_minute": rate_limit_per_minute},
        )
    return key


def revoke(session: Session, actor: Principal, key_id: int, *, now: datetime) -> ApiKey:
    key = _managed_key(session, actor, key_id)
    if key.revoked_at is None:
        key.revoked_at = now
        repo.credentials_changed(session)  # refused at once by every process
        audit.record(
            session,
            actor,
            action="revoke",
            resource_type="api_key",
            resource_id=key.id,
            hub_id=key.hub_id,
            before={"revoked_at": None},
            after={"revoked_at": _iso(now)},
        )
    return key


def _managed_key(session: Session, actor: Principal, key_id: int) -> ApiKey:
    key = repo.api_key_by_id(session, key_id)
    if key is None or not (actor.is_national or (key.hub_id and actor.runs_hub(key.hub_id))):
        raise NotFound(f"There is no API key {key_id} that you manage.")
    return key


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None
