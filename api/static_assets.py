"""The SPA's build files (frontend/dist/assets): Vite names each by a hash of its content, so a
browser may keep one for good; and they are sent gzipped to every browser that accepts it (the
first load's budget, frontend/scripts/check-bundle.mjs, counts them gzipped at this level)."""

from __future__ import annotations

from pathlib import Path

from starlette.middleware.gzip import GZipMiddleware
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CACHED_FOR_GOOD = (b"cache-control", b"public, max-age=31536000, immutable")
GZIP_LEVEL = 9


class _CachedForGood:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_cached(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 200:
                message["headers"] = [*message.get("headers", []), CACHED_FOR_GOOD]
            await send(message)

        await self.app(scope, receive, send_cached)


def assets_app(directory: Path) -> ASGIApp:
    return GZipMiddleware(
        _CachedForGood(StaticFiles(directory=directory)),
        minimum_size=1024,
        compresslevel=GZIP_LEVEL,
    )
