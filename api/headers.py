"""Security headers on every response."""

from __future__ import annotations

from collections.abc import Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# The SPA loads only its own scripts and styles; nothing may frame it.
SPA_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SPA_POLICY_BYTES = SPA_POLICY.encode()
# The interactive API reference: Swagger UI's files from the service itself (fastapi-offline),
# started by an inline script.
DOCS_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self'; "
    "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "frame-ancestors 'none'"
)
# The guides (api/guides.py): text and their own inline styles, nothing else.
GUIDE_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'"
)
COMMON = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


class SecurityHeaders:
    """Pure ASGI middleware (not BaseHTTPMiddleware), so it adds no per-request task."""

    def __init__(self, app: ASGIApp, *, docs_path: str, guide_paths: Iterable[str] = ()) -> None:
        self.app = app
        self.policies = {
            docs_path: DOCS_POLICY.encode(),
            **{path: GUIDE_POLICY.encode() for path in guide_paths},
        }

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = self.policies.get(scope["path"], SPA_POLICY_BYTES)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [*COMMON, (b"content-security-policy", policy)]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)
