"""All queries on personal data as a whole: the records that name a person (for a subject access
export), redacting a person's values wherever they are stored (an erasure), and subject access
requests."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    ColumnElement,
    LargeBinary,
    String,
    Table,
    Text,
    cast,
    delete,
    false,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session

from api.domain.privacy import Redactor
from api.persistence.base import Base
from api.persistence.models import (
    AcademicYearRow,
    Application,
    AuditEvent,
    CalendarFeed,
    GrantClaim,
    OutboxAttachment,
    OutboxMessage,
    Participation,
    Person,
    Programme,
    SessionAttendance,
    Signatory,
    SignInAttempt,
    SubjectAccessRequest,
    UserAccount,
    UserSession,
    WorkGroup,
    WorkGroupParticipant,
    WorkGroupSession,
)


def mentions(column: Any, redactor: Redactor) -> ColumnElement[bool]:
    """A loose test, in SQL, that a column's text holds one of the values (any case); the
    redactor decides exactly, word by word, in Python."""
    text = func.lower(cast(column, Text))
    tests = [text.contains(value.lower(), autoescape=True) for value in redactor.values]
    return or_(*tests) if tests else false()


# --- The records that name a person -------------------------------------------------------


@dataclass(frozen=True)
class PersonRecords:
    person: Person
    accounts: list[UserAccount]
    applications: list[Application]
    signatures: list[Signatory]
    attendance: list[SessionAttendance]
    memberships: list[WorkGroupParticipant]
    groups_led: list[WorkGroup]
    participations: list[Participation]
    emails: list[OutboxMessage]
    audit_entries: list[AuditEvent]
    calendar_feeds: list[CalendarFeed]
    subject_access_requests: list[SubjectAccessRequest]


_APPLICATION_PEOPLE = (
    Application.head_teacher,
    Application.head_of_department,
    Application.participants,
)


def records_of(session: Session, person: Person, redactor: Redactor) -> PersonRecords:
    email = person.email.lower()
    signatures = list(
        session.scalars(
            select(Signatory).where(func.lower(Signatory.email) == email).order_by(Signatory.id)
        )
    )
    named = or_(
        *(mentions(column, Redactor.of([email])) for column in _APPLICATION_PEOPLE),
        Application.id.in_([s.application_id for s in signatures]),
    )
    return PersonRecords(
        person=person,
        accounts=list(session.scalars(select(UserAccount).where(UserAccount.email == email))),
        applications=list(
            session.scalars(select(Application).where(named).order_by(Application.id))
        ),
        signatures=signatures,
        attendance=list(
            session.scalars(
                select(SessionAttendance)
                .where(SessionAttendance.person_id == person.id)
                .order_by(SessionAttendance.session_id)
            )
        ),
        memberships=list(
            session.scalars(
                select(WorkGroupParticipant)
                .where(WorkGroupParticipant.person_id == person.id)
                .order_by(WorkGroupParticipant.work_group_id)
            )
        ),
        groups_led=list(
            session.scalars(
                select(WorkGroup)
                .where(WorkGroup.lead_person_id == person.id)
                .order_by(WorkGroup.id)
            )
        ),
        participations=list(
            session.scalars(
                select(Participation)
                .where(Participation.person_id == person.id)
                .order_by(Participation.id)
            )
        ),
        emails=list(
            session.scalars(
                select(OutboxMessage)
                .where(func.lower(OutboxMessage.to_address) == email)
                .order_by(OutboxMessage.id)
            )
        ),
        audit_entries=list(
            session.scalars(
                select(AuditEvent)
                .where(
                    or_(
                        (AuditEvent.resource_type == "person")
                        & (AuditEvent.resource_id == str(person.id)),
                        func.lower(AuditEvent.actor_label) == email,
                        mentions(AuditEvent.changes, redactor),
                        mentions(AuditEvent.resource_title, redactor),
                        mentions(AuditEvent.note, redactor),
                    )
                )
                .order_by(AuditEvent.id)
            )
        ),
        calendar_feeds=list(
            session.scalars(select(CalendarFeed).where(CalendarFeed.person_id == person.id))
        ),
        subject_access_requests=list(
            session.scalars(
                select(SubjectAccessRequest)
                .where(SubjectAccessRequest.person_id == person.id)
                .order_by(SubjectAccessRequest.id)
            )
        ),
    )


def claims_resting_on(session: Session, person: Person) -> list[GrantClaim]:
    """Claims of the person's school for programmes whose groups they took part in or led."""
    if person.school_urn is None:
        return []
    programmes = select(WorkGroup.programme_id).where(
        or_(
            WorkGroup.lead_person_id == person.id,
            WorkGroup.id.in_(
                select(WorkGroupParticipant.work_group_id).where(
                    WorkGroupParticipant.person_id == person.id
                )
            ),
        )
    )
    return list(
        session.scalars(
            select(GrantClaim)
            .where(GrantClaim.school_urn == person.school_urn)
            .where(GrantClaim.programme_id.in_(programmes))
            .order_by(GrantClaim.id)
        )
    )


