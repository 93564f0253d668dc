"""The national view's figures: which claims count as claimed, paid and clawed back."""

from __future__ import annotations

from api.domain.claims import ClaimStatus
from api.domain.grant_summary import Figures, figures, total

C = ClaimStatus


def test_each_claim_counts_where_its_status_puts_it() -> None:
    claims = [
        (C.SUBMITTED, 1),
        (C.ELIGIBLE, 2),
        (C.PAYABLE, 4),
        (C.PAID, 8),
        (C.AWAITING_CLAWBACK, 16),
        (C.CLAWED_BACK, 32),
        (C.INELIGIBLE, 64),
        (C.VOID, 128),
    ]
    assert figures(1000, claims) == Figures(
        committed_pence=1000, claimed_pence=63, paid_pence=56, clawed_back_pence=32
    )


def test_nothing_claimed_yet() -> None:
    assert figures(200_000, []) == Figures(committed_pence=200_000)


def test_totals_add_every_row() -> None:
    rows = [Figures(1, 2, 3, 4), Figures(10, 20, 30, 40)]
    assert total(rows) == Figures(11, 22, 33, 44)
    assert total([]) == Figures()
