"""Priority for oversubscribed programmes (000) and the documented tie-break."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from api.domain.journey import ParticipationOutcome, ProgrammeType
from api.domain.priority import Candidate, allocate, engaging_with_tfm, rank
from tests.domain.factories import took_part

T0 = datetime(2018, 5, 1, 9, tzinfo=UTC)


def candidate(
    id: str, *, urn: str = "100001", minutes: int = 0, engaging: bool = False
) -> Candidate:
    return Candidate(id, urn, T0 + timedelta(minutes=minutes), engaging)


def test_engaging_schools_first_then_first_come() -> None:
    a = candidate("a", minutes=0)
    b = candidate("b", minutes=30, engaging=True)
    c = candidate("c", minutes=10, engaging=True)
    ranked = rank([a, b, c])
    assert [r.candidate.application_id for r in ranked] == ["c", "b", "a"]
    assert [r.position for r in ranked] == [1, 2, 3]
    assert ranked[0].reason.startswith("Prioritised")
    assert ranked[2].reason.startswith("Ranked after")


def test_ties_fall_to_the_lower_urn_then_the_application() -> None:
    a = candidate("z", urn="99999")
    b = candidate("y", urn="100000")
    c = candidate("x", urn="100000")
    assert [r.candidate.application_id for r in rank([b, a, c])] == ["z", "x", "y"]


def test_allocate_fills_the_places_and_waitlists_the_rest_in_order() -> None:
    people = [candidate(str(i), minutes=i, engaging=i % 2 == 0) for i in range(5)]
    allocation = allocate(people, 2)
    assert [r.candidate.application_id for r in allocation.selected] == ["0", "2"]
    assert [r.candidate.application_id for r in allocation.waitlisted] == ["4", "1", "3"]
    with pytest.raises(ValueError, match="negative"):
        allocate(people, -1)


def test_engaging_with_tfm_from_history_or_the_application() -> None:
    assert not engaging_with_tfm([])
    assert engaging_with_tfm([], declared=True)
    assert engaging_with_tfm([took_part(ProgrammeType.PRIMARY_READINESS, 2017)])
    withdrawn = took_part(ProgrammeType.PRIMARY_READINESS, 2017, ParticipationOutcome.WITHDRAWN)
    assert not engaging_with_tfm([withdrawn])


candidates = st.lists(
    st.builds(
        Candidate,
        application_id=st.uuids().map(str),
        urn=st.integers(100000, 999999).map(str),
        submitted_at=st.datetimes(timezones=st.just(UTC)),
        engaging_with_tfm=st.booleans(),
    ),
    max_size=30,
    unique_by=lambda c: c.application_id,
)


@given(candidates, st.randoms())
def test_ranking_is_deterministic_and_engaging_schools_lead(
    people: list[Candidate], rnd: object
) -> None:
    shuffled = list(people)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    ranked = [r.candidate for r in rank(people)]
    assert ranked == [r.candidate for r in rank(shuffled)]
    flags = [c.engaging_with_tfm for c in ranked]
    assert flags == sorted(flags, reverse=True)
