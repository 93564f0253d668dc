"""The cookies of signing in: the session's, and a remembered browser's."""

from __future__ import annotations

from fastapi import Request, Response

from api.domain.accounts import REMEMBERED_BROWSER_LIFETIME
from api.routers.access import SESSION_COOKIE
from api.services.auth import SESSION_LIFETIME

# Sent only to the sign-in call: it spares a remembered browser the two-factor code.
BROWSER_COOKIE = "mh_browser"
BROWSER_COOKIE_PATH = "/api/v1/auth/sign-in"


def set_session_cookie(request: Request, response: Response, token: str) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(SESSION_LIFETIME.total_seconds()),
        httponly=True,
        secure=request.app.state.settings.session_cookie_secure,
        samesite="strict",
        path="/",
    )


def set_browser_cookie(request: Request, response: Response, token: str) -> None:
    response.set_cookie(
        BROWSER_COOKIE,
        token,
        max_age=int(REMEMBERED_BROWSER_LIFETIME.total_seconds()),
        httponly=True,
        secure=request.app.state.settings.session_cookie_secure,
        samesite="strict",
        path=BROWSER_COOKIE_PATH,
    )
