"""Recruitment per day: every day of the window, running totals, never past today."""

from __future__ import annotations

from datetime import date

from api.domain.reports.recruitment import RecruitmentDay, days, places_left


def test_every_day_of_the_window_with_a_running_total() -> None:
    found = days(
        [date(2024, 3, 2), date(2024, 3, 2), date(2024, 3, 4)],
        opens_on=date(2024, 3, 1),
        closes_on=date(2024, 3, 5),
        today=date(2024, 6, 1),
    )
    assert found == (
        RecruitmentDay(date(2024, 3, 1), 0, 0),
        RecruitmentDay(date(2024, 3, 2), 2, 2),
        RecruitmentDay(date(2024, 3, 3), 0, 2),
        RecruitmentDay(date(2024, 3, 4), 1, 3),
        RecruitmentDay(date(2024, 3, 5), 0, 3),
    )


def test_submissions_outside_the_dates_widen_the_window_but_not_past_today() -> None:
    found = days(
        [date(2024, 2, 28), date(2024, 3, 3)],
        opens_on=date(2024, 3, 1),
        closes_on=date(2024, 3, 2),
        today=date(2024, 3, 3),
    )
    assert found[0].on == date(2024, 2, 28)
    assert found[-1] == RecruitmentDay(date(2024, 3, 3), 1, 2)
    still_open = days([], opens_on=date(2024, 3, 1), closes_on=None, today=date(2024, 3, 2))
    assert [d.on for d in still_open] == [date(2024, 3, 1), date(2024, 3, 2)]


def test_no_dates_and_no_submissions_no_days() -> None:
    assert days([], opens_on=None, closes_on=None, today=date(2024, 3, 2)) == ()


def test_places_left() -> None:
    assert places_left(None, 3) is None
    assert places_left(10, 3) == 7
    assert places_left(2, 3) == 0
