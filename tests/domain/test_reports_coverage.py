"""Coverage's counting rules: who is in the denominator on a day, who is engaged, as at when."""

from __future__ import annotations

from datetime import UTC, date, datetime

from api.domain.academic_year import AcademicYear
from api.domain.journey import Participation, ParticipationOutcome, ProgrammeType
from api.domain.reports.coverage import (
    AsAt,
    Membership,
    PhaseKey,
    RecordedParticipation,
    RegisteredSchool,
    as_at_of,
    coverage_by,
    engaged_urns,
    in_denominator,
    open_on,
    phases_of,
    register_snapshot,
    state_funded_in_england,
)
from api.domain.reports.figures import percent

EARLY = datetime(2020, 1, 1, tzinfo=UTC)
AS_AT = AsAt(datetime(2024, 11, 30, 23, 59, tzinfo=UTC), date(2024, 11, 30), past=True)
THIS_YEAR = AcademicYear(2024)


def school(urn: str = "100001", **changes: object) -> RegisteredSchool:
    base = RegisteredSchool(
        urn=urn,
        type_group="Local authority maintained schools",
        type_of_establishment="Community school",
        status="Open",
        country="",
        phase_of_education="Primary",
        statutory_low_age=4,
        statutory_high_age=11,
        open_date=date(1990, 9, 1),
        close_date=None,
        registered_at=EARLY,
    )
    return base._replace(**changes)  # type: ignore[arg-type]


def took(
    urn: str, start: int, outcome: ParticipationOutcome, at: datetime = EARLY
) -> RecordedParticipation:
    participation = Participation(ProgrammeType.PRIMARY_DEVELOPMENT, AcademicYear(start), outcome)
    return RecordedParticipation(urn, participation, at)


def test_open_on_reads_the_register_dates_before_the_status() -> None:
    day = date(2024, 1, 1)
    assert open_on(school(), day)
    assert open_on(school(status="Open, but proposed to close"), day)
    assert not open_on(school(status="Proposed to open", open_date=None), day)
    assert not open_on(school(open_date=date(2024, 9, 1)), day)
    # Closed since the day: open then; closed on or before it: not.
    assert open_on(school(status="Closed", close_date=date(2024, 8, 31)), day)
    assert not open_on(school(status="Closed", close_date=day), day)
    assert not open_on(school(status="Closed"), day)


def test_state_funded_is_the_domains_decision_whatever_the_status_today() -> None:
    assert state_funded_in_england(school(status="Closed"))
    assert not state_funded_in_england(
        school(type_group="Independent schools", type_of_establishment="Other independent school")
    )
    assert not state_funded_in_england(school(type_group="Welsh schools"))


def test_the_denominator_needs_registered_open_and_state_funded() -> None:
    assert in_denominator(school(), AS_AT)
    assert not in_denominator(school(registered_at=datetime(2025, 1, 1, tzinfo=UTC)), AS_AT)
    assert not in_denominator(school(status="Closed", close_date=date(2024, 7, 31)), AS_AT)
    assert not in_denominator(school(type_group="Colleges"), AS_AT)


def test_phases_count_middle_and_all_through_schools_in_both() -> None:
    assert phases_of(school()) == (PhaseKey.PRIMARY,)
    assert phases_of(school(phase_of_education="All-through")) == (
        PhaseKey.PRIMARY,
        PhaseKey.SECONDARY,
    )
    assert phases_of(school(phase_of_education="Nursery")) == (PhaseKey.NEITHER,)
    unknown = school(phase_of_education="Not applicable", statutory_low_age=None)
    assert phases_of(unknown) == (PhaseKey.NEITHER,)


