"""What time it is, asked in one place.

The domain takes `now` and `today` as parameters; the shell (routers, the command line, the
email sender) asks the app's clock for them. The system clock serves by default; a fixed clock
lets the tests and the browser tests run at a set moment (FIXED_NOW), so that no verdict
depends on the day they run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo

# Schools' days, closing dates and academic years are those of England.
ENGLAND = ZoneInfo("Europe/London")


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware, in UTC."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass
class FixedClock:
    """Stands at one instant; tests move it on explicitly."""

    at: datetime

    def __post_init__(self) -> None:
        if self.at.tzinfo is None:
            raise ValueError(
                "A fixed clock needs a timezone-aware instant, such as 2029-06-15T10:00:00+01:00"
            )
        self.at = self.at.astimezone(UTC)

    def now(self) -> datetime:
        return self.at

    def advance(self, by: timedelta) -> None:
        self.at += by


@dataclass
class FileClock:
    """Stands at the instant written in a file (ISO 8601 with its offset). A browser test lets a
    year pass by rewriting the file, as no request can move the server's clock."""

    path: Path

    def now(self) -> datetime:
        written = self.path.read_text(encoding="utf-8").strip()
        return FixedClock(datetime.fromisoformat(written)).now()


def clock_at(fixed_now: datetime | None, clock_file: Path | None = None) -> Clock:
    """The system clock, or one fixed at `fixed_now` (FIXED_NOW), or at what `clock_file`
    (CLOCK_FILE) says, read afresh each time it is asked."""
    if clock_file is not None:
        return FileClock(clock_file)
    return SystemClock() if fixed_now is None else FixedClock(fixed_now)


def today_in_england(now: datetime) -> date:
    return now.astimezone(ENGLAND).date()
