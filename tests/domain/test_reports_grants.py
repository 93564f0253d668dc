"""Grants by month: each amount counted in its month (recorded, submitted, the paying
statement's), as the national summary counts it, and the months' totals without gaps."""

from __future__ import annotations

from datetime import UTC, datetime

from api.domain.claims import ClaimStatus
from api.domain.grant_summary import Figures, figures, total
from api.domain.reports.grants import (
    Claim,
    Entitlement,
    Key,
    Months,
    Placed,
    by_month,
    month_totals,
)
from api.domain.statements import Month, StatementStatus

C = ClaimStatus
S = StatementStatus
JAN, FEB, MAR, APR = Month(2027, 1), Month(2027, 2), Month(2027, 3), Month(2027, 4)
# 23:30 UTC on 31 January is still January in England; in summer time 23:30 UTC is the next day.
LATE_JANUARY = datetime(2027, 1, 31, 23, 30, tzinfo=UTC)
LATE_MAY = datetime(2027, 5, 31, 23, 30, tzinfo=UTC)


def claim(
    status: ClaimStatus,
    pence: int,
    *,
    payment: Placed | None = None,
    clawback: Placed | None = None,
    hub: str = "north",
    programme: int = 1,
    at: datetime = LATE_JANUARY,
) -> Claim:
    return Claim(hub, programme, status, pence, at, payment, clawback)


def test_each_amount_counts_in_its_own_month() -> None:
    rows = by_month(
        [Entitlement("north", 1, 100_000, LATE_JANUARY), Entitlement("north", 1, 5, LATE_MAY)],
        [
            claim(C.SUBMITTED, 1),
            claim(C.PAYABLE, 2, payment=Placed(FEB, S.PAYABLE)),
            claim(C.PAID, 4, payment=Placed(FEB, S.PAID)),
            claim(
                C.AWAITING_CLAWBACK, 8, payment=Placed(FEB, S.PAID), clawback=Placed(MAR, S.OPEN)
            ),
            claim(C.CLAWED_BACK, 16, payment=Placed(FEB, S.PAID), clawback=Placed(APR, S.PAID)),
            claim(C.INELIGIBLE, 32),
            claim(C.VOID, 64, at=LATE_MAY),
        ],
    )
    assert rows == {
        Key("north", 1, JAN): Figures(committed_pence=100_000, claimed_pence=31),
        Key("north", 1, FEB): Figures(paid_pence=28),
        Key("north", 1, APR): Figures(clawed_back_pence=16),
        Key("north", 1, Month(2027, 6)): Figures(committed_pence=5),
    }


def test_over_every_month_the_figures_are_the_summarys() -> None:
    claims = [
        claim(C.PAID, 4, payment=Placed(FEB, S.PAID)),
        claim(C.CLAWED_BACK, 16, payment=Placed(FEB, S.PAID), clawback=Placed(APR, S.PAID)),
        claim(C.ELIGIBLE, 1),
    ]
    rows = by_month([Entitlement("north", 1, 50, LATE_JANUARY)], claims)
    assert total(rows.values()) == figures(50, [(c.status, c.amount_pence) for c in claims])


def test_rows_by_hub_programme_and_month_within_the_months_asked() -> None:
    claims = [
        claim(C.SUBMITTED, 1, hub="south"),
        claim(C.SUBMITTED, 2, programme=2),
        claim(C.PAID, 4, payment=Placed(MAR, S.PAID)),
    ]
    assert list(by_month([], claims)) == [
        Key("north", 1, JAN),
        Key("north", 1, MAR),
        Key("north", 2, JAN),
        Key("south", 1, JAN),
    ]
    assert list(by_month([], claims, Months(first=FEB))) == [Key("north", 1, MAR)]
    assert list(by_month([], claims, Months(last=FEB))) == [
        Key("north", 1, JAN),
        Key("north", 2, JAN),
        Key("south", 1, JAN),
    ]
    assert by_month([], claims, Months(FEB, FEB)) == {}


def test_month_totals_add_hubs_and_programmes_and_leave_no_gaps() -> None:
    rows = {
        Key("north", 1, JAN): Figures(1, 2, 3, 4),
        Key("south", 2, JAN): Figures(10, 20, 30, 40),
        Key("south", 2, APR): Figures(0, 0, 5, 0),
    }
    assert month_totals(rows) == (
        (JAN, Figures(11, 22, 33, 44)),
        (FEB, Figures()),
        (MAR, Figures()),
        (APR, Figures(0, 0, 5, 0)),
    )
    assert month_totals({}) == ()


def test_the_months_cross_a_year() -> None:
    rows = {Key("h", 1, Month(2026, 12)): Figures(1), Key("h", 1, JAN): Figures(2)}
    assert [month for month, _ in month_totals(rows)] == [Month(2026, 12), JAN]
