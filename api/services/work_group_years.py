"""The end of a Work Group's year: completing it writes each school's (for SKTM, each person's)
participation history; continuing it starts next year's group with the schools the domain
lets carry on."""

from __future__ import annotations

from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy.orm import Session

from api.domain.academic_year import AcademicYear
from api.domain.access import Principal
from api.domain.applicants import Applicant
from api.domain.continuation import (
    CannotComplete,
    CannotContinue,
    Member,
    check_completion,
    check_continuation,
)
from api.domain.journey import Audience, ParticipationOutcome, ProgrammeType
from api.domain.webhooks import EventType
from api.domain.work_groups import check_room, default_bounds
from api.errors import BadField, Conflict, Forbidden, InvalidFields
from api.persistence import catalogue_repository, schools_repository
from api.persistence import work_groups_repository as repo
from api.persistence.models import (
    Participation,
    Programme,
    WorkGroup,
    WorkGroupParticipant,
    WorkGroupSchool,
)
from api.schemas import work_groups as schemas
from api.services import (
    audit,
    eligibility,
    grant_entitlements,
    participations,
    schools,
    webhook_events,
    work_groups,
)

COMPLETED, WITHDRAWN = ParticipationOutcome.COMPLETED, ParticipationOutcome.WITHDRAWN


class _Record(NamedTuple):
    """One participation the completed year writes."""

    subject: str
    urn: str | None
    person_id: int | None
    outcome: ParticipationOutcome


def _programme_type(session: Session, group: WorkGroup) -> tuple[Programme, ProgrammeType]:
    programme = catalogue_repository.get_programme(session, group.programme_id)
    assert programme is not None  # a foreign key
    if programme.programme_type is None:
        raise Conflict(
            f"Programme {programme.id} has no kind set, so the year cannot be recorded on the "
            "journey; set its programme_type first.",
            rule="programme_type",
        )
    return programme, ProgrammeType(programme.programme_type)


def complete(
    session: Session,
    work_group_id: int,
    data: schemas.WorkGroupCompletion,
    *,
    actor: Principal,
    today: date,
    now: datetime | None = None,
) -> WorkGroup:
    group = work_groups.run(session, work_group_id, actor, lock=True)
    try:
        check_completion(
            completed_on=group.completed_on,
            last_session_on=repo.last_session_on(session, group.id),
            today=today,
        )
    except CannotComplete as exc:
        raise Conflict(str(exc), rule="cannot_complete") from exc
    programme, kind = _programme_type(session, group)
    members = repo.member_urns(session, group.id)
    strangers = [
        BadField("body", f"/withdrawn/{index}", f"School {urn} is not a member of the group")
        for index, urn in enumerate(data.withdrawn)
        if urn not in members
    ]
    if strangers:
        raise InvalidFields(strangers)
    before = {"completed_on": None}
    if kind.audience is Audience.INDIVIDUAL:
        # SKTM is for individual people: their history, not their schools'.
        records = [
            _Record(participations.person_subject(person_id), None, person_id, COMPLETED)
            for person_id in repo.participant_ids(session, group.id)
        ]
    else:
        records = [
            _Record(
                participations.school_subject(urn),
                urn,
                None,
                WITHDRAWN if urn in data.withdrawn else COMPLETED,
            )
            for urn in members
        ]
    for record in records:
        row = schools_repository.find_participation(
            session,
            subject=record.subject,
            programme_type=kind.value,
            academic_year_id=group.academic_year_id,
        )
        if row is None:
            schools_repository.add(
                session,
                Participation(
                    subject=record.subject,
                    school_urn=record.urn,
                    person_id=record.person_id,
                    programme_type=kind.value,
                    programme_id=programme.id,
                    academic_year_id=group.academic_year_id,
                    hub_id=group.hub_id,
                    outcome=record.outcome.value,
                    source="group",
                ),
            )
        else:
            # Recorded or imported earlier (say as taking part): the group's record now rules.
            row.outcome = record.outcome.value
            row.programme_id = programme.id
    group.completed_on = today
    work_groups.save(session, group)
    audit.record(
        session,
        actor,
        action="complete",
        resource_type="work_group",
        resource_id=group.id,
        hub_id=group.hub_id,
        before=before,
        after={
            "completed_on": today.isoformat(),
            "participations": {r.subject: r.outcome.value for r in records},
        },
    )
    webhook_events.record(
        session,
        EventType.GROUP_COMPLETED,
        hub_id=group.hub_id,
        resource_type="work_group",
        resource_id=group.id,
        now=now,
    )
    return group


