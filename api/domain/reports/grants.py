"""Grants by month: committed, claimed, paid and clawed back, by hub, programme and month.

Which claims count in which figure is the national view's rule (api.domain.grant_summary);
this report adds the month each amount counts in, so that its figures over every month are the
summary's. Statements' adjustments belong to no programme and are not counted."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from api.domain.claims import ClaimStatus
from api.domain.grant_summary import Figures, claim_figures
from api.domain.statements import Month, StatementStatus, month_of

COMMITTED_DEFINITION = (
    "What the entitlements promise (a fixed grant's amount, matched funding's cap), in the "
    "month in England the entitlement was recorded (when the school joined the programme's "
    "Work Group)."
)
CLAIMED_DEFINITION = (
    "Claims that hold their entitlement (every status but ineligible and void), in the month "
    "in England the claim was submitted."
)
PAID_DEFINITION = (
    "Claims paid out (paid, awaiting clawback, or clawed back since), in the month of the "
    "hub's statement that paid them, once that statement is paid."
)
CLAWED_BACK_DEFINITION = (
    "Claims whose money came back, in the month of the statement that recovered it, once that "
    "statement is paid. Paid minus clawed back is what schools keep; statements' adjustments "
    "belong to no programme and are not counted."
)


class Key(NamedTuple):
    hub_id: str
    programme_id: int
    month: Month


class Entitlement(NamedTuple):
    hub_id: str
    programme_id: int
    amount_pence: int
    recorded_at: datetime


class Placed(NamedTuple):
    """A claim's line on a statement: the statement's month and where it stands."""

    month: Month
    status: StatementStatus


class Claim(NamedTuple):
    hub_id: str
    programme_id: int
    status: ClaimStatus
    amount_pence: int
    submitted_at: datetime
    payment: Placed | None  # its payment line, if it is on a statement
    clawback: Placed | None  # its clawback line, if it is on one


@dataclass(frozen=True)
class Months:
    """The months asked for, either end open."""

    first: Month | None = None
    last: Month | None = None

    def __contains__(self, month: Month) -> bool:
        return (self.first is None or self.first <= month) and (
            self.last is None or month <= self.last
        )


def _paid_in(line: Placed | None) -> Month | None:
    return line.month if line is not None and line.status is StatementStatus.PAID else None


def by_month(
    entitlements: Iterable[Entitlement], claims: Iterable[Claim], months: Months = Months()
) -> dict[Key, Figures]:
    """Each (hub, programme, month) with something counted in it, within `months`, in key
    order. A key whose figures are all nothing (an ineligible claim's month) is left out."""
    found: dict[Key, Figures] = {}

    def add(hub_id: str, programme_id: int, month: Month | None, figures: Figures) -> None:
        if month is None or month not in months or figures == Figures():
            return
        key = Key(hub_id, programme_id, month)
        found[key] = found.get(key, Figures()) + figures

    for e in entitlements:
        add(e.hub_id, e.programme_id, month_of(e.recorded_at), Figures(e.amount_pence))
    for c in claims:
        counted = claim_figures(c.status, c.amount_pence)
        add(
            c.hub_id,
            c.programme_id,
            month_of(c.submitted_at),
            Figures(claimed_pence=counted.claimed_pence),
        )
        add(c.hub_id, c.programme_id, _paid_in(c.payment), Figures(paid_pence=counted.paid_pence))
        add(
            c.hub_id,
            c.programme_id,
            _paid_in(c.clawback),
            Figures(clawed_back_pence=counted.clawed_back_pence),
        )
    return dict(sorted(found.items()))


def month_totals(rows: dict[Key, Figures]) -> tuple[tuple[Month, Figures], ...]:
    """Every hub's and programme's figures added up by month, every month from the first with
    a figure to the last (a month with none shows nothing), so that a chart has no gaps."""
    totals: dict[Month, Figures] = {}
    for key, figures in rows.items():
        totals[key.month] = totals.get(key.month, Figures()) + figures
    if not totals:
        return ()
    answer = []
    month, last = min(totals), max(totals)
    while month <= last:
        answer.append((month, totals.get(month, Figures())))
        month = month.next()
    return tuple(answer)
