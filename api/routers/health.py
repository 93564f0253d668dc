"""Liveness and readiness, for load balancers and orchestrators."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from api.errors import NotReady
from api.routers.access import PUBLIC, access

router = APIRouter(prefix="/health", tags=["health"])


class Health(BaseModel):
    status: Literal["ok"]


class Readiness(BaseModel):
    status: Literal["ready"]
    database: Literal["ok"]
    migration: str


@router.get("", **access(PUBLIC))
async def liveness() -> Health:
    """Answers at once and touches nothing: the process is up."""
    return Health(status="ok")


@router.get("/ready", **access(PUBLIC, 503))
def readiness(request: Request) -> Readiness:
    """The database answers and its schema is at the latest migration."""
    head: str = request.app.state.migration_head
    try:
        with request.app.state.engine.connect() as connection:
            current = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except SQLAlchemyError:
        raise NotReady("The database does not answer or is not migrated.") from None
    if current != head:
        raise NotReady(
            f"The database is at migration {current}, the code expects {head}: "
            "run `mathshubs migrate`."
        )
    return Readiness(status="ready", database="ok", migration=head)
