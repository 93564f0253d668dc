"""The demo's year in motion for Cheshire and Wirral: a programme in each state a hub meets,
dated from the day the demo is loaded, and made through the services the API uses, so that the
rules hold (eligibility at submission, places and the waiting list, the group's bounds, only
selected schools join a group, completing a year writes the journey).

- Last year: Primary Development was published, recruited, decided and grouped; its registers
  were taken, the year completed (the schools' journeys) and the group continued into this
  year's Primary Embedding, which is running: past sessions have their registers, later ones
  are planned.
- Next year: Primary Embedding closed four weeks ago and is decided (selected, waiting list,
  not selected), its Work Group formed from the selected schools, the teachers named on their
  applications its participants, its sessions planned. Primary Development is open with
  applications in draft, awaiting signatures and submitted. (demo.py loads next year's SKTM
  for teaching assistants as a draft.)

A signatory confirms from the link in their email, as a person would: the loader reads the link
from the queued message. The email the demo queues stands for email sent at the time; demo.py
marks it sent, so nobody receives it.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy.orm import Session

from api.domain.academic_year import AcademicYear
from api.domain.applications import ApplicationStatus
from api.domain.programme_status import ProgrammeStatus
from api.domain.release_time import Attendance
from api.errors import AppError
from api.persistence import (
    applications_repository,
    catalogue_repository,
    outbox_repository,
    schools_repository,
)
from api.persistence import work_groups_repository as groups_repository
from api.persistence.models import Application, Person, Programme, WorkGroup
from api.schemas import applications as application_schemas
from api.schemas import work_groups as group_schemas
from api.schemas.catalogue import ProgrammeUpdate
from api.services import (
    applications,
    attendance,
    catalogue,
    group_forming,
    schools,
    work_group_years,
)
from api.services.demo_work_groups import LOADER, schedule, teacher_email, teacher_name

log = logging.getLogger(__name__)

LEAD = "mastery.specialist@example.org"
SESSIONS = {"count": 6, "kind": "trg_meeting", "start": "13:00", "end": "16:00"}
_SIGN_LINK = re.compile(r"/sign/([A-Za-z0-9_-]+)")


@dataclass(frozen=True)
class Applying:
    """A school's application and how far it has gone: draft, awaiting_signatures, submitted,
    or the hub's decision (selected, waitlisted, not_selected)."""

    urn: str
    until: str
    engaging: bool = False


LAST_YEAR_DEVELOPMENT = "primary-development-2023@last-year"
LAST_YEAR_GROUP = "West Cheshire Development Work Group"
LAST_YEAR_SCHOOLS = (
    Applying("100002", "selected", engaging=True),
    Applying("100016", "selected"),
    Applying("100035", "selected"),
    Applying("100036", "selected"),
)
THIS_YEAR_EMBEDDING = "primary-embedding-2023@this-year"
CONTINUED_GROUP = "West Cheshire Embedding Work Group"

NEXT_YEAR_EMBEDDING = "primary-embedding-2023@next-year"
NEXT_YEAR_GROUP = "Cheshire and Wirral Embedding Work Group"
NEXT_YEAR_EMBEDDING_SCHOOLS = (
    Applying("100037", "selected", engaging=True),
    Applying("100038", "selected"),
    Applying("100039", "selected"),
    Applying("100040", "selected"),
    Applying("100041", "waitlisted"),
    Applying("100042", "not_selected"),
)
NEXT_YEAR_DEVELOPMENT = "primary-development-2023@next-year"
NEXT_YEAR_DEVELOPMENT_SCHOOLS = (
    Applying("100031", "draft"),
    Applying("100032", "awaiting_signatures"),
    Applying("100033", "submitted", engaging=True),
    Applying("100034", "submitted"),
)
DECISIONS = ("selected", "waitlisted", "not_selected")

STATEMENT = (
    "{school} wants to build teaching for mastery across the school. Our two teachers lead "
    "maths in their year groups and will share what they learn with every colleague; the head "
    "teacher will give them the release time the programme asks for."
)


@dataclass(frozen=True)
class YearLoaded:
    applications_added: int
    work_groups_added: int


