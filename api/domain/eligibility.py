"""Eligibility: a programme's rules applied to an applicant, rule by rule, with reasons.

`check_eligibility(programme, applicant, history, now=...)` returns a Decision that lists every
rule checked: its kind, a stable reason code, whether it passed, and a sentence a hub can send
to the school. A Programme compiles its rules once, so deciding for many schools stays cheap
(bench/domain.py decides 240,000 times).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from api.domain.academic_year import AcademicYear
from api.domain.applicants import (
    EMPTY_HISTORY,
    TEACHING_ROLES,
    Applicant,
    History,
    Role,
)
from api.domain.establishments import Standing
from api.domain.journey import (
    Audience,
    Participation,
    ParticipationOutcome,
    Phase,
    ProgrammeType,
    SktmPathway,
    UnknownJourneyStep,
    programme_type_for,
    programme_type_for_pathway,
)
from api.domain.rules import (
    ApplicationWindow,
    CommitmentsConfirmed,
    CompletedProgramme,
    HasRole,
    InvalidRule,
    NeverTookPart,
    PeopleNamed,
    PhaseOfEducation,
    Rule,
    SktmPathwayNotTaken,
    StateFundedSchoolInEngland,
    TookPartBefore,
)
from api.domain.wording import counted, format_date, join_words, number_word, ordinal

LONDON = ZoneInfo("Europe/London")

# An early career teacher is "in their first or second year of teaching" (004).
ECT_YEARS = 2


class Outcome(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    # Not yet known: the application is not started, or GIAS lacks a fact the hub must check.
    PENDING = "pending"


# Enum members bound to names once: looking one up on its class costs more than a whole check.
PASSED, FAILED, PENDING = Outcome.PASSED, Outcome.FAILED, Outcome.PENDING
_FUNDED, _NOT_OPEN = Standing.STATE_FUNDED_IN_ENGLAND, Standing.NOT_OPEN
_NOT_IN_ENGLAND = Standing.NOT_IN_ENGLAND
_TAKING_PART = ParticipationOutcome.TAKING_PART
_COMPLETED = ParticipationOutcome.COMPLETED


class RuleResult(NamedTuple):
    """One rule's result. A tuple rather than a dataclass: it is made 240,000 times a second."""

    kind: str
    code: str
    outcome: Outcome
    reason: str

    @property
    def passed(self) -> bool:
        return self.outcome is PASSED


class Decision(tuple[RuleResult, ...]):
    """The results of every rule, in the programme's order; a tuple, made as cheaply as one."""

    __slots__ = ()

    @property
    def results(self) -> tuple[RuleResult, ...]:
        return self

    @property
    def eligible(self) -> bool:
        """Every rule passed: the application can be submitted."""
        # A plain loop: all() over a generator costs twice as much, and the benchmark asks this
        # 240,000 times.
        for result in self:  # noqa: SIM110
            if result.outcome is not PASSED:
                return False
        return True

    @property
    def may_apply(self) -> bool:
        """No rule failed: the school can start an application and settle what is pending."""
        for result in self:  # noqa: SIM110 (as above)
            if result.outcome is FAILED:
                return False
        return True

    @property
    def failures(self) -> tuple[RuleResult, ...]:
        return tuple(result for result in self if result.outcome is FAILED)

    @property
    def pending(self) -> tuple[RuleResult, ...]:
        return tuple(result for result in self if result.outcome is PENDING)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(result.code for result in self)

    def __repr__(self) -> str:
        return f"Decision({tuple(self)!r})"


Check = Callable[[Applicant, History, datetime], RuleResult]


