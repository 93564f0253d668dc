"""Priority for an oversubscribed programme: who gets the places, and who waits in what order.

000: "Schools that have already begun to engage with teaching for mastery are more likely to be
prioritised by the Maths Hub." That is a ranking, not a bar (DOMAIN.md). The documents give no
tie-break, so this module names one: earlier submission first (first come, first served, as a
programme that fills up is "fully booked", 004), then the lower URN, then the application id, so
that the order never depends on how the database returned the rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from api.domain.journey import Participation

TIE_BREAK = ("engaging_with_tfm", "submitted_at", "urn", "application_id")


@dataclass(frozen=True)
class Candidate:
    application_id: str
    urn: str
    submitted_at: datetime  # timezone-aware
    engaging_with_tfm: bool


@dataclass(frozen=True)
class Ranked:
    position: int  # 1 is first
    candidate: Candidate

    @property
    def reason(self) -> str:
        if self.candidate.engaging_with_tfm:
            return "Prioritised: the school is already engaging with teaching for mastery."
        return "Ranked after schools already engaging with teaching for mastery."


def engaging_with_tfm(history: Iterable[Participation], *, declared: bool = False) -> bool:
    """A school engages if it says so on its application, or took part in any programme of the
    journey or SKTM (Readiness, say, or its teachers' SKTM) without withdrawing."""
    return declared or any(participation.counts for participation in history)


def _key(candidate: Candidate) -> tuple[bool, datetime, str, str]:
    # URNs are six digits, so comparing them as text orders them as numbers.
    return (
        not candidate.engaging_with_tfm,
        candidate.submitted_at,
        candidate.urn.zfill(6),
        candidate.application_id,
    )


def rank(candidates: Iterable[Candidate]) -> tuple[Ranked, ...]:
    ordered = sorted(candidates, key=_key)
    return tuple(Ranked(index, candidate) for index, candidate in enumerate(ordered, 1))


@dataclass(frozen=True)
class Allocation:
    selected: tuple[Ranked, ...]
    waitlisted: tuple[Ranked, ...]  # in the order places are offered when one is freed


def allocate(candidates: Iterable[Candidate], places: int) -> Allocation:
    """The first `places` in priority order are selected; the rest wait in order."""
    if places < 0:
        raise ValueError("places cannot be negative")
    ranked = rank(candidates)
    return Allocation(ranked[:places], ranked[places:])