def continue_group(
    session: Session,
    work_group_id: int,
    data: schemas.WorkGroupContinuation,
    *,
    actor: Principal,
    now: datetime,
) -> tuple[WorkGroup, list[schemas.ContinuationVerdict]]:
    group = work_groups.run(session, work_group_id, actor, lock=True)
    if group.completed_on is None:
        raise Conflict(
            f"Complete Work Group {group.id} first: continuing reads the year it records.",
            rule="not_completed",
        )
    _, kind = _programme_type(session, group)
    target = catalogue_repository.get_programme(session, data.programme_id)
    if target is None:
        raise InvalidFields(
            [BadField("body", "/programme_id", f"There is no programme {data.programme_id}")]
        )
    if target.hub_id != group.hub_id:
        raise Forbidden(f"Programme {target.id} is another hub's; continue into your own.")
    members = []
    for school in repo.member_schools(session, group.id):
        history = participations.of_subject(session, participations.school_subject(school.urn))
        members.append(
            Member(Applicant(schools.establishment(school)), participations.as_domain(history))
        )
    try:
        verdicts = check_continuation(
            kind,
            AcademicYear.parse(group.academic_year_id),
            eligibility.rules_of(target),
            members,
            now=now,
        )
    except CannotContinue as exc:
        raise InvalidFields([BadField("body", "/programme_id", str(exc))]) from exc
    answers = [
        schemas.ContinuationVerdict(
            urn=v.urn,
            name=v.name,
            continues=v.continues,
            reasons=list(v.reasons),
            to_check=list(v.to_check),
        )
        for v in verdicts
    ]
    going = [v.urn for v in verdicts if v.continues]
    if not going:
        raise Conflict(
            "None of the group's schools can continue into that programme.",
            rule="no_school_continues",
            schools=[answer.model_dump() for answer in answers],
        )
    lead_id = data.lead_person_id or group.lead_person_id
    if data.lead_person_id is not None:
        work_groups.check_lead(session, lead_id, group.hub_id)
    bounds = default_bounds(target.programme_type)
    carried = [
        person.id for person in repo.participants(session, group.id) if person.school_urn in going
    ]
    if check_room(bounds, schools=len(going), participants=len(carried)) is not None:
        carried = []  # too many for the new programme: the hub picks them afresh
    if check_room(bounds, schools=len(going), participants=0) is not None:
        raise Conflict(
            f"{len(going)} schools would continue, more than {target.title} takes.",
            rule="max_schools",
        )
    following = WorkGroup(
        hub_id=group.hub_id,
        programme_id=target.id,
        academic_year_id=target.academic_year_id,
        name=data.name or group.name,
        lead_person_id=lead_id,
        max_schools=bounds.max_schools,
        max_participants=bounds.max_participants,
        continues_from_id=group.id,
    )
    repo.add(session, following)
    for urn in going:
        repo.add(session, WorkGroupSchool(work_group_id=following.id, school_urn=urn))
        grant_entitlements.record_for_school(
            session, programme_id=target.id, school_urn=urn, work_group_id=following.id
        )
    for person_id in carried:
        repo.add(session, WorkGroupParticipant(work_group_id=following.id, person_id=person_id))
    repo.raise_data_version(session)
    audit.record(
        session,
        actor,
        action="continue",
        resource_type="work_group",
        resource_id=following.id,
        hub_id=following.hub_id,
        before=None,
        after={
            "continues_from_id": group.id,
            "programme_id": target.id,
            "school_urns": going,
            "participant_ids": carried,
            "left_out": {v.urn: list(v.reasons) for v in verdicts if not v.continues},
        },
    )
    return following, answers
