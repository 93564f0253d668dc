"""The end of a Work Group's year: completing it, and carrying its schools on into next year's
group (Development → Embedding or Sustaining; Sustaining year after year).

A continuing school does not apply again: the hub invites it. So the application window and
what only an application form settles (the people named, their commitments) are not asked
here; every other rule of next year's programme is, against the school's history including the
year just completed, and the journey must lead from where the school is to that programme.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from api.domain.academic_year import AcademicYear
from api.domain.applicants import Applicant, History
from api.domain.eligibility import Programme, check_eligibility
from api.domain.journey import Audience, Participation, ProgrammeType, may_follow, next_steps
from api.domain.rules import ApplicationWindow, CommitmentsConfirmed, PeopleNamed

# What an application form settles; a school invited to continue fills in no form.
_FORM_RULES = (ApplicationWindow, PeopleNamed, CommitmentsConfirmed)


class CannotComplete(ValueError):
    """The group cannot be completed yet (or was completed already)."""


class CannotContinue(ValueError):
    """Next year's programme cannot follow this group's at all."""


def check_completion(
    *, completed_on: date | None, last_session_on: date | None, today: date
) -> None:
    """A group is completed once, when none of its sessions is still to come."""
    if completed_on is not None:
        raise CannotComplete(f"The group was completed on {completed_on.isoformat()}.")
    if last_session_on is not None and last_session_on > today:
        raise CannotComplete(
            f"The group still has a session on {last_session_on.isoformat()}; complete it "
            "after its last session, or cancel the sessions left."
        )


@dataclass(frozen=True)
class Member:
    """A school of the completed group, as the rules see it."""

    applicant: Applicant
    participations: Sequence[Participation]


@dataclass(frozen=True)
class Verdict:
    urn: str
    name: str
    continues: bool
    # Why the school cannot continue; empty when it can.
    reasons: tuple[str, ...]
    # What the hub should still check (facts GIAS lacks), when it continues.
    to_check: tuple[str, ...]


def continuation_rules(target: Programme) -> Programme:
    kept = tuple(rule for rule in target.rules if not isinstance(rule, _FORM_RULES))
    return Programme(target.programme_type, target.academic_year, kept)


def check_continuation(
    previous: ProgrammeType,
    previous_year: AcademicYear,
    target: Programme,
    members: Iterable[Member],
    *,
    now: datetime,
) -> tuple[Verdict, ...]:
    """Each member school's verdict on joining next year's group for `target`."""
    kind = target.programme_type
    if previous.audience is Audience.INDIVIDUAL or kind.audience is Audience.INDIVIDUAL:
        raise CannotContinue(
            "SKTM programmes are for individual people, who each apply for what follows; "
            "only a school's Teaching for Mastery group carries on as a group."
        )
    if not may_follow(previous, kind):
        raise CannotContinue(f"{kind.label} does not follow {previous.label} on the journey.")
    if target.academic_year != previous_year.next():
        raise CannotContinue(
            f"Next year's group must be for {previous_year.next().label}, "
            f"not {target.academic_year.label}."
        )
    rules = continuation_rules(target)
    verdicts = []
    for member in members:
        school = member.applicant.school
        decision = check_eligibility(
            rules, member.applicant, History(member.participations), now=now
        )
        reasons = [result.reason for result in decision.failures]
        if kind not in next_steps(member.participations, phases={kind.phase}):
            reasons.append(f"{school.name}'s journey does not lead to {kind.label} next.")
        verdicts.append(
            Verdict(
                urn=school.urn,
                name=school.name,
                continues=not reasons,
                reasons=tuple(reasons),
                to_check=tuple(result.reason for result in decision.pending),
            )
        )
    return tuple(verdicts)