def test_engaged_this_year_by_membership_or_participation() -> None:
    later = datetime(2025, 1, 1, tzinfo=UTC)
    memberships = [
        Membership("100001", THIS_YEAR, EARLY),
        Membership("100002", THIS_YEAR, later),  # added after the as-at instant
        Membership("100003", AcademicYear(2023), EARLY),  # last year, not completed
    ]
    participations = [
        took("100004", 2024, ParticipationOutcome.TAKING_PART),
        took("100005", 2024, ParticipationOutcome.WITHDRAWN),
        took("100006", 2024, ParticipationOutcome.TAKING_PART, at=later),
    ]
    engaged = engaged_urns(memberships, participations, as_at=AS_AT, completed_within_years=3)
    assert engaged == {"100001", "100004"}


def test_engaged_by_completing_within_the_last_n_years() -> None:
    participations = [
        took("100001", 2021, ParticipationOutcome.COMPLETED),  # three years before: in
        took("100002", 2020, ParticipationOutcome.COMPLETED),  # four years before: out
        took("100003", 2023, ParticipationOutcome.TAKING_PART),  # not completed
        took("100004", 2025, ParticipationOutcome.COMPLETED),  # a later year: not yet
    ]
    assert engaged_urns([], participations, as_at=AS_AT, completed_within_years=3) == {"100001"}
    assert engaged_urns([], participations, as_at=AS_AT, completed_within_years=4) == {
        "100001",
        "100002",
    }
    assert engaged_urns([], participations, as_at=AS_AT, completed_within_years=0) == set()


def test_coverage_counts_each_key_and_each_school_once_in_all() -> None:
    schools = [
        (school("100001"), ("primary",)),
        (school("100002", phase_of_education="All-through"), ("primary", "secondary")),
        (school("100003", status="Closed", close_date=date(2020, 1, 1)), ("primary",)),
        (school("100004"), ("primary",)),
    ]
    found = coverage_by(schools, {"100002", "100003"}, AS_AT)
    assert [(r.key, r.schools, r.engaged) for r in found.rows] == [
        ("primary", 3, 1),
        ("secondary", 1, 1),
    ]
    assert (found.total.schools, found.total.engaged) == (3, 1)
    assert found.total.coverage_percent == 33.3
    assert coverage_by([], set(), AS_AT).total.coverage_percent is None


def test_register_snapshot_is_the_latest_import_by_then() -> None:
    imports = [EARLY, datetime(2024, 11, 1, tzinfo=UTC), datetime(2024, 12, 1, tzinfo=UTC)]
    assert register_snapshot(imports, AS_AT) == datetime(2024, 11, 1, tzinfo=UTC)
    assert register_snapshot([], AS_AT) is None


def test_as_at_names_its_academic_year() -> None:
    assert AS_AT.academic_year == THIS_YEAR


def test_percent() -> None:
    assert percent(1, 3) == 33.3
    assert percent(0, 0) is None


def test_as_at_a_past_day_counts_to_its_last_instant_in_england() -> None:
    now = datetime(2024, 12, 5, 10, tzinfo=UTC)
    today = date(2024, 12, 5)
    assert as_at_of(None, now=now, today=today) == AsAt(now, today)
    assert as_at_of(today, now=now, today=today) == AsAt(now, today)
    summer = as_at_of(date(2024, 7, 1), now=now, today=today)
    # British Summer Time: the day ends at 23:00 UTC.
    assert summer.at == datetime(2024, 7, 1, 22, 59, 59, 999999, tzinfo=UTC)
    assert summer.on == date(2024, 7, 1)
    assert summer.past


def test_as_at_today_counts_everything_recorded_so_far() -> None:
    # Rows are stamped by the database's clock, which may run ahead of the report's.
    now = datetime(2024, 12, 5, 10, tzinfo=UTC)
    today = as_at_of(None, now=now, today=date(2024, 12, 5))
    ahead = datetime(2024, 12, 5, 10, 5, tzinfo=UTC)
    assert today.recorded_by(ahead)
    assert engaged_urns(
        [Membership("1", AcademicYear(2024), ahead)], [], as_at=today, completed_within_years=0
    ) == {"1"}
