"""Academic years: 1 September to 31 August, written 2023/24 in text and 2023-24 in URLs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_SLUG = re.compile(r"^(\d{4})[-/](\d{2})$")

# Month in which an academic year starts (September, DOMAIN.md "The school calendar").
FIRST_MONTH = 9


class InvalidAcademicYear(ValueError):
    """Text that does not name an academic year, such as 2023-25 or 23/24."""


@dataclass(frozen=True, order=True)
class AcademicYear:
    start_year: int

    @classmethod
    def parse(cls, text: str) -> AcademicYear:
        """Read `2023-24` or `2023/24`; the second part must follow the first."""
        match = _SLUG.match(text.strip())
        if match is None:
            raise InvalidAcademicYear(f"{text!r} is not an academic year like 2023-24")
        start, end = int(match.group(1)), int(match.group(2))
        if (start + 1) % 100 != end:
            raise InvalidAcademicYear(f"{text!r}: the second year must follow the first")
        return cls(start)

    @classmethod
    def of(cls, day: date) -> AcademicYear:
        return cls(day.year if day.month >= FIRST_MONTH else day.year - 1)

    @property
    def slug(self) -> str:
        return f"{self.start_year}-{(self.start_year + 1) % 100:02d}"

    @property
    def label(self) -> str:
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"

    @property
    def starts_on(self) -> date:
        return date(self.start_year, FIRST_MONTH, 1)

    @property
    def ends_on(self) -> date:
        return date(self.start_year + 1, FIRST_MONTH - 1, 31)

    def next(self) -> AcademicYear:
        return AcademicYear(self.start_year + 1)

    def __str__(self) -> str:
        return self.label
