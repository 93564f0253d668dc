"""The application: routers, error handlers, and the built SPA at /."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import cache
from pathlib import Path
from typing import Any

from alembic.config import Config
from alembic.script import ScriptDirectory
from fastapi import Depends, FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, Response
from fastapi.routing import APIRoute
from fastapi_offline import FastAPIOffline

from api.clock import Clock, clock_at
from api.errors import NotFoundFallback, install_error_handlers
from api.guides import add_guides, guide_paths
from api.headers import SecurityHeaders
from api.persistence import access_repository
from api.persistence.data_version_watch import DataVersionWatch
from api.persistence.database import (
    DatabaseTimeouts,
    make_engine,
    make_probe_engine,
    make_session_factory,
)
from api.rate_limits import RateLimitHeaders, RateLimits
from api.request_limits import BodyLimits, RequestBodyLimits
from api.routers import (
    academic_years,
    accounts,
    api_keys,
    applications,
    audit,
    auth,
    calendar_feeds,
    grant_claims,
    grant_entitlements,
    grant_statements,
    grant_summary,
    health,
    hubs,
    participations,
    people,
    privacy,
    programme_types,
    programmes,
    reports,
    schools,
    sessions,
    signatures,
    terms,
    timetable,
    webhooks,
    work_groups,
)
from api.routers.dependencies import session_opener
from api.routers.feature_router import API_PREFIX
from api.routers.nul_bytes import refuse_nul_bytes
from api.schemas.problems import PROBLEM_MEDIA_TYPE, problem_responses
from api.services.credentials import CredentialCache
from api.settings import PROJECT_ROOT, Settings, get_settings
from api.static_assets import assets_app
from api.unexpected_errors import UnexpectedErrors

DOCS_PATH = f"{API_PREFIX}/docs"
_UNAVAILABLE = problem_responses(503)


def _operation_id(route: APIRoute) -> str:
    # Stable ids (<tag>-<function>) keep the generated frontend client from churning.
    return f"{route.tags[0]}-{route.name}" if route.tags else route.name


@cache
def migration_head() -> str:
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    head = ScriptDirectory.from_config(config).get_current_head()
    assert head is not None
    return head


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: Settings = app.state.settings
    watch = None
    if settings.data_version_listen and app.state.engine.dialect.name == "postgresql":
        # Its own long-lived connection: direct to PostgreSQL when requests go through a pooler.
        watch = DataVersionWatch(settings.listen_database_url or settings.database_url)
        watch.start()
    app.state.data_version_watch = watch
    try:
        yield
    finally:
        if watch is not None:
            watch.stop()


def _credentials_generation(app: FastAPI) -> int | None:
    watch: DataVersionWatch | None = app.state.data_version_watch
    return watch.credentials_generation() if watch is not None else None


def _credentials_changed(app: FastAPI) -> None:
    watch: DataVersionWatch | None = app.state.data_version_watch
    if watch is not None:
        watch.credentials_changed()


def create_app(settings: Settings | None = None, *, clock: Clock | None = None) -> FastAPI:
    settings = settings or get_settings()
    # fastapi-offline: the interactive reference with Swagger UI's files packaged in the wheel
    # and served from /api/v1/docs/assets, so that it works where no CDN can be reached.
    app = FastAPIOffline(
        title="Maths Hubs Programmes API",
        version="1.0.0",
        summary="Teaching for Mastery programmes, schools, applications, Work Groups and sessions.",
        description=(
            "The API that England's Maths Hubs use to run their Teaching for Mastery programmes. "
            "Conventions: JSON with snake_case fields; dates as ISO 8601; money in pence; "
            "academic years as 2023-24 in URLs; keyset pagination with `cursor`; ETags on reads "
            "(`If-None-Match` answers 304) and `If-Match` on updates (412 when stale); every "
            "error is an RFC 9457 `application/problem+json` body."
        ),
        generate_unique_id_function=_operation_id,
        lifespan=_lifespan,
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=DOCS_PATH,
        redoc_url=None,
        static_url=f"{DOCS_PATH}/assets",
        # Nothing from elsewhere: no badge from the online validator.
        swagger_ui_parameters={"validatorUrl": None},
    )
    app.state.engine = make_engine(
        settings.database_url,
        echo=settings.sql_echo,
        timeouts=_database_timeouts(settings),
        pooled=settings.database_pooled,
    )
    # /health/ready's own: it answers within its bound even when the requests' pool is full.
    app.state.readiness_engine = make_probe_engine(
        settings.database_url,
        timeout_seconds=settings.readiness_timeout_seconds,
        pooled=settings.database_pooled,
    )
    app.state.session_factory = make_session_factory(app.state.engine)
    access_repository.on_credentials_committed(
        app.state.session_factory, lambda: _credentials_changed(app)
    )
    start_afresh(app, settings, clock)

    install_error_handlers(
        app,
        not_found_fallback=_spa_fallback(settings.frontend_dist),
        database_retry_after_seconds=settings.database_retry_after_seconds,
    )
    # Innermost of ours, so that CORS and the security headers wrap its 413 and 408 too.
    app.add_middleware(
        RequestBodyLimits,
        limits=BodyLimits(
            json_max_bytes=settings.request_body_max_bytes,
            upload_max_bytes=settings.upload_body_max_bytes,
            idle_seconds=settings.request_body_idle_seconds,
            grace_seconds=settings.request_body_grace_seconds,
            min_bytes_per_second=settings.request_body_min_bytes_per_second,
        ),
    )
    app.add_middleware(RateLimitHeaders)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            # Other hubs' systems call with API keys, never with our users' cookies.
            allow_credentials=False,
            allow_methods=["GET", "POST", "PATCH", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "If-Match", "If-None-Match"],
            expose_headers=["ETag", "Location", "Retry-After", "RateLimit", "RateLimit-Policy"],
        )
    app.add_middleware(SecurityHeaders, docs_path=DOCS_PATH, guide_paths=guide_paths(DOCS_PATH))
    # Keep last: the outermost middleware, just inside Starlette's ServerErrorMiddleware.
    app.add_middleware(UnexpectedErrors)

    _document_problems_as_problem_json(app)
    # Routes are matched in order: what other systems poll most comes first. Each module is
    # included in the app itself: FastAPI matches a request once per level of included
    # routers, so a /api/v1 router between them cost every request a second walk of all routes.
    for module in (
        health,
        timetable,
        calendar_feeds,
        auth,
        accounts,
        api_keys,
        audit,
        hubs,
        academic_years,
        programme_types,
        programmes,
        schools,
        people,
        participations,
        applications,
        signatures,
        work_groups,
        sessions,
        terms,
        grant_entitlements,
        grant_claims,
        grant_statements,
        grant_summary,
        privacy,
        reports,
        webhooks,
    ):
        app.include_router(
            module.router,
            prefix=API_PREFIX,
            # One rule for every text input of every endpoint, before any other dependency.
            dependencies=[Depends(refuse_nul_bytes)],
            # Any route that reads or writes may find the database busy or down: 503.
            responses=None if module is health else _UNAVAILABLE,
        )
    add_guides(app, DOCS_PATH)
    assets = settings.frontend_dist / "assets"
    if assets.is_dir():
        app.mount("/assets", assets_app(assets), name="assets")
    return app


def start_afresh(app: FastAPI, settings: Settings, clock: Clock | None = None) -> None:
    """The app's state that requests change (counts, kept credentials, the clock), as new. The
    tests call it to reuse one app, whose routes take FastAPI a good half second to build."""
    app.state.settings = settings
    # Where every request asks the time (api/routers/clock.py): the system clock by default.
    app.state.clock = clock or clock_at(settings.fixed_now, settings.clock_file)
    app.state.migration_head = migration_head()
    app.state.data_version_watch = None  # started with the app (_lifespan)
    app.state.rate_limits = RateLimits(
        settings.rate_limit_redis_url, key_prefix=settings.rate_limit_redis_prefix
    )
    app.state.credentials = CredentialCache(lambda: _credentials_generation(app))
    app.state.open_session = session_opener(app.state.session_factory)
    app.dependency_overrides.clear()


def _database_timeouts(settings: Settings) -> DatabaseTimeouts:
    return DatabaseTimeouts(
        pool_seconds=settings.database_pool_timeout_seconds,
        lock_seconds=settings.database_lock_timeout_seconds,
        statement_seconds=settings.database_statement_timeout_seconds,
        connect_seconds=settings.database_connect_timeout_seconds,
    )


def _document_problems_as_problem_json(app: FastAPI) -> None:
    """FastAPI files a response model under application/json; error bodies are problem+json."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = generate()
            for operations in document["paths"].values():
                for operation in operations.values():
                    for status, response in operation["responses"].items():
                        content = response.get("content", {})
                        if status[0] in "45" and PROBLEM_MEDIA_TYPE in content:
                            content[PROBLEM_MEDIA_TYPE] = content.pop("application/json", {})
            app.openapi_schema = document
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _spa_fallback(dist: Path) -> NotFoundFallback:
    """Answer index.html for the SPA's own routes, so that a reload on /programmes/3 works;
    files in the build's top folder (favicon) are served as they are."""
    index = dist / "index.html"
    root = dist.resolve()

    def fallback(request: Request) -> Response | None:
        path = request.url.path
        if request.method not in ("GET", "HEAD") or not index.is_file():
            return None
        # A build file that is not there (an old page asking for last release's script) is a
        # 404: the page would choke on the HTML instead.
        if path.startswith(("/api/", "/assets/")):
            return None
        if "\x00" in path:  # no file is named so, and the file system refuses to look
            return None
        candidate = (dist / path.lstrip("/")).resolve()
        if candidate.is_file() and candidate.is_relative_to(root):
            return FileResponse(candidate)
        return FileResponse(index, headers={"Cache-Control": "no-cache"})

    return fallback


app = create_app()
# Everything made at import (modules, this app and its routes, the password checker's word lists)
# lives as long as the process: frozen out of the garbage collector, so that a full collection,
# which a cold report's allocations set off, no longer walks it (about 200 ms a time otherwise).
gc.freeze()
