"""What a new programme of each kind starts with: consistent with its rules and its groups."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from api.domain.academic_year import AcademicYear
from api.domain.applicants import Role
from api.domain.catalogue import follow_commitments
from api.domain.eligibility import Programme, closing_instant
from api.domain.journey import ProgrammeType
from api.domain.programme_defaults import (
    Places,
    closes_at,
    every_programme_defaults,
    programme_defaults,
)
from api.domain.rules import CommitmentsConfirmed, PeopleNamed, rules_from_dicts
from api.domain.work_groups import Bounds

PT = ProgrammeType
KINDS = list(ProgrammeType)
# Those named on the form as signatories, not as participants.
SIGNATORY_ROLES = {Role.HEAD_TEACHER, Role.HEAD_OF_DEPARTMENT}


def test_every_kind_has_defaults_in_journey_order() -> None:
    assert [d.programme_type for d in every_programme_defaults()] == KINDS


@pytest.mark.parametrize("kind", KINDS)
def test_the_defaults_are_of_their_kind(kind: ProgrammeType) -> None:
    defaults = programme_defaults(kind)
    assert defaults.label == kind.label
    assert defaults.phase is kind.phase
    stage = kind.info.stage
    assert defaults.stage == (stage.value if stage else "specialist_knowledge")


@pytest.mark.parametrize("kind", KINDS)
def test_the_rules_can_be_read_and_confirm_the_programme_commitments(kind: ProgrammeType) -> None:
    defaults = programme_defaults(kind)
    rules = rules_from_dicts(defaults.eligibility_rules)
    Programme(kind, AcademicYear(2027), rules)  # refuses rules that do not fit the kind
    for rule in rules:
        if isinstance(rule, CommitmentsConfirmed):
            assert rule.commitments == defaults.commitments


@pytest.mark.parametrize("kind", KINDS)
def test_the_form_asks_for_everyone_the_rules_need(kind: ProgrammeType) -> None:
    defaults = programme_defaults(kind)
    form = defaults.form
    assert 0 <= form.participants_min <= form.participants_max
    for rule in rules_from_dicts(defaults.eligibility_rules):
        if not isinstance(rule, PeopleNamed):
            continue
        for role, count in rule.roles:
            if role is Role.HEAD_OF_DEPARTMENT:
                assert form.head_of_department
            elif role not in SIGNATORY_ROLES:
                assert form.participant_role == role.value
                assert form.participants_max >= count


def test_primary_development_starts_from_the_documents() -> None:
    defaults = programme_defaults(PT.PRIMARY_DEVELOPMENT)
    # Six half-day meetings, £1000 towards release time, two teachers each (004); a group of
    # one Mastery Specialist and six or seven schools (000).
    assert [(s.count, s.kind, s.length) for s in defaults.session_plan] == [
        (6, "trg_meeting", "half_day")
    ]
    assert [(g.kind, g.purpose, g.amount_pence) for g in defaults.grants] == [
        ("fixed", "release_time", 100_000)
    ]
    assert "10 combined days" in (defaults.time_commitment or "")
    assert (defaults.form.participants_min, defaults.form.participants_max) == (2, 2)
    assert defaults.bounds == Bounds(max_schools=7, max_participants=14)
    assert defaults.capacity == Places(7, "schools")


def test_a_secondary_development_group_is_bounded_by_its_teachers() -> None:
    defaults = programme_defaults(PT.SECONDARY_DEVELOPMENT)
    assert defaults.bounds == Bounds(max_participants=12)
    assert defaults.capacity == Places(12, "participants")
    assert defaults.form.head_of_department
    assert defaults.form.statement_word_limit == 150
    assert len(defaults.commitments) == 4


def test_kinds_whose_groups_the_documents_do_not_bound_have_no_capacity() -> None:
    defaults = programme_defaults(PT.PRIMARY_SUSTAINING)
    assert defaults.bounds == Bounds()
    assert defaults.capacity is None
    assert defaults.form.participant_role == "maths_lead"


def test_teaching_assistant_modules_last_three_to_four_hours() -> None:
    (modules,) = programme_defaults(PT.SKTM_PRIMARY_TEACHING_ASSISTANTS).session_plan
    assert modules.count == 6
    assert modules.hours is not None
    assert 3 <= modules.hours <= 4


@pytest.mark.parametrize(
    ("closing_date", "expected"),
    [
        (date(2027, 1, 26), "2027-01-26T23:59:59+00:00"),  # GMT
        (date(2027, 6, 25), "2027-06-25T23:59:59+01:00"),  # BST
        (date(2027, 3, 28), "2027-03-28T23:59:59+01:00"),  # the clocks went forward that day
        (date(2027, 10, 31), "2027-10-31T23:59:59+00:00"),  # and back
    ],
)
def test_applications_close_at_the_end_of_the_day_in_england(
    closing_date: date, expected: str
) -> None:
    moment = closes_at(closing_date)
    assert moment.isoformat() == expected
    # One second before the first instant the eligibility rules count as closed.
    assert closing_instant(closing_date) - moment == timedelta(seconds=1)


OLD = ["Release the teachers.", "Report on the year."]
NEW = ["Release both teachers for six half-days.", "Report on the year."]
CONFIRMED = {"kind": "commitments_confirmed", "commitments": OLD, "signatories": ["head_teacher"]}


def test_signatories_confirm_the_commitments_as_the_hub_rewrote_them() -> None:
    rules = [{"kind": "state_funded_school_in_england"}, CONFIRMED]
    followed = follow_commitments(rules, OLD, NEW)
    assert followed == [rules[0], {**CONFIRMED, "commitments": NEW}]
    assert CONFIRMED["commitments"] == OLD  # the rules given are left as they were


@pytest.mark.parametrize(
    ("rule", "after"),
    [
        # Commitments the hub wrote into the rule itself are its own choice.
        ({**CONFIRMED, "commitments": ["Something else."]}, NEW),
        # A list that could not be confirmed leaves the rule confirming the old one.
        (CONFIRMED, []),
        (CONFIRMED, ["One.", " "]),
        (CONFIRMED, ["One.", "One."]),
    ],
)
def test_other_rules_and_unconfirmable_lists_leave_the_rules_alone(
    rule: dict[str, object], after: list[str]
) -> None:
    assert follow_commitments([rule], OLD, after) == [rule]
