"""The mastery journey funnel: of the schools whose Development year was in a cohort year,
how many went on to Embedding in a later year, and of those how many to Sustaining after that.

A stage counts when a participation is recorded for it and not withdrawn, or the school was a
member of a Work Group of that stage which the hub completed; only what was recorded by the
as-at instant counts. A school's cohort is its first Development year in the phase, and its
hub the hub it did Development with."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from api.domain.academic_year import AcademicYear
from api.domain.journey import Phase, Stage
from api.domain.reports.figures import percent

FUNNEL_DEFINITION = (
    "A cohort is the schools whose first Development year in a phase was that academic year. "
    "Embedding counts those of them with an Embedding year after it, and Sustaining those with "
    "a Sustaining year after their Embedding year. A year counts when a participation was "
    "recorded for it and not withdrawn, or the school was in a Work Group of that stage that "
    "the hub completed; only what was recorded by the as-at date counts."
)


@dataclass(frozen=True)
class StageYear:
    """A school did a stage of a phase in a year, with a hub."""

    urn: str
    phase: Phase
    stage: Stage
    academic_year: AcademicYear
    hub_id: str


@dataclass(frozen=True)
class FunnelRow:
    cohort: AcademicYear
    phase: Phase
    hub_id: str
    development: int
    embedding: int
    sustaining: int

    @property
    def embedding_percent(self) -> float | None:
        return percent(self.embedding, self.development)

    @property
    def sustaining_percent(self) -> float | None:
        return percent(self.sustaining, self.embedding)


def funnel(records: Iterable[StageYear]) -> tuple[FunnelRow, ...]:
    """One row per cohort year, phase and hub, in that order."""
    by_school: dict[tuple[str, Phase], list[StageYear]] = {}
    for record in records:
        by_school.setdefault((record.urn, record.phase), []).append(record)
    counts: dict[tuple[AcademicYear, Phase, str], list[int]] = {}
    for years in by_school.values():
        developed = _first(years, Stage.DEVELOPMENT, after=None)
        if developed is None:
            continue
        row = counts.setdefault(
            (developed.academic_year, developed.phase, developed.hub_id), [0] * 3
        )
        row[0] += 1
        embedded = _first(years, Stage.EMBEDDING, after=developed.academic_year)
        if embedded is None:
            continue
        row[1] += 1
        if _first(years, Stage.SUSTAINING, after=embedded.academic_year) is not None:
            row[2] += 1
    return tuple(
        FunnelRow(cohort, phase, hub_id, *figures)
        for (cohort, phase, hub_id), figures in sorted(
            counts.items(), key=lambda item: (item[0][0], list(Phase).index(item[0][1]), item[0][2])
        )
    )


def _first(
    years: Iterable[StageYear], stage: Stage, *, after: AcademicYear | None
) -> StageYear | None:
    """The earliest year of `stage`, after `after` if given (on a tie, the first hub by id)."""
    found = [y for y in years if y.stage is stage and (after is None or y.academic_year > after)]
    return min(found, key=lambda y: (y.academic_year, y.hub_id), default=None)
