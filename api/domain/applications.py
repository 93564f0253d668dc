"""An application's life cycle: draft, submitted, shortlisted, then a decision; or withdrawn.

002's timeline: shortlisted schools are told, then selected schools are told. A hub that does
not shortlist decides straight from submitted. A programme has a number of places: selecting
takes one, and withdrawing a selected application frees it for the waiting list (004: a
programme is "fully booked" until then).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum


class ApplicationStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    SHORTLISTED = "shortlisted"
    SELECTED = "selected"
    WAITLISTED = "waitlisted"
    NOT_SELECTED = "not_selected"
    WITHDRAWN = "withdrawn"


class Actor(StrEnum):
    SCHOOL = "school"
    HUB = "hub"


_S = ApplicationStatus

# Who may make each move. A school submits and withdraws; the hub decides. A waitlisted school
# is selected when a place is freed, or told it was not selected when recruitment ends.
# A decision, once told, is not taken back except by the school withdrawing.
MOVES: Mapping[tuple[ApplicationStatus, ApplicationStatus], Actor] = {
    (_S.DRAFT, _S.SUBMITTED): Actor.SCHOOL,
    (_S.DRAFT, _S.WITHDRAWN): Actor.SCHOOL,
    (_S.SUBMITTED, _S.SHORTLISTED): Actor.HUB,
    (_S.SUBMITTED, _S.SELECTED): Actor.HUB,
    (_S.SUBMITTED, _S.WAITLISTED): Actor.HUB,
    (_S.SUBMITTED, _S.NOT_SELECTED): Actor.HUB,
    (_S.SUBMITTED, _S.WITHDRAWN): Actor.SCHOOL,
    (_S.SHORTLISTED, _S.SELECTED): Actor.HUB,
    (_S.SHORTLISTED, _S.WAITLISTED): Actor.HUB,
    (_S.SHORTLISTED, _S.NOT_SELECTED): Actor.HUB,
    (_S.SHORTLISTED, _S.WITHDRAWN): Actor.SCHOOL,
    (_S.WAITLISTED, _S.SELECTED): Actor.HUB,
    (_S.WAITLISTED, _S.NOT_SELECTED): Actor.HUB,
    (_S.WAITLISTED, _S.WITHDRAWN): Actor.SCHOOL,
    (_S.SELECTED, _S.WITHDRAWN): Actor.SCHOOL,
}

# Only a selected application holds a place.
HOLDS_A_PLACE = frozenset({_S.SELECTED})
FINAL = frozenset({_S.NOT_SELECTED, _S.WITHDRAWN})


def allowed_moves(
    current: ApplicationStatus, by: Actor | None = None
) -> frozenset[ApplicationStatus]:
    """The statuses `current` may move to (by that actor, if given)."""
    return frozenset(
        to for (src, to), actor in MOVES.items() if src is current and by in (None, actor)
    )


class MoveRefused(Exception):
    """A move the life cycle does not allow, or one made by the wrong party."""

    def __init__(self, current: ApplicationStatus, requested: ApplicationStatus, why: str) -> None:
        self.current = current
        self.requested = requested
        super().__init__(why)


class NoFreePlace(Exception):
    """Selecting needs a free place and the programme is fully booked."""

    def __init__(self) -> None:
        super().__init__(
            "The programme is fully booked: withdraw a selected school or add a place first."
        )


@dataclass(frozen=True)
class Move:
    status: ApplicationStatus
    places_taken: int  # 1 when this move takes a place
    places_freed: int  # 1 when it gives one back (a selected school withdrawing)


def move(
    current: ApplicationStatus,
    requested: ApplicationStatus,
    *,
    by: Actor,
    free_places: int,
) -> Move:
    """Check a move and say what it does to the programme's places."""
    actor = MOVES.get((current, requested))
    if actor is None:
        allowed = ", ".join(sorted(allowed_moves(current))) or "none"
        raise MoveRefused(
            current,
            requested,
            f"An application that is {current.value} cannot become {requested.value}; "
            f"it can become: {allowed}.",
        )
    if actor is not by:
        raise MoveRefused(
            current, requested, f"Only the {actor.value} can make an application {requested.value}."
        )
    taken = int(requested in HOLDS_A_PLACE and current not in HOLDS_A_PLACE)
    if taken and free_places < 1:
        raise NoFreePlace()
    freed = int(current in HOLDS_A_PLACE and requested not in HOLDS_A_PLACE)
    return Move(requested, taken, freed)


def free_places(capacity: int, statuses: Iterable[ApplicationStatus]) -> int:
    """Places not held by a selected application (never below zero)."""
    held = sum(1 for status in statuses if status in HOLDS_A_PLACE)
    return max(capacity - held, 0)


def reference(programme_code: str | None, programme_id: int, number: int) -> str:
    """The reference people quote: the programme's code and the application's number within
    it, such as NCP24-14-0007 (a programme without a code: P<its id>, such as P12-0007)."""
    return f"{programme_code or f'P{programme_id}'}-{number:04d}"
