"""Checks on what a hub writes about a programme, beyond the shape of each field."""

from __future__ import annotations

import re
from datetime import date

from api.domain.academic_year import AcademicYear

_CODE = re.compile(r"^NCP(\d{2})-\d{2}$")


def programme_problems(
    *,
    code: str | None,
    academic_year: AcademicYear,
    applications_open_on: date | None,
    closing_date: date | None,
) -> list[tuple[str, str]]:
    """(field, plain-English problem) pairs; empty when the programme is consistent."""
    problems: list[tuple[str, str]] = []
    match = _CODE.match(code) if code else None
    # NCP<yy> names the year the project starts: NCP21-11 is 2021/22 (003), NCP24-14 2024/25 (001).
    if match and int(match.group(1)) != academic_year.start_year % 100:
        problems.append(
            (
                "code",
                f"A project code for {academic_year.label} starts "
                f"NCP{academic_year.start_year % 100:02d}-; {code} belongs to another year",
            )
        )
    if applications_open_on and closing_date and closing_date < applications_open_on:
        problems.append(
            ("closing_date", "The closing date must be on or after the day applications open")
        )
    if closing_date and closing_date > academic_year.ends_on:
        problems.append(
            (
                "closing_date",
                f"The closing date must be before the end of {academic_year.label} "
                f"({academic_year.ends_on:%d %B %Y})",
            )
        )
    return problems
