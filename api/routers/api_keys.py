"""API keys for other hubs' systems: issue, list, revoke."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query

from api.routers.access import KEY_ADMIN, CurrentPrincipal, access, signed_in
from api.routers.clock import Now
from api.routers.dependencies import DbSession
from api.routers.feature_router import FeatureRouter
from api.schemas.access import ApiKey, ApiKeyCreate, ApiKeyIssued, ApiKeyUpdate
from api.schemas.common import Page
from api.services import api_keys

router = FeatureRouter(prefix="/api-keys", tags=["api-keys"])


@router.get("", **access(KEY_ADMIN, 422))
def list_api_keys(
    session: DbSession,
    principal: CurrentPrincipal,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> Page[ApiKey]:
    """Your hub's keys (every hub's for national administrators), newest first."""
    rows, next_cursor = api_keys.list_keys(
        session, signed_in(principal), cursor=cursor, limit=limit
    )
    return Page[ApiKey](items=[ApiKey.model_validate(r) for r in rows], next_cursor=next_cursor)


@router.post("", status_code=201, **access(KEY_ADMIN, 422))
def create_api_key(
    session: DbSession, principal: CurrentPrincipal, body: ApiKeyCreate, now: Now
) -> ApiKeyIssued:
    """Issue a key; its secret is in this response only."""
    actor = signed_in(principal)
    issued = api_keys.issue(
        session,
        actor,
        hub_id=body.hub_id if body.hub_id or actor.is_national else actor.hub_id,
        name=body.name,
        scopes=frozenset(body.scopes),
        expires_at=body.expires_at,
        now=now,
        rate_limit_per_minute=body.rate_limit_per_minute,
    )
    return ApiKeyIssued.model_validate(
        {**ApiKey.model_validate(issued.key).model_dump(), "secret": issued.secret}
    )


@router.patch("/{key_id}", **access(KEY_ADMIN, 404, 422, own_hub_only=True))
def update_api_key(
    session: DbSession,
    principal: CurrentPrincipal,
    key_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    body: ApiKeyUpdate,
) -> ApiKey:
    """Set a key's rate limit (requests a minute; null: the service's default)."""
    key = api_keys.set_rate_limit(
        session, signed_in(principal), key_id, rate_limit_per_minute=body.rate_limit_per_minute
    )
    return ApiKey.model_validate(key)


@router.delete("/{key_id}", **access(KEY_ADMIN, 404, 422, own_hub_only=True))
def revoke_api_key(
    session: DbSession,
    principal: CurrentPrincipal,
    key_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    now: Now,
) -> ApiKey:
    """Revoke a key at once; it stays listed, marked revoked."""
    key = api_keys.revoke(session, signed_in(principal), key_id, now=now)
    return ApiKey.model_validate(key)
