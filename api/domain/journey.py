"""The mastery journey: stages per phase, SKTM programmes, and what may follow what.

Read from DOMAIN.md "The mastery journey" (seeds 001, 003, 004). A participation is one school's
(or, for SKTM, one person's) year on one kind of programme; `next_steps` answers "what can this
school do next?" for the journey page.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from api.domain.academic_year import AcademicYear

# Lead participants in Primary Development get at least ten combined days of release time (004).
MIN_RELEASE_DAYS_PRIMARY_DEVELOPMENT = 10


class Phase(StrEnum):
    PRIMARY = "primary"
    SECONDARY = "secondary"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Stage(StrEnum):
    """The Teaching for Mastery stages; each lasts one academic year (004)."""

    READINESS = "readiness"
    DEVELOPMENT = "development"
    EMBEDDING = "embedding"
    SUSTAINING = "sustaining"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Audience(StrEnum):
    """Teaching for Mastery is for whole schools; SKTM is for individual people (004)."""

    SCHOOL = "school"
    INDIVIDUAL = "individual"


class SktmPathway(StrEnum):
    """SKTM Primary Teachers: one pathway a year, the other may follow the next year (004)."""

    NUMBER = "number"
    SPATIAL_REASONING = "spatial_reasoning"

    @property
    def label(self) -> str:
        return "Number" if self is SktmPathway.NUMBER else "Spatial Reasoning"


class EctPhase(StrEnum):
    """SKTM Primary Early Career Teachers: Phase 2 follows Phase 1 (004)."""

    PHASE_1 = "phase_1"
    PHASE_2 = "phase_2"

    @property
    def label(self) -> str:
        return "Phase 1" if self is EctPhase.PHASE_1 else "Phase 2"


class TaModule(StrEnum):
    """The six SKTM Primary Teaching Assistants modules, three to four hours each (004)."""

    EFFECTIVE_LEARNING_AND_TEACHING = "effective_learning_and_teaching"
    NUMBER_SENSE_1 = "number_sense_1"
    NUMBER_SENSE_2 = "number_sense_2"
    ADDITIVE_REASONING = "additive_reasoning"
    MULTIPLICATIVE_REASONING = "multiplicative_reasoning"
    FRACTIONS = "fractions"

    @property
    def label(self) -> str:
        return _TA_MODULE_TITLES[self]


_TA_MODULE_TITLES = {
    TaModule.EFFECTIVE_LEARNING_AND_TEACHING: (
        "What is effective in the learning and teaching of mathematics?"
    ),
    TaModule.NUMBER_SENSE_1: "Number sense (part 1)",
    TaModule.NUMBER_SENSE_2: "Number sense (part 2)",
    TaModule.ADDITIVE_REASONING: "Additive reasoning",
    TaModule.MULTIPLICATIVE_REASONING: "Multiplicative reasoning",
    TaModule.FRACTIONS: "Fractions",
}

# Each module lasts three to four hours, "but may last longer if delivered online" (004).
TA_MODULE_HOURS = (3, 4)


class ProgrammeType(StrEnum):
    """The kinds of national programme a hub offers; a hub's programme is one of these in a year."""

    PRIMARY_READINESS = "primary_readiness"
    PRIMARY_DEVELOPMENT = "primary_development"
    PRIMARY_EMBEDDING = "primary_embedding"
    PRIMARY_SUSTAINING = "primary_sustaining"
    SECONDARY_DEVELOPMENT = "secondary_development"
    SECONDARY_EMBEDDING = "secondary_embedding"
    SECONDARY_SUSTAINING = "secondary_sustaining"
    SKTM_PRIMARY_TEACHERS_NUMBER = "sktm_primary_teachers_number"
    SKTM_PRIMARY_TEACHERS_SPATIAL_REASONING = "sktm_primary_teachers_spatial_reasoning"
    SKTM_PRIMARY_TEACHING_ASSISTANTS = "sktm_primary_teaching_assistants"
    SKTM_PRIMARY_ECT_PHASE_1 = "sktm_primary_ect_phase_1"
    SKTM_PRIMARY_ECT_PHASE_2 = "sktm_primary_ect_phase_2"

    @property
    def info(self) -> ProgrammeTypeInfo:
        return PROGRAMME_TYPES[self]

    @property
    def label(self) -> str:
        return PROGRAMME_TYPES[self].label

    @property
    def phase(self) -> Phase:
        return PROGRAMME_TYPES[self].phase

    @property
    def audience(self) -> Audience:
        return PROGRAMME_TYPES[self].audience


