"""The queries behind the retention schedule: which records of each kind are due (their
trigger date on or before the cut-off), and removing or anonymising them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from api.domain.privacy import UNSETTLED_CLAIM_STATUSES
from api.persistence.models import (
    Application,
    AuditEvent,
    GrantClaim,
    GrantEvidence,
    OutboxAttachment,
    OutboxMessage,
    Person,
    SessionAttendance,
    Signatory,
    WorkGroup,
    WorkGroupParticipant,
    WorkGroupSession,
)

SUCCESSFUL = ("selected",)


def applications_due(session: Session, *, successful: bool, before: datetime) -> list[int]:
    """Applications not yet anonymised, decided (or last changed) before `before`."""
    decided = func.coalesce(Application.decided_at, Application.updated_at)
    status = (
        Application.status.in_(SUCCESSFUL) if successful else Application.status.not_in(SUCCESSFUL)
    )
    return list(
        session.scalars(
            select(Application.id)
            .where(status, Application.anonymised_at.is_(None), decided < before)
            .order_by(Application.id)
        )
    )


def applications(session: Session, ids: Sequence[int]) -> list[Application]:
    return list(session.scalars(select(Application).where(Application.id.in_(list(ids)))))


def signatories_of(session: Session, application_id: int) -> list[Signatory]:
    return list(
        session.scalars(select(Signatory).where(Signatory.application_id == application_id))
    )


def audit_of(session: Session, resource_type: str, resource_id: str) -> list[AuditEvent]:
    return list(
        session.scalars(
            select(AuditEvent).where(
                AuditEvent.resource_type == resource_type, AuditEvent.resource_id == resource_id
            )
        )
    )


def inactive_people_due(session: Session, *, before: datetime, held_before: date) -> list[int]:
    """People not erased whose record, groups and sessions attended are all older than the
    cut-off (`held_before` for sessions, which are dated)."""
    attended = (
        select(func.max(WorkGroupSession.on))
        .join(SessionAttendance, SessionAttendance.session_id == WorkGroupSession.id)
        .where(SessionAttendance.person_id == Person.id)
        .scalar_subquery()
    )
    led = (
        select(func.max(WorkGroupSession.on))
        .join(WorkGroup, WorkGroup.id == WorkGroupSession.work_group_id)
        .where(WorkGroup.lead_person_id == Person.id)
        .scalar_subquery()
    )
    joined = (
        select(func.max(WorkGroupParticipant.added_at))
        .where(WorkGroupParticipant.person_id == Person.id)
        .scalar_subquery()
    )
    return list(
        session.scalars(
            select(Person.id)
            .where(
                Person.erased_at.is_(None),
                Person.updated_at < before,
                (attended.is_(None)) | (attended < held_before),
                (led.is_(None)) | (led < held_before),
                (joined.is_(None)) | (joined < before),
            )
            .order_by(Person.id)
        )
    )


def attendance_due(session: Session, *, held_on_or_before: date) -> list[tuple[int, int]]:
    return [
        (row.session_id, row.person_id)
        for row in session.execute(
            select(SessionAttendance.session_id, SessionAttendance.person_id)
            .join(WorkGroupSession, WorkGroupSession.id == SessionAttendance.session_id)
            .where(WorkGroupSession.on <= held_on_or_before)
            .order_by(SessionAttendance.session_id, SessionAttendance.person_id)
        )
    ]


def delete_attendance(session: Session, keys: Sequence[tuple[int, int]]) -> None:
    for session_id, person_id in keys:
        session.execute(
            delete(SessionAttendance).where(
                SessionAttendance.session_id == session_id,
                SessionAttendance.person_id == person_id,
            )
        )


def audit_due(session: Session, *, before: datetime) -> list[int]:
    return list(
        session.scalars(select(AuditEvent.id).where(AuditEvent.at < before).order_by(AuditEvent.id))
    )


def delete_audit(session: Session, ids: Sequence[int]) -> None:
    if ids:
        session.execute(delete(AuditEvent).where(AuditEvent.id.in_(list(ids))))


def sent_mail_due(session: Session, *, before: datetime) -> list[int]:
    return list(
        session.scalars(
            select(OutboxMessage.id)
            .where(OutboxMessage.sent_at.is_not(None), OutboxMessage.sent_at < before)
            .order_by(OutboxMessage.id)
        )
    )


def delete_mail(session: Session, ids: Sequence[int]) -> None:
    if ids:
        session.execute(delete(OutboxAttachment).where(OutboxAttachment.message_id.in_(list(ids))))
        session.execute(delete(OutboxMessage).where(OutboxMessage.id.in_(list(ids))))


def claims_due(session: Session, *, before: datetime) -> list[int]:
    """Settled claims not yet anonymised, made before `before`."""
    return list(
        session.scalars(
            select(GrantClaim.id)
            .where(
                GrantClaim.status.not_in(sorted(UNSETTLED_CLAIM_STATUSES)),
                GrantClaim.anonymised_at.is_(None),
                GrantClaim.submitted_at < before,
            )
            .order_by(GrantClaim.id)
        )
    )


def claims(session: Session, ids: Sequence[int]) -> list[GrantClaim]:
    return list(session.scalars(select(GrantClaim).where(GrantClaim.id.in_(list(ids)))))


def delete_evidence_of(session: Session, claim_ids: Sequence[int]) -> None:
    if claim_ids:
        session.execute(delete(GrantEvidence).where(GrantEvidence.claim_id.in_(list(claim_ids))))
