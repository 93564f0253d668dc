"""Private calendar feeds of one school's or one person's sessions, to subscribe to."""

from __future__ import annotations

from typing import Annotated

from fastapi import Header, Path, Request, Response

from api.routers.access import CALENDAR_FEEDS, PUBLIC, CurrentPrincipal, access, signed_in
from api.routers.conditional import not_modified, not_modified_response
from api.routers.dependencies import DbSession
from api.routers.feature_router import FeatureRouter
from api.schemas.work_groups import CalendarFeed, CalendarFeedRequest
from api.services import calendar_feeds, timetable, versioned

router = FeatureRouter(prefix="/calendar-feeds", tags=["calendar-feeds"])


@router.post("", status_code=201, **access(CALENDAR_FEEDS, 403, 422))
def issue_calendar_feed(
    session: DbSession, principal: CurrentPrincipal, body: CalendarFeedRequest, request: Request
) -> CalendarFeed:
    """A private feed URL for a school's or a person's sessions (with addresses and online
    links). Shown once; asking again resets it and the old URL stops working."""
    return calendar_feeds.issue(
        session,
        body,
        actor=signed_in(principal),
        base_url=request.app.state.settings.public_base_url,
    )


_FEED_ACCESS = access(PUBLIC, 304, 404, 422)
_FEED_ACCESS["responses"][200] = {
    "content": {"text/calendar": {"schema": {"type": "string"}}},
    "description": "The subject's sessions as an iCalendar (RFC 5545) feed",
}


@router.get("/{token}.ics", response_class=Response, **_FEED_ACCESS)
def calendar_feed(
    session: DbSession,
    token: Annotated[str, Path(min_length=20, max_length=100, pattern=r"^[A-Za-z0-9_-]+$")],
    if_none_match: Annotated[str | None, Header(max_length=1000)] = None,
) -> Response:
    """A private feed: the URL itself is the key, so keep it to yourself."""
    feed, filters = calendar_feeds.subscription(session, token)
    current = versioned.current_etag(session, "timetable-feed", timetable.ics_key(filters))
    if not_modified(if_none_match, current[0]):
        return not_modified_response(current[0])
    rendered = calendar_feeds.render(session, feed, filters, current)
    return Response(
        rendered.body,
        media_type="text/calendar; charset=utf-8",
        headers={
            "ETag": rendered.etag,
            "Cache-Control": "private, no-cache",
            "Referrer-Policy": "no-referrer",
        },
    )
