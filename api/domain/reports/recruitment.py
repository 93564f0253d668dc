"""Recruitment to one programme: expressions of interest submitted per day and in all across
the window, and its places filled against capacity with the waiting list."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

RECRUITMENT_DEFINITION = (
    "Expressions of interest are applications submitted (whatever became of them since), by the "
    "day in England they were submitted. The days run from the window's opening (or the first "
    "submission) to its closing date (or the last submission), and not past today. Places "
    "filled are schools selected; the waiting list, schools waitlisted."
)


@dataclass(frozen=True)
class RecruitmentDay:
    on: date
    submitted: int
    cumulative: int


def days(
    submitted_on: Iterable[date], *, opens_on: date | None, closes_on: date | None, today: date
) -> tuple[RecruitmentDay, ...]:
    """Every day of the window, with no gaps, each with its submissions and the running total.
    Submissions outside the dates the programme gives widen the window rather than vanish."""
    per_day = Counter(submitted_on)
    firsts = [d for d in (opens_on, min(per_day, default=None)) if d is not None]
    if not firsts:
        return ()
    start = min(firsts)
    lasts = [d for d in (closes_on, max(per_day, default=None)) if d is not None]
    end = min(max(lasts, default=today), today)
    answer: list[RecruitmentDay] = []
    running = 0
    day = start
    while day <= end:
        running += per_day[day]
        answer.append(RecruitmentDay(day, per_day[day], running))
        day += timedelta(days=1)
    return tuple(answer)


def places_left(capacity: int | None, filled: int) -> int | None:
    """Places still to fill; None when the programme sets no capacity. Never below nothing."""
    return None if capacity is None else max(0, capacity - filled)
