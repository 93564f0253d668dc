"""The demo's Work Groups (api/demo/work_groups.yaml): made through the same services the API
uses, so their sessions are placed by the scheduling rules and completing a past year writes
the schools' participation history as it would for a hub."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from sqlalchemy.orm import Session

from api.domain.academic_year import AcademicYear
from api.domain.access import Principal, Role
from api.domain.work_groups import MeetingKind
from api.persistence import catalogue_repository, schools_repository
from api.persistence import work_groups_repository as repo
from api.persistence.models import Person, WorkGroupParticipant, WorkGroupSchool
from api.schemas import work_groups as schemas
from api.services import grant_entitlements, sessions, work_group_years, work_groups

# The demo acts as a national administrator would; the audit log names it.
LOADER = Principal(kind="user", id=0, label="the demo loader", role=Role.NATIONAL_ADMIN)
MASTERY_SPECIALIST = "mastery_specialist"


def load_work_groups(
    session: Session, data: dict[str, Any], offers: dict[str, dict[str, Any]], *, today: date
) -> int:
    """Add the demo groups that are missing; a group already there (by name and programme) is
    left as it is."""
    people = {p["email"]: _person(session, p) for p in data["people"]}
    added = 0
    for spec in data["groups"]:
        offer = offers[spec["programme"]]
        year = AcademicYear.parse(str(offer["academic_year"]))
        programme = catalogue_repository.find_programme(
            session, hub_id=offer["hub"], academic_year_id=year.slug, title=offer["title"]
        )
        assert programme is not None, spec["programme"]
        if any(g.name == spec["name"] for g in repo.groups_of_programme(session, programme.id)):
            continue
        lead = people[spec["lead"]]
        group = work_groups.create(
            session,
            schemas.WorkGroupCreate(
                programme_id=programme.id, name=spec["name"], lead_person_id=lead.id
            ),
            actor=LOADER,
        )
        # Schools were selected in their year; the demo has no applications to select them by.
        for urn in spec["schools"]:
            repo.add(session, WorkGroupSchool(work_group_id=group.id, school_urn=urn))
            grant_entitlements.record_for_school(
                session, programme_id=programme.id, school_urn=urn, work_group_id=group.id
            )
            for teacher in range(1, spec.get("teachers_per_school", 0) + 1):
                member = _teacher(session, urn, programme.hub_id, teacher)
                repo.add(session, WorkGroupParticipant(work_group_id=group.id, person_id=member.id))
        schedule(session, group.id, spec["sessions"], lead)
        if year.ends_on < today:
            work_group_years.complete(
                session,
                group.id,
                schemas.WorkGroupCompletion(),
                actor=LOADER,
                today=year.ends_on,
            )
        added += 1
    return added


def schedule(session: Session, group_id: int, plan: dict[str, Any], lead: Person) -> None:
    request = schemas.ScheduleRequest(
        sessions=plan["count"],
        half_terms=plan.get("half_terms"),
        start_time=time.fromisoformat(plan["start"]),
        end_time=time.fromisoformat(plan["end"]),
        kind=MeetingKind(plan["kind"]),
    )
    proposal = sessions.propose(session, group_id, request, actor=LOADER)
    sessions.create(
        session,
        group_id,
        [
            schemas.SessionCreate(
                kind=p.kind,
                number=p.number,
                date=p.date,
                start_time=p.start_time,
                end_time=p.end_time,
                host_urn=lead.school_urn if plan.get("hosts") == "lead" else p.host_urn,
            )
            for p in proposal.sessions
        ],
        actor=LOADER,
    )


def _person(session: Session, spec: dict[str, Any]) -> Person:
    found = schools_repository.person_by_email(session, spec["email"])
    if found is not None:
        return found
    person = Person(
        name=spec["name"],
        email=spec["email"],
        roles=[MASTERY_SPECIALIST, "teacher"],
        school_urn=spec["school"],
        hub_id=spec["hub"],
    )
    schools_repository.add(session, person)
    return person


FIRST_NAMES = (
    "Amir",
    "Beth",
    "Chloe",
    "Dan",
    "Ella",
    "Femi",
    "Gina",
    "Hugo",
    "Isla",
    "Jack",
    "Kemi",
)
LAST_NAMES = ("Ashby", "Brook", "Cole", "Dunn", "Ellis", "Frost", "Gray", "Hart", "Ince", "Joyce")


def _teacher(session: Session, urn: str, hub_id: str, teacher: int) -> Person:
    email = teacher_email(urn, teacher)
    found = schools_repository.person_by_email(session, email)
    if found is not None:
        return found
    person = Person(
        name=teacher_name(urn, teacher),
        email=email,
        roles=["teacher", "maths_lead"] if teacher == 1 else ["teacher"],
        school_urn=urn,
        hub_id=hub_id,
    )
    schools_repository.add(session, person)
    return person


def teacher_name(urn: str, teacher: int) -> str:
    """The invented name of a school's teacher number `teacher`, the same on every load."""
    seed = int(urn) * 2 + teacher
    return f"{FIRST_NAMES[seed % len(FIRST_NAMES)]} {LAST_NAMES[seed // 3 % len(LAST_NAMES)]}"


def teacher_email(urn: str, teacher: int) -> str:
    return f"teacher{teacher}.{urn}@example.org"