class Track(StrEnum):
    """A line of programmes that follow one another; `next_steps` works track by track."""

    PRIMARY_MASTERY = "primary_mastery"
    SECONDARY_MASTERY = "secondary_mastery"
    SKTM_PRIMARY_TEACHERS = "sktm_primary_teachers"
    SKTM_PRIMARY_TEACHING_ASSISTANTS = "sktm_primary_teaching_assistants"
    SKTM_PRIMARY_ECTS = "sktm_primary_ects"


@dataclass(frozen=True)
class ProgrammeTypeInfo:
    label: str
    phase: Phase
    track: Track
    audience: Audience
    stage: Stage | None = None
    pathway: SktmPathway | None = None
    ect_phase: EctPhase | None = None
    # Sustaining is "a permanent community, joined year after year" (DOMAIN.md, 003).
    repeatable: bool = False


_P, _S = Phase.PRIMARY, Phase.SECONDARY
_SCHOOL, _PERSON = Audience.SCHOOL, Audience.INDIVIDUAL
_PT = ProgrammeType
PROGRAMME_TYPES: Mapping[ProgrammeType, ProgrammeTypeInfo] = {
    _PT.PRIMARY_READINESS: ProgrammeTypeInfo(
        "Primary Readiness", _P, Track.PRIMARY_MASTERY, _SCHOOL, Stage.READINESS
    ),
    _PT.PRIMARY_DEVELOPMENT: ProgrammeTypeInfo(
        "Primary Development", _P, Track.PRIMARY_MASTERY, _SCHOOL, Stage.DEVELOPMENT
    ),
    _PT.PRIMARY_EMBEDDING: ProgrammeTypeInfo(
        "Primary Embedding", _P, Track.PRIMARY_MASTERY, _SCHOOL, Stage.EMBEDDING
    ),
    _PT.PRIMARY_SUSTAINING: ProgrammeTypeInfo(
        "Primary Sustaining",
        _P,
        Track.PRIMARY_MASTERY,
        _SCHOOL,
        Stage.SUSTAINING,
        repeatable=True,
    ),
    _PT.SECONDARY_DEVELOPMENT: ProgrammeTypeInfo(
        "Secondary Development", _S, Track.SECONDARY_MASTERY, _SCHOOL, Stage.DEVELOPMENT
    ),
    _PT.SECONDARY_EMBEDDING: ProgrammeTypeInfo(
        "Secondary Embedding", _S, Track.SECONDARY_MASTERY, _SCHOOL, Stage.EMBEDDING
    ),
    _PT.SECONDARY_SUSTAINING: ProgrammeTypeInfo(
        "Secondary Sustaining",
        _S,
        Track.SECONDARY_MASTERY,
        _SCHOOL,
        Stage.SUSTAINING,
        repeatable=True,
    ),
    _PT.SKTM_PRIMARY_TEACHERS_NUMBER: ProgrammeTypeInfo(
        "SKTM Primary Teachers: Number",
        _P,
        Track.SKTM_PRIMARY_TEACHERS,
        _PERSON,
        pathway=SktmPathway.NUMBER,
    ),
    _PT.SKTM_PRIMARY_TEACHERS_SPATIAL_REASONING: ProgrammeTypeInfo(
        "SKTM Primary Teachers: Spatial Reasoning",
        _P,
        Track.SKTM_PRIMARY_TEACHERS,
        _PERSON,
        pathway=SktmPathway.SPATIAL_REASONING,
    ),
    _PT.SKTM_PRIMARY_TEACHING_ASSISTANTS: ProgrammeTypeInfo(
        "SKTM Primary Teaching Assistants",
        _P,
        Track.SKTM_PRIMARY_TEACHING_ASSISTANTS,
        _PERSON,
    ),
    _PT.SKTM_PRIMARY_ECT_PHASE_1: ProgrammeTypeInfo(
        "SKTM Primary Early Career Teachers: Phase 1",
        _P,
        Track.SKTM_PRIMARY_ECTS,
        _PERSON,
        ect_phase=EctPhase.PHASE_1,
    ),
    _PT.SKTM_PRIMARY_ECT_PHASE_2: ProgrammeTypeInfo(
        "SKTM Primary Early Career Teachers: Phase 2",
        _P,
        Track.SKTM_PRIMARY_ECTS,
        _PERSON,
        ect_phase=EctPhase.PHASE_2,
    ),
}

