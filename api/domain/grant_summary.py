"""The national view of grants: what was committed to schools, claimed, paid and clawed back.

Committed is what the entitlements promise (a fixed grant's amount, matched funding's cap).
Claimed counts every claim that holds its entitlement (all but ineligible and void). Paid counts
every claim whose payment went out on a paid statement, including those later clawed back;
clawed back counts those whose money came back. So paid − clawed back is what schools keep.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from api.domain.claims import HOLDS_THE_ENTITLEMENT, ClaimStatus

_C = ClaimStatus

CLAIMED = HOLDS_THE_ENTITLEMENT
PAID_OUT = frozenset({_C.PAID, _C.AWAITING_CLAWBACK, _C.CLAWED_BACK})
CLAWED_BACK = frozenset({_C.CLAWED_BACK})


@dataclass(frozen=True)
class Figures:
    committed_pence: int = 0
    claimed_pence: int = 0
    paid_pence: int = 0
    clawed_back_pence: int = 0

    def __add__(self, other: Figures) -> Figures:
        return Figures(
            self.committed_pence + other.committed_pence,
            self.claimed_pence + other.claimed_pence,
            self.paid_pence + other.paid_pence,
            self.clawed_back_pence + other.clawed_back_pence,
        )


def claim_figures(status: ClaimStatus, pence: int) -> Figures:
    """What one claim of `pence` in `status` adds to each figure (nothing to committed)."""

    def of(statuses: frozenset[ClaimStatus]) -> int:
        return pence if status in statuses else 0

    return Figures(0, of(CLAIMED), of(PAID_OUT), of(CLAWED_BACK))


def figures(committed_pence: int, claims: Iterable[tuple[ClaimStatus, int]]) -> Figures:
    """One hub's figures for one programme, from its entitlements' committed total and each
    claim's (status, amount in pence)."""
    return total([Figures(committed_pence), *(claim_figures(s, p) for s, p in claims)])


def total(rows: Iterable[Figures]) -> Figures:
    return sum(rows, Figures())
