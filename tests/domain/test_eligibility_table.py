"""Every row of DOMAIN.md's eligibility table, through the documented rule sets (catalogue.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from api.domain.academic_year import AcademicYear
from api.domain.applicants import Applicant, Role
from api.domain.catalogue import (
    PRIMARY_DEVELOPMENT_COMMITMENTS,
    PRIMARY_EMBEDDING_COMMITMENTS,
    SECONDARY_DEVELOPMENT_COMMITMENTS,
    documented_programme,
)
from api.domain.eligibility import Decision, Outcome, RuleResult, check_eligibility
from api.domain.journey import Participation, ParticipationOutcome, ProgrammeType
from api.domain.priority import Candidate, rank
from tests.domain.factories import NOW, make_applicant, make_person, make_school, took_part

LONDON = ZoneInfo("Europe/London")
PT = ProgrammeType
TAKING_PART = ParticipationOutcome.TAKING_PART
HEAD = make_person(id="head", name="Pat Head", role=Role.HEAD_TEACHER)
T1 = make_person(id="t1", name="Ali Khan")
T2 = make_person(id="t2", name="Bo Chan")


def decide(
    kind: PT,
    applicant: Applicant,
    history: tuple[Participation, ...] = (),
    *,
    year: int = 2023,
    closes_on: date = date(2023, 5, 19),
    now: datetime = NOW,
) -> Decision:
    programme = documented_programme(kind, AcademicYear(year), closes_on=closes_on)
    return check_eligibility(programme, applicant, history, now=now)


def result(decision: Decision, kind: str) -> RuleResult:
    (found,) = [r for r in decision.results if r.kind == kind]
    return found


def confirmed_by(people: tuple[Any, ...], commitments: tuple[str, ...]) -> frozenset[Any]:
    return frozenset((p.id, c) for p in people for c in commitments)


# Primary Development: "state-funded primary schools in England" (004).
@pytest.mark.parametrize(
    ("school", "kind", "code", "reason"),
    [
        (
            make_school(),
            "state_funded_school_in_england",
            "state_funded_in_england",
            "Your school is a state-funded school in England.",
        ),
        (
            make_school(
                type_group="Independent schools", type_of_establishment="Other independent school"
            ),
            "state_funded_school_in_england",
            "not_state_funded",
            "This programme is for state-funded schools in England; Example School is an "
            "independent school.",
        ),
        (
            make_school(type_group="Welsh schools", type_of_establishment="Welsh establishment"),
            "state_funded_school_in_england",
            "not_in_england",
            "This programme is for state-funded schools in England; Example School is in Wales.",
        ),
        (
            make_school(status="Closed"),
            "state_funded_school_in_england",
            "school_not_open",
            "This programme is for schools that are open; GIAS lists Example School as closed.",
        ),
        (
            make_school(phase="Secondary"),
            "phase_of_education",
            "wrong_phase",
            "This programme is for primary schools; Example School is a secondary school.",
        ),
        (
            make_school(phase="Middle deemed secondary"),
            "phase_of_education",
            "phase_matches",
            "This programme is for primary schools; your school is a middle school (deemed "
            "secondary), which teaches primary-age pupils.",
        ),
    ],
)
def test_primary_development_is_for_state_funded_primary_schools_in_england(
    school: Any, kind: str, code: str, reason: str
) -> None:
    found = result(decide(PT.PRIMARY_DEVELOPMENT, make_applicant(school=school)), kind)
    assert (found.code, found.reason) == (code, reason)
    assert found.passed is (code in ("state_funded_in_england", "phase_matches"))


# Primary Development: "a school can take part only once" (004).
def test_primary_development_only_once() -> None:
    decision = decide(
        PT.PRIMARY_DEVELOPMENT, make_applicant(), (took_part(PT.PRIMARY_DEVELOPMENT, 2019),)
    )
    found = result(decision, "never_took_part")
    assert found.outcome is Outcome.FAILED
    assert found.reason == (
        "A school can take part in Primary Development only once; your school took part in 2019/20."
    )
    assert not decision.eligible
    assert not decision.may_apply


def test_a_withdrawal_does_not_use_up_the_one_go() -> None:
    withdrawn = took_part(PT.PRIMARY_DEVELOPMENT, 2022, ParticipationOutcome.WITHDRAWN)
    found = result(
        decide(PT.PRIMARY_DEVELOPMENT, make_applicant(), (withdrawn,)), "never_took_part"
    )
    assert found.code == "not_taken_part_before"
    assert found.passed


# Primary Development (2018): committed to TfM, capacity over two years; schools already
# engaging with TfM are prioritised, a ranking and not a bar (000).
@pytest.mark.parametrize(
    ("confirmed", "code"),
    [
        (confirmed_by((HEAD,), PRIMARY_DEVELOPMENT_COMMITMENTS), "commitments_confirmed"),
        (confirmed_by((HEAD,), PRIMARY_DEVELOPMENT_COMMITMENTS[:1]), "commitments_not_confirmed"),
    ],
)
def test_primary_development_2018_needs_commitment_and_capacity(
    confirmed: frozenset[Any], code: str
) -> None:
    applicant = make_applicant(people=(HEAD, T1, T2), confirmed=confirmed)
    decision = decide(
        PT.PRIMARY_DEVELOPMENT,
        applicant,
        year=2018,
        closes_on=date(2018, 5, 18),
        now=datetime(2018, 5, 4, tzinfo=UTC),
    )
    assert result(decision, "commitments_confirmed").code == code
    assert decision.eligible is (code == "commitments_confirmed")


def test_primary_development_2018_prioritises_schools_engaging_with_tfm() -> None:
    early = datetime(2018, 5, 1, tzinfo=UTC)
    late = datetime(2018, 5, 17, tzinfo=UTC)
    first_come = Candidate("a1", "100001", early, engaging_with_tfm=False)
    engaging = Candidate("a2", "100002", late, engaging_with_tfm=True)
    assert [r.candidate for r in rank([first_come, engaging])] == [engaging, first_come]


# Primary Embedding: took part in Development; the lead teacher already uses mastery
# approaches; the head teacher and leadership team are involved (004).
@pytest.mark.parametrize(
    ("history", "confirmed", "eligible", "codes"),
    [
        (
            (took_part(PT.PRIMARY_DEVELOPMENT, 2022, TAKING_PART),),
            confirmed_by((HEAD,), PRIMARY_EMBEDDING_COMMITMENTS),
            True,
            ("took_part_before", "commitments_confirmed", "window_open"),
        ),
        (
            (),
            confirmed_by((HEAD,), PRIMARY_EMBEDDING_COMMITMENTS),
            False,
            ("not_taken_part_before", "commitments_confirmed", "window_open"),
        ),
        (
            (took_part(PT.PRIMARY_DEVELOPMENT, 2021),),
            frozenset(),
            False,
            ("took_part_before", "commitments_not_confirmed", "window_open"),
        ),
    ],
)
def test_primary_embedding_follows_development_with_leadership_involved(
    history: tuple[Participation, ...],
    confirmed: frozenset[Any],
    eligible: bool,
    codes: tuple[str, ...],
) -> None:
    decision = decide(
        PT.PRIMARY_EMBEDDING, make_applicant(people=(HEAD, T1), confirmed=confirmed), history
    )
    assert decision.codes == codes
    assert decision.eligible is eligible


# Primary Sustaining: took part in Development "at any time since 2016"; Embedding optional
# (003, 004).
@pytest.mark.parametrize(
    ("history", "code", "reason"),
    [
        (
            (took_part(PT.PRIMARY_DEVELOPMENT, 2015),),
            "took_part_before",
            "Your school took part in Primary Development in 2015/16.",
        ),
        (
            (took_part(PT.PRIMARY_DEVELOPMENT, 2019), took_part(PT.PRIMARY_EMBEDDING, 2020)),
            "took_part_before",
            "Your school took part in Primary Development in 2019/20.",
        ),
        (
            (took_part(PT.PRIMARY_DEVELOPMENT, 2014),),
            "not_taken_part_before",
            "This programme is for schools that have taken part in Primary Development since "
            "2016; your school last took part in 2014/15.",
        ),
        (
            (took_part(PT.PRIMARY_EMBEDDING, 2020),),
            "not_taken_part_before",
            "This programme is for schools that have taken part in Primary Development since "
            "2016; your school has not.",
        ),
    ],
)
def test_primary_sustaining_needs_development_since_2016(
    history: tuple[Participation, ...], code: str, reason: str
) -> None:
    found = result(decide(PT.PRIMARY_SUSTAINING, make_applicant(), history), "took_part_before")
    assert (found.code, found.reason) == (code, reason)


# Secondary Development (2016/17): any secondary school; ideally two teachers (002).
@pytest.mark.parametrize(
    ("school", "people", "eligible", "failed"),
    [
        (make_school(phase="Secondary"), (HEAD, T1), True, ()),
        (
            make_school(
                phase="Secondary",
                type_group="Independent schools",
                type_of_establishment="Other independent school",
            ),
            (HEAD, T1, T2),
            True,
            (),
        ),
        (make_school(phase="Secondary"), (HEAD,), False, ("people_missing",)),
        (make_school(phase="Primary"), (HEAD, T1), False, ("wrong_phase",)),
    ],
)
def test_secondary_development_2016_is_for_any_secondary_school(
    school: Any, people: tuple[Any, ...], eligible: bool, failed: tuple[str, ...]
) -> None:
    hod = make_person(id="hod", name="Jo Bloggs", role=Role.HEAD_OF_DEPARTMENT)
    named = (*people, hod)
    applicant = make_applicant(
        school=school,
        people=named,
        confirmed=confirmed_by(named, SECONDARY_DEVELOPMENT_COMMITMENTS),
    )
    decision = decide(
        PT.SECONDARY_DEVELOPMENT,
        applicant,
        year=2016,
        closes_on=date(2017, 1, 10),
        now=datetime(2017, 1, 3, tzinfo=UTC),
    )
    assert decision.eligible is eligible
    assert tuple(r.code for r in decision.failures) == failed


# Secondary Embedding and Sustaining: Mastery Advocates who took part in Development (001).
@pytest.mark.parametrize("kind", [PT.SECONDARY_EMBEDDING, PT.SECONDARY_SUSTAINING])
@pytest.mark.parametrize(
    ("history", "eligible"),
    [
        ((took_part(PT.SECONDARY_DEVELOPMENT, 2022),), True),
        ((took_part(PT.PRIMARY_DEVELOPMENT, 2022),), False),
        ((), False),
    ],
)
def test_secondary_embedding_and_sustaining_follow_development(
    kind: PT, history: tuple[Participation, ...], eligible: bool
) -> None:
    advocate = make_person(id="ma", name="Max Advocate", role=Role.MASTERY_ADVOCATE)
    applicant = make_applicant(school=make_school(phase="Secondary"), people=(advocate,))
    assert decide(kind, applicant, history).eligible is eligible


# SKTM Primary ECT Phase 1: teachers in their first or second year of teaching (004).
@pytest.mark.parametrize(
    ("first_year", "code", "reason"),
    [
        (2023, "has_role", "Sam Lee will be in their first year of teaching in 2023/24."),
        (2022, "has_role", "Sam Lee will be in their second year of teaching in 2023/24."),
        (
            2021,
            "not_early_career_teacher",
            "This programme is for early career teachers, in their first or second year of "
            "teaching; Sam Lee will be in their third year of teaching in 2023/24.",
        ),
    ],
)
def test_ect_phase_1_is_for_the_first_two_years_of_teaching(
    first_year: int, code: str, reason: str
) -> None:
    applicant = make_applicant(person=make_person(first_year=first_year))
    found = result(decide(PT.SKTM_PRIMARY_ECT_PHASE_1, applicant), "role")
    assert (found.code, found.reason) == (code, reason)


# SKTM Primary ECT Phase 2: early career teachers who took part in Phase 1 (004).
@pytest.mark.parametrize(
    ("history", "code"),
    [
        ((took_part(PT.SKTM_PRIMARY_ECT_PHASE_1, 2022),), "completed_programme"),
        ((took_part(PT.SKTM_PRIMARY_ECT_PHASE_1, 2022, TAKING_PART),), "completing_programme"),
        ((took_part(PT.SKTM_PRIMARY_ECT_PHASE_1, 2020, TAKING_PART),), "programme_not_completed"),
        ((), "programme_not_completed"),
    ],
)
def test_ect_phase_2_follows_phase_1(history: tuple[Participation, ...], code: str) -> None:
    applicant = make_applicant(person=make_person(first_year=2022))
    decision = decide(PT.SKTM_PRIMARY_ECT_PHASE_2, applicant, history)
    assert result(decision, "completed_programme").code == code
    assert decision.eligible is (code != "programme_not_completed")


# SKTM Primary Teachers: primary teachers; one pathway a year, the other may follow (004).
@pytest.mark.parametrize(
    ("person", "history", "failed"),
    [
        (make_person(), (), ()),
        (make_person(role=Role.MATHS_LEAD), (), ()),
        (make_person(role=Role.TEACHING_ASSISTANT), (), ("wrong_role",)),
        (
            make_person(),
            (took_part(PT.SKTM_PRIMARY_TEACHERS_NUMBER, 2021),),
            ("pathway_already_taken",),
        ),
        (
            make_person(),
            (took_part(PT.SKTM_PRIMARY_TEACHERS_SPATIAL_REASONING, 2023, TAKING_PART),),
            ("one_pathway_a_year",),
        ),
        (make_person(), (took_part(PT.SKTM_PRIMARY_TEACHERS_SPATIAL_REASONING, 2022),), ()),
    ],
)
def test_sktm_primary_teachers_take_one_pathway_a_year(
    person: Any, history: tuple[Participation, ...], failed: tuple[str, ...]
) -> None:
    decision = decide(PT.SKTM_PRIMARY_TEACHERS_NUMBER, make_applicant(person=person), history)
    assert tuple(r.code for r in decision.failures) == failed


# SKTM Primary Teaching Assistants (004).
@pytest.mark.parametrize(
    ("role", "eligible"), [(Role.TEACHING_ASSISTANT, True), (Role.TEACHER, False)]
)
def test_sktm_teaching_assistants(role: Role, eligible: bool) -> None:
    applicant = make_applicant(person=make_person(role=role))
    assert decide(PT.SKTM_PRIMARY_TEACHING_ASSISTANTS, applicant).eligible is eligible


# Every application: made before the closing date, which ends at 23:59:59 London time (000:
# Friday 18 May 2018, British Summer Time; 002: 10 January 2017, Greenwich Mean Time).
@pytest.mark.parametrize(
    ("closes_on", "now", "code"),
    [
        (date(2018, 5, 18), datetime(2018, 5, 18, 23, 59, 59, tzinfo=LONDON), "window_open"),
        (date(2018, 5, 18), datetime(2018, 5, 18, 22, 59, 59, tzinfo=UTC), "window_open"),
        (date(2018, 5, 18), datetime(2018, 5, 18, 23, 0, 0, tzinfo=UTC), "window_closed"),
        (date(2018, 5, 18), datetime(2018, 5, 19, 0, 0, 0, tzinfo=LONDON), "window_closed"),
        (date(2017, 1, 10), datetime(2017, 1, 10, 23, 59, 59, tzinfo=UTC), "window_open"),
        (date(2017, 1, 10), datetime(2017, 1, 11, 0, 0, 0, tzinfo=UTC), "window_closed"),
    ],
)
def test_every_application_is_made_before_the_closing_date(
    closes_on: date, now: datetime, code: str
) -> None:
    decision = decide(PT.PRIMARY_SUSTAINING, make_applicant(), closes_on=closes_on, now=now)
    assert result(decision, "application_window").code == code


def test_the_closing_sentence_names_the_day() -> None:
    decision = decide(
        PT.PRIMARY_SUSTAINING,
        make_applicant(),
        closes_on=date(2018, 5, 18),
        now=datetime(2018, 6, 1, tzinfo=UTC),
    )
    assert result(decision, "application_window").reason == (
        "Applications closed at 11:59pm on Friday 18 May 2018."
    )
