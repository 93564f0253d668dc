"""Entitlements: which of a programme's grants a school may claim, with what is missing and why.

DOMAIN.md "Grants and funding": a fixed grant (£1000 towards release time, 000, 001, 004) is due
when the school completes the year; matched funding (up to £2000 for textbooks, 000) is due when
the school is selected. A grant's payment conditions (`api/domain/grants.py`) must also be met
before it can be claimed. Each check carries a sentence a school can read, as eligibility does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from api.domain.grants import (
    ConditionResult,
    FixedGrant,
    Funding,
    Grant,
    GrantFacts,
    entitlements,
)


@dataclass(frozen=True)
class SchoolYear:
    """What the hub knows about one school's year on a programme."""

    selected: bool = False
    completed_year: bool = False
    sessions_attended: int = 0
    spend_pence: int = 0  # what the school spent itself, for matched funding
    spend_evidenced: bool = False


@dataclass(frozen=True)
class EntitlementDecision:
    """One grant for one school: the amount, and every check with its reason (the first check is
    whether the grant is due at all: completed the year, or selected)."""

    grant: Grant
    amount_pence: int
    checks: tuple[ConditionResult, ...]

    @property
    def due(self) -> bool:
        """The school's participation makes this grant due (conditions aside)."""
        return self.checks[0].met

    @property
    def claimable(self) -> bool:
        """Due, with every payment condition met."""
        return all(check.met for check in self.checks)

    @property
    def missing(self) -> tuple[str, ...]:
        """The reasons of the checks not yet met, in order."""
        return tuple(check.reason for check in self.checks if not check.met)


def _due(grant: Grant, year: SchoolYear) -> ConditionResult:
    if isinstance(grant, FixedGrant):
        return ConditionResult(
            "completed_year",
            year.completed_year,
            "Due once the school completes the year on the programme"
            + ("; it has." if year.completed_year else "; it has not yet."),
        )
    return ConditionResult(
        "selected",
        year.selected,
        "Due to schools selected for the programme"
        + ("; this school was selected." if year.selected else "; this school was not selected."),
    )


def decide_entitlements(
    funding: Funding, year: SchoolYear, *, today: date
) -> tuple[EntitlementDecision, ...]:
    """Each of the programme's grants for this school, in the order the funding lists them."""
    facts = GrantFacts(
        today=today,
        sessions_attended=year.sessions_attended,
        spend_pence=year.spend_pence,
        spend_evidenced=year.spend_evidenced,
    )
    return tuple(
        EntitlementDecision(
            item.grant, item.amount_pence, (_due(item.grant, year), *item.conditions)
        )
        for item in entitlements(funding, facts)
    )
