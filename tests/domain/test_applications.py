"""The application life cycle: which moves, by whom, and what they do to the places."""

from __future__ import annotations

import itertools

import pytest

from api.domain.applications import (
    MOVES,
    Actor,
    ApplicationStatus,
    MoveRefused,
    NoFreePlace,
    allowed_moves,
    free_places,
    move,
    reference,
)

S = ApplicationStatus
SCHOOL, HUB = Actor.SCHOOL, Actor.HUB


@pytest.mark.parametrize(
    ("current", "requested", "by", "taken", "freed"),
    [
        (S.DRAFT, S.SUBMITTED, SCHOOL, 0, 0),
        (S.SUBMITTED, S.SHORTLISTED, HUB, 0, 0),
        (S.SHORTLISTED, S.SELECTED, HUB, 1, 0),
        (S.SUBMITTED, S.SELECTED, HUB, 1, 0),
        (S.SHORTLISTED, S.WAITLISTED, HUB, 0, 0),
        (S.WAITLISTED, S.SELECTED, HUB, 1, 0),
        (S.SHORTLISTED, S.NOT_SELECTED, HUB, 0, 0),
        (S.SELECTED, S.WITHDRAWN, SCHOOL, 0, 1),
        (S.WAITLISTED, S.WITHDRAWN, SCHOOL, 0, 0),
        (S.DRAFT, S.WITHDRAWN, SCHOOL, 0, 0),
    ],
)
def test_allowed_moves_and_places(
    current: S, requested: S, by: Actor, taken: int, freed: int
) -> None:
    result = move(current, requested, by=by, free_places=1)
    assert (result.status, result.places_taken, result.places_freed) == (requested, taken, freed)


def test_selecting_needs_a_free_place() -> None:
    with pytest.raises(NoFreePlace, match="fully booked"):
        move(S.SHORTLISTED, S.SELECTED, by=HUB, free_places=0)
    assert move(S.SHORTLISTED, S.WAITLISTED, by=HUB, free_places=0).status is S.WAITLISTED


@pytest.mark.parametrize(
    ("current", "requested"),
    [
        (S.SELECTED, S.NOT_SELECTED),
        (S.WITHDRAWN, S.SUBMITTED),
        (S.NOT_SELECTED, S.SELECTED),
        (S.DRAFT, S.SELECTED),
    ],
)
def test_refused_moves_say_what_is_possible(current: S, requested: S) -> None:
    with pytest.raises(MoveRefused) as refused:
        move(current, requested, by=HUB, free_places=5)
    assert (refused.value.current, refused.value.requested) == (current, requested)
    assert "it can become" in str(refused.value)


def test_final_statuses_lead_nowhere() -> None:
    assert allowed_moves(S.WITHDRAWN) == frozenset()
    with pytest.raises(MoveRefused, match="it can become: none"):
        move(S.WITHDRAWN, S.DRAFT, by=SCHOOL, free_places=1)


@pytest.mark.parametrize(
    ("current", "requested", "by"),
    [
        (S.DRAFT, S.SUBMITTED, HUB),
        (S.SUBMITTED, S.SELECTED, SCHOOL),
        (S.SELECTED, S.WITHDRAWN, HUB),
    ],
)
def test_each_move_belongs_to_one_party(current: S, requested: S, by: Actor) -> None:
    with pytest.raises(MoveRefused, match="Only the"):
        move(current, requested, by=by, free_places=1)


def test_moves_by_actor() -> None:
    assert allowed_moves(S.SUBMITTED, SCHOOL) == {S.WITHDRAWN}
    assert allowed_moves(S.SUBMITTED, HUB) == {
        S.SHORTLISTED,
        S.SELECTED,
        S.WAITLISTED,
        S.NOT_SELECTED,
    }


def test_places_are_never_created_or_lost() -> None:
    """Across every allowed move, places held change by exactly taken minus freed."""
    for (current, requested), actor in MOVES.items():
        result = move(current, requested, by=actor, free_places=1)
        held_before = int(current is S.SELECTED)
        held_after = int(requested is S.SELECTED)
        assert held_after - held_before == result.places_taken - result.places_freed


@pytest.mark.parametrize(("capacity", "selected", "free"), [(12, 3, 9), (6, 6, 0), (2, 3, 0)])
def test_free_places(capacity: int, selected: int, free: int) -> None:
    statuses = [S.SELECTED] * selected + [S.WAITLISTED, S.WITHDRAWN, S.SUBMITTED]
    assert free_places(capacity, statuses) == free


def test_every_status_pair_is_either_a_move_or_refused() -> None:
    for current, requested in itertools.product(S, S):
        actor = MOVES.get((current, requested))
        if actor is None:
            with pytest.raises(MoveRefused):
                move(current, requested, by=HUB, free_places=1)
        else:
            assert move(current, requested, by=actor, free_places=1).status is requested


def test_a_reference_is_the_programmes_code_and_a_number_of_four_digits() -> None:
    assert reference("NCP24-14", 3, 7) == "NCP24-14-0007"
    assert reference("NCP24-14", 3, 12345) == "NCP24-14-12345"
    # A programme without a national code is named by its id.
    assert reference(None, 12, 7) == "P12-0007"
