"""The application with two extra routes that fail unexpectedly, for a real server to run:
`python -m uvicorn --factory tests.api.raising_app:create_raising_app` (configured by the
environment, as `mathshubs serve` is)."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI
from sqlalchemy import text

from api.main import create_app
from api.routers.dependencies import DbSession

FAILING_PATH = "/api/v1/test-failure"
# A database error that is a bug (no such table), not a busy or unreachable database: a 500.
DATABASE_BUG_PATH = "/api/v1/test-database-bug"

router = APIRouter()


@router.get(FAILING_PATH)
def fail() -> None:
    raise RuntimeError("secret internal detail /srv/app/db.py line 42")


@router.get(DATABASE_BUG_PATH)
def query_a_table_that_does_not_exist(session: DbSession) -> None:
    session.execute(text("SELECT secret FROM no_such_table"))


def create_raising_app() -> FastAPI:
    app = create_app()
    app.router.routes[:0] = router.routes  # ahead of the SPA's catch-all route
    return app
