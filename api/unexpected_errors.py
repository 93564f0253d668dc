"""A clean 500 for an unexpected error, on a connection that stays open.

Starlette's ServerErrorMiddleware sends the 500 and then re-raises, so that the server logs
the error; uvicorn then closes the connection abruptly, without `Connection: close`, and a
keep-alive client that sends its next request on it sees a reset. This middleware, just
inside it, answers the same 500 problem, logs the error itself and raises nothing.
"""

from __future__ import annotations

import logging

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import unexpected_error_response

log = logging.getLogger(__name__)


class UnexpectedErrors:
    """Pure ASGI middleware (not BaseHTTPMiddleware), so it adds no per-request task."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        response_started = False

        async def send_tracking(message: Message) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        try:
            await self.app(scope, receive, send_tracking)
        except Exception:
            if response_started:
                # Half a response is out: only closing the connection can tell the client.
                raise
            log.exception("Unhandled error on %s %s", scope["method"], scope["path"])
            await unexpected_error_response(scope["path"])(scope, receive, send)
