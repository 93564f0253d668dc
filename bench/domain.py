"""Eligibility at scale: 24,000 schools against 10 programmes, timed.

    uv run python bench/domain.py [--schools 24000] [--repeat 3] [--processes 1]

Schools, people and histories are made up by a seeded generator in proportions like the GIAS
register's (mostly open primary schools, some secondary, middle, special, independent, closed
and Welsh), so every rule's passing and failing paths are exercised. Prints decisions per
second and the total time of the best run. With --processes 2 the schools are shared between
two forked processes (the machine has two cores); deciding is pure, so nothing else changes.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import sys
import time
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from api.domain.academic_year import AcademicYear
from api.domain.applicants import Applicant, ApplicationFacts, History, Person, Role
from api.domain.catalogue import documented_programme
from api.domain.eligibility import Decision, Programme, check_eligibility
from api.domain.establishments import Establishment
from api.domain.journey import Participation, ParticipationOutcome, ProgrammeType

YEAR = AcademicYear(2023)
NOW = datetime(2023, 5, 10, 12, tzinfo=UTC)
PROGRAMMES = (
    ProgrammeType.PRIMARY_DEVELOPMENT,
    ProgrammeType.PRIMARY_EMBEDDING,
    ProgrammeType.PRIMARY_SUSTAINING,
    ProgrammeType.SECONDARY_DEVELOPMENT,
    ProgrammeType.SECONDARY_EMBEDDING,
    ProgrammeType.SECONDARY_SUSTAINING,
    ProgrammeType.SKTM_PRIMARY_TEACHERS_NUMBER,
    ProgrammeType.SKTM_PRIMARY_TEACHING_ASSISTANTS,
    ProgrammeType.SKTM_PRIMARY_ECT_PHASE_1,
    ProgrammeType.SKTM_PRIMARY_ECT_PHASE_2,
)

# (weight, type group, type of establishment, phase of education)
KINDS = (
    (55, "Academies", "Academy converter", "Primary"),
    (20, "Local authority maintained schools", "Community school", "Primary"),
    (10, "Academies", "Academy sponsor led", "Secondary"),
    (2, "Local authority maintained schools", "Foundation school", "Middle deemed secondary"),
    (2, "Free Schools", "Free schools", "All-through"),
    (4, "Special schools", "Community special school", "Not applicable"),
    (1, "Special schools", "Non-maintained special school", "Not applicable"),
    (5, "Independent schools", "Other independent school", "Not applicable"),
    (1, "Welsh schools", "Welsh establishment", "Primary"),
)


def make_applicants(n: int, seed: int = 2023) -> list[tuple[Applicant, History]]:
    rng = random.Random(seed)
    weights = [k[0] for k in KINDS]
    out: list[tuple[Applicant, History]] = []
    for i in range(n):
        _, group, type_, phase = rng.choices(KINDS, weights)[0]
        school = Establishment(
            urn=str(100000 + i),
            name=f"School {i}",
            type_group=group,
            type_of_establishment=type_,
            status="Closed" if rng.random() < 0.04 else "Open",
            phase_of_education=phase,
            statutory_low_age=rng.choice((2, 4, 11)),
            statutory_high_age=rng.choice((11, 16, 19)),
        )
        role = rng.choice((Role.TEACHER, Role.TEACHER, Role.TEACHING_ASSISTANT))
        person = Person(f"p{i}", f"Person {i}", role, AcademicYear(rng.randint(2015, 2023)))
        participations = []
        if rng.random() < 0.4:
            development = (
                ProgrammeType.PRIMARY_DEVELOPMENT
                if phase != "Secondary"
                else ProgrammeType.SECONDARY_DEVELOPMENT
            )
            participations.append(Participation(development, AcademicYear(rng.randint(2014, 2022))))
        if rng.random() < 0.2:
            participations.append(
                Participation(
                    ProgrammeType.SKTM_PRIMARY_ECT_PHASE_1,
                    AcademicYear(2022),
                    ParticipationOutcome.TAKING_PART,
                )
            )
        application = None
        if rng.random() < 0.5:
            people = (Person(f"h{i}", "Head", Role.HEAD_TEACHER), person)
            confirmed = frozenset((p.id, "x") for p in people if rng.random() < 0.8)
            application = ApplicationFacts(people, confirmed)
        out.append((Applicant(school, person, application), History(participations)))
    return out


def run(programmes: list[Programme], applicants: list[tuple[Applicant, History]]) -> Counter[str]:
    eligible = may_apply = 0
    for applicant, history in applicants:
        for programme in programmes:
            decision: Decision = check_eligibility(programme, applicant, history, now=NOW)
            eligible += decision.eligible
            may_apply += decision.may_apply
    total = len(applicants) * len(programmes)
    return Counter({"eligible": eligible, "may apply": may_apply, "refused": total - may_apply})


# Built before forking, so worker processes inherit them instead of receiving copies.
_DATA: tuple[list[Programme], list[tuple[Applicant, History]]] = ([], [])


def _share(part: tuple[int, int]) -> Counter[str]:
    index, parts = part
    programmes, applicants = _DATA
    return run(programmes, applicants[index::parts])


def main() -> None:
    global _DATA
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--schools", type=int, default=24_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--processes", type=int, default=1)
    args = parser.parse_args()
    programmes = [documented_programme(t, YEAR, closes_on=date(2023, 5, 19)) for t in PROGRAMMES]
    applicants = make_applicants(args.schools)
    _DATA = (programmes, applicants)
    parts = [(index, args.processes) for index in range(args.processes)]
    pool = multiprocessing.get_context("fork").Pool(args.processes) if args.processes > 1 else None
    best = float("inf")
    outcomes: Counter[str] = Counter()
    for _ in range(args.repeat):
        started = time.perf_counter()
        shares = pool.map(_share, parts) if pool else [_share(parts[0])]
        best = min(best, time.perf_counter() - started)
        outcomes = sum(shares, Counter())
    if pool:
        pool.close()
    decisions = args.schools * len(programmes)
    print(
        f"{decisions:,} decisions ({args.schools:,} schools x {len(programmes)} programmes, "
        f"{args.processes} process{'es' if args.processes > 1 else ''})"
    )
    print(f"best of {args.repeat}: {best:.3f} s, {decisions / best:,.0f} decisions per second")
    print(", ".join(f"{k}: {v:,}" for k, v in sorted(outcomes.items())))


if __name__ == "__main__":
    main()
