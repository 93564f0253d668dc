"""The router each feature declares its operations on, and the prefix the app serves them under.

FastAPI (0.140 onwards) keeps every included router as a branch of the app's routes and, to
match a request, walks each branch's routes in turn without looking at the branch's prefix
(fastapi/fastapi#16159 proposes that check). With some twenty-five features, finding a late
one's route (reports, schools) cost a request more than its answer did. A feature's branch now
answers at once that a path outside its prefix is not for it."""

from __future__ import annotations

from fastapi import APIRouter
from starlette._utils import get_route_path
from starlette.routing import Match
from starlette.types import Scope

API_PREFIX = "/api/v1"


class FeatureRouter(APIRouter):
    """An APIRouter for one feature, included in the app under API_PREFIX."""

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if not get_route_path(scope).startswith(API_PREFIX + self.prefix):
            return Match.NONE, {}
        return super().matches(scope)
