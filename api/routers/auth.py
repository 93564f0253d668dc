"""Signing in and out with a session cookie, and who am I."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

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
from api.routers.dependencies import DbSession
from api.routers.session_cookies import BROWSER_COOKIE, set_browser_cookie, set_session_cookie
from api.schemas.access import Me, SignInRequest
from api.services import auth

router = APIRouter(prefix="/auth", tags=["auth"])


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
def me(session: DbSession, caller: CurrentCaller) -> Me:
    """Who is calling: the signed-in person (with the CSRF token) or the API key."""
    principal = signed_in(caller.principal if caller else None)
    if principal.kind == "api_key":
        return Me(
            kind="api_key",
            id=principal.id,
            name=principal.label,
            hub_id=principal.hub_id,
            scopes=sorted(principal.scopes),
        )
    return auth_me(auth.user(session, principal.id), caller.csrf_token if caller else None)
