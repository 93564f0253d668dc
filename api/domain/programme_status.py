"""A programme's publication status and the moves between them."""

from __future__ import annotations

from enum import StrEnum


class ProgrammeStatus(StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    FULLY_BOOKED = "fully_booked"
    CLOSED = "closed"


# A fully booked programme opens again when a place is freed (a withdrawal, or more capacity);
# a closed programme is history and does not reopen: copy it into a new year instead.
ALLOWED_MOVES: dict[ProgrammeStatus, frozenset[ProgrammeStatus]] = {
    ProgrammeStatus.DRAFT: frozenset({ProgrammeStatus.OPEN, ProgrammeStatus.CLOSED}),
    ProgrammeStatus.OPEN: frozenset({ProgrammeStatus.FULLY_BOOKED, ProgrammeStatus.CLOSED}),
    ProgrammeStatus.FULLY_BOOKED: frozenset({ProgrammeStatus.OPEN, ProgrammeStatus.CLOSED}),
    ProgrammeStatus.CLOSED: frozenset(),
}


class StatusChangeRefused(Exception):
    """A move the life cycle does not allow, such as closed back to open."""

    def __init__(self, current: ProgrammeStatus, requested: ProgrammeStatus) -> None:
        self.current = current
        self.requested = requested
        allowed = ", ".join(sorted(ALLOWED_MOVES[current])) or "none"
        super().__init__(
            f"A programme that is {current.value} cannot become {requested.value}; "
            f"it can become: {allowed}."
        )


def change_status(current: ProgrammeStatus, requested: ProgrammeStatus) -> ProgrammeStatus:
    """The new status, or StatusChangeRefused; asking for the current status changes nothing."""
    if requested == current or requested in ALLOWED_MOVES[current]:
        return requested
    raise StatusChangeRefused(current, requested)