@dataclass(frozen=True)
class Programme:
    """A programme as the rules see it: its kind, its year and its rules."""

    programme_type: ProgrammeType
    academic_year: AcademicYear
    rules: tuple[Rule, ...]
    _checks: tuple[Check, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        checks: list[Check] = []
        for index, rule in enumerate(self.rules):
            try:
                checks.append(_COMPILERS[type(rule)](rule, self))
            except UnknownJourneyStep as error:
                raise InvalidRule(f"/{index}/stage", str(error)) from None
        object.__setattr__(self, "_checks", tuple(checks))

    @property
    def phase(self) -> Phase:
        return self.programme_type.phase

    @property
    def audience(self) -> Audience:
        return self.programme_type.audience


def check_eligibility(
    programme: Programme,
    applicant: Applicant,
    history: History | Iterable[Participation] = EMPTY_HISTORY,
    *,
    now: datetime,
) -> Decision:
    """Apply every rule of the programme; `history` is the school's, or for SKTM the person's."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware, such as datetime.now(UTC)")
    if not isinstance(history, History):
        history = History(history)
    results = []  # a loop, not a comprehension: in Python 3.11 that would add a call
    for check in programme._checks:
        results.append(check(applicant, history, now))
    return Decision(results)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _took_part(participation: Participation) -> str:
    year = participation.academic_year.label
    if participation.outcome is _TAKING_PART:
        return f"is taking part in {year}"
    return f"took part in {year}"


def _your_school(applicant: Applicant) -> str:
    return "your school"


def _the_person(applicant: Applicant) -> str:
    return applicant.person.name if applicant.person is not None else "the participant"


class _Words:
    """The words that change between a programme for schools and one for individual people."""

    def __init__(self, programme: Programme) -> None:
        self.for_schools = for_schools = programme.audience is Audience.SCHOOL
        self.plural = "schools" if for_schools else "people"
        self.one = "A school" if for_schools else "A person"
        self.who: Callable[[Applicant], str] = _your_school if for_schools else _the_person

    def fixed(self, make: Callable[[str], RuleResult]) -> RuleResult | None:
        """The result made once, where it names no one: for schools it says "your school"."""
        return make("your school") if self.for_schools else None


def _state_funded(rule: StateFundedSchoolInEngland, programme: Programme) -> Check:
    kind = rule.kind
    wanted = "This programme is for state-funded schools in England"
    # A passing sentence names no one, so it is made once; a refusal names the school.
    funded = RuleResult(
        kind, _FUNDED.value, PASSED, "Your school is a state-funded school in England."
    )

    def check(applicant: Applicant, history: History, now: datetime) -> RuleResult:
        school = applicant.school
        found = school.standing
        standing = found.standing
        if standing is _FUNDED:
            return funded
        if standing is _NOT_OPEN:
            reason = (
                f"This programme is for schools that are open; GIAS lists {school.name} as "
                f"{found.description}."
            )
        elif standing is _NOT_IN_ENGLAND:
            reason = f"{wanted}; {school.name} is in {found.description}."
        else:
            reason = f"{wanted}; {school.name} is {found.description}."
        return RuleResult(kind, standing.value, FAILED, reason)

    return check


_EXACT_PHASES = {Phase.PRIMARY: "a primary school", Phase.SECONDARY: "a secondary school"}


def _phase_of_education(rule: PhaseOfEducation, programme: Programme) -> Check:
    kind = rule.kind
    phase = rule.phase or programme.phase
    exact = _EXACT_PHASES[phase]
    wanted = f"This programme is for {phase.value} schools"
    # Passing sentences name no one: one per kind of school, made on first use.
    passes: dict[str, RuleResult] = {}

    def passed(description: str) -> RuleResult:
        if description == exact:
            reason = f"Your school is {description}."
        else:
            reason = (
                f"{wanted}; your school is {description}, which teaches {phase.value}-age pupils."
            )
        return RuleResult(kind, "phase_matches", PASSED, reason)

    def check(applicant: Applicant, history: History, now: datetime) -> RuleResult:
        school = applicant.school
        taught = school.phases_taught
        if taught.phases is None:
            return RuleResult(
                kind,
                "phase_not_recorded",
                PENDING,
                f"GIAS does not record which phase {school.name} teaches; the hub will check "
                f"that it teaches {phase.value} pupils.",
            )
        if phase not in taught.phases:
            return RuleResult(
                kind, "wrong_phase", FAILED, f"{wanted}; {school.name} is {taught.description}."
            )
        result = passes.get(taught.description)
        if result is None:
            result = passes[taught.description] = passed(taught.description)
        return result

    return check


def _since_text(since: int | None) -> str:
    return "" if since is None else f" since {since}"


def _counts_since(participation: Participation, since: int | None) -> bool:
    # A year counts from the calendar year in which it ended (see TookPartBefore).
    return since is None or participation.academic_year.start_year + 1 >= since


def _target(rule: TookPartBefore | NeverTookPart, programme: Programme) -> ProgrammeType:
    if rule.programme is not None:
        return rule.programme
    assert rule.stage is not None  # the rule checked that it has one or the other
    return programme_type_for(rule.phase or programme.phase, rule.stage)


def _took_part_before(rule: TookPartBefore, programme: Programme) -> Check:
    kind, since = rule.kind, rule.since
    target = _target(rule, programme)
    year = programme.academic_year.start_year
    words = _Words(programme)
    wanted = (
        f"This programme is for {words.plural} that have taken part in {target.label}"
        f"{_since_text(since)}"
    )

    who_is = words.who

    def never(who: str) -> RuleResult:
        return RuleResult(kind, "not_taken_part_before", FAILED, f"{wanted}; {who} has not.")

    never_fixed = words.fixed(never)

    def check(applicant: Applicant, history: History, now: datetime) -> RuleResult:
        found = history.of(target)
        if not found:
            return never_fixed or never(who_is(applicant))
        earlier = [p for p in found if p.academic_year.start_year < year]
        counted_ = [p for p in earlier if _counts_since(p, since)]
        who = who_is(applicant)
        if counted_:
            latest = counted_[-1]
            return RuleResult(
                kind,
                "took_part_before",
                PASSED,
                f"{_cap(who)} took part in {target.label} in {latest.academic_year.label}.",
            )
        if not earlier:
            return never(who)
        return RuleResult(
            kind,
            "not_taken_part_before",
            FAILED,
            f"{wanted}; {who} last took part in {earlier[-1].academic_year.label}.",
        )

    return check


def _never_took_part(rule: NeverTookPart, programme: Programme) -> Check:
    kind, since = rule.kind, rule.since
    target = _target(rule, programme)
    words = _Words(programme)
    if since is None:
        wanted = f"{words.one} can take part in {target.label} only once"
    else:
        wanted = (
            f"This programme is for {words.plural} that have not taken part in {target.label}"
            f" since {since}"
        )

    who_is = words.who

    def not_before(who: str) -> RuleResult:
        return RuleResult(
            kind,
            "not_taken_part_before",
            PASSED,
            f"{_cap(who)} has not taken part in {target.label}{_since_text(since)}.",
        )

    not_before_fixed = words.fixed(not_before)

    def check(applicant: Applicant, history: History, now: datetime) -> RuleResult:
        found = history.of(target)
        if since is not None:
            found = tuple(p for p in found if _counts_since(p, since))
        if not found:
            return not_before_fixed or not_before(who_is(applicant))
        return RuleResult(
            kind,
            "already_took_part",
            FAILED,
            f"{wanted}; {who_is(applicant)} {_took_part(found[-1])}.",
        )

    return check


_A_ROLE = {role: counted(1, role.label, role.plural) for role in Role}  # "a teacher"


def _has_role(rule: HasRole, programme: Programme) -> Check:
    kind, role = rule.kind, rule.role
    year = programme.academic_year
    wanted = f"This programme is for {role.plural}"
    if role is Role.EARLY_CAREER_TEACHER:
        wanted += f", in their first or {ordinal(ECT_YEARS)} year of teaching"
    roles = TEACHING_ROLES if role is Role.TEACHER else frozenset({role})
    early_career = role is Role.EARLY_CAREER_TEACHER
    if early_career:  # a teacher whose year of teaching is checked below
        roles = frozenset({Role.TEACHER, Role.EARLY_CAREER_TEACHER})

    def check(applicant: Applicant, history: History, now: datetime) -> RuleResult:
        person = applicant.person
        if person is None:
            return RuleResult(
                kind,
                "participant_not_named",
                PENDING,
                f"{wanted}; name the person who will take part.",
            )
        if person.role not in roles:
            return RuleResult(
                kind, "wrong_role", FAILED, f"{wanted}; {person.name} is {_A_ROLE[person.role]}."
            )
        if not early_career:
            return RuleResult(kind, "has_role", PASSED, f"{person.name} is {_A_ROLE[person.role]}.")
        if person.first_year_of_teaching is None:
            return RuleResult(
                kind,
                "teaching_start_not_known",
                PENDING,
                f"To check that {person.name} is an early career teacher, give the year they "
                "started teaching.",
            )
        nth = year.start_year - person.first_year_of_teaching.start_year + 1
        if nth < 1:
            return RuleResult(
                kind,
                "not_early_career_teacher",
                FAILED,
                f"{wanted}; {person.name} will not have started teaching by {year.label}.",
            )
        in_year = f"{person.name} will be in their {ordinal(nth)} year of teaching in {year.label}"
        if nth > ECT_YEARS:
            return RuleResult(kind, "not_early_career_teacher", FAILED, f"{wanted}; {in_year}.")
        return RuleResult(kind, "has_role", PASSED, f"{in_year}.")

    return check


def _completed_programme(rule: CompletedProgramme, programme: Programme) -> Check:
    kind, target = rule.kind, rule.programme
    year = programme.academic_year.start_year
    words = _Words(programme)
    wanted = f"This programme is for {words.plural} who have completed {target.label}"

    def check(applicant: Applicant, history: History, now: datetime) -> RuleResult:
        who = words.who(applicant)
        finishing: Participation | None = None
        for p in history.of(target):
            if p.academic_year.start_year >= year:
                continue
            if p.outcome is _COMPLETED:
                return RuleResult(
                    kind,
                    "completed_programme",
                    PASSED,
                    f"{_cap(who)} completed {target.label} in {p.academic_year.label}.",
                )
            # Recruitment for next year runs before this year ends (000: closing in May for
            # September), so the year just before counts while it is still under way.
            if p.academic_year.start_year == year - 1:
                finishing = p
        if finishing is not None:
            return RuleResult(
                kind,
                "completing_programme",
                PASSED,
                f"{_cap(who)} is taking part in {target.label} in "
                f"{finishing.academic_year.label}, which finishes before this programme starts.",
            )
        return RuleResult(kind, "programme_not_completed", FAILED, f"{wanted}; {who} has not.")

    return check


def _sktm_pathway_not_taken(rule: SktmPathwayNotTaken, programme: Programme) -> Check:
    kind, pathway = rule.kind, rule.pathway
    target = programme_type_for_pathway(pathway)
    other_pathway = next(p for p in SktmPathway if p is not pathway)
    other = programme_type_for_pathway(other_pathway)
    year = programme.academic_year
    words = _Words(programme)

    def check(applicant: Applicant, history: History, now: datetime) -> RuleResult:
        who = words.who(applicant)
        taken = history.of(target)
        if taken:
            return RuleResult(
                kind,
                "pathway_already_taken",
                FAILED,
                f"Each SKTM pathway is taken once; {who} {_took_part(taken[-1])} on the "
                f"{pathway.label} pathway.",
            )
        if any(p.academic_year == year for p in history.of(other)):
            return RuleResult(
                kind,
                "one_pathway_a_year",
                FAILED,
                f"Teachers follow one SKTM pathway a year; {who} is on the {other_pathway.label}"
                f" pathway in {year.label}, and may take the {pathway.label} pathway the "
                "year after.",
            )
        return RuleResult(
            kind,
            "pathway_not_taken",
            PASSED,
            f"{_cap(who)} has not taken the {pathway.label} pathway before.",
        )

    return check


def closing_instant(closes_on: date) -> datetime:
    """The first instant after the closing date: applications close at 23:59:59 London time.

    In UTC, because comparing datetimes that share a tzinfo skips the zone arithmetic.
    """
    return datetime.combine(closes_on + timedelta(days=1), time(0), tzinfo=LONDON).astimezone(UTC)


def _application_window(rule: ApplicationWindow, programme: Programme) -> Check:
    kind = rule.kind
    closes_at = closing_instant(rule.closes_on)
    closing = format_date(rule.closes_on)
    is_open = RuleResult(
        kind, "window_open", PASSED, f"Applications are open until 11:59pm on {closing}."
    )
    closed = RuleResult(
        kind, "window_closed", FAILED, f"Applications closed at 11:59pm on {closing}."
    )
    if rule.opens_on is None:

        def check(applicant: Applicant, history: History, now: datetime) -> RuleResult:
            return closed if now >= closes_at else is_open

        return check

    opens_at = datetime.combine(rule.opens_on, time(0), tzinfo=LONDON).astimezone(UTC)
    not_yet = RuleResult(
        kind, "window_not_open_yet", FAILED, f"Applications open on {format_date(rule.opens_on)}."
    )

    def check_opening(applicant: Applicant, history: History, now: datetime) -> RuleResult:
        if now >= closes_at:
            return closed
        return not_yet if now < opens_at else is_open

    return check_opening


def _people_named(rule: PeopleNamed, programme: Programme) -> Check:
    kind, roles = rule.kind, rule.roles
    needs = join_words([counted(n, role.label, role.plural) for role, n in roles])
    pending = RuleResult(
        kind, "application_not_started", PENDING, f"The application will need to name {needs}."
    )
    named = RuleResult(kind, "people_named", PASSED, f"The application names {needs}.")

    def shortfall(have: tuple[int, ...]) -> RuleResult:
        missing = [
            counted(n - had, role.label, role.plural)
            if had == 0
            else f"{number_word(n - had)} more {role.label if n - had == 1 else role.plural}"
            for (role, n), had in zip(roles, have, strict=True)
            if had < n
        ]
        if not missing:
            return named
        return RuleResult(
            kind,
            "people_missing",
            FAILED,
            f"The application must name {needs}; it still needs {join_words(missing)}.",
        )

    # The result depends only on how many of each role are named (up to the number needed).
    results: dict[tuple[int, ...], RuleResult] = {}

    def check(applicant: Applicant, history: History, now: datetime) -> RuleResult:
        application = applicant.application
        if application is None:
            return pending
        roles_named = [person.role for person in application.people]
        have = tuple([min(roles_named.count(role), n) for role, n in roles])
        result = results.get(have)
        if result is None:
            result = results[have] = shortfall(have)
        return result

    return check


def _commitments_confirmed(rule: CommitmentsConfirmed, programme: Programme) -> Check:
    kind, commitments, signatories = rule.kind, rule.commitments, frozenset(rule.signatories)
    n = len(commitments)
    which = {1: "the commitment", 2: "both commitments"}.get(n, f"all {number_word(n)} commitments")
    signers = join_words([role.label for role in rule.signatories], "or")
    wanted = f"Everyone named as {signers} must confirm {which}"
    pending = RuleResult(kind, "application_not_started", PENDING, f"{wanted}.")

    def check(applicant: Applicant, history: History, now: datetime) -> RuleResult:
        application = applicant.application
        if application is None:
            return pending
        signing = [p for p in application.people if p.role in signatories]
        if not signing:
            return RuleResult(
                kind,
                "commitments_not_confirmed",
                FAILED,
                f"{wanted}; no one in those roles has been named yet.",
            )
        confirmed = application.confirmations
        waiting = [
            f"{p.name} ({p.role.label})"
            for p in signing
            if any((p.id, text) not in confirmed for text in commitments)
        ]
        if waiting:
            return RuleResult(
                kind,
                "commitments_not_confirmed",
                FAILED,
                f"{wanted}; still to confirm: {join_words(waiting)}.",
            )
        return RuleResult(
            kind, "commitments_confirmed", PASSED, f"Everyone who signs has confirmed {which}."
        )

    return check


# Each compiler reads one rule kind; the table is keyed by the rule's class.
_COMPILERS: dict[type, Callable[[Any, Programme], Check]] = {
    StateFundedSchoolInEngland: _state_funded,
    PhaseOfEducation: _phase_of_education,
    TookPartBefore: _took_part_before,
    NeverTookPart: _never_took_part,
    HasRole: _has_role,
    CompletedProgramme: _completed_programme,
    SktmPathwayNotTaken: _sktm_pathway_not_taken,
    ApplicationWindow: _application_window,
    PeopleNamed: _people_named,
    CommitmentsConfirmed: _commitments_confirmed,
}
