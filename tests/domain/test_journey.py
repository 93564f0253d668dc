"""The mastery journey: what may follow what, next steps, SKTM, project codes."""

from __future__ import annotations

import pytest

from api.domain.academic_year import AcademicYear
from api.domain.journey import (
    MAY_FOLLOW,
    PROGRAMME_TYPES,
    Audience,
    EctPhase,
    InvalidProjectCode,
    ParticipationOutcome,
    Phase,
    ProgrammeType,
    ProjectCode,
    SktmPathway,
    Stage,
    TaModule,
    UnknownJourneyStep,
    may_follow,
    next_steps,
    programme_type_for,
)
from tests.domain.factories import took_part

PT = ProgrammeType
PRIMARY = {Phase.PRIMARY}


@pytest.mark.parametrize(
    ("previous", "following", "allowed"),
    [
        (None, PT.PRIMARY_READINESS, True),
        (None, PT.PRIMARY_DEVELOPMENT, True),
        (None, PT.PRIMARY_EMBEDDING, False),
        (None, PT.SECONDARY_DEVELOPMENT, True),
        (None, PT.SECONDARY_SUSTAINING, False),
        (PT.PRIMARY_READINESS, PT.PRIMARY_DEVELOPMENT, True),
        (PT.PRIMARY_READINESS, PT.PRIMARY_EMBEDDING, False),
        (PT.PRIMARY_DEVELOPMENT, PT.PRIMARY_EMBEDDING, True),
        (PT.PRIMARY_DEVELOPMENT, PT.PRIMARY_SUSTAINING, True),
        (PT.PRIMARY_DEVELOPMENT, PT.PRIMARY_DEVELOPMENT, False),
        (PT.PRIMARY_EMBEDDING, PT.PRIMARY_SUSTAINING, True),
        (PT.PRIMARY_SUSTAINING, PT.PRIMARY_SUSTAINING, True),
        (PT.SECONDARY_DEVELOPMENT, PT.SECONDARY_EMBEDDING, True),
        (PT.SECONDARY_EMBEDDING, PT.SECONDARY_SUSTAINING, True),
        (PT.PRIMARY_DEVELOPMENT, PT.SECONDARY_EMBEDDING, False),
        (None, PT.SKTM_PRIMARY_ECT_PHASE_1, True),
        (None, PT.SKTM_PRIMARY_ECT_PHASE_2, False),
        (PT.SKTM_PRIMARY_ECT_PHASE_1, PT.SKTM_PRIMARY_ECT_PHASE_2, True),
        (PT.SKTM_PRIMARY_TEACHERS_NUMBER, PT.SKTM_PRIMARY_TEACHERS_SPATIAL_REASONING, True),
        (PT.SKTM_PRIMARY_TEACHERS_SPATIAL_REASONING, PT.SKTM_PRIMARY_TEACHERS_NUMBER, True),
    ],
)
def test_what_may_follow_what(previous: PT | None, following: PT, allowed: bool) -> None:
    assert may_follow(previous, following) is allowed


def test_every_programme_type_has_its_facts_and_a_next_step_table() -> None:
    assert set(PROGRAMME_TYPES) == set(PT) == set(MAY_FOLLOW)
    for kind in PT:
        assert kind.info.phase is kind.phase
        assert kind.label.startswith(("Primary", "Secondary", "SKTM Primary"))
        assert kind.audience is (Audience.SCHOOL if kind.info.stage else Audience.INDIVIDUAL)