def load_year(
    session: Session, offers: dict[str, dict[str, Any]], *, today: date, base_url: str
) -> YearLoaded:
    """Each part runs once: a programme that already has applications is left as it is."""
    lead = schools_repository.person_by_email(session, LEAD)
    assert lead is not None, "demo_work_groups loads the Mastery Specialists first"
    added = YearLoaded(0, 0)
    for part in (_last_year, _next_year_decided, _next_year_open):
        try:
            with session.begin_nested():
                done = part(session, offers, lead, today=today, base_url=base_url)
        except AppError as exc:  # loaded on a day the story no longer fits: leave that part out
            log.warning("The demo left out %s: %s", part.__name__, exc)
            continue
        added = YearLoaded(
            added.applications_added + done.applications_added,
            added.work_groups_added + done.work_groups_added,
        )
    return added


# The three parts


def _last_year(
    session: Session,
    offers: dict[str, dict[str, Any]],
    lead: Person,
    *,
    today: date,
    base_url: str,
) -> YearLoaded:
    """Recruited, grouped, registers taken, completed and continued into this year."""
    programme = _programme(session, offers[LAST_YEAR_DEVELOPMENT])
    if _has_applications(session, programme):
        return YearLoaded(0, 0)
    made = _recruit(session, programme, LAST_YEAR_SCHOOLS, base_url=base_url)
    _close(session, programme)
    year = AcademicYear.parse(programme.academic_year_id)
    group = _form_group(session, programme, LAST_YEAR_GROUP, lead)
    schedule(session, group.id, SESSIONS, lead)
    _take_registers(session, group.id, before=year.ends_on)
    work_group_years.complete(
        session, group.id, group_schemas.WorkGroupCompletion(), actor=LOADER, today=year.ends_on
    )
    embedding = _programme(session, offers[THIS_YEAR_EMBEDDING])
    continued, _ = work_group_years.continue_group(
        session,
        group.id,
        group_schemas.WorkGroupContinuation(programme_id=embedding.id, name=CONTINUED_GROUP),
        actor=LOADER,
        now=_at(year.ends_on),
    )
    schedule(session, continued.id, {**SESSIONS, "start": "13:15", "end": "16:15"}, lead)
    _take_registers(session, continued.id, before=today)
    return YearLoaded(len(made), 2)


def _next_year_decided(
    session: Session,
    offers: dict[str, dict[str, Any]],
    lead: Person,
    *,
    today: date,
    base_url: str,
) -> YearLoaded:
    """Closed, decided, the group formed from the selected schools, its sessions planned."""
    programme = _programme(session, offers[NEXT_YEAR_EMBEDDING])
    if _has_applications(session, programme):
        return YearLoaded(0, 0)
    made = _recruit(session, programme, NEXT_YEAR_EMBEDDING_SCHOOLS, base_url=base_url)
    group = _form_group(session, programme, NEXT_YEAR_GROUP, lead)
    schedule(session, group.id, SESSIONS, lead)
    return YearLoaded(len(made), 1)


def _next_year_open(
    session: Session,
    offers: dict[str, dict[str, Any]],
    lead: Person,
    *,
    today: date,
    base_url: str,
) -> YearLoaded:
    """Open: a draft, one waiting for signatures, two submitted."""
    programme = _programme(session, offers[NEXT_YEAR_DEVELOPMENT])
    if _has_applications(session, programme):
        return YearLoaded(0, 0)
    made = _recruit(session, programme, NEXT_YEAR_DEVELOPMENT_SCHOOLS, base_url=base_url)
    return YearLoaded(len(made), 0)


# Steps


def _programme(session: Session, offer: dict[str, Any]) -> Programme:
    year = AcademicYear.parse(str(offer["academic_year"]))
    found = catalogue_repository.find_programme(
        session, hub_id=offer["hub"], academic_year_id=year.slug, title=offer["title"]
    )
    assert found is not None, offer["key"]
    return found


def _has_applications(session: Session, programme: Programme) -> bool:
    statuses = [s.value for s in ApplicationStatus]
    return applications_repository.count_with_status(session, programme.id, statuses) > 0


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


def _recruit(
    session: Session, programme: Programme, schools_applying: tuple[Applying, ...], *, base_url: str
) -> list[tuple[Application, Applying]]:
    """Publish the programme if it is a draft; each school applies, a day apart, through its
    task list; the hub decides on the day it said it would tell the schools."""
    if programme.status == ProgrammeStatus.DRAFT:
        catalogue.update_programme(
            session,
            programme.id,
            ProgrammeUpdate(status=ProgrammeStatus.OPEN),
            actor=LOADER,
            expected_version=programme.version,
        )
    assert programme.applications_open_on is not None
    made = []
    for index, applying in enumerate(schools_applying):
        started = programme.applications_open_on + timedelta(days=1 + index)
        made.append((_apply(session, programme, applying, started, base_url), applying))
    told = {m["kind"]: date.fromisoformat(m["date"]) for m in programme.milestones}
    # Places first, then the waiting list, then the rest.
    for decision in DECISIONS:
        for application, applying in made:
            if applying.until == decision:
                applications.decide_application(
                    session,
                    application.id,
                    application_schemas.DecisionRequest(
                        decision=application_schemas.DecisionKind(decision)
                    ),
                    actor=LOADER,
                    now=_at(told["selection_told"]),
                    base_url=base_url,
                )
    return made


