from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest

from api.domain.release_time import (
    Attendance,
    Attended,
    minimum_days,
    release_by_school,
    session_days,
)
from api.domain.work_groups import (
    Bounds,
    SessionStatus,
    SessionTimes,
    check_room,
    default_bounds,
    history_entry,
    instant,
    local,
)


@pytest.mark.parametrize(
    ("starts", "ends", "days"),
    [(time(13, 30), time(16, 0), "0.5"), (time(9), time(13), "0.5"), (time(9), time(15), "1")],
)
def test_a_half_day_session_costs_half_a_day(starts: time, ends: time, days: str) -> None:
    assert session_days(date(2027, 10, 5), starts, ends) == Decimal(days)


def test_release_by_school_counts_teachers_present_against_the_minimum() -> None:
    assert minimum_days("primary_development") == Decimal(10)
    assert minimum_days(None) is None
    half = Decimal("0.5")
    attended = [
        Attended("100001", half, Attendance.PRESENT),
        Attended("100001", half, Attendance.PRESENT),
        Attended("100001", half, Attendance.ABSENT_WITH_APOLOGIES),
        Attended("100002", Decimal(1), Attendance.ABSENT),
        Attended("999999", Decimal(1), Attendance.PRESENT),  # not a member: ignored
    ]
    first, second = release_by_school(["100001", "100002"], attended, Decimal(10))
    assert (first.urn, first.days, first.shortfall) == ("100001", Decimal(1), Decimal(9))
    assert (second.days, second.shortfall) == (Decimal(0), Decimal(10))
    (only,) = release_by_school(["100001"], attended, None)
    assert only.shortfall is None


def test_bounds_by_programme_and_the_first_bound_exceeded() -> None:
    assert default_bounds("primary_development") == Bounds(max_schools=7, max_participants=14)
    assert default_bounds(None) == Bounds()
    bounds = default_bounds("primary_development")
    assert check_room(bounds, schools=7, participants=14) is None
    too_many_schools = check_room(bounds, schools=8, participants=2)
    assert too_many_schools is not None
    assert (too_many_schools.rule, too_many_schools.limit) == ("max_schools", 7)
    crowded = check_room(Bounds(max_participants=12), schools=20, participants=13)
    assert crowded is not None
    assert "at most 12 participants" in crowded.reason


@pytest.mark.parametrize(
    ("on", "utc_hour"),
    [(date(2027, 10, 30), 12), (date(2027, 11, 1), 13), (date(2028, 3, 27), 12)],
)
def test_local_times_in_england_across_the_clock_changes(on: date, utc_hour: int) -> None:
    assert instant(on, time(13, 30)) == datetime(
        on.year, on.month, on.day, utc_hour, 30, tzinfo=UTC
    )
    assert local(on, time(13, 30)).hour == 13


def test_history_keeps_what_a_session_was() -> None:
    before = SessionTimes(
        date(2028, 1, 10), time(13, 30), time(16), SessionStatus.SCHEDULED, "100001", None
    )
    entry = history_entry(before, sequence=2, changed_at=datetime(2027, 12, 1, tzinfo=UTC))
    assert entry == {
        "date": "2028-01-10",
        "start_time": "13:30",
        "end_time": "16:00",
        "status": "scheduled",
        "host_urn": "100001",
        "online_url": None,
        "sequence": 2,
        "changed_at": "2027-12-01T00:00:00+00:00",
    }
