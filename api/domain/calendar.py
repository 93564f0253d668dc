"""The school calendar: six half-terms, bank holidays in England, and session schedules.

Term dates differ by local authority, so the defaults below are typical dates for England that
a hub overrides with its own (DOMAIN.md "The school calendar"). A schedule proposal places a
programme's sessions on school days only, in order, with host schools in turn and the first at
the lead specialist's school (003, 004).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache
from types import MappingProxyType

import holidays

from api.domain.academic_year import AcademicYear

MONDAY, FRIDAY = 0, 4


class HalfTerm(StrEnum):
    AUTUMN_1 = "autumn_1"
    AUTUMN_2 = "autumn_2"
    SPRING_1 = "spring_1"
    SPRING_2 = "spring_2"
    SUMMER_1 = "summer_1"
    SUMMER_2 = "summer_2"

    @property
    def label(self) -> str:
        season, number = self.value.split("_")
        return f"{season.capitalize()} {number}"


# Sessions "one per half-term" (000, 004) or four, "half-termly during the Spring and Summer
# terms" (002).
EVERY_HALF_TERM = tuple(HalfTerm)
SPRING_AND_SUMMER = (HalfTerm.SPRING_1, HalfTerm.SPRING_2, HalfTerm.SUMMER_1, HalfTerm.SUMMER_2)


class InvalidTermDates(ValueError):
    """Half-term dates that overlap, run backwards or leave the academic year."""

    def __init__(self, half_term: HalfTerm, message: str) -> None:
        self.half_term = half_term
        super().__init__(f"{half_term.label}: {message}")


@dataclass(frozen=True, order=True)
class DateRange:
    starts_on: date
    ends_on: date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.starts_on <= day <= self.ends_on

    def days(self) -> Iterable[date]:
        day = self.starts_on
        while day <= self.ends_on:
            yield day
            day += timedelta(days=1)


def _on_or_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _on_or_before(day: date, weekday: int) -> date:
    return day - timedelta(days=(day.weekday() - weekday) % 7)


def _weekday_on_or_after(day: date) -> date:
    return day if day.weekday() <= FRIDAY else _on_or_after(day, MONDAY)


def _weekday_on_or_before(day: date) -> date:
    return day if day.weekday() <= FRIDAY else _on_or_before(day, FRIDAY)


def easter_sunday(year: int) -> date:
    """Western Easter (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * el) // 433
    month = (h + el - 7 * m + 90) // 25
    return date(year, month, (h + el - 7 * m + 33 * month + 19) % 32)


def default_term_dates(year: AcademicYear) -> TermDates:
    """Typical dates for England; every local authority differs a little, so a hub overrides.

    Autumn starts on the first weekday from 3 September; October half-term is the week from the
    Monday on or after 23 October; autumn ends on the last weekday up to 22 December. Spring
    starts on the first weekday from 4 January; February half-term is the week from the Monday
    on or after 12 February; the Easter holiday runs from the Monday before Easter to the Friday
    after it. May half-term is the week of the Spring bank holiday (the last Monday in May), and
    the year ends on the last weekday up to 22 July.
    """
    autumn, spring = year.start_year, year.start_year + 1
    october = _on_or_after(date(autumn, 10, 23), MONDAY)
    february = _on_or_after(date(spring, 2, 12), MONDAY)
    easter = easter_sunday(spring)
    may = _on_or_before(date(spring, 5, 31), MONDAY)
    week = timedelta(days=7)
    return TermDates(
        year,
        (
            DateRange(_weekday_on_or_after(date(autumn, 9, 3)), october - timedelta(days=3)),
            DateRange(october + week, _weekday_on_or_before(date(autumn, 12, 22))),
            DateRange(_weekday_on_or_after(date(spring, 1, 4)), february - timedelta(days=3)),
            DateRange(february + week, easter - timedelta(days=9)),
            DateRange(easter + timedelta(days=8), may - timedelta(days=3)),
            DateRange(may + week, _weekday_on_or_before(date(spring, 7, 22))),
        ),
    )


@dataclass(frozen=True)
class TermDates:
    """The six half-terms of one academic year, in order, with a break between each."""

    academic_year: AcademicYear
    half_terms: tuple[DateRange, ...]

    def __post_init__(self) -> None:
        if len(self.half_terms) != len(HalfTerm):
            raise ValueError("an academic year has six half-terms")
        year = self.academic_year
        previous: DateRange | None = None
        for half_term, dates in zip(HalfTerm, self.half_terms, strict=True):
            if dates.starts_on > dates.ends_on:
                raise InvalidTermDates(half_term, "must end on or after the day it starts")
            if dates.starts_on < year.starts_on or dates.ends_on > year.ends_on:
                raise InvalidTermDates(half_term, f"must fall within {year.label}")
            if previous is not None and dates.starts_on <= previous.ends_on:
                raise InvalidTermDates(half_term, "must start after the half-term before ends")
            previous = dates

    def __getitem__(self, half_term: HalfTerm) -> DateRange:
        return self.half_terms[list(HalfTerm).index(half_term)]

    def half_term_of(self, day: date) -> HalfTerm | None:
        """The half-term the day falls in; None in a holiday or outside the year."""
        for half_term, dates in zip(HalfTerm, self.half_terms, strict=True):
            if day in dates:
                return half_term
        return None

    def with_overrides(self, overrides: Mapping[HalfTerm, DateRange]) -> TermDates:
        """A hub's own dates for some half-terms, the defaults for the rest."""
        return TermDates(
            self.academic_year,
            tuple(overrides.get(half_term, self[half_term]) for half_term in HalfTerm),
        )


