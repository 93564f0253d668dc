"""Signing in and out with a session cookie, and who am I."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from api.errors import PROBLEM_BASE, problem_response
from api.persistence.models import UserAccount
from api.routers.access import (
    PUBLIC,
    SESSION_COOKIE,
    SIGNED_IN,
    CurrentCaller,
    access,
    signed_in,
)
from api.routers.clock import Now
from api.routers.dependencies import DbSession
from api.schemas.access import Me, SignInRequest
from api.services import auth
from api.services.auth import SESSION_LIFETIME

router = APIRouter(prefix="/auth", tags=["auth"])


def _me_of_user(user: UserAccount, csrf_token: str | None) -> Me:
    return Me(
        kind="user",
        id=user.id,
        name=user.name,
        email=user.email,
        role=auth.principal_of(user).role,
        hub_id=user.hub_id,
        school_urn=user.school_urn,
        csrf_token=csrf_token,
    )


@router.post("/sign-in", response_model=Me, **access(PUBLIC, 401, 422, 429))
def sign_in(
    session: DbSession, body: SignInRequest, request: Request, response: Response, now: Now
) -> Me | JSONResponse:
    """Sign in with email and password; sets the session cookie."""
    result = auth.sign_in(
        session,
        email=body.email,
        password=body.password.get_secret_value(),
        address=request.client.host if request.client else "unknown",
        now=now,
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
    settings = request.app.state.settings
    response.set_cookie(
        SESSION_COOKIE,
        result.token,
        max_age=int(SESSION_LIFETIME.total_seconds()),
        httponly=True,
        secure=settings.session_cookie_secure,
        samesite="strict",
        path="/",
    )
    return _me_of_user(result.user, result.csrf_token)


@router.post("/sign-out", status_code=204, **access(SIGNED_IN))
def sign_out(session: DbSession, request: Request, response: Response) -> None:
    """End this browser's session."""
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        auth.sign_out(session, token)
    response.delete_cookie(SESSION_COOKIE, path="/")


@router.get("/me", **access(SIGNED_IN))
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
    return _me_of_user(auth.user(session, principal.id), caller.csrf_token if caller else None)
