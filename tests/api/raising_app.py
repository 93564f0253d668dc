"""The application with one extra route that fails unexpectedly, for a real server to run:
`python -m uvicorn --factory tests.api.raising_app:create_raising_app` (configured by the
environment, as `mathshubs serve` is)."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI

from api.main import create_app

FAILING_PATH = "/api/v1/test-failure"

router = APIRouter()


@router.get(FAILING_PATH)
def fail() -> None:
    raise RuntimeError("secret internal detail /srv/app/db.py line 42")


def create_raising_app() -> FastAPI:
    app = create_app()
    app.router.routes[:0] = router.routes  # ahead of the SPA's catch-all route
    return app