_BY_PHASE_AND_STAGE = {
    (info.phase, info.stage): kind for kind, info in PROGRAMME_TYPES.items() if info.stage
}
_BY_PATHWAY = {info.pathway: kind for kind, info in PROGRAMME_TYPES.items() if info.pathway}


class UnknownJourneyStep(ValueError):
    """A phase and stage the journey does not have, such as secondary readiness."""


def programme_type_for(phase: Phase, stage: Stage) -> ProgrammeType:
    try:
        return _BY_PHASE_AND_STAGE[(phase, stage)]
    except KeyError:
        raise UnknownJourneyStep(
            f"There is no {phase.value} {stage.value} stage; secondary schools start at "
            "development."
        ) from None


def programme_type_for_pathway(pathway: SktmPathway) -> ProgrammeType:
    return _BY_PATHWAY[pathway]


# Where each track starts: primary schools at Readiness (optional) or Development (004),
# secondary schools at Development (001, 002).
STARTING_POINTS: Mapping[Track, frozenset[ProgrammeType]] = {
    Track.PRIMARY_MASTERY: frozenset({_PT.PRIMARY_READINESS, _PT.PRIMARY_DEVELOPMENT}),
    Track.SECONDARY_MASTERY: frozenset({_PT.SECONDARY_DEVELOPMENT}),
    Track.SKTM_PRIMARY_TEACHERS: frozenset(
        {_PT.SKTM_PRIMARY_TEACHERS_NUMBER, _PT.SKTM_PRIMARY_TEACHERS_SPATIAL_REASONING}
    ),
    Track.SKTM_PRIMARY_TEACHING_ASSISTANTS: frozenset({_PT.SKTM_PRIMARY_TEACHING_ASSISTANTS}),
    Track.SKTM_PRIMARY_ECTS: frozenset({_PT.SKTM_PRIMARY_ECT_PHASE_1}),
}

# What may follow what. Sustaining is open after Development with or without Embedding
# ("might have received support for embedding", 003, 004; secondary: 001 asks only for a
# Development Work Group). Sustaining follows itself year after year.
MAY_FOLLOW: Mapping[ProgrammeType, frozenset[ProgrammeType]] = {
    _PT.PRIMARY_READINESS: frozenset({_PT.PRIMARY_DEVELOPMENT}),
    _PT.PRIMARY_DEVELOPMENT: frozenset({_PT.PRIMARY_EMBEDDING, _PT.PRIMARY_SUSTAINING}),
    _PT.PRIMARY_EMBEDDING: frozenset({_PT.PRIMARY_SUSTAINING}),
    _PT.PRIMARY_SUSTAINING: frozenset({_PT.PRIMARY_SUSTAINING}),
    _PT.SECONDARY_DEVELOPMENT: frozenset({_PT.SECONDARY_EMBEDDING, _PT.SECONDARY_SUSTAINING}),
    _PT.SECONDARY_EMBEDDING: frozenset({_PT.SECONDARY_SUSTAINING}),
    _PT.SECONDARY_SUSTAINING: frozenset({_PT.SECONDARY_SUSTAINING}),
    _PT.SKTM_PRIMARY_TEACHERS_NUMBER: frozenset({_PT.SKTM_PRIMARY_TEACHERS_SPATIAL_REASONING}),
    _PT.SKTM_PRIMARY_TEACHERS_SPATIAL_REASONING: frozenset({_PT.SKTM_PRIMARY_TEACHERS_NUMBER}),
    _PT.SKTM_PRIMARY_TEACHING_ASSISTANTS: frozenset(),
    _PT.SKTM_PRIMARY_ECT_PHASE_1: frozenset({_PT.SKTM_PRIMARY_ECT_PHASE_2}),
    _PT.SKTM_PRIMARY_ECT_PHASE_2: frozenset(),
}


