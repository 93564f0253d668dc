"""Monthly statements: months, states, read-only when paid, and totals to the penny."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from api.domain.statements import (
    MOVES,
    Adjustment,
    Line,
    Month,
    Statement,
    StatementRefused,
    StatementStatus,
    first_free_month,
    in_pounds,
    month_of,
    total_pence,
)

S = StatementStatus
DECEMBER = Month(2026, 12)


def test_months() -> None:
    assert month_of(date(2026, 12, 31)) == DECEMBER
    assert month_of(date(2027, 1, 1)) == Month(2027, 1)
    assert DECEMBER.next() == Month(2027, 1)
    assert Month(2027, 1).next() == Month(2027, 2)
    assert (DECEMBER.first_day, DECEMBER.last_day) == (date(2026, 12, 1), date(2026, 12, 31))
    assert Month(2028, 2).last_day == date(2028, 2, 29)
    assert (DECEMBER.label(), str(DECEMBER)) == ("December 2026", "2026-12")
    assert Month(2026, 11) < DECEMBER
    with pytest.raises(ValueError, match="1 to 12"):
        Month(2026, 13)


def test_a_month_is_read_as_the_api_writes_it() -> None:
    assert Month.parse("2026-12") == DECEMBER
    assert str(Month.parse("2027-01")) == "2027-01"
    for text in ("2026-1", "2026-13", "26-12", "2026-12-01", "２０２６-12", ""):
        with pytest.raises(ValueError, match="a month"):
            Month.parse(text)


def test_a_clawback_opens_the_first_month_without_a_statement() -> None:
    assert first_free_month(DECEMBER, set()) == DECEMBER
    taken = {DECEMBER, Month(2027, 1), Month(2027, 3)}
    assert first_free_month(DECEMBER, taken) == Month(2027, 2)


def test_pounds_for_a_spreadsheet() -> None:
    assert [in_pounds(p) for p in (100_000, 5, -1205, 0, -99)] == [
        "1000.00",
        "0.05",
        "-12.05",
        "0.00",
        "-0.99",
    ]


def test_an_instant_belongs_to_its_month_in_england() -> None:
    # 23:30 UTC on 31 July is 00:30 on 1 August in BST; on 31 January it is still January (GMT).
    assert month_of(datetime(2026, 7, 31, 23, 30, tzinfo=UTC)) == Month(2026, 8)
    assert month_of(datetime(2026, 1, 31, 23, 30, tzinfo=UTC)) == Month(2026, 1)
    with pytest.raises(ValueError, match="aware"):
        month_of(datetime(2026, 1, 31, 23, 30))


def test_a_statement_moves_open_payable_paid() -> None:
    statement = Statement(DECEMBER).add_line(Line("C-1", 100_000))
    payable = statement.move(S.PAYABLE)
    paid = payable.move(S.PAID)
    assert (payable.status, paid.status) == (S.PAYABLE, S.PAID)
    assert paid.total_pence == 100_000


@pytest.mark.parametrize(
    ("current", "requested"), [(a, b) for a in S for b in S if (a, b) not in MOVES]
)
def test_every_other_move_is_refused(current: StatementStatus, requested: StatementStatus) -> None:
    with pytest.raises(StatementRefused, match="it can become:") as refused:
        Statement(DECEMBER, current).move(requested)
    assert refused.value.current is current


def test_a_paid_statement_is_read_only() -> None:
    paid = Statement(DECEMBER, S.PAID)
    with pytest.raises(StatementRefused, match="December 2026 is paid and read-only"):
        paid.add_line(Line("C-1", 1))
    with pytest.raises(StatementRefused, match="read-only"):
        paid.add_adjustment(Adjustment("Late invoice", 1))
    with pytest.raises(StatementRefused, match="it can become: none"):
        paid.move(S.OPEN)


def test_only_an_open_statement_changes() -> None:
    with pytest.raises(StatementRefused, match="is payable; only an open statement changes"):
        Statement(DECEMBER, S.PAYABLE).add_line(Line("C-1", 1))


def test_a_claim_goes_on_a_statement_once() -> None:
    statement = Statement(DECEMBER).add_line(Line("C-1", 100_000))
    with pytest.raises(StatementRefused, match="C-1 is already on this statement"):
        statement.add_line(Line("C-1", 100_000))


def test_clawbacks_and_adjustments_are_signed() -> None:
    statement = (
        Statement(DECEMBER)
        .add_line(Line("C-1", 100_000))
        .add_line(Line("C-2", -150_050))  # clawed back
        .add_adjustment(Adjustment("Bank charge refunded", 1_500))
    )
    assert statement.total_pence == -48_550
    with pytest.raises(ValueError, match="description"):
        Adjustment("  ", 1)


signed = st.integers(min_value=-10_000_000, max_value=10_000_000)


@given(
    amounts=st.lists(signed, max_size=30),
    adjustments=st.lists(signed, max_size=10),
)
def test_a_statements_total_is_its_lines_plus_adjustments(
    amounts: list[int], adjustments: list[int]
) -> None:
    statement = Statement(DECEMBER)
    for index, amount in enumerate(amounts):
        statement = statement.add_line(Line(f"C-{index}", amount))
    for index, amount in enumerate(adjustments):
        statement = statement.add_adjustment(Adjustment(f"Adjustment {index}", amount))
    expected = sum(amounts) + sum(adjustments)
    assert statement.total_pence == expected
    assert total_pence(statement.lines, statement.adjustments) == expected
    assert isinstance(statement.total_pence, int)
