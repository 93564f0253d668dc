"""Release time: the days a school releases its teachers to a group's sessions, against the
programme's minimum (lead participants in Primary Development get at least ten combined days,
004). A half-day session counts 0.5 days for each teacher present; a longer one a whole day."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from enum import StrEnum

HALF_DAY = Decimal("0.5")
WHOLE_DAY = Decimal("1")
HALF_DAY_HOURS = 4  # a session of up to four hours is a half-day

# Keyed by api.domain.journey.ProgrammeType values.
MINIMUM_DAYS: dict[str, Decimal] = {"primary_development": Decimal(10)}


class Attendance(StrEnum):
    PRESENT = "present"
    ABSENT_WITH_APOLOGIES = "absent_with_apologies"
    ABSENT = "absent"


def session_days(on: date, starts: time, ends: time) -> Decimal:
    """The release a session costs one teacher: half a day, or a whole day if longer."""
    hours = (datetime.combine(on, ends) - datetime.combine(on, starts)).total_seconds() / 3600
    return HALF_DAY if hours <= HALF_DAY_HOURS else WHOLE_DAY


def minimum_days(programme_type: str | None) -> Decimal | None:
    return MINIMUM_DAYS.get(programme_type or "")


@dataclass(frozen=True)
class Attended:
    school_urn: str
    days: Decimal  # what the session costs one teacher
    status: Attendance


@dataclass(frozen=True)
class SchoolRelease:
    urn: str
    days: Decimal
    shortfall: Decimal | None  # None when the programme states no minimum


def release_by_school(
    schools: Iterable[str], attended: Iterable[Attended], minimum: Decimal | None
) -> tuple[SchoolRelease, ...]:
    """Combined days per member school from the teachers present, and any shortfall."""
    totals = dict.fromkeys(schools, Decimal(0))
    for record in attended:
        if record.status is Attendance.PRESENT and record.school_urn in totals:
            totals[record.school_urn] += record.days
    return tuple(
        SchoolRelease(
            urn,
            days,
            None if minimum is None else max(Decimal(0), minimum - days),
        )
        for urn, days in totals.items()
    )
