"""Attendance rates and the schools short of release time."""

from __future__ import annotations

from decimal import Decimal

from api.domain.release_time import Attendance, SchoolRelease
from api.domain.reports.attendance import Tally, short_of_minimum, tally


def test_rate_is_present_over_recorded() -> None:
    found = tally([Attendance.PRESENT, Attendance.PRESENT, Attendance.ABSENT_WITH_APOLOGIES])
    assert found == Tally(2, 1, 0)
    assert found.recorded == 3
    assert found.rate_percent == 66.7
    assert (found + tally([Attendance.ABSENT])).rate_percent == 50.0
    assert tally([]).rate_percent is None


def test_short_of_minimum_only_where_days_are_owed() -> None:
    releases = [
        SchoolRelease("1", Decimal(4), Decimal(6)),
        SchoolRelease("2", Decimal(10), Decimal(0)),
        SchoolRelease("3", Decimal(2), None),
    ]
    assert [r.urn for r in short_of_minimum(releases)] == ["1"]
