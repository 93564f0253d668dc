"""Work Groups: a hub forms a group for one of its programmes, with a lead Mastery Specialist,
member schools (selected for the programme) and participants, within the programme's bounds."""

from __future__ import annotations

from sqlalchemy.orm import Session

from api.domain.access import Principal, Role
from api.domain.journey import ProgrammeType
from api.domain.work_groups import Bounds, check_room, default_bounds
from api.errors import BadField, Conflict, Forbidden, InvalidFields, NotFound
from api.persistence import catalogue_repository, schools_repository
from api.persistence import work_groups_repository as repo
from api.persistence.models import (
    Person,
    WorkGroup,
    WorkGroupParticipant,
    WorkGroupSchool,
    utc_now,
)
from api.schemas import work_groups as schemas
from api.services import audit, grant_entitlements, paging
from api.services.versions import check_version

MASTERY_SPECIALIST = "mastery_specialist"


def _lead_email(session: Session, viewer: Principal) -> str | None:
    if viewer.kind == "user" and viewer.role == Role.MASTERY_SPECIALIST:
        return repo.user_email(session, viewer.id)
    return None


def may_see(session: Session, viewer: Principal, group: WorkGroup) -> bool:
    """Hub staff see their hub's groups; a Mastery Specialist the groups they lead."""
    return viewer.runs_hub(group.hub_id) or leads(session, viewer, group)


def leads(session: Session, viewer: Principal, group: WorkGroup) -> bool:
    """Whether the viewer is the group's lead Mastery Specialist, signed in."""
    if viewer.hub_id != group.hub_id:
        return False
    email = _lead_email(session, viewer)
    lead = schools_repository.get_person(session, group.lead_person_id)
    return email is not None and lead is not None and lead.email == email.lower()


def list_work_groups(
    session: Session,
    viewer: Principal,
    *,
    hub: str | None,
    academic_year: str | None,
    programme: int | None,
    cursor: str | None,
    limit: int,
) -> tuple[list[WorkGroup], str | None]:
    last = paging.after(cursor, int)
    lead_email = _lead_email(session, viewer)
    if viewer.is_national:
        own_hub = hub
    elif viewer.hub_id is None or (hub is not None and hub != viewer.hub_id):
        return [], None
    else:
        own_hub = viewer.hub_id
    if viewer.role == Role.MASTERY_SPECIALIST and lead_email is None:
        return [], None
    rows = repo.list_work_groups(
        session,
        repo.WorkGroupFilters(
            hub=own_hub, academic_year=academic_year, programme=programme, lead_email=lead_email
        ),
        after=last[0] if last else None,
        limit=limit + 1,
    )
    return paging.page(rows, limit, lambda group: (group.id,))


def get(session: Session, work_group_id: int, viewer: Principal) -> WorkGroup:
    group = repo.get_work_group(session, work_group_id)
    if group is None or not may_see(session, viewer, group):
        raise NotFound(f"There is no Work Group {work_group_id} that you can see.")
    return group


def run(session: Session, work_group_id: int, actor: Principal, *, lock: bool) -> WorkGroup:
    """A group the actor's hub runs, locked (on PostgreSQL) when a change must be checked
    against its current members."""
    group = get(session, work_group_id, actor)
    if not actor.runs_hub(group.hub_id):
        raise Forbidden(f"Only the hub's staff may change Work Group {work_group_id}.")
    if lock:
        locked = repo.lock_work_group(session, work_group_id)
        assert locked is not None
        return locked
    return group


def refuse_if_completed(group: WorkGroup) -> None:
    """A completed year is history: its members are what the participation records say."""
    if group.completed_on is not None:
        raise Conflict(
            f"Work Group {group.id} was completed on {group.completed_on.isoformat()}; "
            "its members no longer change.",
            rule="completed",
        )


def check_lead(session: Session, person_id: int, hub_id: str) -> Person:
    person = schools_repository.get_person(session, person_id)
    if person is None or person.hub_id != hub_id:
        raise InvalidFields(
            [BadField("body", "/lead_person_id", f"Your hub keeps no person {person_id}")]
        )
    if MASTERY_SPECIALIST not in person.roles:
        raise InvalidFields(
            [
                BadField(
                    "body",
                    "/lead_person_id",
                    f"{person.name} is not recorded as a Mastery Specialist",
                )
            ]
        )
    return person


