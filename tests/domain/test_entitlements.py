"""Entitlements: each funding rule of DOMAIN.md "Grants and funding", with what is missing."""

from __future__ import annotations

from datetime import date

import pytest

from api.domain.entitlements import SchoolYear, decide_entitlements
from api.domain.grants import (
    NO_FUNDING,
    FixedGrant,
    Funding,
    MatchedFunding,
    SessionsAttended,
    SpendEvidenced,
)

RELEASE = FixedGrant(100_000, "teacher release time", (SessionsAttended(4),))
TEXTBOOKS = MatchedFunding(200_000, "textbooks", (SpendEvidenced(),))
PRIMARY_DEVELOPMENT_2018 = Funding((RELEASE, TEXTBOOKS))  # 000
SECONDARY_SUSTAINING = Funding((FixedGrant(100_000, "releasing teachers"),))  # 001
TODAY = date(2019, 7, 20)


def test_fixed_grant_when_the_school_completes_the_year_with_the_conditions_met() -> None:
    year = SchoolYear(selected=True, completed_year=True, sessions_attended=6)
    release, _ = decide_entitlements(PRIMARY_DEVELOPMENT_2018, year, today=TODAY)
    assert (release.due, release.claimable, release.amount_pence) == (True, True, 100_000)
    assert release.missing == ()
    assert [check.code for check in release.checks] == ["completed_year", "sessions_attended"]


def test_fixed_grant_with_no_conditions() -> None:
    (grant,) = decide_entitlements(
        SECONDARY_SUSTAINING, SchoolYear(selected=True, completed_year=True), today=TODAY
    )
    assert grant.claimable
    assert grant.amount_pence == 100_000


def test_fixed_grant_conditions_not_met_says_what_is_missing() -> None:
    year = SchoolYear(selected=True, completed_year=False, sessions_attended=2)
    release, _ = decide_entitlements(PRIMARY_DEVELOPMENT_2018, year, today=TODAY)
    assert not release.due
    assert not release.claimable
    assert release.missing == (
        "Due once the school completes the year on the programme; it has not yet.",
        "Paid once the school has attended 4 sessions; it has attended 2.",
    )


def test_completed_but_too_few_sessions() -> None:
    year = SchoolYear(selected=True, completed_year=True, sessions_attended=3)
    release, _ = decide_entitlements(PRIMARY_DEVELOPMENT_2018, year, today=TODAY)
    assert release.due
    assert not release.claimable
    assert release.missing == ("Paid once the school has attended 4 sessions; it has attended 3.",)


@pytest.mark.parametrize(
    ("spend", "amount"),
    [(150_050, 150_050), (200_000, 200_000), (200_001, 200_000), (350_000, 200_000)],
    ids=["under the cap", "at the cap", "a penny over", "over the cap"],
)
def test_matched_funding_when_selected(spend: int, amount: int) -> None:
    year = SchoolYear(selected=True, spend_pence=spend, spend_evidenced=True)
    _, textbooks = decide_entitlements(PRIMARY_DEVELOPMENT_2018, year, today=TODAY)
    assert textbooks.claimable
    assert textbooks.amount_pence == amount
    assert textbooks.checks[0].reason == (
        "Due to schools selected for the programme; this school was selected."
    )


def test_matched_funding_with_nothing_spent_is_nothing() -> None:
    year = SchoolYear(selected=True, spend_evidenced=True)
    _, textbooks = decide_entitlements(PRIMARY_DEVELOPMENT_2018, year, today=TODAY)
    assert textbooks.amount_pence == 0


def test_matched_funding_not_selected_nor_evidenced() -> None:
    year = SchoolYear(selected=False, spend_pence=5_000)
    _, textbooks = decide_entitlements(PRIMARY_DEVELOPMENT_2018, year, today=TODAY)
    assert not textbooks.due
    assert textbooks.missing == (
        "Due to schools selected for the programme; this school was not selected.",
        "Paid once the school has sent evidence of what it spent; it has not yet.",
    )


def test_no_funding_no_entitlements() -> None:
    assert decide_entitlements(NO_FUNDING, SchoolYear(selected=True), today=TODAY) == ()
