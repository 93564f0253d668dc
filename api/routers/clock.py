"""What time it is for a request: the app's clock (api/clock.py), read once per request so that
every rule of one request sees the same instant."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from fastapi import Depends, Request

from api.clock import Clock, today_in_england


def time_of(request: Request) -> datetime:
    """The request's instant: read from the clock the first time it is asked, then kept."""
    now: datetime | None = getattr(request.state, "now", None)
    if now is None:
        clock: Clock = request.app.state.clock
        now = request.state.now = clock.now()
    return now


# Async: no I/O, so it runs on the event loop rather than a worker thread.
async def current_time(request: Request) -> datetime:
    return time_of(request)


Now = Annotated[datetime, Depends(current_time)]


async def current_date(now: Now) -> date:
    return today_in_england(now)


# Today in England, the day schools, closing dates and academic years are counted in.
Today = Annotated[date, Depends(current_date)]