@lru_cache(maxsize=64)
def bank_holidays(year: AcademicYear) -> Mapping[date, str]:
    """Bank holidays in England within the academic year, from the `holidays` package (which
    knows the one-off days too, such as the coronation on 8 May 2023)."""
    found = holidays.country_holidays(
        "GB", subdiv="ENG", years=(year.start_year, year.start_year + 1)
    )
    return MappingProxyType(
        {day: name for day, name in sorted(found.items()) if year.starts_on <= day <= year.ends_on}
    )


@dataclass(frozen=True)
class SchoolCalendar:
    terms: TermDates
    # Bank holidays, and any other day the hub knows schools are closed (training days).
    closed: frozenset[date] = field(default_factory=frozenset)

    def is_school_day(self, day: date) -> bool:
        return (
            day.weekday() <= FRIDAY
            and day not in self.closed
            and self.terms.half_term_of(day) is not None
        )

    def why_not_school_day(self, day: date) -> str | None:
        """None on a school day; else what the day is, to finish "14 March 2027 is …"."""
        if day.weekday() > FRIDAY:
            return "a Saturday" if day.weekday() == FRIDAY + 1 else "a Sunday"
        holiday = bank_holidays(self.terms.academic_year).get(day)
        if holiday is not None:
            return f"a bank holiday ({holiday})"
        if day in self.closed:
            return "a day the hub's schools are closed"
        if self.terms.half_term_of(day) is None:
            before = [h for h in HalfTerm if self.terms[h].ends_on < day]
            after = [h for h in HalfTerm if self.terms[h].starts_on > day]
            if before and after:
                return f"in the school holiday between {before[-1].label} and {after[0].label}"
            return "outside the school year's terms"
        return None

    def school_days(self, half_term: HalfTerm) -> tuple[date, ...]:
        return tuple(
            day
            for day in self.terms[half_term].days()
            if day.weekday() <= FRIDAY and day not in self.closed
        )


def school_calendar(
    year: AcademicYear,
    *,
    overrides: Mapping[HalfTerm, DateRange] | None = None,
    closures: Iterable[date] = (),
) -> SchoolCalendar:
    """The default dates with the hub's overrides, closed on bank holidays and `closures`."""
    terms = default_term_dates(year).with_overrides(overrides or {})
    return SchoolCalendar(terms, frozenset(bank_holidays(year)) | frozenset(closures))


class CannotSchedule(ValueError):
    """The sessions do not fit: too few school days (on the chosen weekday) in a half-term."""


@dataclass(frozen=True)
class ProposedSession:
    number: int  # 1 is the first session
    half_term: HalfTerm
    on: date
    host: str  # the school (its URN, say) that hosts it


def spread(sessions: int, half_terms: Sequence[HalfTerm]) -> tuple[HalfTerm, ...]:
    """The half-term of each session, spread evenly and in order across those given."""
    if sessions < 1:
        raise ValueError("a schedule needs at least one session")
    if not half_terms:
        raise ValueError("name at least one half-term")
    return tuple(half_terms[i * len(half_terms) // sessions] for i in range(sessions))


def host_rotation(lead_school: str, other_hosts: Sequence[str]) -> tuple[str, ...]:
    """The lead specialist's school first, then the others in turn, each once (003, 004)."""
    return tuple(dict.fromkeys((lead_school, *other_hosts)))


def propose_schedule(
    calendar: SchoolCalendar,
    *,
    sessions: int,
    lead_school: str,
    half_terms: Sequence[HalfTerm] = EVERY_HALF_TERM,
    other_hosts: Sequence[str] = (),
    weekday: int | None = None,
    taken: Collection[date] = (),
) -> tuple[ProposedSession, ...]:
    """Place the sessions on school days, in order, away from the edges of each half-term.

    Sessions in one half-term share it out evenly and each takes the middle school day of its
    share, so none lands in the first or last days of a term when that can be helped. Without
    other hosts every session is at the lead school ("normally at the Mastery Specialist's
    school", 002); with them, hosts take turns from the lead school on. Days in `taken` (the
    group already meets then) are passed over.
    """
    order = list(HalfTerm)
    positions = [order.index(h) for h in half_terms]
    if positions != sorted(set(positions)):
        raise ValueError("list each half-term once, in the order of the year")
    if weekday is not None and not MONDAY <= weekday <= FRIDAY:
        raise ValueError("sessions fall on a weekday, Monday (0) to Friday (4)")
    placed = spread(sessions, half_terms)
    hosts = host_rotation(lead_school, other_hosts)
    proposal: list[ProposedSession] = []
    for half_term in half_terms:
        count = placed.count(half_term)
        if count == 0:
            continue
        days = [
            d
            for d in calendar.school_days(half_term)
            if weekday in (None, d.weekday()) and d not in taken
        ]
        if len(days) < count:
            raise CannotSchedule(
                f"{half_term.label} has {len(days)} suitable school days for {count} sessions."
            )
        for share in range(count):
            chunk = days[share * len(days) // count : (share + 1) * len(days) // count]
            number = len(proposal) + 1
            proposal.append(
                ProposedSession(
                    number, half_term, chunk[len(chunk) // 2], hosts[(number - 1) % len(hosts)]
                )
            )
    return tuple(proposal)
