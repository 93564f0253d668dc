"""Work Groups and their sessions: bounds by programme, local times in England, changes.

Pure: the shell passes facts in. A group's bounds are data on the group, defaulted from its
kind of programme (DOMAIN.md "Work Groups and sessions"): a primary Development group has one
Mastery Specialist and six or seven schools (000), so at most seven; a secondary group has up to
12 teachers (002).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from enum import StrEnum
from zoneinfo import ZoneInfo

LONDON_NAME = "Europe/London"
LONDON = ZoneInfo(LONDON_NAME)


class MeetingKind(StrEnum):
    TRG_MEETING = "trg_meeting"
    WORKSHOP = "workshop"
    SCHOOL_VISIT = "school_visit"
    HEAD_TEACHER_UPDATE = "head_teacher_update"
    COLLABORATIVE_PLANNING = "collaborative_planning"


class SessionStatus(StrEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Bounds:
    max_schools: int | None = None
    max_participants: int | None = None


# Keyed by api.domain.journey.ProgrammeType values.
DEFAULT_BOUNDS: dict[str, Bounds] = {
    # One Mastery Specialist, six or seven schools, two teachers each (000).
    "primary_development": Bounds(max_schools=7, max_participants=14),
    # Up to 12 teachers, ideally two per school (002).
    "secondary_development": Bounds(max_participants=12),
}


def default_bounds(programme_type: str | None) -> Bounds:
    return DEFAULT_BOUNDS.get(programme_type or "", Bounds())


@dataclass(frozen=True)
class BoundExceeded:
    rule: str
    limit: int
    reason: str


def check_room(bounds: Bounds, *, schools: int, participants: int) -> BoundExceeded | None:
    """Whether the group, after an addition, would still be within its bounds."""
    if bounds.max_schools is not None and schools > bounds.max_schools:
        return BoundExceeded(
            "max_schools",
            bounds.max_schools,
            f"This group takes at most {bounds.max_schools} schools.",
        )
    if bounds.max_participants is not None and participants > bounds.max_participants:
        return BoundExceeded(
            "max_participants",
            bounds.max_participants,
            f"This group takes at most {bounds.max_participants} participants.",
        )
    return None


def instant(on: date, at: time) -> datetime:
    """The UTC instant of a local time in England on a day (right across clock changes)."""
    return datetime.combine(on, at, tzinfo=LONDON).astimezone(UTC)


def local(on: date, at: time) -> datetime:
    """The local date-time in England, with its offset that day (+00:00 or +01:00)."""
    return datetime.combine(on, at, tzinfo=LONDON)


@dataclass(frozen=True)
class SessionTimes:
    on: date
    starts: time
    ends: time
    status: SessionStatus
    host_urn: str | None
    online_url: str | None


def history_entry(
    before: SessionTimes, *, sequence: int, changed_at: datetime
) -> dict[str, object]:
    """What a session was before a move or cancellation, as kept in its history."""
    return {
        "date": before.on.isoformat(),
        "start_time": before.starts.isoformat(timespec="minutes"),
        "end_time": before.ends.isoformat(timespec="minutes"),
        "status": before.status.value,
        "host_urn": before.host_urn,
        "online_url": before.online_url,
        "sequence": sequence,
        "changed_at": changed_at.isoformat(),
    }
