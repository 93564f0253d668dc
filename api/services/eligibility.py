"""Who may take part: a programme's rules decided for a school or a person, and a school's
journey with the open programmes it may apply for now."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy.orm import Session

from api.domain import eligibility as rules_engine
from api.domain.academic_year import AcademicYear
from api.domain.access import Principal, Role
from api.domain.applicants import Applicant, History
from api.domain.applicants import Person as Participant
from api.domain.applicants import Role as ParticipantRole
from api.domain.applications import ApplicationStatus, reference
from api.domain.journey import Audience, Phase, ProgrammeType, next_steps
from api.domain.rules import ApplicationWindow, rules_from_dicts
from api.errors import BadField, Forbidden, InvalidFields, Unauthenticated
from api.persistence import applications_repository, catalogue_repository
from api.persistence.models import Programme
from api.schemas import schools as schemas
from api.services import catalogue, participations, people, school_groups, schools

# When a person holds several roles, the one the SKTM rules care about most comes first.
_ROLE_PRIORITY = (
    ParticipantRole.EARLY_CAREER_TEACHER,
    ParticipantRole.TEACHING_ASSISTANT,
    ParticipantRole.TEACHER,
    ParticipantRole.MATHS_LEAD,
    ParticipantRole.MASTERY_ADVOCATE,
    ParticipantRole.HEAD_OF_DEPARTMENT,
    ParticipantRole.HEAD_TEACHER,
)


def rules_of(programme: Programme) -> rules_engine.Programme:
    """The programme as the domain sees it: its stored rules and its application window."""
    kind = ProgrammeType(programme.programme_type) if programme.programme_type else None
    if kind is None:
        raise InvalidFields(
            [
                BadField(
                    "path", "/programme_id", "This programme has no kind set; the hub must set it"
                )
            ]
        )
    rules = list(rules_from_dicts(programme.eligibility_rules))
    if programme.closing_date is not None:
        rules.append(ApplicationWindow(programme.closing_date, programme.applications_open_on))
    return rules_engine.Programme(
        kind, AcademicYear.parse(programme.academic_year_id), tuple(rules)
    )


def decide(
    session: Session,
    programme_id: int,
    request: schemas.EligibilityRequest,
    *,
    viewer: Principal | None,
    now: datetime,
) -> schemas.Decision:
    programme = catalogue.get_programme(session, programme_id, viewer=viewer)
    compiled = rules_of(programme)
    if request.urn is not None:
        school, _ = schools.get(session, request.urn)
        history = participations.history(session, participations.school_subject(school.urn))
        applicant = Applicant(schools.establishment(school))
        return _decision(programme, compiled, applicant, history, now, urn=school.urn)

    if viewer is None:
        raise Unauthenticated("Sign in to check a person's eligibility; a school can check by URN.")
    person = people.get(session, request.person_id or 0, viewer)
    if person.school_urn is None:
        raise InvalidFields([BadField("body", "/person_id", "Record the person's school first")])
    school, _ = schools.get(session, person.school_urn)
    roles = {r for r in ParticipantRole if r.value in person.roles}
    role = next((r for r in _ROLE_PRIORITY if r in roles), ParticipantRole.TEACHER)
    participant = Participant(
        id=str(person.id),
        name=person.name,
        role=role,
        first_year_of_teaching=AcademicYear(person.began_teaching)
        if person.began_teaching
        else None,
    )
    history = participations.history(session, participations.person_subject(person.id))
    applicant = Applicant(schools.establishment(school), person=participant)
    return _decision(
        programme, compiled, applicant, history, now, urn=school.urn, person_id=person.id
    )


def school_decision(
    session: Session, programme: Programme, urn: str, *, now: datetime
) -> schemas.Decision:
    """The programme's rules decided for a school, as the eligibility endpoint answers."""
    school, _ = schools.get(session, urn)
    history = participations.history(session, participations.school_subject(school.urn))
    applicant = Applicant(schools.establishment(school))
    return _decision(programme, rules_of(programme), applicant, history, now, urn=school.urn)


