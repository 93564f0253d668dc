"""Signing in and out with a session cookie, and who am I."""

from __future__ import annotations

from fastapi import Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from api.errors import PROBLEM_BASE, problem_response
from api.routers.access import (
    PUBLIC,
    SESSION_COOKIE,
    SIGNED_IN,
    CurrentCaller,
    access,
    signed_in,
)
from api.routers.accounts import auth_me
from api.routers.clock import Now
from api.routers.dependencies import DbSession, OpenSession
from api.routers.feature_router import FeatureRouter
from api.routers.session_cookies import BROWSER_COOKIE, set_browser_cookie, set_session_cookie
from api.schemas.access import Me, SignInRequest
from api.services import auth

router = FeatureRouter(prefix="/auth", tags=["auth"])


@router.post("/sign-in", response_model=Me, **access(PUBLIC, 401, 422, 429))
def sign_in(
    session: DbSession, body: SignInRequest, request: Request, response: Response, now: Now
) -> Me | JSONResponse:
    """Sign in with email and password (and, with two-factor sign-in on, a code); sets the
    session cookie."""
    result = auth.sign_in(
        session,
        email=body.email,
        password=body.password.get_secret_value(),
        address=request.client.host if request.client else "unknown",
        now=now,
        code=body.code,
        browser_token=request.cookies.get(BROWSER_COOKIE),
        remember_browser=body.remember_browser,
    )
    if isinstance(result, auth.CodeNeeded):
        return problem_response(
            401,
            type_=PROBLEM_BASE + "two-factor-required",
            title="Code needed",
            detail=result.detail,
            instance=request.url.path,
        )
    if isinstance(result, auth.SignInRefused):
        # Answered, not raised, so that the transaction keeps the counted failure.
        return problem_response(
            401,
            type_=PROBLEM_BASE + "sign-in-refused",
            title="Sign-in refused",
            detail=result.detail,
            instance=request.url.path,
        )
    set_session_cookie(request, response, result.token)
    if result.browser_token is not None:
        set_browser_cookie(request, response, result.browser_token)
    return auth_me(result.user, result.csrf_token)


@router.post("/sign-out", status_code=204, **access(SIGNED_IN, before_two_factor=True))
def sign_out(session: DbSession, request: Request, response: Response) -> None:
    """End this browser's session."""
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        auth.sign_out(session, token)
    response.delete_cookie(SESSION_COOKIE, path="/")


@router.get("/me", **access(SIGNED_IN, before_two_factor=True))
async def me(open_session: OpenSession, caller: CurrentCaller) -> Me:
    """Who is calling: the signed-in person (with the CSRF token) or the API key."""
    principal = signed_in(caller.principal if caller else None)
    if principal.kind == "api_key":
        # The checked key says it all: no database for a system asking who it is.
        return Me(
            kind="api_key",
            id=principal.id,
            name=principal.label,
            hub_id=principal.hub_id,
            scopes=sorted(principal.scopes),
        )
    csrf_token = caller.csrf_token if caller else None

    def person() -> Me:
        with open_session() as session:
            return auth_me(auth.user(session, principal.id), csrf_token)

    return await run_in_threadpool(person)
