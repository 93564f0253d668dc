"""What a new programme of each kind starts with, before the hub writes its own offer.

Read from DOMAIN.md ("Eligibility rules", "Grants and funding", "Work Groups and sessions") and
the documents it cites: the rules and commitments of `catalogue.DOCUMENTED_RULES`, the session
pattern, the funding, the application form and the bounds of each Work Group. A hub changes any
of it; where the documents are silent the default is empty (no sessions, no grant) rather than
invented. Values are the words the catalogue stores (its session kinds, grant purposes and
audiences), so that the shell passes them through unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from api.domain.catalogue import (
    PRIMARY_DEVELOPMENT_COMMITMENTS,
    PRIMARY_EMBEDDING_COMMITMENTS,
    SECONDARY_DEVELOPMENT_COMMITMENTS,
    default_rules,
)
from api.domain.journey import (
    MIN_RELEASE_DAYS_PRIMARY_DEVELOPMENT,
    TA_MODULE_HOURS,
    Phase,
    ProgrammeType,
)
from api.domain.wording import number_word
from api.domain.work_groups import LONDON, Bounds, default_bounds

# Applications close at the end of the closing date in England (000: "by Friday 18 May 2018").
CLOSING_TIME = time(23, 59, 59)


def closes_at(closing_date: date) -> datetime:
    """The moment applications close: 23:59:59 in England on the closing date, with that day's
    offset (+00:00 in winter, +01:00 in summer), for systems that do not know the rule."""
    return datetime.combine(closing_date, CLOSING_TIME, tzinfo=LONDON)


@dataclass(frozen=True)
class SessionPattern:
    """`count` sessions of a kind: one line of a programme's session plan."""

    count: int
    kind: str
    length: str | None = None
    hours: float | None = None
    format: str = "in_person"
    note: str | None = None


@dataclass(frozen=True)
class GrantDefault:
    kind: str  # "fixed", or "matched": the hub pays what the school spends, up to the amount
    purpose: str  # "release_time", "textbooks" or "other"
    amount_pence: int
    description: str | None = None


@dataclass(frozen=True)
class FormDefaults:
    """What the expression of interest asks for (002): whom the school names, how many."""

    participant_role: str = "teacher"
    participants_min: int = 1
    participants_max: int = 2
    head_of_department: bool = False
    statement_word_limit: int | None = None


@dataclass(frozen=True)
class Places:
    places: int
    unit: str  # "schools" or "participants"


@dataclass(frozen=True)
class ProgrammeDefaults:
    programme_type: ProgrammeType
    stage: str  # the catalogue's stage; "specialist_knowledge" for SKTM
    audience: str  # the catalogue's audience
    commitments: tuple[str, ...] = ()
    session_plan: tuple[SessionPattern, ...] = ()
    time_commitment: str | None = None
    grants: tuple[GrantDefault, ...] = ()
    form: FormDefaults = FormDefaults()

    @property
    def label(self) -> str:
        return self.programme_type.label

    @property
    def phase(self) -> Phase:
        return self.programme_type.phase

    @property
    def eligibility_rules(self) -> list[dict[str, Any]]:
        """The documented rules, the signatories confirming this programme's commitments."""
        return default_rules(self.programme_type, self.commitments)

    @property
    def bounds(self) -> Bounds:
        """Each Work Group's bounds: a group of this kind starts with them."""
        return default_bounds(self.programme_type.value)

    @property
    def capacity(self) -> Places | None:
        """Places for one Work Group, where the documents bound a group; a hub running more
        groups raises it."""
        bounds = self.bounds
        if bounds.max_schools is not None:
            return Places(bounds.max_schools, "schools")
        if bounds.max_participants is not None:
            return Places(bounds.max_participants, "participants")
        return None


# £1000 towards release time: Primary Development 2023/24 (004), Secondary Sustaining (001).
_RELEASE_TIME_PENCE = 100_000
_PT = ProgrammeType
_SKTM = "specialist_knowledge"
# SKTM "over the equivalent of four days" (004).
_FOUR_DAYS = "The equivalent of four days across the academic year."

