"""Limits on request bodies, before and while they are read: a size for each kind of endpoint,
and a pace.

- A `Content-Length` over the largest limit is answered 413 before the app runs.
- Otherwise the limit is that of the route FastAPI chose, known when its handler first asks for
  the body: file uploads (routes with `File` parameters: the GIAS and participation imports)
  may send `upload_max_bytes`, every other endpoint `json_max_bytes`. A declared length over it
  is answered 413 before a byte is read; a chunked body is counted as it streams and answered
  413 as soon as it passes the limit, and nothing more is read.
- The body must keep coming: no pause longer than `idle_seconds`, and after `grace_seconds` an
  average of at least `min_bytes_per_second` since it began (as Apache's mod_reqtimeout
  `body=…,MinRate=…`); otherwise 408.

Each refusal is a problem response with `Connection: close`, so the server stops reading the
connection; an endpoint that was reading is told the client went away, and its answer dropped.

Starlette's RequestBodyLimitMiddleware (FastAPI's `max_body_size`) is not used: it checks only
when the endpoint reads, so an endpoint that takes no body runs and is then answered 413, its
answer is plain text, and it has no pace.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from fastapi import params
from fastapi.routing import APIRoute
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import AppError, BodyTooSlow, ContentTooLarge, problem_for

CLOSE = {"Connection": "close"}


@dataclass(frozen=True)
class BodyLimits:
    json_max_bytes: int
    upload_max_bytes: int
    idle_seconds: float
    grace_seconds: float
    min_bytes_per_second: float


class RequestBodyLimits:
    """Pure ASGI middleware (not BaseHTTPMiddleware), so it adds no per-request task."""

    def __init__(self, app: ASGIApp, *, limits: BodyLimits) -> None:
        self.app = app
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        largest = max(self.limits.json_max_bytes, self.limits.upload_max_bytes)
        if declared is not None and declared > largest:
            await _answer(scope, send, _too_large(largest))
            return
        body = _GuardedBody(scope, receive, send, self.limits, declared)
        await self.app(scope, body.receive, body.send)


class _GuardedBody:
    """One request's body as the app reads it, counted and timed."""

    def __init__(
        self, scope: Scope, receive: Receive, send: Send, limits: BodyLimits, declared: int | None
    ) -> None:
        self._scope = scope
        self._receive = receive
        self._send = send
        self._limits = limits
        self._declared = declared
        self._max_bytes: int | None = None  # decided by the route, on the first read
        self._began = 0.0
        self._received = 0
        self._complete = False
        self._refused = False
        self._response_started = False

    async def receive(self) -> Message:
        if self._refused:
            return {"type": "http.disconnect"}
        if self._complete:  # later reads only listen for a disconnect: nothing to limit
            return await self._receive()
        loop = asyncio.get_running_loop()
        if self._max_bytes is None:
            self._max_bytes = self._max_bytes_for_route()
            self._began = loop.time()
            if self._declared is not None and self._declared > self._max_bytes:
                return await self._refuse(_too_large(self._max_bytes))
        limits = self._limits
        deadline = min(
            loop.time() + limits.idle_seconds,
            self._began + limits.grace_seconds + self._received / limits.min_bytes_per_second,
        )
        try:
            async with asyncio.timeout_at(deadline):
                message = await self._receive()
        except TimeoutError:
            return await self._refuse(_too_slow(limits))
        if message["type"] == "http.request":
            self._received += len(message.get("body", b""))
            if self._received > self._max_bytes:
                return await self._refuse(_too_large(self._max_bytes))
            self._complete = not message.get("more_body", False)
        return message

    async def send(self, message: Message) -> None:
        if self._refused:
            return  # our refusal went out instead
        if message["type"] == "http.response.start":
            self._response_started = True
        await self._send(message)

    def _max_bytes_for_route(self) -> int:
        route = self._scope.get("route")
        takes_files = isinstance(route, APIRoute) and any(
            isinstance(param.field_info, params.File) for param in route.dependant.body_params
        )
        return self._limits.upload_max_bytes if takes_files else self._limits.json_max_bytes

    async def _refuse(self, error: AppError) -> Message:
        self._refused = True
        if not self._response_started:
            await _answer(self._scope, self._send, error)
        return {"type": "http.disconnect"}


async def _answer(scope: Scope, send: Send, error: AppError) -> None:
    async def nothing_more() -> Message:
        return {"type": "http.disconnect"}

    response = problem_for(error, instance=scope["path"], headers=CLOSE)
    await response(scope, nothing_more, send)


def _content_length(scope: Scope) -> int | None:
    value = Headers(scope=scope).get("content-length")
    return int(value) if value is not None and value.isdigit() else None


def _too_large(max_bytes: int) -> ContentTooLarge:
    return ContentTooLarge(
        f"The request body is larger than this endpoint takes: at most {_size(max_bytes)}.",
        max_bytes=max_bytes,
    )


def _too_slow(limits: BodyLimits) -> BodyTooSlow:
    return BodyTooSlow(
        f"The request body came too slowly: send it without a pause over "
        f"{limits.idle_seconds:g} s, at {limits.min_bytes_per_second:g} bytes a second or more."
    )


def _size(count: int) -> str:
    for unit, size in (("MiB", 1 << 20), ("KiB", 1 << 10)):
        if count >= size and count % size == 0:
            return f"{count // size} {unit}"
    return f"{count} bytes"
