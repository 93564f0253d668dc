"""From selection to the group: a programme's selected schools join its Work Group, and the
teachers named on each school's application become the group's participants, as people
records of their school.

Hub staff form the group from the selection in one step; a school selected later, or offered a
freed place from the waiting list, joins the programme's group in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from api.domain.access import Principal
from api.domain.webhooks import EventType
from api.domain.work_groups import Bounds, check_room
from api.errors import Conflict
from api.persistence import applications_repository, schools_repository
from api.persistence import work_groups_repository as repo
from api.persistence.models import (
    Application,
    Person,
    WorkGroup,
    WorkGroupParticipant,
    WorkGroupSchool,
)
from api.schemas import work_groups as schemas
from api.services import audit, grant_entitlements, webhook_events, work_groups

SELECTED = "selected"


@dataclass(frozen=True)
class Joining:
    """A school about to join, with the people records its named teachers will take part as."""

    urn: str
    people: list[Person]
    passed_over: list[str]  # named teachers whose email another school's or hub's record holds


def form(
    session: Session,
    data: schemas.WorkGroupCreate,
    *,
    actor: Principal,
    now: datetime | None = None,
) -> WorkGroup:
    """A new group; with `from_selection`, the programme's selected schools and the teachers
    named on their applications join it in the same step."""
    group = work_groups.create(session, data, actor=actor)
    if data.from_selection:
        group = fill_from_selection(session, group, actor=actor)
    webhook_events.record(
        session,
        EventType.GROUP_FORMED,
        hub_id=group.hub_id,
        resource_type="work_group",
        resource_id=group.id,
        now=now,
    )
    return group


def fill_from_selection(session: Session, group: WorkGroup, *, actor: Principal) -> WorkGroup:
    """Every school selected for the group's programme and in none of its groups joins, with
    its named teachers; all of them or, past the group's bounds, none (409)."""
    locked = repo.lock_work_group(session, group.id)
    assert locked is not None
    grouped = _grouped_urns(session, group.programme_id)
    waiting = [
        a
        for a in applications_repository.of_programme(session, group.programme_id, [SELECTED])
        if a.school_urn not in grouped
    ]
    if not waiting:
        raise Conflict(
            "No selected school is left to join: select schools on the review page first, or "
            "add them to the group one at a time.",
            rule="nothing_selected",
        )
    joining = [_joining(session, locked, application) for application in waiting]
    schools = len(repo.member_urns(session, locked.id)) + len(joining)
    participants = len(repo.participant_ids(session, locked.id)) + len(
        {p.email for j in joining for p in j.people}
    )
    exceeded = check_room(_bounds(locked), schools=schools, participants=participants)
    if exceeded is not None:
        raise Conflict(
            f"The selection has {len(joining)} schools and {participants} named teachers: "
            f"{exceeded.reason} Set the group's bounds higher, or leave some out and add "
            "schools one at a time.",
            rule=exceeded.rule,
            limit=exceeded.limit,
        )
    before = work_groups.snapshot(session, locked)
    for join in joining:
        _add(session, locked, join, actor)
    work_groups.changed(
        session, locked, actor, before, note=_note("Formed from the selection", joining)
    )
    return locked


def join_on_selection(
    session: Session, application: Application, *, actor: Principal | None
) -> WorkGroup | None:
    """A school newly selected (by the hub, or offered a freed place) joins its programme's
    group, with its named teachers: when the programme has exactly one group still running,
    the school is in none of its groups, and the group has room for them all. Otherwise the
    hub adds it by hand (or forms another group from the selection)."""
    running = [
        g
        for g in repo.groups_of_programme(session, application.programme_id)
        if g.completed_on is None
    ]
    if len(running) != 1 or application.school_urn in _grouped_urns(
        session, application.programme_id
    ):
        return None
    group = repo.lock_work_group(session, running[0].id)
    assert group is not None
    join = _joining(session, group, application)
    exceeded = check_room(
        _bounds(group),
        schools=len(repo.member_urns(session, group.id)) + 1,
        participants=len(repo.participant_ids(session, group.id)) + len(join.people),
    )
    if exceeded is not None:
        return None
    before = work_groups.snapshot(session, group)
    _add(session, group, join, actor)
    work_groups.changed(session, group, actor, before, note=_note("Joined on selection", [join]))
    return group


def _grouped_urns(session: Session, programme_id: int) -> set[str]:
    return {
        urn
        for g in repo.groups_of_programme(session, programme_id)
        for urn in repo.member_urns(session, g.id)
    }


def _bounds(group: WorkGroup) -> Bounds:
    return Bounds(max_schools=group.max_schools, max_participants=group.max_participants)


def _joining(session: Session, group: WorkGroup, application: Application) -> Joining:
    """The application's named teachers as people records of its school: an existing record of
    that school with the same email is reused; one is made for each teacher not yet known."""
    people: dict[str, Person] = {}
    passed_over: list[str] = []
    for named in application.participants:
        email = str(named["email"]).lower()
        if email in people:
            continue
        known = schools_repository.person_by_email(session, email)
        if known is None:
            people[email] = Person(
                name=str(named["name"]),
                email=email,
                roles=[str(named.get("role") or "teacher")],
                school_urn=application.school_urn,
                hub_id=group.hub_id,
            )
        elif known.school_urn == application.school_urn and known.hub_id == group.hub_id:
            people[email] = known
        else:
            passed_over.append(str(named["name"]))
    return Joining(application.school_urn, list(people.values()), passed_over)


def _add(session: Session, group: WorkGroup, join: Joining, actor: Principal | None) -> None:
    if repo.get_member(session, group.id, join.urn) is None:
        repo.add(session, WorkGroupSchool(work_group_id=group.id, school_urn=join.urn))
        # Joining makes the programme's grants the school's to claim once due.
        grant_entitlements.record_for_school(
            session, programme_id=group.programme_id, school_urn=join.urn, work_group_id=group.id
        )
    for person in join.people:
        if person.id is None:
            repo.add(session, person)
            audit.record(
                session,
                actor,
                action="create",
                resource_type="person",
                resource_id=person.id,
                hub_id=person.hub_id,
                before=None,
                after={
                    "name": person.name,
                    "email": person.email,
                    "roles": person.roles,
                    "school_urn": person.school_urn,
                },
                note=f"Named as a participant on the application of school {join.urn}",
            )
        if repo.get_participant(session, group.id, person.id) is None:
            repo.add(session, WorkGroupParticipant(work_group_id=group.id, person_id=person.id))


def _note(what: str, joining: list[Joining]) -> str:
    passed = [name for j in joining for name in j.passed_over]
    if not passed:
        return what
    return f"{what}; not added, because another school's record holds their email: " + ", ".join(
        passed
    )