DEFAULTS: dict[ProgrammeType, ProgrammeDefaults] = {
    # Readiness is optional and the documents describe no offer of it.
    _PT.PRIMARY_READINESS: ProgrammeDefaults(_PT.PRIMARY_READINESS, "readiness", "schools"),
    _PT.PRIMARY_DEVELOPMENT: ProgrammeDefaults(
        _PT.PRIMARY_DEVELOPMENT,
        "development",
        "schools",
        commitments=PRIMARY_DEVELOPMENT_COMMITMENTS,
        # Two teachers from each school attend six half-day meetings (004).
        session_plan=(
            SessionPattern(
                6,
                "trg_meeting",
                "half_day",
                note="Cross-school Work Group meetings with the Mastery Specialist.",
            ),
        ),
        time_commitment=(
            f"A minimum of {number_word(MIN_RELEASE_DAYS_PRIMARY_DEVELOPMENT)} combined days' "
            "release time "
            "for the lead participants, including the meetings."
        ),
        grants=(
            GrantDefault(
                "fixed",
                "release_time",
                _RELEASE_TIME_PENCE,
                "£1000 towards the cost of the required teacher release time.",
            ),
        ),
        # Two teachers each (000, 004): the rules ask for two.
        form=FormDefaults(participants_min=2, participants_max=2),
    ),
    _PT.PRIMARY_EMBEDDING: ProgrammeDefaults(
        _PT.PRIMARY_EMBEDDING,
        "embedding",
        "schools",
        commitments=PRIMARY_EMBEDDING_COMMITMENTS,
        session_plan=(
            SessionPattern(
                6, "trg_meeting", "half_day", format="blended", note="Some may be webinars."
            ),
            SessionPattern(1, "school_visit", "half_day"),
            SessionPattern(
                3,
                "head_teacher_update",
                "short",
                format="online",
                note="Short updates for the head teacher, likely webinars.",
            ),
        ),
        # "Preferably two teachers" (004).
        form=FormDefaults(participants_min=1, participants_max=2),
    ),
    _PT.PRIMARY_SUSTAINING: ProgrammeDefaults(
        _PT.PRIMARY_SUSTAINING,
        "sustaining",
        "schools",
        commitments=(
            "The school commits to the full academic year's programme of six workshops, as well "
            "as classroom and school-based activity.",
        ),
        session_plan=(
            SessionPattern(
                6,
                "workshop",
                format="blended",
                note="Hosted in turn by different schools; the first at the Mastery "
                "Specialist's school.",
            ),
        ),
        # One lead participant per school, normally the maths lead (003, 004).
        form=FormDefaults(participant_role="maths_lead", participants_min=1, participants_max=1),
    ),
    _PT.SECONDARY_DEVELOPMENT: ProgrammeDefaults(
        _PT.SECONDARY_DEVELOPMENT,
        "development",
        "schools",
        commitments=SECONDARY_DEVELOPMENT_COMMITMENTS,
        session_plan=(
            SessionPattern(
                4,
                "trg_meeting",
                "half_day",
                note="One per half-term from January to July, normally at the Mastery "
                "Specialist's school.",
            ),
        ),
        # Ideally two teachers; the head of department also signs, and writes about 150
        # words on why the department takes part (002).
        form=FormDefaults(
            participants_min=1,
            participants_max=2,
            head_of_department=True,
            statement_word_limit=150,
        ),
    ),
    # Mastery Advocates, designated in a Development Work Group (001).
    _PT.SECONDARY_EMBEDDING: ProgrammeDefaults(
        _PT.SECONDARY_EMBEDDING,
        "embedding",
        "mastery_advocates",
        form=FormDefaults(participant_role="mastery_advocate"),
    ),
    _PT.SECONDARY_SUSTAINING: ProgrammeDefaults(
        _PT.SECONDARY_SUSTAINING,
        "sustaining",
        "mastery_advocates",
        grants=(
            GrantDefault(
                "fixed",
                "release_time",
                _RELEASE_TIME_PENCE,
                "£1000 towards the cost of releasing teachers.",
            ),
        ),
        form=FormDefaults(participant_role="mastery_advocate"),
    ),
    _PT.SKTM_PRIMARY_TEACHERS_NUMBER: ProgrammeDefaults(
        _PT.SKTM_PRIMARY_TEACHERS_NUMBER, _SKTM, "teachers", time_commitment=_FOUR_DAYS
    ),
    _PT.SKTM_PRIMARY_TEACHERS_SPATIAL_REASONING: ProgrammeDefaults(
        _PT.SKTM_PRIMARY_TEACHERS_SPATIAL_REASONING, _SKTM, "teachers", time_commitment=_FOUR_DAYS
    ),
    _PT.SKTM_PRIMARY_TEACHING_ASSISTANTS: ProgrammeDefaults(
        _PT.SKTM_PRIMARY_TEACHING_ASSISTANTS,
        _SKTM,
        "teaching_assistants",
        # Six modules of three to four hours each (004).
        session_plan=(
            SessionPattern(
                6,
                "module",
                "hours",
                hours=sum(TA_MODULE_HOURS) / len(TA_MODULE_HOURS),
                format="blended",
                note="Each lasts three to four hours; longer if delivered online.",
            ),
        ),
        time_commitment=_FOUR_DAYS,
        form=FormDefaults(participant_role="teaching_assistant"),
    ),
    _PT.SKTM_PRIMARY_ECT_PHASE_1: ProgrammeDefaults(
        _PT.SKTM_PRIMARY_ECT_PHASE_1,
        _SKTM,
        "early_career_teachers",
        form=FormDefaults(participant_role="early_career_teacher"),
    ),
    _PT.SKTM_PRIMARY_ECT_PHASE_2: ProgrammeDefaults(
        _PT.SKTM_PRIMARY_ECT_PHASE_2,
        _SKTM,
        "early_career_teachers",
        form=FormDefaults(participant_role="early_career_teacher"),
    ),
}


def programme_defaults(programme_type: ProgrammeType) -> ProgrammeDefaults:
    return DEFAULTS[programme_type]


def every_programme_defaults() -> tuple[ProgrammeDefaults, ...]:
    """One for each kind of programme, in journey order."""
    return tuple(DEFAULTS[kind] for kind in ProgrammeType)