def create(session: Session, data: schemas.WorkGroupCreate, *, actor: Principal) -> WorkGroup:
    programme = catalogue_repository.get_programme(session, data.programme_id)
    if programme is None:
        raise InvalidFields(
            [BadField("body", "/programme_id", f"There is no programme {data.programme_id}")]
        )
    if not actor.runs_hub(programme.hub_id):
        raise Forbidden(f"Programme {programme.id} is another hub's; form groups for your own.")
    check_lead(session, data.lead_person_id, programme.hub_id)
    bounds = default_bounds(programme.programme_type)
    group = WorkGroup(
        hub_id=programme.hub_id,
        programme_id=programme.id,
        academic_year_id=programme.academic_year_id,
        name=data.name,
        lead_person_id=data.lead_person_id,
        max_schools=data.max_schools if data.max_schools is not None else bounds.max_schools,
        max_participants=(
            data.max_participants if data.max_participants is not None else bounds.max_participants
        ),
    )
    repo.add(session, group)
    repo.raise_data_version(session)
    audit.record(
        session,
        actor,
        action="create",
        resource_type="work_group",
        resource_id=group.id,
        hub_id=group.hub_id,
        before=None,
        after=_snapshot(session, group),
    )
    return group


def update(
    session: Session,
    work_group_id: int,
    changes: schemas.WorkGroupUpdate,
    *,
    actor: Principal,
    expected_version: int,
) -> WorkGroup:
    group = run(session, work_group_id, actor, lock=False)
    check_version(f"Work Group {work_group_id}", current=group.version, expected=expected_version)
    sent = changes.model_fields_set
    nulls = [n for n in ("name", "lead_person_id") if n in sent and getattr(changes, n) is None]
    if nulls:
        raise InvalidFields([BadField("body", f"/{n}", "This field cannot be null") for n in nulls])
    before = _snapshot(session, group)
    if changes.lead_person_id is not None:
        check_lead(session, changes.lead_person_id, group.hub_id)
        group.lead_person_id = changes.lead_person_id
    if changes.name is not None:
        group.name = changes.name
    if "max_schools" in sent:
        group.max_schools = changes.max_schools
    if "max_participants" in sent:
        group.max_participants = changes.max_participants
    exceeded = check_room(
        _bounds(group),
        schools=len(repo.member_urns(session, group.id)),
        participants=len(repo.participant_ids(session, group.id)),
    )
    if exceeded is not None:
        raise Conflict(
            f"The group already has more than that: {exceeded.reason}",
            rule=exceeded.rule,
            limit=exceeded.limit,
        )
    save(session, group)
    audit.record(
        session,
        actor,
        action="update",
        resource_type="work_group",
        resource_id=group.id,
        hub_id=group.hub_id,
        before=before,
        after=_snapshot(session, group),
    )
    return group


def add_school(session: Session, work_group_id: int, urn: str, *, actor: Principal) -> WorkGroup:
    group = run(session, work_group_id, actor, lock=True)
    refuse_if_completed(group)
    if schools_repository.get_school(session, urn) is None:
        raise InvalidFields([BadField("body", "/urn", f"There is no school with URN {urn}")])
    if repo.get_member(session, group.id, urn) is not None:
        raise Conflict(f"School {urn} is already in this group.", rule="already_member")
    if not repo.has_selected_application(session, group.programme_id, urn):
        raise Conflict(
            f"School {urn} has no selected application for this group's programme; "
            "select its application first.",
            rule="selected_application",
        )
    members = repo.member_urns(session, group.id)
    exceeded = check_room(
        _bounds(group),
        schools=len(members) + 1,
        participants=len(repo.participant_ids(session, group.id)),
    )
    if exceeded is not None:
        raise Conflict(exceeded.reason, rule=exceeded.rule, limit=exceeded.limit)
    before = _snapshot(session, group)
    repo.add(session, WorkGroupSchool(work_group_id=group.id, school_urn=urn))
    grant_entitlements.record_for_school(
        session, programme_id=group.programme_id, school_urn=urn, work_group_id=group.id
    )
    _changed(session, group, actor, before)
    return group


def remove_school(session: Session, work_group_id: int, urn: str, *, actor: Principal) -> WorkGroup:
    group = run(session, work_group_id, actor, lock=True)
    refuse_if_completed(group)
    if repo.get_member(session, group.id, urn) is None:
        raise NotFound(f"School {urn} is not in Work Group {work_group_id}.")
    before = _snapshot(session, group)
    repo.remove_member(session, group.id, urn)
    _changed(session, group, actor, before)
    return group


