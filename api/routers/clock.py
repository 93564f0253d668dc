"""What time it is for a request: the app's clock (api/clock.py), read once per request so that
every rule of one request sees the same instant."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from fastapi import Depends, Request

from api.clock import Clock, today_in_england


# Async: no I/O, so it runs on the event loop rather than a worker thread.
async def current_time(request: Request) -> datetime:
    clock: Clock = request.app.state.clock
    return clock.now()


Now = Annotated[datetime, Depends(current_time)]


async def current_date(now: Now) -> date:
    return today_in_england(now)


# Today in England, the day schools, closing dates and academic years are counted in.
Today = Annotated[date, Depends(current_date)]
