"""Monthly statements: one per hub and month, `open → payable → paid`, totals in whole pence.

DOMAIN.md "Grants and funding": money is counted in whole pence. Payable claims go on the hub's
open statement as lines (a clawback as a negative line); adjustments carry a description and a
signed amount. A statement's total is the sum of its lines plus its adjustments, to the penny.
Only an open statement changes; a paid one is read-only.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum

from api.domain.work_groups import LONDON


class StatementStatus(StrEnum):
    OPEN = "open"
    PAYABLE = "payable"
    PAID = "paid"


_S = StatementStatus

MOVES: Mapping[tuple[StatementStatus, StatementStatus], str] = {
    (_S.OPEN, _S.PAYABLE): "close for payment",
    (_S.PAYABLE, _S.PAID): "mark paid",
}


class StatementRefused(Exception):
    """A move or a change the statement's state does not allow."""

    def __init__(self, current: StatementStatus, why: str) -> None:
        self.current = current
        super().__init__(why)


_MONTH = re.compile(r"(\d{4})-(\d{2})", re.ASCII)


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError("a month is 1 to 12")

    @classmethod
    def parse(cls, text: str) -> Month:
        """2026-12, as the API writes it; ValueError for anything else."""
        found = _MONTH.fullmatch(text)
        if found is None:
            raise ValueError(f"{text!r} is not a month like 2026-12")
        return cls(int(found.group(1)), int(found.group(2)))

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return self.next().first_day - timedelta(days=1)

    def next(self) -> Month:
        return Month(self.year + 1, 1) if self.month == 12 else Month(self.year, self.month + 1)

    def label(self) -> str:
        """December 2026."""
        return f"{self.first_day:%B %Y}"

    def __str__(self) -> str:
        """2026-12, as the API writes it."""
        return f"{self.year:04d}-{self.month:02d}"


def month_of(when: date | datetime) -> Month:
    """The month a date belongs to; an instant belongs to the month it is in England."""
    if isinstance(when, datetime):
        if when.tzinfo is None or when.utcoffset() is None:
            raise ValueError("an instant must be aware")
        when = when.astimezone(LONDON).date()
    return Month(when.year, when.month)


def first_free_month(start: Month, taken: Collection[Month]) -> Month:
    """The first month from `start` on that has no statement yet: where a clawback opens a
    statement when the hub has none open (this month's may be closed or paid already)."""
    month = start
    while month in taken:
        month = month.next()
    return month


def in_pounds(pence: int) -> str:
    """1000.00, -12.05: pounds with two decimals and no symbol, as a spreadsheet reads them."""
    sign = "-" if pence < 0 else ""
    pounds, rest = divmod(abs(pence), 100)
    return f"{sign}{pounds}.{rest:02d}"


@dataclass(frozen=True)
class Line:
    """A claim on the statement; `amount_pence` is negative for a clawback."""

    claim_reference: str
    amount_pence: int


@dataclass(frozen=True)
class Adjustment:
    description: str
    amount_pence: int  # signed

    def __post_init__(self) -> None:
        if not self.description.strip():
            raise ValueError("an adjustment needs a description")


def total_pence(lines: tuple[Line, ...], adjustments: tuple[Adjustment, ...]) -> int:
    return sum(line.amount_pence for line in lines) + sum(a.amount_pence for a in adjustments)


@dataclass(frozen=True)
class Statement:
    month: Month
    status: StatementStatus = _S.OPEN
    lines: tuple[Line, ...] = ()
    adjustments: tuple[Adjustment, ...] = ()

    @property
    def total_pence(self) -> int:
        return total_pence(self.lines, self.adjustments)

    def _check_open(self) -> None:
        if self.status is _S.PAID:
            raise StatementRefused(
                self.status, f"The statement for {self.month.label()} is paid and read-only."
            )
        if self.status is not _S.OPEN:
            raise StatementRefused(
                self.status,
                f"The statement for {self.month.label()} is {self.status.value}; "
                "only an open statement changes.",
            )

    def add_line(self, line: Line) -> Statement:
        self._check_open()
        if any(existing.claim_reference == line.claim_reference for existing in self.lines):
            raise StatementRefused(
                self.status, f"Claim {line.claim_reference} is already on this statement."
            )
        return replace(self, lines=(*self.lines, line))

    def add_adjustment(self, adjustment: Adjustment) -> Statement:
        self._check_open()
        return replace(self, adjustments=(*self.adjustments, adjustment))

    def move(self, requested: StatementStatus) -> Statement:
        if (self.status, requested) not in MOVES:
            allowed = ", ".join(sorted(to for (src, to) in MOVES if src is self.status)) or "none"
            raise StatementRefused(
                self.status,
                f"A statement that is {self.status.value} cannot become {requested.value}; "
                f"it can become: {allowed}.",
            )
        return replace(self, status=requested)
