"""Grants: entitlements in whole pence, payment conditions, and the funding rules as JSON."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from api.domain.grants import (
    NO_FUNDING,
    FixedGrant,
    Funding,
    GrantFacts,
    InvalidFunding,
    MatchedFunding,
    NotBefore,
    PaymentRefused,
    SessionsAttended,
    SpendEvidenced,
    check_payment,
    entitlements,
    funding_from_dict,
    funding_to_dict,
    matched_amount,
    split_pence,
    total_pence,
)

RELEASE = FixedGrant(100_000, "teacher release time", (SessionsAttended(4),))
TEXTBOOKS = MatchedFunding(200_000, "textbooks", (SpendEvidenced(),))
# Primary Development 2018/19 (000): £1000 towards release time, £2000 matched for textbooks.
PRIMARY_DEVELOPMENT_2018 = Funding((RELEASE, TEXTBOOKS))
TODAY = date(2019, 3, 1)


@pytest.mark.parametrize(
    ("funding", "text"),
    [
        (NO_FUNDING, "Free to take part; no grant."),
        (
            Funding((FixedGrant(100_000, "releasing teachers"),)),
            "Free to take part, with a £1,000 grant towards releasing teachers.",
        ),
        (
            PRIMARY_DEVELOPMENT_2018,
            "Free to take part, with a £1,000 grant towards teacher release time and matched "
            "funding of up to £2,000 for textbooks.",
        ),
    ],
)
def test_funding_in_words(funding: Funding, text: str) -> None:
    assert funding.describe() == text


@pytest.mark.parametrize(
    ("spend", "amount"),
    [(0, 0), (150_050, 150_050), (200_000, 200_000), (350_000, 200_000)],
)
def test_matched_funding_equals_the_spend_up_to_the_cap(spend: int, amount: int) -> None:
    facts = GrantFacts(TODAY, sessions_attended=6, spend_pence=spend, spend_evidenced=True)
    release, textbooks = entitlements(PRIMARY_DEVELOPMENT_2018, facts)
    assert (release.amount_pence, textbooks.amount_pence) == (100_000, amount)
    assert total_pence((release, textbooks)) == 100_000 + amount
    assert release.payable
    assert textbooks.payable


def test_no_funding_means_no_entitlement() -> None:
    assert entitlements(NO_FUNDING, GrantFacts(TODAY)) == ()


def test_conditions_say_what_is_missing() -> None:
    release, textbooks = entitlements(
        PRIMARY_DEVELOPMENT_2018, GrantFacts(TODAY, sessions_attended=2, spend_pence=5_000)
    )
    assert not release.payable
    assert release.conditions[0].reason == (
        "Paid once the school has attended 4 sessions; it has attended 2."
    )
    assert textbooks.conditions[0].reason.endswith("; it has not yet.")
    with pytest.raises(PaymentRefused, match="cannot be paid yet"):
        check_payment(release, paid_pence=0, amount_pence=100_000)


def test_a_date_condition() -> None:
    grant = Funding((FixedGrant(100_000, "release time", (NotBefore(date(2019, 7, 1)),)),))
    (early,) = entitlements(grant, GrantFacts(date(2019, 6, 30)))
    (due,) = entitlements(grant, GrantFacts(date(2019, 7, 1)))
    assert (early.payable, due.payable) == (False, True)
    assert due.conditions[0].reason == "Paid on or after Monday 1 July 2019."


def test_payments_never_exceed_what_is_owed() -> None:
    (release,) = entitlements(Funding((FixedGrant(100_000, "release time"),)), GrantFacts(TODAY))
    assert check_payment(release, paid_pence=0, amount_pence=40_000) == 60_000
    assert check_payment(release, paid_pence=40_000, amount_pence=60_000) == 0
    with pytest.raises(PaymentRefused, match=r"Only £600 is still owed, so £600.01 cannot be paid"):
        check_payment(release, paid_pence=40_000, amount_pence=60_001)
    with pytest.raises(PaymentRefused, match="more than £0"):
        check_payment(release, paid_pence=0, amount_pence=0)
    with pytest.raises(PaymentRefused, match="Only £0 is still owed"):
        check_payment(release, paid_pence=120_000, amount_pence=1)


def test_negative_amounts_are_refused() -> None:
    with pytest.raises(ValueError, match="spend"):
        matched_amount(-1, 200_000)
    with pytest.raises(ValueError, match="amount"):
        split_pence(-1, 2)
    with pytest.raises(ValueError, match="one part"):
        split_pence(100, 0)


pence = st.integers(min_value=0, max_value=10_000_000)


@given(spend=pence, cap=pence)
def test_matched_amount_is_never_above_the_cap_or_the_spend_nor_negative(
    spend: int, cap: int
) -> None:
    amount = matched_amount(spend, cap)
    assert 0 <= amount <= min(spend, cap)
    assert amount in (spend, cap)


grants = st.lists(
    st.one_of(
        st.builds(FixedGrant, amount_pence=pence, purpose=st.just("release time")),
        st.builds(MatchedFunding, cap_pence=pence, purpose=st.just("textbooks")),
    ),
    max_size=4,
).map(lambda items: Funding(tuple(items)))


@given(funding=grants, spend=pence)
def test_totals_are_exact_and_bounded(funding: Funding, spend: int) -> None:
    items = entitlements(funding, GrantFacts(TODAY, spend_pence=spend))
    assert total_pence(items) == sum(item.amount_pence for item in items)
    ceiling = sum(
        g.amount_pence if isinstance(g, FixedGrant) else min(g.cap_pence, spend)
        for g in funding.grants
    )
    assert 0 <= total_pence(items) <= ceiling
    for item in items:
        assert isinstance(item.amount_pence, int)
        if isinstance(item.grant, MatchedFunding):
            assert item.amount_pence <= min(item.grant.cap_pence, spend)


@given(amount=pence, parts=st.integers(min_value=1, max_value=12))
def test_instalments_add_up_exactly(amount: int, parts: int) -> None:
    split = split_pence(amount, parts)
    assert sum(split) == amount
    assert len(split) == parts
    assert max(split) - min(split) <= 1
    assert min(split) >= 0


JSON: dict[str, Any] = {
    "grants": [
        {
            "kind": "fixed_grant",
            "amount_pence": 100000,
            "purpose": "teacher release time",
            "conditions": [{"kind": "sessions_attended", "minimum": 4}],
        },
        {
            "kind": "matched_funding",
            "cap_pence": 200000,
            "purpose": "textbooks",
            "conditions": [{"kind": "spend_evidenced"}, {"kind": "not_before", "on": "2019-07-01"}],
        },
    ]
}


def test_funding_round_trips_through_json() -> None:
    funding = funding_from_dict(JSON)
    assert funding.grants[0] == RELEASE
    assert funding_to_dict(funding) == JSON
    assert funding_to_dict(funding_from_dict({})) == {"grants": []}


@pytest.mark.parametrize(
    ("data", "pointer"),
    [
        ([], ""),
        ({"grant": []}, "/grant"),
        ({"grants": {}}, "/grants"),
        ({"grants": ["x"]}, "/grants/0"),
        ({"grants": [{"kind": "gift", "purpose": "x"}]}, "/grants/0/kind"),
        (
            {"grants": [{"kind": "fixed_grant", "purpose": " ", "amount_pence": 1}]},
            "/grants/0/purpose",
        ),
        (
            {"grants": [{"kind": "fixed_grant", "purpose": "x", "amount_pence": 10.5}]},
            "/grants/0/amount_pence",
        ),
        (
            {"grants": [{"kind": "fixed_grant", "purpose": "x", "amount_pence": -1}]},
            "/grants/0/amount_pence",
        ),
        (
            {"grants": [{"kind": "fixed_grant", "purpose": "x", "amount_pence": True}]},
            "/grants/0/amount_pence",
        ),
        ({"grants": [{"kind": "matched_funding", "purpose": "x"}]}, "/grants/0/cap_pence"),
        (
            {
                "grants": [
                    {"kind": "matched_funding", "purpose": "x", "cap_pence": 1, "amount_pence": 1}
                ]
            },
            "/grants/0/amount_pence",
        ),
        (
            {
                "grants": [
                    {"kind": "fixed_grant", "purpose": "x", "amount_pence": 1, "conditions": {}}
                ]
            },
            "/grants/0/conditions",
        ),
        (
            {
                "grants": [
                    {"kind": "fixed_grant", "purpose": "x", "amount_pence": 1, "conditions": [1]}
                ]
            },
            "/grants/0/conditions/0",
        ),
        (
            {
                "grants": [
                    {
                        "kind": "fixed_grant",
                        "purpose": "x",
                        "amount_pence": 1,
                        "conditions": [{"kind": "luck"}],
                    }
                ]
            },
            "/grants/0/conditions/0/kind",
        ),
        (
            {
                "grants": [
                    {
                        "kind": "fixed_grant",
                        "purpose": "x",
                        "amount_pence": 1,
                        "conditions": [{"kind": "sessions_attended", "minimum": 0}],
                    }
                ]
            },
            "/grants/0/conditions/0/minimum",
        ),
        (
            {
                "grants": [
                    {
                        "kind": "fixed_grant",
                        "purpose": "x",
                        "amount_pence": 1,
                        "conditions": [{"kind": "spend_evidenced", "minimum": 1}],
                    }
                ]
            },
            "/grants/0/conditions/0/minimum",
        ),
        (
            {
                "grants": [
                    {
                        "kind": "fixed_grant",
                        "purpose": "x",
                        "amount_pence": 1,
                        "conditions": [{"kind": "not_before", "on": "1 July"}],
                    }
                ]
            },
            "/grants/0/conditions/0/on",
        ),
        (
            {
                "grants": [
                    {
                        "kind": "fixed_grant",
                        "purpose": "x",
                        "amount_pence": 1,
                        "conditions": [{"kind": "not_before", "on": 20190701}],
                    }
                ]
            },
            "/grants/0/conditions/0/on",
        ),
    ],
)
def test_bad_funding_is_refused_naming_the_key(data: Any, pointer: str) -> None:
    with pytest.raises(InvalidFunding) as refused:
        funding_from_dict(data)
    assert refused.value.pointer == pointer