@pytest.mark.parametrize(
    ("history", "phases", "audience", "expected"),
    [
        ((), PRIMARY, Audience.SCHOOL, (PT.PRIMARY_READINESS, PT.PRIMARY_DEVELOPMENT)),
        (
            (),
            {Phase.PRIMARY, Phase.SECONDARY},
            Audience.SCHOOL,
            (PT.PRIMARY_READINESS, PT.PRIMARY_DEVELOPMENT, PT.SECONDARY_DEVELOPMENT),
        ),
        (
            (took_part(PT.PRIMARY_READINESS, 2020), took_part(PT.PRIMARY_DEVELOPMENT, 2021)),
            PRIMARY,
            Audience.SCHOOL,
            (PT.PRIMARY_EMBEDDING, PT.PRIMARY_SUSTAINING),
        ),
        (
            (took_part(PT.PRIMARY_DEVELOPMENT, 2021), took_part(PT.PRIMARY_EMBEDDING, 2022)),
            PRIMARY,
            Audience.SCHOOL,
            (PT.PRIMARY_SUSTAINING,),
        ),
        (
            (took_part(PT.PRIMARY_DEVELOPMENT, 2019), took_part(PT.PRIMARY_SUSTAINING, 2020)),
            PRIMARY,
            Audience.SCHOOL,
            (PT.PRIMARY_SUSTAINING,),
        ),
        (
            (took_part(PT.PRIMARY_DEVELOPMENT, 2022, ParticipationOutcome.WITHDRAWN),),
            PRIMARY,
            Audience.SCHOOL,
            (PT.PRIMARY_READINESS, PT.PRIMARY_DEVELOPMENT),
        ),
        (
            (),
            PRIMARY,
            Audience.INDIVIDUAL,
            (
                PT.SKTM_PRIMARY_TEACHERS_NUMBER,
                PT.SKTM_PRIMARY_TEACHERS_SPATIAL_REASONING,
                PT.SKTM_PRIMARY_TEACHING_ASSISTANTS,
                PT.SKTM_PRIMARY_ECT_PHASE_1,
            ),
        ),
        (
            (
                took_part(PT.SKTM_PRIMARY_TEACHERS_NUMBER, 2021),
                took_part(PT.SKTM_PRIMARY_ECT_PHASE_1, 2021),
                took_part(PT.SKTM_PRIMARY_TEACHING_ASSISTANTS, 2020),
            ),
            PRIMARY,
            Audience.INDIVIDUAL,
            (PT.SKTM_PRIMARY_TEACHERS_SPATIAL_REASONING, PT.SKTM_PRIMARY_ECT_PHASE_2),
        ),
        (
            (
                took_part(PT.SKTM_PRIMARY_TEACHERS_NUMBER, 2021),
                took_part(PT.SKTM_PRIMARY_TEACHERS_SPATIAL_REASONING, 2022),
                took_part(PT.SKTM_PRIMARY_ECT_PHASE_1, 2021),
                took_part(PT.SKTM_PRIMARY_ECT_PHASE_2, 2022),
                took_part(PT.SKTM_PRIMARY_TEACHING_ASSISTANTS, 2020),
            ),
            PRIMARY,
            Audience.INDIVIDUAL,
            (),
        ),
    ],
)
def test_next_steps(
    history: tuple[object, ...], phases: set[Phase], audience: Audience, expected: tuple[PT, ...]
) -> None:
    assert next_steps(history, phases=phases, audience=audience) == expected  # type: ignore[arg-type]


def test_programme_type_for_a_phase_and_stage() -> None:
    assert programme_type_for(Phase.SECONDARY, Stage.SUSTAINING) is PT.SECONDARY_SUSTAINING
    with pytest.raises(UnknownJourneyStep, match="secondary readiness"):
        programme_type_for(Phase.SECONDARY, Stage.READINESS)


def test_labels() -> None:
    assert [s.label for s in Stage] == ["Readiness", "Development", "Embedding", "Sustaining"]
    assert Phase.SECONDARY.label == "Secondary"
    assert [p.label for p in SktmPathway] == ["Number", "Spatial Reasoning"]
    assert [p.label for p in EctPhase] == ["Phase 1", "Phase 2"]
    assert len(TaModule) == 6
    assert TaModule.NUMBER_SENSE_2.label == "Number sense (part 2)"
    assert TaModule.EFFECTIVE_LEARNING_AND_TEACHING.label.endswith("mathematics?")


@pytest.mark.parametrize(
    ("text", "year", "shown"),
    [("NCP21-11", "2021/22", "NCP21-11"), ("ncp24-14 ", "2024/25", "NCP24-14")],
)
def test_project_codes_name_their_year(text: str, year: str, shown: str) -> None:
    code = ProjectCode.parse(text)
    assert code.academic_year == AcademicYear.parse(year)
    assert str(code) == shown


@pytest.mark.parametrize("text", ["NCP2-11", "NCX21-11", "NCP21_11", ""])
def test_project_codes_are_checked(text: str) -> None:
    with pytest.raises(InvalidProjectCode):
        ProjectCode.parse(text)


def test_what_is_under_way_counts_as_reached_and_is_offered_again_only_if_repeatable() -> None:
    # In a Development group now: not offered Development again; Embedding and Sustaining follow.
    assert next_steps((), phases=PRIMARY, under_way={PT.PRIMARY_DEVELOPMENT}) == (
        PT.PRIMARY_EMBEDDING,
        PT.PRIMARY_SUSTAINING,
    )
    # In a Sustaining group now: Sustaining may be taken again next year.
    done = (took_part(PT.PRIMARY_DEVELOPMENT, 2019),)
    assert PT.PRIMARY_SUSTAINING in next_steps(
        done,  # type: ignore[arg-type]
        phases=PRIMARY,
        under_way={PT.PRIMARY_SUSTAINING},
    )
