"""Who is calling, and whether they may: one policy per operation, shown in the OpenAPI
document as `x-access` so that tests and other hubs can read the rules."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from api.domain.access import (
    ALL_ROLES,
    ALL_SCOPES,
    HUB_STAFF,
    Policy,
    Principal,
    Role,
    Scope,
    Verdict,
    decide,
)
from api.errors import Forbidden, RateLimited, Unauthenticated
from api.rate_limits import PolicyName, RateLimits
from api.routers.clock import time_of
from api.routers.dependencies import opener_of
from api.schemas.problems import problem_responses
from api.security import same_secret
from api.services import credentials
from api.services.auth import Caller
from api.settings import Settings

SESSION_COOKIE = "mh_session"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

PUBLIC = Policy("public", public=True)
SIGNED_IN = Policy("signed_in", roles=ALL_ROLES, scopes=ALL_SCOPES)
HUB_ADMIN = Policy("hub_admin", roles=HUB_STAFF, scopes=frozenset({Scope.ADMIN}))
# Issuing keys is for people: a leaked key must not be able to mint more keys.
KEY_ADMIN = Policy("key_admin", roles=HUB_STAFF)
# People's accounts are managed by people too (a key never makes an account), and each person
# manages their own sign-in (sessions, two-factor): no key has an account of its own.
ACCOUNTS_ADMIN = Policy("accounts_admin", roles=HUB_STAFF)
OWN_ACCOUNT = Policy("own_account", roles=ALL_ROLES)
NATIONAL_ADMIN = Policy(
    "national_admin",
    roles=frozenset({Role.NATIONAL_ADMIN}),
    scopes=frozenset({Scope.ADMIN}),
    national_only=True,
)
SCHOOLS_READ = Policy(
    "schools_read", roles=ALL_ROLES, scopes=frozenset({Scope.SCHOOLS_READ, Scope.ADMIN})
)
# People's records: each sees those of their hub, or a school contact those of their school.
PEOPLE_READ = Policy("people_read", roles=ALL_ROLES, scopes=frozenset({Scope.ADMIN}))
# Private calendar feeds are for people (a key has the public timetable): hub staff and
# Mastery Specialists, and a school contact for their own school.
CALENDAR_FEEDS = Policy("calendar_feeds", roles=ALL_ROLES, scopes=frozenset({Scope.ADMIN}))
# Reports: hub staff, and keys given reports:read; each sees its own hub, national ones all.
REPORTS_READ = Policy(
    "reports_read", roles=HUB_STAFF, scopes=frozenset({Scope.REPORTS_READ, Scope.ADMIN})
)
# Work Groups and their sessions: hub staff, and a Mastery Specialist for the groups they lead.
WORK_GROUPS_READ = Policy(
    "work_groups_read",
    roles=frozenset({Role.NATIONAL_ADMIN, Role.HUB_ADMIN, Role.MASTERY_SPECIALIST}),
    scopes=frozenset({Scope.ADMIN}),
)

# A group's sessions are moved, cancelled and their registers taken by hub staff, and by the
# Mastery Specialist who leads the group (the service checks that they lead it).
WORK_GROUP_LEAD = Policy(
    "work_group_lead",
    roles=frozenset({Role.NATIONAL_ADMIN, Role.HUB_ADMIN, Role.MASTERY_SPECIALIST}),
    scopes=frozenset({Scope.ADMIN}),
)

# Grants (issue 13). Reading: hub staff their hub's, a school contact their own school's,
# keys with grants:read their hub's. Mastery Specialists have no grants access.
GRANTS_READ = Policy(
    "grants_read",
    roles=frozenset({*HUB_STAFF, Role.SCHOOL_CONTACT}),
    scopes=frozenset({Scope.GRANTS_READ, Scope.ADMIN}),
)
# Claims are made by people: a school contact for their school, hub staff for a school of
# their hub. Keys do not submit claims.
GRANTS_CLAIM = Policy("grants_claim", roles=frozenset({*HUB_STAFF, Role.SCHOOL_CONTACT}))
# The hub's actions on claims and statements: hub staff, keys with grants:write.
GRANTS_WRITE = Policy(
    "grants_write", roles=HUB_STAFF, scopes=frozenset({Scope.GRANTS_WRITE, Scope.ADMIN})
)


def _bearer(authorization: str) -> str:
    scheme, _, credentials = authorization.partition(" ")
    if scheme.lower() != "bearer" or not credentials.strip():
        raise Unauthenticated("Send the API key as Authorization: Bearer mh_<prefix>_<secret>.")
    return credentials.strip()


# The access checks take the request alone and read the session opener and the instant from
# it: each further dependency FastAPI solves costs every request several microseconds.


async def _caller(request: Request) -> Caller | None:
    """Once per request (a public operation's check and its endpoint share it)."""
    if not hasattr(request.state, "caller"):
        request.state.caller = await _told_caller(request)
    caller: Caller | None = request.state.caller
    return caller


async def _told_caller(request: Request) -> Caller | None:
    """From this process's memory when it can vouch for it (no database at all); otherwise
    the credentials are read, in a worker thread and a short transaction of their own."""
    cache: credentials.CredentialCache = request.app.state.credentials
    open_session, now = opener_of(request), time_of(request)
    authorization = request.headers.get("Authorization")
    if authorization:
        bearer = _bearer(authorization)
        cached = credentials.cached_key_caller(cache, bearer, now)
        if cached is not None:
            return cached
        return await run_in_threadpool(credentials.key_caller, cache, open_session, bearer, now)
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    # An unknown cookie (signed out, say) is never cached: the database is asked each time.
    signed_in = credentials.cached_cookie_caller(cache, token, now)
    if signed_in is not None:
        return signed_in
    return await run_in_threadpool(credentials.cookie_caller, cache, open_session, token, now)


CurrentCaller = Annotated[Caller | None, Depends(_caller)]


async def _principal(request: Request) -> Principal | None:
    caller = await _caller(request)
    return caller.principal if caller else None


CurrentPrincipal = Annotated[Principal | None, Depends(_principal)]


async def _open_to_all(request: Request) -> None:
    """A public operation needs no caller, so an anonymous request touches no database here.
    A key sent with one must still be valid, and its use is recorded: other hubs' systems pull
    the public timetable with their keys, and their hub sees the key at work."""
    if request.headers.get("Authorization"):
        await _caller(request)


async def _open_to_all_counted(request: Request) -> None:
    """As `_open_to_all`, each request counted: against its key's limit, or, a read without a
    key, against its address's."""
    if request.headers.get("Authorization"):
        await _count_key(request, await _caller(request))
    elif request.method in SAFE_METHODS:
        settings: Settings = request.app.state.settings
        address = request.client.host if request.client else "unknown"
        await _count(request, "address", address, settings.rate_limit_anonymous_per_minute)


async def _count_key(request: Request, caller: Caller | None) -> None:
    """People (the SPA's cookie sessions) are not counted; keys are."""
    if caller is not None and caller.principal.kind == "api_key":
        settings: Settings = request.app.state.settings
        quota = caller.rate_limit_per_minute or settings.rate_limit_key_per_minute
        await _count(request, "key", str(caller.principal.id), quota)


async def _count(request: Request, policy: PolicyName, who: str, quota: int) -> None:
    rate_limits: RateLimits = request.app.state.rate_limits
    counted = await rate_limits.count(policy, who, quota)
    request.state.rate_limit = counted  # its RateLimit fields go on the response
    if counted.allowed:
        return
    wait = counted.reset_seconds
    if policy == "key":
        raise RateLimited(
            f"This API key has used its {quota} requests a minute; wait {wait} seconds "
            "(Retry-After). The RateLimit header says how many remain at each response.",
            retry_after_seconds=wait,
        )
    raise RateLimited(
        f"Your address has used its {quota} requests a minute without an API key; wait {wait} "
        "seconds (Retry-After), or send an API key, which has a limit of its own.",
        retry_after_seconds=wait,
    )


def _guard(policy: Policy, *, rate_limited: bool, before_two_factor: bool) -> Any:
    if policy.public:
        return _open_to_all_counted if rate_limited else _open_to_all

    # Async: pure logic, so it runs on the event loop rather than a worker thread.
    async def guard(request: Request) -> None:
        caller = await _caller(request)
        if rate_limited:
            await _count_key(request, caller)
        verdict = decide(policy, caller.principal if caller else None)
        if verdict is Verdict.UNAUTHENTICATED:
            raise Unauthenticated("Sign in, or send an API key, to do this.")
        if verdict is Verdict.FORBIDDEN:
            raise Forbidden("Your account or key is not allowed to do this.")
        if caller is not None and caller.two_factor_due and not before_two_factor:
            raise Forbidden(
                "Set up two-factor sign-in first: administrators need a code from an "
                "authenticator app as well as their password."
            )
        if (
            caller is not None
            and caller.csrf_token is not None
            and request.method not in SAFE_METHODS
            and not same_secret(request.headers.get(CSRF_HEADER, ""), caller.csrf_token)
        ):
            raise Forbidden(f"Send the {CSRF_HEADER} header you got when you signed in.")

    return guard


def access(
    policy: Policy,
    *statuses: int,
    own_hub_only: bool = False,
    rate_limited: bool = True,
    before_two_factor: bool = False,
) -> dict[str, Any]:
    """Keyword arguments for a route: enforce `policy`, document it and its error responses.

    `own_hub_only` documents that the service also refuses resources of another hub. Each
    request with a key, and each public read without one, is counted against its rate limit
    (api/rate_limits.py) unless `rate_limited` is False (the health checks).
    `before_two_factor` lets an administrator who has yet to set up two-factor sign-in call it
    (who am I, signing out, setting it up)."""
    denials = () if policy.public else (401, 403)
    if rate_limited:
        denials = (*denials, 429)
    return {
        "dependencies": [
            Depends(_guard(policy, rate_limited=rate_limited, before_two_factor=before_two_factor))
        ],
        "responses": problem_responses(*sorted({*statuses, *denials})),
        "openapi_extra": {
            "x-access": {
                "policy": policy.name,
                "public": policy.public,
                "roles": sorted(r.value for r in policy.roles),
                "scopes": sorted(s.value for s in policy.scopes),
                "own_hub_only": own_hub_only,
                "national_only": policy.national_only,
            }
        },
    }


def signed_in(principal: Principal | None) -> Principal:
    """For operations whose policy already refused anonymous callers."""
    if principal is None:
        raise Unauthenticated("Sign in, or send an API key, to do this.")
    return principal
