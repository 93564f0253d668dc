"""The funnel's cohorts: first Development year, a later Embedding, a Sustaining after that."""

from __future__ import annotations

from api.domain.academic_year import AcademicYear
from api.domain.journey import Phase, Stage
from api.domain.reports.funnel import FunnelRow, StageYear, funnel

P, S = Phase.PRIMARY, Phase.SECONDARY
DEV, EMB, SUS = Stage.DEVELOPMENT, Stage.EMBEDDING, Stage.SUSTAINING


def did(urn: str, stage: Stage, start: int, phase: Phase = P, hub: str = "north") -> StageYear:
    return StageYear(urn, phase, stage, AcademicYear(start), hub)


def test_cohorts_follow_schools_through_the_stages() -> None:
    rows = funnel(
        [
            # All the way, with a second Development year that does not move the cohort.
            did("1", DEV, 2019),
            did("1", DEV, 2020),
            did("1", EMB, 2021),
            did("1", SUS, 2022),
            # Embedding the same year as Development does not count; nor Sustaining before it.
            did("2", DEV, 2019),
            did("2", EMB, 2019),
            did("3", DEV, 2019),
            did("3", SUS, 2020),
            did("3", EMB, 2021),
            # Embedding without Development: in no cohort.
            did("4", EMB, 2020),
            # Another hub, another phase, another cohort.
            did("5", DEV, 2019, hub="south"),
            did("6", DEV, 2020, phase=S),
            did("6", EMB, 2021, phase=S),
        ]
    )
    assert rows == (
        FunnelRow(AcademicYear(2019), P, "north", 3, 2, 1),
        FunnelRow(AcademicYear(2019), P, "south", 1, 0, 0),
        FunnelRow(AcademicYear(2020), S, "north", 1, 1, 0),
    )
    assert rows[0].embedding_percent == 66.7
    assert rows[0].sustaining_percent == 50.0
    assert rows[1].sustaining_percent is None


def test_no_records_no_rows() -> None:
    assert funnel([]) == ()