# --- Erasure -------------------------------------------------------------------------------


def forget_credentials(session: Session, email: str) -> list[UserAccount]:
    """The person's accounts (by email), their sessions ended; failed sign-ins under it gone."""
    accounts = list(session.scalars(select(UserAccount).where(UserAccount.email == email)))
    if accounts:
        session.execute(
            delete(UserSession).where(UserSession.user_id.in_([a.id for a in accounts]))
        )
    session.execute(delete(SignInAttempt).where(func.lower(SignInAttempt.email) == email))
    return accounts


def drop_unsent_mail_to(session: Session, email: str) -> None:
    """Mail still waiting for them would go to an address that is no longer kept."""
    unsent = select(OutboxMessage.id).where(
        func.lower(OutboxMessage.to_address) == email, OutboxMessage.sent_at.is_(None)
    )
    session.execute(delete(OutboxAttachment).where(OutboxAttachment.message_id.in_(unsent)))
    session.execute(
        delete(OutboxMessage).where(
            func.lower(OutboxMessage.to_address) == email, OutboxMessage.sent_at.is_(None)
        )
    )


def _text_columns(table: Table) -> list[str]:
    return [
        column.name
        for column in table.columns
        if isinstance(column.type, String | Text | JSON)
        and not isinstance(column.type, LargeBinary)
        and not column.primary_key
    ]


# The person's own record and account are erased by the service itself: a namesake's is not theirs.
_OWN_RECORDS = frozenset({"person", "user_account"})


def redact_everywhere(
    session: Session, redactor: Redactor, *, now: datetime
) -> dict[str, list[Any]]:
    """Replace the values in every text and JSON column of every table, in place. Answers the
    primary keys of the rows changed, by table. A row with a version column moves on a version,
    so that a client's ETag of what it held no longer matches."""
    session.flush()
    changed: dict[str, list[Any]] = {}
    for table in Base.metadata.sorted_tables:
        if table.name in _OWN_RECORDS:
            continue
        columns = _text_columns(table)
        if not columns or not redactor.values:
            continue
        keys = list(table.primary_key.columns)
        rows = session.execute(
            select(*keys, *(table.c[name] for name in columns)).where(
                or_(*(mentions(table.c[name], redactor) for name in columns))
            )
        ).all()
        for row in rows:
            key = tuple(row[: len(keys)])
            values: dict[str, Any] = {}
            for index, name in enumerate(columns):
                before = row[len(keys) + index]
                if before is None:
                    continue
                after = redactor.value(before)
                if after != before:
                    values[name] = after
            if not values:
                continue
            if "version" in table.c:
                values["version"] = table.c.version + 1
            if "updated_at" in table.c:
                values["updated_at"] = now
            session.execute(
                update(table)
                .where(*(column == value for column, value in zip(keys, key, strict=True)))
                .values(**values)
            )
            changed.setdefault(table.name, []).append(key[0] if len(key) == 1 else key)
    session.expire_all()
    return changed


def mark_audit_redacted(session: Session, ids: Iterable[int], *, now: datetime) -> None:
    wanted = list(ids)
    if wanted:
        session.execute(
            update(AuditEvent)
            .where(AuditEvent.id.in_(wanted), AuditEvent.redacted_at.is_(None))
            .values(redacted_at=now)
        )


def audit_about_person(session: Session, person_id: int) -> list[int]:
    return list(
        session.scalars(
            select(AuditEvent.id).where(
                AuditEvent.resource_type == "person", AuditEvent.resource_id == str(person_id)
            )
        )
    )


def drop_attachments_of(session: Session, message_ids: Sequence[int]) -> None:
    """An attachment (an invitation) of a message that named the person names them too."""
    if message_ids:
        session.execute(
            delete(OutboxAttachment).where(OutboxAttachment.message_id.in_(list(message_ids)))
        )


def statements_written_by(session: Session, email: str) -> list[Application]:
    """The applications whose head of department (the statement's author) is `email`."""
    return [
        application
        for application in session.scalars(
            select(Application).where(
                mentions(Application.head_of_department, Redactor.of([email]))
            )
        )
        if str((application.head_of_department or {}).get("email", "")).lower() == email
    ]


# --- Subject access requests --------------------------------------------------------------


def add(session: Session, row: object) -> None:
    session.add(row)
    session.flush()


def get_request(session: Session, request_id: int) -> SubjectAccessRequest | None:
    return session.get(SubjectAccessRequest, request_id)


