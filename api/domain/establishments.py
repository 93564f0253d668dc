"""Schools as the GIAS register describes them: state-funded in England, open, and which phases.

The names below are GIAS's own (`EstablishmentTypeGroup (name)`, `TypeOfEstablishment (name)`,
`EstablishmentStatus (name)`, `PhaseOfEducation (name)`, `Country (name)`), so an import
passes them through unchanged. DOMAIN.md "Eligibility rules" says which are state-funded.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property, lru_cache

from api.domain.journey import Phase


@dataclass(frozen=True)
class Establishment:
    """One school's facts from GIAS, as the eligibility rules read them."""

    urn: str
    name: str
    type_group: str
    type_of_establishment: str
    status: str
    phase_of_education: str
    country: str = ""
    statutory_low_age: int | None = None
    statutory_high_age: int | None = None

    # Cached on the instance: a school is checked against many programmes in one go.
    @cached_property
    def standing(self) -> StandingResult:
        return standing_of(self.type_group, self.type_of_establishment, self.status, self.country)

    @cached_property
    def phases_taught(self) -> PhasesTaught:
        return phases_taught_of(
            self.phase_of_education, self.statutory_low_age, self.statutory_high_age
        )


class Standing(StrEnum):
    """Whether a school counts as state-funded in England, or the first reason it does not."""

    STATE_FUNDED_IN_ENGLAND = "state_funded_in_england"
    NOT_OPEN = "school_not_open"
    NOT_IN_ENGLAND = "not_in_england"
    NOT_STATE_FUNDED = "not_state_funded"


OPEN_STATUSES = frozenset({"Open", "Open, but proposed to close"})

# GIAS leaves Country blank for schools in England; these are read as England too.
ENGLAND_COUNTRIES = frozenset({"", "england", "united kingdom"})

# True: every type in the group is state-funded; False: none is; None: decide by the type.
STATE_FUNDED_GROUPS: dict[str, bool | None] = {
    "Academies": True,
    "Free Schools": True,
    "Local authority maintained schools": True,
    "Colleges": False,
    "Universities": False,
    "Welsh schools": False,
    # Holds the last City technology colleges, which the DfE funds and which charge no fees.
    "Independent schools": None,
    # Community and foundation special schools are maintained; non-maintained ones are not.
    "Special schools": None,
    # Pupil referral units are maintained; secure units, offshore and overseas schools are not.
    "Other types": None,
}

# The types that count where the group is mixed, after the DfE's "state-funded schools" in its
# school census statistics (nursery, primary, secondary, special and alternative provision).
STATE_FUNDED_TYPES = frozenset(
    {
        "City technology college",
        "Community special school",
        "Foundation special school",
        "Pupil referral unit",
    }
)

_GROUP_DESCRIPTIONS = {
    "Independent schools": "an independent school",
    "Colleges": "a college",
    "Universities": "a university",
}

_TYPE_DESCRIPTIONS = {
    "Other independent school": "an independent school",
    "Other independent special school": "an independent special school",
    "Non-maintained special school": "a non-maintained special school",
    "Secure units": "a secure unit",
    "Offshore schools": "an offshore school",
    "Service children's education": "a school for service children",
    "British schools overseas": "a British school overseas",
    "Online provider": "an online provider",
    "Institution funded by other government department": (
        "an institution funded by another government department"
    ),
    "Special post 16 institution": "a special post-16 institution",
}


@dataclass(frozen=True)
class StandingResult:
    standing: Standing
    # Completes "… is <description>." or "… is in <description>."; names the cause of a refusal.
    description: str


@lru_cache(maxsize=1024)
def standing_of(
    type_group: str, type_of_establishment: str, status: str, country: str
) -> StandingResult:
    """Open, in England, state-funded: checked in that order, the first failure named."""
    if status not in OPEN_STATUSES:
        return StandingResult(Standing.NOT_OPEN, status.lower() or "not open")
    if type_group == "Welsh schools":
        return StandingResult(Standing.NOT_IN_ENGLAND, "Wales")
    if country.strip().lower() not in ENGLAND_COUNTRIES:
        return StandingResult(Standing.NOT_IN_ENGLAND, country.strip())
    funded = STATE_FUNDED_GROUPS.get(type_group, False)
    if funded is None:
        funded = type_of_establishment in STATE_FUNDED_TYPES
    if funded:
        return StandingResult(Standing.STATE_FUNDED_IN_ENGLAND, "a state-funded school")
    description = _TYPE_DESCRIPTIONS.get(type_of_establishment) or _GROUP_DESCRIPTIONS.get(
        type_group, f"not a state-funded school (GIAS lists it as “{type_of_establishment}”)"
    )
    return StandingResult(Standing.NOT_STATE_FUNDED, description)


# Middle and all-through schools teach pupils of both phases, so a hub accepts them for
# primary and secondary programmes alike; 16 plus providers and nursery schools teach neither.
PHASES_BY_GIAS_PHASE: dict[str, frozenset[Phase]] = {
    "Primary": frozenset({Phase.PRIMARY}),
    "Secondary": frozenset({Phase.SECONDARY}),
    "Middle deemed primary": frozenset({Phase.PRIMARY, Phase.SECONDARY}),
    "Middle deemed secondary": frozenset({Phase.PRIMARY, Phase.SECONDARY}),
    "All-through": frozenset({Phase.PRIMARY, Phase.SECONDARY}),
    "16 plus": frozenset(),
    "Nursery": frozenset(),
}

_PHASE_DESCRIPTIONS = {
    "Primary": "a primary school",
    "Secondary": "a secondary school",
    "Middle deemed primary": "a middle school (deemed primary)",
    "Middle deemed secondary": "a middle school (deemed secondary)",
    "All-through": "an all-through school",
    "16 plus": "a 16 to 19 provider",
    "Nursery": "a nursery school",
}

# Pupils' ages in each phase: key stages 1 and 2 (Years 1 to 6), key stages 3 and 4. Used for
# special schools and pupil referral units, whose GIAS phase is "Not applicable".
PHASE_AGES: dict[Phase, tuple[int, int]] = {Phase.PRIMARY: (5, 11), Phase.SECONDARY: (11, 16)}


@dataclass(frozen=True)
class PhasesTaught:
    phases: frozenset[Phase] | None  # None: GIAS does not say
    description: str  # completes "… is <description>."


@lru_cache(maxsize=1024)
def phases_taught_of(
    phase_of_education: str, low_age: int | None, high_age: int | None
) -> PhasesTaught:
    if phase_of_education in PHASES_BY_GIAS_PHASE:
        return PhasesTaught(
            PHASES_BY_GIAS_PHASE[phase_of_education], _PHASE_DESCRIPTIONS[phase_of_education]
        )
    if low_age is None or high_age is None:
        return PhasesTaught(None, "a school whose phase GIAS does not record")
    phases = frozenset(
        phase for phase, (low, high) in PHASE_AGES.items() if low_age < high and high_age > low
    )
    return PhasesTaught(phases, f"a school for pupils aged {low_age} to {high_age}")