def _decision(
    programme: Programme,
    compiled: rules_engine.Programme,
    applicant: Applicant,
    history: History,
    now: datetime,
    *,
    urn: str,
    person_id: int | None = None,
) -> schemas.Decision:
    decision = rules_engine.check_eligibility(compiled, applicant, history, now=now)
    who = applicant.person.name if applicant.person else applicant.school.name
    if decision.eligible:
        summary = f"{who} meets every rule for {programme.title}."
    elif decision.may_apply:
        summary = (
            f"{who} may apply for {programme.title}; what is still open is settled on the "
            "application form."
        )
    else:
        summary = f"{who} cannot take part in {programme.title}: {decision.failures[0].reason}"
    return schemas.Decision(
        programme_id=programme.id,
        urn=urn,
        person_id=person_id,
        eligible=decision.eligible,
        may_apply=decision.may_apply,
        summary=summary,
        rules=[
            schemas.RuleResult(
                kind=r.kind,
                code=r.code,
                outcome=schemas.RuleOutcome(r.outcome.value),
                reason=r.reason,
            )
            for r in decision
        ],
    )


def journey(session: Session, urn: str, *, viewer: Principal, now: datetime) -> schemas.Journey:
    if viewer.role == Role.SCHOOL_CONTACT and viewer.school_urn != urn:
        raise Forbidden("You can see only your own school's journey.")
    school, _ = schools.get(session, urn)
    subject = participations.school_subject(urn)
    rows = participations.of_subject(session, subject)
    by_year: dict[str, list[schemas.Participation]] = defaultdict(list)
    for row in rows:
        by_year[row.academic_year_id].append(participations.to_schema(row))
    taken = participations.as_domain(rows)
    history = History(taken)
    establishment = schools.establishment(school)
    phases = establishment.phases_taught.phases or frozenset(Phase)
    applicant = Applicant(establishment)

    # What the school is doing now: its applications and the Work Groups it is in.
    applied = applications_repository.of_school(session, urn)
    groups = school_groups.of_school(session, urn, now=now, current_only=True)
    programmes = applications_repository.programmes(
        session, [a.programme_id for a in applied] + [g.programme_id for g in groups]
    )
    # Not offered again: a programme the school has applied for (and not withdrawn) or is in.
    live = {a.programme_id for a in applied if a.status != "withdrawn"} | {
        g.programme_id for g in groups
    }
    under_way = {
        ProgrammeType(kind)
        for kind in [
            programmes[a.programme_id].programme_type
            for a in applied
            if a.status == "selected" and a.programme_id in programmes
        ]
        + [
            programmes[g.programme_id].programme_type
            for g in groups
            if g.programme_id in programmes
        ]
        if kind
    }

    open_now = []
    for programme in catalogue_repository.open_programmes(session):
        if not programme.programme_type or programme.id in live:
            continue
        if ProgrammeType(programme.programme_type).audience is not Audience.SCHOOL:
            continue
        decision = _decision(programme, rules_of(programme), applicant, history, now, urn=urn)
        if decision.may_apply:
            open_now.append(
                schemas.OpenProgramme(
                    programme_id=programme.id,
                    title=programme.title,
                    hub_id=programme.hub_id,
                    academic_year=programme.academic_year_id,
                    closing_date=programme.closing_date,
                    decision=decision,
                )
            )
    return schemas.Journey(
        urn=urn,
        school_name=school.name,
        applications=[
            schemas.SchoolApplication(
                id=a.id,
                reference=reference(programmes[a.programme_id].code, a.programme_id, a.number),
                programme_id=a.programme_id,
                programme_title=programmes[a.programme_id].title,
                academic_year=programmes[a.programme_id].academic_year_id,
                hub_id=a.hub_id,
                status=ApplicationStatus(a.status),
                submitted_at=a.submitted_at,
            )
            for a in applied
        ],
        work_groups=groups,
        years=[
            schemas.JourneyYear(
                academic_year=year,
                academic_year_label=AcademicYear.parse(year).label,
                participations=items,
            )
            for year, items in sorted(by_year.items())
        ],
        next_steps=list(next_steps(taken, phases=phases, under_way=under_way)),
        open_programmes=open_now,
    )