def list_requests(
    session: Session,
    *,
    hub_id: str | None,
    open_only: bool,
    after: tuple[date, int] | None,
    limit: int,
) -> list[tuple[SubjectAccessRequest, str]]:
    """Requests with their person's name, soonest due first."""
    query = select(SubjectAccessRequest, Person.name).join(
        Person, Person.id == SubjectAccessRequest.person_id
    )
    if hub_id is not None:
        query = query.where(SubjectAccessRequest.hub_id == hub_id)
    if open_only:
        query = query.where(SubjectAccessRequest.exported_at.is_(None))
    if after is not None:
        due, last = after
        query = query.where(
            or_(
                SubjectAccessRequest.due_on > due,
                (SubjectAccessRequest.due_on == due) & (SubjectAccessRequest.id > last),
            )
        )
    query = query.order_by(SubjectAccessRequest.due_on, SubjectAccessRequest.id).limit(limit)
    return [(row, name) for row, name in session.execute(query)]


def person_name(session: Session, person_id: int) -> str:
    return session.scalar(select(Person.name).where(Person.id == person_id)) or ""


# --- Evaluation extracts ------------------------------------------------------------------


@dataclass(frozen=True)
class ParticipantRow:
    person_id: int
    roles: list[str]
    school_urn: str | None
    work_group_id: int
    programme_type: str | None
    sessions_held: int
    sessions_attended: int


@dataclass(frozen=True)
class StatementRow:
    application_id: int
    school_urn: str
    programme_type: str | None
    status: str
    statement: str
    named: list[str]  # every name and email on the application and its signatories


def _year_groups(hub_id: str | None, academic_year_id: str) -> Any:
    query = select(WorkGroup.id).where(WorkGroup.academic_year_id == academic_year_id)
    return query if hub_id is None else query.where(WorkGroup.hub_id == hub_id)


def extract_participants(
    session: Session, *, hub_id: str | None, academic_year_id: str, today: date
) -> list[ParticipantRow]:
    """Each participant of the year's groups, with the group's sessions held by `today` and
    those they were present at."""
    groups = _year_groups(hub_id, academic_year_id)
    held = (
        select(func.count())
        .select_from(WorkGroupSession)
        .where(
            WorkGroupSession.work_group_id == WorkGroupParticipant.work_group_id,
            WorkGroupSession.status == "scheduled",
            WorkGroupSession.on <= today,
        )
        .scalar_subquery()
    )
    attended = (
        select(func.count())
        .select_from(SessionAttendance)
        .join(WorkGroupSession, WorkGroupSession.id == SessionAttendance.session_id)
        .where(
            WorkGroupSession.work_group_id == WorkGroupParticipant.work_group_id,
            SessionAttendance.person_id == WorkGroupParticipant.person_id,
            SessionAttendance.status == "present",
        )
        .scalar_subquery()
    )
    rows = session.execute(
        select(
            Person.id,
            Person.roles,
            Person.school_urn,
            WorkGroupParticipant.work_group_id,
            Programme.programme_type,
            held,
            attended,
        )
        .join(Person, Person.id == WorkGroupParticipant.person_id)
        .join(WorkGroup, WorkGroup.id == WorkGroupParticipant.work_group_id)
        .join(Programme, Programme.id == WorkGroup.programme_id)
        .where(WorkGroupParticipant.work_group_id.in_(groups))
        .order_by(WorkGroupParticipant.work_group_id, Person.id)
    ).all()
    return [ParticipantRow(r[0], list(r[1]), r[2], r[3], r[4], int(r[5]), int(r[6])) for r in rows]


def extract_statements(
    session: Session, *, hub_id: str | None, academic_year_id: str
) -> list[StatementRow]:
    query = (
        select(Application, Programme.programme_type)
        .join(Programme, Programme.id == Application.programme_id)
        .where(Programme.academic_year_id == academic_year_id, Application.status != "draft")
        .order_by(Application.id)
    )
    if hub_id is not None:
        query = query.where(Application.hub_id == hub_id)
    found = session.execute(query).all()
    signatories: dict[int, list[Signatory]] = {}
    ids = [application.id for application, _ in found]
    if ids:
        for signatory in session.scalars(
            select(Signatory).where(Signatory.application_id.in_(ids))
        ):
            signatories.setdefault(signatory.application_id, []).append(signatory)
    rows = []
    for application, programme_type in found:
        people = [
            p for p in (application.head_teacher, application.head_of_department) if p
        ] + list(application.participants)
        named = [str(p.get(key, "")) for p in people for key in ("name", "email")]
        named += [v for s in signatories.get(application.id, []) for v in (s.name, s.email)]
        rows.append(
            StatementRow(
                application.id,
                application.school_urn,
                programme_type,
                application.status,
                application.statement,
                named,
            )
        )
    return rows


def academic_year_exists(session: Session, academic_year_id: str) -> bool:
    return session.get(AcademicYearRow, academic_year_id) is not None
