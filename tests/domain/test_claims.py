"""Claims: amounts in pence, the window's last second, and every move of the life cycle."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from api.domain.claims import (
    FINAL,
    MOVES,
    ClaimMoveRefused,
    ClaimRefused,
    ClaimStatus,
    ExistingClaim,
    IneligibleReason,
    allowed_moves,
    assess,
    check_window,
    claim_amount,
    duplicate_of,
    move,
    window_closes,
)
from api.domain.entitlements import EntitlementDecision, SchoolYear, decide_entitlements
from api.domain.grants import FixedGrant, Funding, MatchedFunding, SessionsAttended

S = ClaimStatus
RELEASE = FixedGrant(100_000, "teacher release time", (SessionsAttended(4),))
TEXTBOOKS = MatchedFunding(200_000, "textbooks")
TODAY = date(2019, 7, 20)


@pytest.mark.parametrize(
    ("grant", "spend", "amount"),
    [
        (RELEASE, 0, 100_000),
        (RELEASE, 999_999, 100_000),
        (TEXTBOOKS, 0, 0),
        (TEXTBOOKS, 150_050, 150_050),
        (TEXTBOOKS, 200_000, 200_000),
        (TEXTBOOKS, 350_000, 200_000),
    ],
    ids=["fixed", "fixed ignores spend", "nothing spent", "under cap", "at cap", "over cap"],
)
def test_claim_amount_in_whole_pence(
    grant: FixedGrant | MatchedFunding, spend: int, amount: int
) -> None:
    assert claim_amount(grant, spend) == amount


def test_negative_spend_is_refused() -> None:
    with pytest.raises(ValueError, match="spend"):
        claim_amount(TEXTBOOKS, -1)


@pytest.mark.parametrize(
    ("deadline", "last_second_utc"),
    [
        (date(2019, 1, 31), datetime(2019, 1, 31, 23, 59, 59, tzinfo=UTC)),  # GMT
        (date(2019, 7, 31), datetime(2019, 7, 31, 22, 59, 59, tzinfo=UTC)),  # BST
    ],
    ids=["GMT", "BST"],
)
def test_the_window_closes_at_the_last_second_in_london(
    deadline: date, last_second_utc: datetime
) -> None:
    closes = window_closes(deadline)
    assert closes == last_second_utc
    assert closes.utcoffset() is not None
    assert closes.isoformat().endswith("23:59:59" + ("+00:00" if deadline.month == 1 else "+01:00"))
    check_window(deadline, last_second_utc)  # the last second is still open
    with pytest.raises(ClaimRefused, match=r"Claims closed at 23:59:59 on \w+day"):
        check_window(deadline, last_second_utc + timedelta(seconds=1))


def test_the_window_needs_an_aware_instant() -> None:
    with pytest.raises(ValueError, match="aware"):
        check_window(date(2019, 7, 31), datetime(2019, 7, 31, 12))


@pytest.mark.parametrize(("current", "requested"), sorted(MOVES))
def test_every_allowed_move(current: ClaimStatus, requested: ClaimStatus) -> None:
    reason = IneligibleReason.CONDITIONS_NOT_MET if requested is S.INELIGIBLE else None
    done = move(current, requested, reason=reason)
    assert done.status is requested
    assert done.verb == MOVES[(current, requested)]
    assert requested in allowed_moves(current)


REFUSED = [(a, b) for a in S for b in S if (a, b) not in MOVES]


@pytest.mark.parametrize(("current", "requested"), REFUSED)
def test_every_other_move_is_refused_saying_what_is_possible(
    current: ClaimStatus, requested: ClaimStatus
) -> None:
    with pytest.raises(ClaimMoveRefused) as refused:
        move(current, requested, reason=IneligibleReason.CONDITIONS_NOT_MET)
    assert refused.value.current is current
    assert refused.value.requested is requested
    assert "it can become:" in str(refused.value)
    if current in FINAL:
        assert str(refused.value).endswith("it can become: none.")


def test_the_paths_of_the_life_cycle() -> None:
    assert allowed_moves(S.PAID) == {S.AWAITING_CLAWBACK}
    assert allowed_moves(S.AWAITING_CLAWBACK) == {S.CLAWED_BACK}
    assert S.VOID in allowed_moves(S.SUBMITTED) & allowed_moves(S.ELIGIBLE) & allowed_moves(
        S.PAYABLE
    )
    assert S.VOID not in allowed_moves(S.PAID)
    with pytest.raises(
        ClaimMoveRefused,
        match=r"A claim that is paid cannot become void; it can become: awaiting_clawback\.",
    ):
        move(S.PAID, S.VOID)


def test_ineligible_needs_a_reason_and_duplicate_names_the_claim() -> None:
    with pytest.raises(ClaimMoveRefused, match="Say why"):
        move(S.SUBMITTED, S.INELIGIBLE)
    with pytest.raises(ClaimMoveRefused, match="names the claim it duplicates"):
        move(S.SUBMITTED, S.INELIGIBLE, reason=IneligibleReason.DUPLICATE)
    with pytest.raises(ClaimMoveRefused, match="only a duplicate does"):
        move(S.SUBMITTED, S.INELIGIBLE, reason=IneligibleReason.NOTHING_SPENT, duplicate_of="C-1")
    with pytest.raises(ClaimMoveRefused, match="Only an ineligible claim carries a reason"):
        move(S.SUBMITTED, S.ELIGIBLE, reason=IneligibleReason.DUPLICATE)
    with pytest.raises(ClaimMoveRefused, match="Only an ineligible claim carries a reason"):
        move(S.SUBMITTED, S.ELIGIBLE, duplicate_of="C-1")
    done = move(S.ELIGIBLE, S.INELIGIBLE, reason=IneligibleReason.DUPLICATE, duplicate_of="C-1")
    assert (done.reason, done.duplicate_of) == (IneligibleReason.DUPLICATE, "C-1")


def test_duplicates_are_found_among_claims_that_hold_the_entitlement() -> None:
    assert duplicate_of([]) is None
    assert duplicate_of([ExistingClaim("C-1", S.VOID), ExistingClaim("C-2", S.INELIGIBLE)]) is None
    assert duplicate_of([ExistingClaim("C-1", S.VOID), ExistingClaim("C-3", S.PAID)]) == "C-3"


def _decide(funding: Funding, year: SchoolYear) -> EntitlementDecision:
    (decision,) = decide_entitlements(funding, year, today=TODAY)
    return decision


def test_assess_a_submitted_claim() -> None:
    done = SchoolYear(selected=True, completed_year=True, sessions_attended=6)
    release = _decide(Funding((RELEASE,)), done)
    ok = assess(release)
    assert (ok.move.status, ok.why) == (S.ELIGIBLE, "Every condition is met.")

    dup = assess(release, [ExistingClaim("NCP18-C-0001", S.PAYABLE)])
    assert dup.move.status is S.INELIGIBLE
    assert (dup.move.reason, dup.move.duplicate_of) == (IneligibleReason.DUPLICATE, "NCP18-C-0001")
    assert dup.why == "Claim NCP18-C-0001 has already been made for this grant."

    short = assess(
        _decide(Funding((RELEASE,)), SchoolYear(completed_year=True, sessions_attended=1))
    )
    assert short.move.reason is IneligibleReason.CONDITIONS_NOT_MET
    assert short.why == "Paid once the school has attended 4 sessions; it has attended 1."

    nothing = assess(_decide(Funding((TEXTBOOKS,)), SchoolYear(selected=True)))
    assert nothing.move.reason is IneligibleReason.NOTHING_SPENT
    assert "spent nothing" in nothing.why
