"""Attendance: the share of marks taken that were "present", per session and per group, and the
schools whose teachers' release falls short of the programme's minimum (api.domain.release_time)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from api.domain.release_time import Attendance, SchoolRelease
from api.domain.reports.figures import percent

ATTENDANCE_DEFINITION = (
    "The attendance rate is the teachers marked present over the marks recorded (present, "
    "absent with apologies, absent), for the sessions not cancelled; a session with no register "
    "taken has no rate. Release time is half a day per teacher present at a session of up to "
    "four hours and a whole day for a longer one, against the programme's minimum."
)


@dataclass(frozen=True)
class Tally:
    present: int = 0
    absent_with_apologies: int = 0
    absent: int = 0

    @property
    def recorded(self) -> int:
        return self.present + self.absent_with_apologies + self.absent

    @property
    def rate_percent(self) -> float | None:
        return percent(self.present, self.recorded)

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.present + other.present,
            self.absent_with_apologies + other.absent_with_apologies,
            self.absent + other.absent,
        )


def tally(marks: Iterable[Attendance]) -> Tally:
    listed = list(marks)
    return Tally(
        present=listed.count(Attendance.PRESENT),
        absent_with_apologies=listed.count(Attendance.ABSENT_WITH_APOLOGIES),
        absent=listed.count(Attendance.ABSENT),
    )


def short_of_minimum(releases: Iterable[SchoolRelease]) -> tuple[SchoolRelease, ...]:
    """The schools with days still owed; none where the programme states no minimum."""
    return tuple(r for r in releases if r.shortfall is not None and r.shortfall > 0)
