"""The application: routers, error handlers, and the built SPA at /."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from alembic.config import Config
from alembic.script import ScriptDirectory
from fastapi import APIRouter, FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, Response
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles

from api.errors import NotFoundFallback, install_error_handlers
from api.headers import SecurityHeaders
from api.persistence.data_version_watch import DataVersionWatch
from api.persistence.database import make_engine, make_session_factory
from api.routers import (
    academic_years,
    api_keys,
    applications,
    audit,
    auth,
    calendar_feeds,
    health,
    hubs,
    participations,
    people,
    programme_types,
    programmes,
    schools,
    sessions,
    signatures,
    terms,
    timetable,
    work_groups,
)
from api.schemas.problems import PROBLEM_MEDIA_TYPE
from api.settings import PROJECT_ROOT, Settings, get_settings

API_PREFIX = "/api/v1"


def _operation_id(route: APIRoute) -> str:
    # Stable ids (<tag>-<function>) keep the generated frontend client from churning.
    return f"{route.tags[0]}-{route.name}" if route.tags else route.name


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
        watch = DataVersionWatch(settings.database_url)
        watch.start()
    app.state.data_version_watch = watch
    try:
        yield
    finally:
        if watch is not None:
            watch.stop()


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(
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
        docs_url=f"{API_PREFIX}/docs",
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.engine = make_engine(settings.database_url, echo=settings.sql_echo)
    app.state.session_factory = make_session_factory(app.state.engine)
    app.state.migration_head = migration_head()
    app.state.data_version_watch = None  # started with the app (_lifespan)

    install_error_handlers(app, not_found_fallback=_spa_fallback(settings.frontend_dist))
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            # Other hubs' systems call with API keys, never with our users' cookies.
            allow_credentials=False,
            allow_methods=["GET", "POST", "PATCH", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "If-Match", "If-None-Match"],
            expose_headers=["ETag", "Location", "Retry-After"],
        )
    app.add_middleware(SecurityHeaders, docs_path=f"{API_PREFIX}/docs")

    _document_problems_as_problem_json(app)
    v1 = APIRouter(prefix=API_PREFIX)
    # Routes are matched in order: what other systems poll most comes first.
    for module in (
        health,
        timetable,
        calendar_feeds,
        auth,
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
    ):
        v1.include_router(module.router)
    app.include_router(v1)
    assets = settings.frontend_dist / "assets"
    if assets.is_dir():
        # Vite names assets by content hash, so they may be cached for good.
        app.mount("/assets", StaticFiles(directory=assets), name="assets")
    return app


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
        if request.method not in ("GET", "HEAD") or path.startswith("/api/") or not index.is_file():
            return None
        candidate = (dist / path.lstrip("/")).resolve()
        if candidate.is_file() and candidate.is_relative_to(root):
            return FileResponse(candidate)
        return FileResponse(index, headers={"Cache-Control": "no-cache"})

    return fallback


app = create_app()