def _apply(
    session: Session, programme: Programme, applying: Applying, started: date, base_url: str
) -> Application:
    school, _ = schools.get(session, applying.urn)
    form = applications.form_of(programme)
    head = application_schemas.Contact(
        name=" ".join(n for n in (school.head_first_name, school.head_last_name) if n)
        or "Head Teacher",
        email=f"head.{applying.urn}@example.org",
    )
    teachers = [
        application_schemas.Participant(
            name=teacher_name(applying.urn, number),
            email=teacher_email(applying.urn, number),
            role=application_schemas.ParticipantRole(form.participant_role),
            year_groups=[f"Year {number * 2}", f"Year {number * 2 + 1}"],
        )
        for number in range(1, max(form.participants_min, min(2, form.participants_max)) + 1)
    ]
    draft = applying.until == "draft"
    application = applications.create_draft(
        session,
        application_schemas.ApplicationCreate(
            programme_id=programme.id,
            urn=applying.urn,
            head_teacher=head,
            participants=teachers[:1] if draft else teachers,
            statement="" if draft else STATEMENT.format(school=school.name),
            engaging_with_tfm=applying.engaging,
        ),
        actor=LOADER,
        now=_at(started),
    )
    # Started on its day of the story (create_draft stamps the wall clock).
    application.created_at = _at(started)
    session.flush()
    if draft:
        return application
    applications.send_signature_requests(
        session,
        application.id,
        actor=LOADER,
        base_url=base_url,
        now=_at(started + timedelta(days=1)),
    )
    signatories = [head.email, *(t.email for t in teachers)]
    # Waiting for signatures: one teacher has confirmed, the others have not yet.
    confirming = signatories[1:2] if applying.until == "awaiting_signatures" else signatories
    for email in confirming:
        _confirm_from_email(session, programme, email, now=_at(started + timedelta(days=2)))
    if applying.until == "awaiting_signatures":
        return application
    return applications.submit(
        session,
        application.id,
        actor=LOADER,
        now=_at(started + timedelta(days=3)),
        base_url=base_url,
    )


def _confirm_from_email(
    session: Session, programme: Programme, email: str, *, now: datetime
) -> None:
    message = outbox_repository.newest_to(session, to=email, template="signature_request")
    link = _SIGN_LINK.search(message.text_body) if message else None
    assert link is not None, f"no signature link was queued for {email}"
    applications.confirm(session, link.group(1), applications.commitments_of(programme), now=now)


def _close(session: Session, programme: Programme) -> None:
    catalogue.update_programme(
        session,
        programme.id,
        ProgrammeUpdate(status=ProgrammeStatus.CLOSED),
        actor=LOADER,
        expected_version=programme.version,
    )


def _form_group(session: Session, programme: Programme, name: str, lead: Person) -> WorkGroup:
    """The group of the selected schools, formed as hub staff form it on the review page."""
    return group_forming.form(
        session,
        group_schemas.WorkGroupCreate(
            programme_id=programme.id, name=name, lead_person_id=lead.id, from_selection=True
        ),
        actor=LOADER,
    )


def _mark(session_number: int, index: int) -> Attendance:
    """Most come; now and then one sends apologies or is absent."""
    if (session_number + index) % 5 == 0:
        return Attendance.ABSENT_WITH_APOLOGIES
    if (session_number + 2 * index) % 7 == 3:
        return Attendance.ABSENT
    return Attendance.PRESENT


def _take_registers(session: Session, group_id: int, *, before: date) -> None:
    """The register of every session held before `before` (that day's is still to come)."""
    participants = groups_repository.participant_ids(session, group_id)
    for row in groups_repository.sessions_of(session, group_id):
        if row.on >= before or row.status != "scheduled" or not participants:
            continue
        attendance.record(
            session,
            row.id,
            [
                group_schemas.AttendanceRecord(person_id=person_id, status=_mark(row.number, i))
                for i, person_id in enumerate(participants)
            ],
            actor=LOADER,
            now=row.ends_at,
        )
