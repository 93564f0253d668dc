"""Completing a Work Group's year, and which schools carry on into next year's group."""

from __future__ import annotations

from datetime import date

import pytest

from api.domain.academic_year import AcademicYear
from api.domain.applicants import Role
from api.domain.continuation import (
    CannotComplete,
    CannotContinue,
    Member,
    check_completion,
    check_continuation,
    continuation_rules,
)
from api.domain.eligibility import Programme
from api.domain.journey import ParticipationOutcome, ProgrammeType, Stage
from api.domain.rules import (
    ApplicationWindow,
    CommitmentsConfirmed,
    NeverTookPart,
    PeopleNamed,
    PhaseOfEducation,
    StateFundedSchoolInEngland,
    TookPartBefore,
)
from tests.domain.factories import NOW, make_applicant, make_school, took_part

PT = ProgrammeType
Y2223 = AcademicYear(2022)
Y2324 = AcademicYear(2023)


def embedding(year: AcademicYear = Y2324) -> Programme:
    return Programme(
        PT.PRIMARY_EMBEDDING,
        year,
        (
            StateFundedSchoolInEngland(),
            TookPartBefore(stage=Stage.DEVELOPMENT),
            NeverTookPart(stage=Stage.EMBEDDING),
            ApplicationWindow(date(2023, 5, 1)),
            PeopleNamed(((Role.HEAD_TEACHER, 1),)),
            CommitmentsConfirmed(("Release two teachers",), (Role.HEAD_TEACHER,)),
        ),
    )


def member(urn: str, *history: tuple[PT, int], **school: str) -> Member:
    return Member(
        make_applicant(school=make_school(urn=urn, name=f"School {urn}", **school)),
        [took_part(kind, year) for kind, year in history],
    )


def test_a_group_completes_once_and_only_after_its_last_session() -> None:
    check_completion(completed_on=None, last_session_on=date(2023, 7, 10), today=date(2023, 7, 10))
    check_completion(completed_on=None, last_session_on=None, today=date(2023, 7, 10))
    with pytest.raises(CannotComplete, match="still has a session on 2023-07-11"):
        check_completion(
            completed_on=None, last_session_on=date(2023, 7, 11), today=date(2023, 7, 10)
        )
    with pytest.raises(CannotComplete, match="completed on 2023-07-01"):
        check_completion(
            completed_on=date(2023, 7, 1), last_session_on=None, today=date(2023, 8, 1)
        )


def test_a_continuing_school_fills_in_no_form_so_form_rules_are_not_asked() -> None:
    kinds = [rule.kind for rule in continuation_rules(embedding()).rules]
    assert kinds == ["state_funded_school_in_england", "took_part_before", "never_took_part"]


def test_development_schools_carry_on_into_embedding_each_checked() -> None:
    verdicts = check_continuation(
        PT.PRIMARY_DEVELOPMENT,
        Y2223,
        embedding(),
        [
            member("100001", (PT.PRIMARY_DEVELOPMENT, 2022)),
            # Became independent during the year: no longer state-funded.
            member(
                "100002",
                (PT.PRIMARY_DEVELOPMENT, 2022),
                type_group="Independent schools",
                type_of_establishment="Other independent school",
            ),
            # Had Embedding support before, years ago.
            member("100003", (PT.PRIMARY_DEVELOPMENT, 2018), (PT.PRIMARY_EMBEDDING, 2019)),
        ],
        now=NOW.replace(year=2023, month=8),
    )
    by_urn = {v.urn: v for v in verdicts}
    assert by_urn["100001"].continues
    assert by_urn["100001"].reasons == ()
    assert not by_urn["100002"].continues
    assert "state-funded" in by_urn["100002"].reasons[0]
    assert not by_urn["100003"].continues
    assert any("journey does not lead to Primary Embedding" in r for r in by_urn["100003"].reasons)


def test_a_withdrawn_development_year_does_not_lead_on() -> None:
    withdrawn = Member(
        make_applicant(school=make_school(urn="100004")),
        [took_part(PT.PRIMARY_DEVELOPMENT, 2022, ParticipationOutcome.WITHDRAWN)],
    )
    (verdict,) = check_continuation(
        PT.PRIMARY_DEVELOPMENT, Y2223, embedding(), [withdrawn], now=NOW
    )
    assert not verdict.continues
    assert len(verdict.reasons) == 2  # the rule and the journey both say no


def test_facts_gias_lacks_are_left_for_the_hub_to_check() -> None:
    target = Programme(PT.PRIMARY_EMBEDDING, Y2324, (PhaseOfEducation(),))
    (verdict,) = check_continuation(
        PT.PRIMARY_DEVELOPMENT,
        Y2223,
        target,
        [member("100005", (PT.PRIMARY_DEVELOPMENT, 2022), phase="Not applicable")],
        now=NOW,
    )
    assert verdict.continues
    assert "the hub will check" in verdict.to_check[0]


def test_sustaining_follows_itself_year_after_year() -> None:
    sustaining = Programme(PT.PRIMARY_SUSTAINING, Y2324, (TookPartBefore(stage=Stage.DEVELOPMENT),))
    (verdict,) = check_continuation(
        PT.PRIMARY_SUSTAINING,
        Y2223,
        sustaining,
        [member("100006", (PT.PRIMARY_DEVELOPMENT, 2019), (PT.PRIMARY_SUSTAINING, 2022))],
        now=NOW,
    )
    assert verdict.continues


@pytest.mark.parametrize(
    ("previous", "target", "message"),
    [
        (PT.PRIMARY_EMBEDDING, embedding(), "does not follow Primary Embedding"),
        (PT.PRIMARY_DEVELOPMENT, embedding(AcademicYear(2024)), "must be for 2023/24, not 2024/25"),
        (
            PT.SKTM_PRIMARY_ECT_PHASE_1,
            Programme(PT.SKTM_PRIMARY_ECT_PHASE_2, Y2324, ()),
            "individual people",
        ),
    ],
)
def test_what_cannot_follow_at_all(previous: PT, target: Programme, message: str) -> None:
    with pytest.raises(CannotContinue, match=message):
        check_continuation(previous, Y2223, target, [], now=NOW)