def may_follow(previous: ProgrammeType | None, following: ProgrammeType) -> bool:
    """Whether `following` may come after `previous` (None: nothing taken yet on its track)."""
    if previous is None:
        return following in STARTING_POINTS[following.info.track]
    return following in MAY_FOLLOW[previous]


class ParticipationOutcome(StrEnum):
    TAKING_PART = "taking_part"
    COMPLETED = "completed"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class Participation:
    """A school's (or, for SKTM, a person's) year on one programme."""

    programme_type: ProgrammeType
    academic_year: AcademicYear
    outcome: ParticipationOutcome = ParticipationOutcome.COMPLETED

    @property
    def counts(self) -> bool:
        # A school that withdrew gave its place back; a hub would not hold that year against it
        # ("only once", 004) nor count it as the Development year a later stage needs.
        return self.outcome is not ParticipationOutcome.WITHDRAWN


_JOURNEY_ORDER = list(ProgrammeType)


def next_steps(
    history: Iterable[Participation],
    *,
    phases: Collection[Phase],
    audience: Audience = Audience.SCHOOL,
    under_way: Collection[ProgrammeType] = (),
) -> tuple[ProgrammeType, ...]:
    """The programmes the journey allows next, for a school or person of the given phases.
    What is `under_way` (selected for it, or in its Work Group, now) counts as reached: the
    journey goes on from it, and offers it again only when it may be repeated (Sustaining)."""
    taken = {p.programme_type for p in history if p.counts} | set(under_way)
    allowed: set[ProgrammeType] = set()
    for track, starts in STARTING_POINTS.items():
        members = {t for t in PROGRAMME_TYPES if t.info.track is track}
        first = next(iter(starts))
        if first.phase not in phases or first.audience is not audience:
            continue
        done = taken & members
        if not done:
            allowed |= starts
            continue
        # The journey goes forward from the furthest step reached (a school in Sustaining is not
        # offered Embedding); ProgrammeType lists each track's steps in journey order.
        furthest = max(done, key=_JOURNEY_ORDER.index)
        allowed |= {t for t in MAY_FOLLOW[furthest] if t.info.repeatable or t not in done}
    return tuple(
        t for t in ProgrammeType if t in allowed and (t.info.repeatable or t not in under_way)
    )


_PROJECT_CODE = re.compile(r"^NCP(\d{2})-(\d{2})$")


class InvalidProjectCode(ValueError):
    """Text that is not a national project code shaped NCP<yy>-<nn>."""


@dataclass(frozen=True, order=True)
class ProjectCode:
    """A national collaborative project code: NCP21-11 is a project of 2021/22 (003)."""

    year: int  # two digits, the year the academic year starts
    number: int

    @classmethod
    def parse(cls, text: str) -> ProjectCode:
        match = _PROJECT_CODE.match(text.strip().upper())
        if match is None:
            raise InvalidProjectCode(f"{text!r} is not a project code like NCP21-11")
        return cls(int(match.group(1)), int(match.group(2)))

    @property
    def academic_year(self) -> AcademicYear:
        # The codes began in the 2010s, so two digits always mean 20yy.
        return AcademicYear(2000 + self.year)

    def __str__(self) -> str:
        return f"NCP{self.year:02d}-{self.number:02d}"
