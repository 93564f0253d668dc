"""Rules as data: every kind to and from JSON, the refusals, and each rule's paths."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from api.domain.academic_year import AcademicYear
from api.domain.applicants import History, Role
from api.domain.catalogue import DOCUMENTED_RULES, default_rules, documented_programme
from api.domain.eligibility import (
    Decision,
    Outcome,
    Programme,
    RuleResult,
    check_eligibility,
    closing_instant,
)
from api.domain.journey import ParticipationOutcome, ProgrammeType, Stage
from api.domain.rules import (
    ApplicationWindow,
    InvalidRule,
    PeopleNamed,
    Rule,
    TookPartBefore,
    rule_from_dict,
    rule_to_dict,
    rules_from_dicts,
    rules_to_dicts,
)
from tests.domain.factories import NOW, Y2324, make_applicant, make_person, make_school, took_part

LONDON = ZoneInfo("Europe/London")
PT = ProgrammeType

EXAMPLES: list[dict[str, Any]] = [
    {"kind": "state_funded_school_in_england"},
    {"kind": "phase_of_education"},
    {"kind": "phase_of_education", "phase": "secondary"},
    {"kind": "took_part_before", "stage": "development", "since": 2016},
    {"kind": "took_part_before", "stage": "development", "phase": "secondary"},
    {"kind": "never_took_part", "stage": "development"},
    {"kind": "never_took_part", "programme": "sktm_primary_ect_phase_1"},
    {"kind": "role", "role": "teaching_assistant"},
    {"kind": "completed_programme", "programme": "sktm_primary_ect_phase_1"},
    {"kind": "sktm_pathway_not_taken", "pathway": "spatial_reasoning"},
    {"kind": "application_window", "closes_on": "2018-05-18"},
    {"kind": "application_window", "closes_on": "2017-01-10", "opens_on": "2016-12-01"},
    {"kind": "people_named", "roles": {"head_teacher": 1, "teacher": 2}},
    {
        "kind": "commitments_confirmed",
        "commitments": ["Release the teachers", "Take part in the evaluation"],
        "signatories": ["head_teacher", "teacher"],
    },
]


@pytest.mark.parametrize("data", EXAMPLES, ids=lambda d: str(d["kind"]))
def test_every_kind_round_trips_through_json(data: dict[str, Any]) -> None:
    rule = rule_from_dict(data)
    assert rule_to_dict(rule) == data
    assert rule_from_dict(rule_to_dict(rule)) == rule


def test_documented_rule_sets_all_read() -> None:
    for kind, items in DOCUMENTED_RULES.items():
        assert rules_to_dicts(rules_from_dicts(list(items))) == [
            {k: v for k, v in item.items() if v is not None} for item in items
        ], kind


@pytest.mark.parametrize(
    ("data", "pointer", "words"),
    [
        ({"kind": "nonsense"}, "/kind", "must be one of"),
        ({}, "/kind", "must be one of"),
        ({"kind": "took_part_before", "stage": "graduation"}, "/stage", "development"),
        ({"kind": "took_part_before", "stage": 3}, "/stage", "must be one of"),
        ({"kind": "took_part_before"}, "/stage", "either a stage or a programme"),
        (
            {"kind": "took_part_before", "stage": "development", "programme": "primary_embedding"},
            "/stage",
            "either",
        ),
        (
            {"kind": "never_took_part", "programme": "primary_embedding", "phase": "primary"},
            "/phase",
            "its own phase",
        ),
        ({"kind": "took_part_before", "stage": "development", "since": "2016"}, "/since", "year"),
        ({"kind": "took_part_before", "stage": "development", "since": True}, "/since", "year"),
        ({"kind": "never_took_part", "stage": "development", "since": 1066}, "/since", "2000"),
        ({"kind": "took_part_before", "stage": "development", "colour": "red"}, "/colour", "not a"),
        ({"kind": "role"}, "/role", "role needs role"),
        ({"kind": "role", "role": "wizard"}, "/role", "teaching_assistant"),
        ({"kind": "completed_programme", "programme": "x"}, "/programme", "primary_development"),
        ({"kind": "sktm_pathway_not_taken", "pathway": "geometry"}, "/pathway", "number"),
        ({"kind": "application_window"}, "/closes_on", "needs closes_on"),
        ({"kind": "application_window", "closes_on": "18/05/2018"}, "/closes_on", "a date"),
        ({"kind": "application_window", "closes_on": 20180518}, "/closes_on", "a date"),
        (
            {"kind": "application_window", "closes_on": "2018-05-18", "opens_on": "2018-06-01"},
            "/opens_on",
            "on or before",
        ),
        ({"kind": "people_named", "roles": ["teacher"]}, "/roles", "map roles"),
        ({"kind": "people_named", "roles": {}}, "/roles", "at least one"),
        ({"kind": "people_named", "roles": {"teacher": 0}}, "/roles/teacher", "1 or more"),
        ({"kind": "people_named", "roles": {"teacher": "2"}}, "/roles/teacher", "whole number"),
        ({"kind": "people_named", "roles": {"pilot": 1}}, "/roles/pilot", "must be one of"),
        ({"kind": "commitments_confirmed", "signatories": ["teacher"]}, "/commitments", "needs"),
        (
            {"kind": "commitments_confirmed", "commitments": "x", "signatories": ["teacher"]},
            "/commitments",
            "list of text",
        ),
        (
            {"kind": "commitments_confirmed", "commitments": [], "signatories": ["teacher"]},
            "/commitments",
            "at least one",
        ),
        (
            {"kind": "commitments_confirmed", "commitments": [" "], "signatories": ["teacher"]},
            "/commitments/0",
            "blank",
        ),
        (
            {
                "kind": "commitments_confirmed",
                "commitments": ["a", "a"],
                "signatories": ["teacher"],
            },
            "/commitments",
            "once",
        ),
        (
            {"kind": "commitments_confirmed", "commitments": ["a"], "signatories": []},
            "/signatories",
            "at least one",
        ),
        (
            {"kind": "commitments_confirmed", "commitments": ["a"], "signatories": ["x"]},
            "/signatories/0",
            "must be one of",
        ),
        (
            {"kind": "commitments_confirmed", "commitments": ["a"], "signatories": ["teacher"] * 2},
            "/signatories",
            "once",
        ),
    ],
)
def test_bad_rules_are_refused_naming_the_key(
    data: dict[str, Any], pointer: str, words: str
) -> None:
    with pytest.raises(InvalidRule) as refused:
        rule_from_dict(data)
    assert refused.value.pointer == pointer
    assert words in str(refused.value)


def test_a_role_listed_twice_is_refused() -> None:
    with pytest.raises(InvalidRule, match="each role once"):
        PeopleNamed(((Role.TEACHER, 1), (Role.TEACHER, 2)))


def test_a_list_of_rules_points_at_the_bad_one() -> None:
    with pytest.raises(InvalidRule) as refused:
        rules_from_dicts([{"kind": "phase_of_education"}, {"kind": "role", "role": "x"}])
    assert refused.value.pointer == "/1/role"


@pytest.mark.parametrize("items", [{"kind": "role"}, "rules"])
def test_rules_must_be_a_list_of_objects(items: Any) -> None:
    with pytest.raises(InvalidRule):
        rules_from_dicts(items)


def test_a_rule_must_be_an_object() -> None:
    with pytest.raises(InvalidRule) as refused:
        rule_from_dict(["kind"])  # type: ignore[arg-type]
    assert refused.value.pointer == ""


def test_a_stage_the_phase_lacks_is_refused_when_the_programme_is_made() -> None:
    rules = (TookPartBefore(stage=Stage.READINESS),)
    with pytest.raises(InvalidRule) as refused:
        Programme(PT.SECONDARY_EMBEDDING, Y2324, rules)
    assert refused.value.pointer == "/0/stage"
    assert "secondary schools start at development" in str(refused.value)


def decide(
    rules: tuple[Rule, ...] | list[dict[str, Any]], kind: PT = PT.PRIMARY_DEVELOPMENT, **facts: Any
) -> Decision:
    parsed = rules_from_dicts(rules) if isinstance(rules, list) else rules
    history = facts.pop("history", ())
    now = facts.pop("now", NOW)
    return check_eligibility(
        Programme(kind, Y2324, parsed), make_applicant(**facts), history, now=now
    )


def only(decision: Decision) -> RuleResult:
    (result,) = decision.results
    return result


def test_now_must_carry_a_time_zone() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        decide([{"kind": "phase_of_education"}], now=datetime(2023, 5, 1))


def test_a_decision_is_a_tuple_of_results_with_summaries() -> None:
    decision = decide(
        [
            {"kind": "phase_of_education"},
            {"kind": "people_named", "roles": {"teacher": 1}},
            {"kind": "state_funded_school_in_england"},
        ],
        school=make_school(status="Closed"),
    )
    assert decision.results == tuple(decision)
    assert [r.outcome for r in decision] == [Outcome.PASSED, Outcome.PENDING, Outcome.FAILED]
    assert decision.codes == ("phase_matches", "application_not_started", "school_not_open")
    assert [r.code for r in decision.pending] == ["application_not_started"]
    assert [r.code for r in decision.failures] == ["school_not_open"]
    assert not decision.eligible
    assert not decision.may_apply
    assert repr(decision).startswith("Decision((RuleResult(")


def test_pending_rules_let_a_school_apply_but_not_submit() -> None:
    decision = decide([{"kind": "people_named", "roles": {"teacher": 1}}])
    assert decision.may_apply
    assert not decision.eligible


def test_history_may_be_passed_as_a_plain_list() -> None:
    rules = [{"kind": "never_took_part", "stage": "development"}]
    history = [took_part(PT.PRIMARY_DEVELOPMENT, 2020)]
    assert only(decide(rules, history=history)).code == "already_took_part"
    assert only(decide(rules, history=History(history))).code == "already_took_part"
    assert "PRIMARY_DEVELOPMENT" in repr(History(history))


@pytest.mark.parametrize(
    ("phase", "ages", "outcome", "reason"),
    [
        ("Primary", None, Outcome.PASSED, "Your school is a primary school."),
        (
            "All-through",
            None,
            Outcome.PASSED,
            "This programme is for primary schools; your school is an all-through school, which "
            "teaches primary-age pupils.",
        ),
        (
            "Not applicable",
            (3, 19),
            Outcome.PASSED,
            "This programme is for primary schools; your school is a school for pupils aged 3 to "
            "19, which teaches primary-age pupils.",
        ),
        (
            "Not applicable",
            (11, 16),
            Outcome.FAILED,
            "This programme is for primary schools; Example School is a school for pupils aged 11 "
            "to 16.",
        ),
        (
            "Not applicable",
            None,
            Outcome.PENDING,
            "GIAS does not record which phase Example School teaches; the hub will check that it "
            "teaches primary pupils.",
        ),
        (
            "16 plus",
            None,
            Outcome.FAILED,
            "This programme is for primary schools; Example School is a 16 to 19 provider.",
        ),
        (
            "Nursery",
            None,
            Outcome.FAILED,
            "This programme is for primary schools; Example School is a nursery school.",
        ),
    ],
)
def test_phase_of_education_reads_gias_phases(
    phase: str, ages: tuple[int, int] | None, outcome: Outcome, reason: str
) -> None:
    result = only(
        decide([{"kind": "phase_of_education"}], school=make_school(phase=phase, ages=ages))
    )
    assert (result.outcome, result.reason) == (outcome, reason)


def test_the_same_kind_of_school_reuses_its_passing_result() -> None:
    rules = [{"kind": "phase_of_education"}]
    programme = Programme(PT.PRIMARY_DEVELOPMENT, Y2324, rules_from_dicts(rules))
    a = check_eligibility(programme, make_applicant(school=make_school(name="A")), now=NOW)
    b = check_eligibility(programme, make_applicant(school=make_school(name="B")), now=NOW)
    assert a[0] is b[0]


def test_took_part_before_ignores_this_years_and_later_participations() -> None:
    rules = [{"kind": "took_part_before", "stage": "development"}]
    history = [took_part(PT.PRIMARY_DEVELOPMENT, 2023, ParticipationOutcome.TAKING_PART)]
    result = only(decide(rules, PT.PRIMARY_EMBEDDING, history=history))
    assert result.reason == (
        "This programme is for schools that have taken part in Primary Development; your school "
        "has not."
    )


def test_never_took_part_since_a_year_allows_an_older_participation() -> None:
    rules = [{"kind": "never_took_part", "stage": "development", "since": 2020}]
    old = only(decide(rules, history=[took_part(PT.PRIMARY_DEVELOPMENT, 2017)]))
    recent = only(decide(rules, history=[took_part(PT.PRIMARY_DEVELOPMENT, 2020)]))
    assert (old.code, old.reason) == (
        "not_taken_part_before",
        "Your school has not taken part in Primary Development since 2020.",
    )
    assert recent.reason == (
        "This programme is for schools that have not taken part in Primary Development since "
        "2020; your school took part in 2020/21."
    )


def test_a_school_already_on_this_years_programme_is_taking_part() -> None:
    history = [took_part(PT.PRIMARY_DEVELOPMENT, 2023, ParticipationOutcome.TAKING_PART)]
    result = only(decide([{"kind": "never_took_part", "stage": "development"}], history=history))
    assert result.reason.endswith("your school is taking part in 2023/24.")


@pytest.mark.parametrize(
    ("person", "history", "code", "reason"),
    [
        (
            None,
            [],
            "not_taken_part_before",
            "The participant has not taken part in SKTM Primary Early Career Teachers: Phase 1.",
        ),
        (
            make_person(name="Ann Ode"),
            [took_part(PT.SKTM_PRIMARY_ECT_PHASE_1, 2022)],
            "already_took_part",
            "A person can take part in SKTM Primary Early Career Teachers: Phase 1 only once; "
            "Ann Ode took part in 2022/23.",
        ),
    ],
)
def test_history_rules_for_individuals_name_the_person(
    person: Any, history: list[Any], code: str, reason: str
) -> None:
    rules = [{"kind": "never_took_part", "programme": "sktm_primary_ect_phase_1"}]
    result = only(decide(rules, PT.SKTM_PRIMARY_ECT_PHASE_1, person=person, history=history))
    assert (result.code, result.reason) == (code, reason)


def test_took_part_before_for_individuals() -> None:
    rules = [{"kind": "took_part_before", "programme": "sktm_primary_ect_phase_1"}]
    kind = PT.SKTM_PRIMARY_ECT_PHASE_2
    none = only(decide(rules, kind, person=make_person(name="Ann Ode")))
    done = only(
        decide(
            rules,
            kind,
            person=make_person(name="Ann Ode"),
            history=[took_part(PT.SKTM_PRIMARY_ECT_PHASE_1, 2022)],
        )
    )
    assert none.reason == (
        "This programme is for people that have taken part in SKTM Primary Early Career "
        "Teachers: Phase 1; Ann Ode has not."
    )
    assert done.reason == (
        "Ann Ode took part in SKTM Primary Early Career Teachers: Phase 1 in 2022/23."
    )


@pytest.mark.parametrize(
    ("rule", "person", "outcome", "code", "reason"),
    [
        (
            "teacher",
            None,
            Outcome.PENDING,
            "participant_not_named",
            "This programme is for teachers; name the person who will take part.",
        ),
        (
            "teacher",
            make_person(role=Role.HEAD_OF_DEPARTMENT),
            Outcome.PASSED,
            "has_role",
            "Sam Lee is a head of department.",
        ),
        (
            "teaching_assistant",
            make_person(role=Role.EARLY_CAREER_TEACHER),
            Outcome.FAILED,
            "wrong_role",
            "This programme is for teaching assistants; Sam Lee is an early career teacher.",
        ),
        (
            "early_career_teacher",
            make_person(role=Role.TEACHING_ASSISTANT),
            Outcome.FAILED,
            "wrong_role",
            "This programme is for early career teachers, in their first or second year of "
            "teaching; Sam Lee is a teaching assistant.",
        ),
        (
            "early_career_teacher",
            make_person(),
            Outcome.PENDING,
            "teaching_start_not_known",
            "To check that Sam Lee is an early career teacher, give the year they started "
            "teaching.",
        ),
        (
            "early_career_teacher",
            make_person(first_year=2024),
            Outcome.FAILED,
            "not_early_career_teacher",
            "This programme is for early career teachers, in their first or second year of "
            "teaching; Sam Lee will not have started teaching by 2023/24.",
        ),
        (
            "early_career_teacher",
            make_person(role=Role.EARLY_CAREER_TEACHER, first_year=2023),
            Outcome.PASSED,
            "has_role",
            "Sam Lee will be in their first year of teaching in 2023/24.",
        ),
    ],
)
def test_role(rule: str, person: Any, outcome: Outcome, code: str, reason: str) -> None:
    result = only(
        decide([{"kind": "role", "role": rule}], PT.SKTM_PRIMARY_ECT_PHASE_1, person=person)
    )
    assert (result.outcome, result.code, result.reason) == (outcome, code, reason)


def test_completed_programme_prefers_a_completed_year() -> None:
    history = [
        took_part(PT.SKTM_PRIMARY_ECT_PHASE_1, 2021),
        took_part(PT.SKTM_PRIMARY_ECT_PHASE_1, 2022, ParticipationOutcome.TAKING_PART),
        took_part(PT.SKTM_PRIMARY_ECT_PHASE_1, 2023),
    ]
    rules = [{"kind": "completed_programme", "programme": "sktm_primary_ect_phase_1"}]
    result = only(decide(rules, PT.SKTM_PRIMARY_ECT_PHASE_2, person=make_person(), history=history))
    assert (
        result.reason == "Sam Lee completed SKTM Primary Early Career Teachers: Phase 1 in 2021/22."
    )


def test_completing_programme_says_when_it_finishes() -> None:
    history = [took_part(PT.SKTM_PRIMARY_ECT_PHASE_1, 2022, ParticipationOutcome.TAKING_PART)]
    rules = [{"kind": "completed_programme", "programme": "sktm_primary_ect_phase_1"}]
    result = only(decide(rules, PT.SKTM_PRIMARY_ECT_PHASE_2, person=make_person(), history=history))
    assert result.reason == (
        "Sam Lee is taking part in SKTM Primary Early Career Teachers: Phase 1 in 2022/23, which "
        "finishes before this programme starts."
    )


def test_pathway_sentences() -> None:
    rules = [{"kind": "sktm_pathway_not_taken", "pathway": "number"}]
    kind = PT.SKTM_PRIMARY_TEACHERS_NUMBER
    fresh = only(decide(rules, kind, person=make_person()))
    taken = only(
        decide(
            rules,
            kind,
            person=make_person(),
            history=[took_part(PT.SKTM_PRIMARY_TEACHERS_NUMBER, 2021)],
        )
    )
    same_year = only(
        decide(
            rules,
            kind,
            person=make_person(),
            history=[took_part(PT.SKTM_PRIMARY_TEACHERS_SPATIAL_REASONING, 2023)],
        )
    )
    assert fresh.reason == "Sam Lee has not taken the Number pathway before."
    assert taken.reason == (
        "Each SKTM pathway is taken once; Sam Lee took part in 2021/22 on the Number pathway."
    )
    assert same_year.reason == (
        "Teachers follow one SKTM pathway a year; Sam Lee is on the Spatial Reasoning pathway in "
        "2023/24, and may take the Number pathway the year after."
    )


@pytest.mark.parametrize(
    ("now", "code", "reason"),
    [
        (
            datetime(2016, 11, 30, 23, 59, 59, tzinfo=LONDON),
            "window_not_open_yet",
            "Applications open on Thursday 1 December 2016.",
        ),
        (
            datetime(2016, 12, 1, 0, 0, tzinfo=LONDON),
            "window_open",
            "Applications are open until 11:59pm on Tuesday 10 January 2017.",
        ),
        (
            datetime(2017, 1, 11, 0, 0, tzinfo=LONDON),
            "window_closed",
            "Applications closed at 11:59pm on Tuesday 10 January 2017.",
        ),
    ],
)
def test_a_window_with_an_opening_day(now: datetime, code: str, reason: str) -> None:
    rules = [{"kind": "application_window", "opens_on": "2016-12-01", "closes_on": "2017-01-10"}]
    result = only(decide(rules, now=now))
    assert (result.code, result.reason) == (code, reason)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 30)))
def test_the_closing_instant_is_midnight_after_the_closing_day_in_london(closes_on: date) -> None:
    local = closing_instant(closes_on).astimezone(LONDON)
    assert (local.date(), local.hour, local.minute, local.second) == (
        date.fromordinal(closes_on.toordinal() + 1),
        0,
        0,
        0,
    )


@pytest.mark.parametrize(
    ("people", "outcome", "reason"),
    [
        (
            (),
            Outcome.FAILED,
            "The application must name a head teacher and two teachers; it still needs a head "
            "teacher and two teachers.",
        ),
        (
            (make_person(id="t1"),),
            Outcome.FAILED,
            "The application must name a head teacher and two teachers; it still needs a head "
            "teacher and one more teacher.",
        ),
        (
            (
                make_person(id="h", role=Role.HEAD_TEACHER),
                make_person(id="t1"),
                make_person(id="t2"),
            ),
            Outcome.PASSED,
            "The application names a head teacher and two teachers.",
        ),
    ],
)
def test_people_named(people: tuple[Any, ...], outcome: Outcome, reason: str) -> None:
    rules = [{"kind": "people_named", "roles": {"head_teacher": 1, "teacher": 2}}]
    result = only(decide(rules, people=people))
    assert (result.outcome, result.reason) == (outcome, reason)


def test_people_named_counts_more_than_one_missing() -> None:
    rules = [{"kind": "people_named", "roles": {"teacher": 4}}]
    result = only(decide(rules, people=(make_person(id="t1"),)))
    assert result.reason.endswith("it still needs three more teachers.")


HEAD = make_person(id="h", name="Pat Head", role=Role.HEAD_TEACHER)
TEACHER = make_person(id="t", name="Ali Khan")
COMMITMENTS = {
    "kind": "commitments_confirmed",
    "commitments": ["Release the teachers", "Take part in the evaluation"],
    "signatories": ["head_teacher", "teacher"],
}


@pytest.mark.parametrize(
    ("people", "confirmed", "outcome", "reason"),
    [
        (
            None,
            None,
            Outcome.PENDING,
            "Everyone named as head teacher or teacher must confirm both commitments.",
        ),
        (
            (make_person(id="x", role=Role.MATHS_LEAD),),
            frozenset(),
            Outcome.FAILED,
            "Everyone named as head teacher or teacher must confirm both commitments; no one "
            "in those roles has been named yet.",
        ),
        (
            (HEAD, TEACHER),
            frozenset(
                {
                    ("h", "Release the teachers"),
                    ("h", "Take part in the evaluation"),
                    ("t", "Release the teachers"),
                }
            ),
            Outcome.FAILED,
            "Everyone named as head teacher or teacher must confirm both commitments; still to "
            "confirm: Ali Khan (teacher).",
        ),
        (
            (HEAD, TEACHER),
            frozenset((p, c) for p in "ht" for c in COMMITMENTS["commitments"]),
            Outcome.PASSED,
            "Everyone who signs has confirmed both commitments.",
        ),
    ],
)
def test_commitments_confirmed(people: Any, confirmed: Any, outcome: Outcome, reason: str) -> None:
    result = only(decide([COMMITMENTS], people=people, confirmed=confirmed))
    assert (result.outcome, result.reason) == (outcome, reason)


def test_a_single_commitment_reads_in_the_singular() -> None:
    rules = [
        {"kind": "commitments_confirmed", "commitments": ["Attend"], "signatories": ["teacher"]}
    ]
    assert only(decide(rules)).reason == "Everyone named as teacher must confirm the commitment."


def test_documented_programme_can_have_an_opening_day() -> None:
    programme = documented_programme(
        PT.PRIMARY_SUSTAINING,
        AcademicYear(2021),
        closes_on=date(2021, 7, 1),
        opens_on=date(2021, 5, 1),
    )
    assert programme.rules[-1] == ApplicationWindow(date(2021, 7, 1), date(2021, 5, 1))
    assert programme.phase.value == "primary"
    assert programme.audience.value == "school"


def test_a_programme_in_the_same_year_does_not_count_as_completed() -> None:
    history = [took_part(PT.SKTM_PRIMARY_ECT_PHASE_1, 2023)]
    rules = [{"kind": "completed_programme", "programme": "sktm_primary_ect_phase_1"}]
    result = only(decide(rules, PT.SKTM_PRIMARY_ECT_PHASE_2, person=make_person(), history=history))
    assert result.code == "programme_not_completed"


def test_the_same_shortfall_gives_the_same_result() -> None:
    rules = rules_from_dicts([{"kind": "people_named", "roles": {"teacher": 2}}])
    programme = Programme(PT.PRIMARY_DEVELOPMENT, Y2324, rules)
    first = check_eligibility(programme, make_applicant(people=(make_person(id="a"),)), now=NOW)
    second = check_eligibility(programme, make_applicant(people=(make_person(id="b"),)), now=NOW)
    assert first[0] is second[0]
    assert first[0].code == "people_missing"


def test_codes_are_plain_strings_for_json() -> None:
    decision = decide(
        [{"kind": "state_funded_school_in_england"}], school=make_school(status="Closed")
    )
    assert type(decision[0].code) is str
    assert decision[0]._asdict() == {
        "kind": "state_funded_school_in_england",
        "code": "school_not_open",
        "outcome": "failed",
        "reason": "This programme is for schools that are open; GIAS lists Example School as "
        "closed.",
    }


def test_new_programmes_have_their_signatories_confirm_their_own_commitments() -> None:
    own = ["Release both teachers for four meetings.", "Report on the year."]
    rules = default_rules(ProgrammeType.SECONDARY_DEVELOPMENT, own)
    confirmed = [r for r in rules if r["kind"] == "commitments_confirmed"]
    assert [r["commitments"] for r in confirmed] == [own]
    # Without commitments of its own, the documents' wording stands.
    documented = default_rules(ProgrammeType.SECONDARY_DEVELOPMENT)
    assert documented == [dict(r) for r in DOCUMENTED_RULES[ProgrammeType.SECONDARY_DEVELOPMENT]]
    # The documented table itself is left as it was.
    assert DOCUMENTED_RULES[ProgrammeType.SECONDARY_DEVELOPMENT][2]["commitments"] != own