def add_participant(
    session: Session, work_group_id: int, person_id: int, *, actor: Principal
) -> WorkGroup:
    group = run(session, work_group_id, actor, lock=True)
    refuse_if_completed(group)
    person = schools_repository.get_person(session, person_id)
    if person is None or person.hub_id != group.hub_id:
        raise InvalidFields(
            [BadField("body", "/person_id", f"The group's hub keeps no person {person_id}")]
        )
    if repo.get_participant(session, group.id, person_id) is not None:
        raise Conflict(f"{person.name} already takes part in this group.", rule="already_member")
    members = repo.member_urns(session, group.id)
    if person.school_urn is None or person.school_urn not in members:
        raise Conflict(
            f"{person.name} is not recorded at one of the group's schools; add the school first.",
            rule="member_school",
        )
    exceeded = check_room(
        _bounds(group),
        schools=len(members),
        participants=len(repo.participant_ids(session, group.id)) + 1,
    )
    if exceeded is not None:
        raise Conflict(exceeded.reason, rule=exceeded.rule, limit=exceeded.limit)
    before = _snapshot(session, group)
    repo.add(session, WorkGroupParticipant(work_group_id=group.id, person_id=person_id))
    _changed(session, group, actor, before)
    return group


def remove_participant(
    session: Session, work_group_id: int, person_id: int, *, actor: Principal
) -> WorkGroup:
    group = run(session, work_group_id, actor, lock=True)
    refuse_if_completed(group)
    if repo.get_participant(session, group.id, person_id) is None:
        raise NotFound(f"Person {person_id} does not take part in Work Group {work_group_id}.")
    before = _snapshot(session, group)
    repo.remove_participant(session, group.id, person_id)
    _changed(session, group, actor, before)
    return group


def _bounds(group: WorkGroup) -> Bounds:
    return Bounds(max_schools=group.max_schools, max_participants=group.max_participants)


def save(session: Session, group: WorkGroup) -> None:
    session.flush()
    repo.raise_data_version(session)


def _changed(
    session: Session,
    group: WorkGroup,
    actor: Principal | None,
    before: dict[str, object],
    *,
    note: str | None = None,
) -> None:
    """A membership change: a new version of the group (its ETag), audited."""
    group.updated_at = utc_now()
    save(session, group)
    audit.record(
        session,
        actor,
        action="update",
        resource_type="work_group",
        resource_id=group.id,
        hub_id=group.hub_id,
        before=before,
        after=_snapshot(session, group),
        note=note,
    )


changed = _changed


def _snapshot(session: Session, group: WorkGroup) -> dict[str, object]:
    return {
        "name": group.name,
        "programme_id": group.programme_id,
        "lead_person_id": group.lead_person_id,
        "max_schools": group.max_schools,
        "max_participants": group.max_participants,
        "school_urns": repo.member_urns(session, group.id),
        "participant_ids": repo.participant_ids(session, group.id),
    }


snapshot = _snapshot


def _person(person: Person, schools: dict[str, str]) -> schemas.GroupPerson:
    return schemas.GroupPerson(
        id=person.id,
        name=person.name,
        school_urn=person.school_urn,
        school_name=schools.get(person.school_urn) if person.school_urn else None,
    )


def to_schema(session: Session, group: WorkGroup) -> schemas.WorkGroup:
    return to_schemas(session, [group])[0]


def to_schemas(session: Session, groups: list[WorkGroup]) -> list[schemas.WorkGroup]:
    """Groups with their members, a few queries for the whole list."""
    ids = [group.id for group in groups]
    members = repo.members_of(session, ids)
    taking_part = repo.participants_of(session, ids)
    successors = repo.successors_of(session, ids)
    # Programmes and leads repeat across a hub's groups: the session's identity map keeps them.
    leads = {
        group.id: schools_repository.get_person(session, group.lead_person_id) for group in groups
    }
    people = [p for p in leads.values() if p] + [p for ps in taking_part.values() for p in ps]
    names = repo.school_names(session, {p.school_urn for p in people if p.school_urn})
    answers = []
    for group in groups:
        programme = catalogue_repository.get_programme(session, group.programme_id)
        lead = leads[group.id]
        assert programme is not None  # a foreign key
        assert lead is not None
        kind = ProgrammeType(programme.programme_type) if programme.programme_type else None
        answers.append(
            schemas.WorkGroup(
                id=group.id,
                hub_id=group.hub_id,
                programme_id=group.programme_id,
                programme_title=programme.title,
                programme_type=kind,
                academic_year=group.academic_year_id,
                name=group.name,
                lead_person_id=group.lead_person_id,
                lead=_person(lead, names),
                max_schools=group.max_schools,
                max_participants=group.max_participants,
                schools=[
                    schemas.GroupSchool(urn=school.urn, name=school.name, town=school.town)
                    for school in members[group.id]
                ],
                participants=[_person(person, names) for person in taking_part[group.id]],
                completed_on=group.completed_on,
                continues_from_id=group.continues_from_id,
                continued_by_ids=successors[group.id],
                version=group.version,
                updated_at=group.updated_at,
            )
        )
    return answers
