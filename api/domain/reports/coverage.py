"""Coverage: the share of an area's open state-funded schools that are engaged with a hub.

A report is asked "as at" an instant, and counts only what was recorded by then (a school
registered, a member added, a participation recorded), so that asking again later about the same
instant gives the same figures: later rows never reach back. A school's state on the day is
read from the register's own dates (opened, closed), not from its status today."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import NamedTuple

from api.domain.academic_year import AcademicYear
from api.domain.establishments import (
    OPEN_STATUSES,
    Standing,
    phases_taught_of,
    standing_of,
)
from api.domain.journey import Participation, ParticipationOutcome, Phase
from api.domain.reports.figures import percent
from api.domain.work_groups import LONDON

DEFAULT_COMPLETED_WITHIN_YEARS = 3

ENGAGED_DEFINITION = (
    "A school is engaged when it is taking part this academic year (a member school of a Work "
    "Group of the year, or a participation recorded for the year and not withdrawn), or it "
    "completed a programme in the {years} academic years before this one. Only what was recorded "
    "by the as-at date counts. A school engaged with any hub counts in its own area."
)
DENOMINATOR_DEFINITION = (
    "Schools in the register (GIAS) on the as-at date that were open then (opened on or before "
    "it and not closed by it: status Open or Open, but proposed to close, or closed after it) "
    "and are state-funded schools in England by their establishment type."
)


@dataclass(frozen=True)
class AsAt:
    """The instant a report counts up to, and the day in England it falls on. As at today,
    everything recorded so far counts (`past` False), whatever the clock that stamped it."""

    at: datetime
    on: date
    past: bool = False

    def recorded_by(self, instant: datetime) -> bool:
        return not self.past or instant <= self.at

    @property
    def academic_year(self) -> AcademicYear:
        return AcademicYear.of(self.on)


def as_at_of(day: date | None, *, now: datetime, today: date) -> AsAt:
    """As at today (or no day given): up to now. As at a past day: up to its last instant in
    England, so that the figures for that day never change."""
    if day is None or day >= today:
        return AsAt(now, today)
    midnight = datetime.combine(day + timedelta(days=1), time(0), tzinfo=LONDON)
    return AsAt((midnight - timedelta(microseconds=1)).astimezone(UTC), day, past=True)


class PhaseKey(StrEnum):
    """The phases a school teaches; middle and all-through schools count in both."""

    PRIMARY = "primary"
    SECONDARY = "secondary"
    NEITHER = "neither"  # nursery schools, 16 to 19 providers, and where GIAS does not say


class RegisteredSchool(NamedTuple):
    """One school of the register, with the facts coverage reads (a tuple: a national report
    makes 24,000 of them)."""

    urn: str
    type_group: str
    type_of_establishment: str
    status: str
    country: str
    phase_of_education: str
    statutory_low_age: int | None
    statutory_high_age: int | None
    open_date: date | None
    close_date: date | None
    registered_at: datetime  # when the register import first brought it in


class Membership(NamedTuple):
    """A school's place in a Work Group of a year, and when it was added."""

    urn: str
    academic_year: AcademicYear
    added_at: datetime


class RecordedParticipation(NamedTuple):
    urn: str
    participation: Participation
    recorded_at: datetime


def open_on(school: RegisteredSchool, day: date) -> bool:
    """Open on `day`: opened by then and not yet closed. A school closed since counts if its
    close date is after `day`; one whose status is open counts unless dated otherwise."""
    if school.open_date is not None and school.open_date > day:
        return False
    if school.close_date is not None:
        return school.close_date > day
    return school.status in OPEN_STATUSES


def state_funded_in_england(school: RegisteredSchool) -> bool:
    """The domain's state-funded decision on the school's type and country; whether it is open
    is decided on the day by `open_on`, so its status today is left out here."""
    # standing_of is cached: a few dozen kinds of school among the 24,000.
    standing = standing_of(
        school.type_group, school.type_of_establishment, "Open", school.country
    ).standing
    return standing is Standing.STATE_FUNDED_IN_ENGLAND


def in_denominator(school: RegisteredSchool, as_at: AsAt) -> bool:
    return (
        as_at.recorded_by(school.registered_at)
        and open_on(school, as_at.on)
        and state_funded_in_england(school)
    )


def phases_of(school: RegisteredSchool) -> tuple[PhaseKey, ...]:
    return _phases(school.phase_of_education, school.statutory_low_age, school.statutory_high_age)


# Cached: a national report asks for 24,000 schools' phases, of a few dozen kinds.
@lru_cache(maxsize=1024)
def _phases(phase_of_education: str, low: int | None, high: int | None) -> tuple[PhaseKey, ...]:
    phases = phases_taught_of(phase_of_education, low, high).phases
    if not phases:
        return (PhaseKey.NEITHER,)
    return tuple(PhaseKey(phase.value) for phase in sorted(phases, key=list(Phase).index))


def engaged_urns(
    memberships: Iterable[Membership],
    participations: Iterable[RecordedParticipation],
    *,
    as_at: AsAt,
    completed_within_years: int,
) -> set[str]:
    """Schools engaged as at `as_at`: see ENGAGED_DEFINITION."""
    year = as_at.academic_year
    earliest = AcademicYear(year.start_year - completed_within_years)
    engaged = {
        m.urn for m in memberships if m.academic_year == year and as_at.recorded_by(m.added_at)
    }
    for recorded in participations:
        if not as_at.recorded_by(recorded.recorded_at) or not recorded.participation.counts:
            continue
        taken = recorded.participation.academic_year
        completed = recorded.participation.outcome is ParticipationOutcome.COMPLETED
        if taken == year or (completed and earliest <= taken < year):
            engaged.add(recorded.urn)
    return engaged


@dataclass(frozen=True)
class CoverageRow:
    key: str
    schools: int
    engaged: int

    @property
    def coverage_percent(self) -> float | None:
        return percent(self.engaged, self.schools)


@dataclass(frozen=True)
class Coverage:
    rows: tuple[CoverageRow, ...]
    total: CoverageRow  # each school once, though a school may be in two phases' rows


def coverage_by(
    schools: Iterable[tuple[RegisteredSchool, tuple[str, ...]]],
    engaged: set[str],
    as_at: AsAt,
) -> Coverage:
    """Schools and engaged schools under each key a school is counted under (its hub, its
    authority, or each phase it teaches), in key order, and in all. Schools outside the
    denominator are left out of both counts: a closed school's engagement is not coverage."""
    return count_by(
        ((school.urn, keys) for school, keys in schools if in_denominator(school, as_at)), engaged
    )


def count_by(counted: Iterable[tuple[str, tuple[str, ...]]], engaged: set[str]) -> Coverage:
    """As coverage_by, for schools (URN and keys) already known to be in the denominator: the
    denominator on a day changes seldom, engagement daily, so a service may keep the first."""
    totals: dict[str, list[int]] = {}
    overall = [0, 0]
    for urn, keys in counted:
        is_engaged = int(urn in engaged)
        overall[0] += 1
        overall[1] += is_engaged
        for key in keys:
            counts = totals.setdefault(key, [0, 0])
            counts[0] += 1
            counts[1] += is_engaged
    return Coverage(
        tuple(CoverageRow(key, n, e) for key, (n, e) in sorted(totals.items())),
        CoverageRow("total", overall[0], overall[1]),
    )


def register_snapshot(imported_at: Iterable[datetime], as_at: AsAt) -> datetime | None:
    """The register import a report as at `as_at` reads: the latest one by then, if any."""
    return max((at for at in imported_at if as_at.recorded_by(at)), default=None)
