"""Applying the retention schedule (api.domain.retention): which records of each kind are due
today, and anonymising or deleting them. A dry run reads the same plan and changes nothing; a
run applies exactly that plan and records it in the audit log. Running it again the same day
finds nothing due, so it is safe to run daily (cron, or `serve`'s background worker)."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from api.clock import ENGLAND, Clock, today_in_england
from api.domain.privacy import REDACTED, Redactor
from api.domain.retention import DEFAULT_SCHEDULE, Action, Category, Rule, last_due_trigger
from api.errors import ErasureRefused
from api.persistence import retention_repository as repo
from api.persistence.database import unit_of_work
from api.persistence.models import Application
from api.services import audit, erasure, people

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    category: Category
    action: Action
    due_on_or_before: date
    keys: list[Any]
    # People due but held (an unsettled claim), with why: they are tried again next run.
    held: dict[int, str] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return len(self.keys)


@dataclass(frozen=True)
class Report:
    today: date
    dry_run: bool
    outcomes: list[Outcome]

    @property
    def changed(self) -> int:
        return sum(o.count for o in self.outcomes)


def _start_of_day_after(day: date) -> datetime:
    """The instant the day after `day` begins in England: a trigger instant before it fell on
    or before `day`."""
    return datetime.combine(day + timedelta(days=1), time(0), ENGLAND).astimezone(UTC)


def plan(session: Session, *, today: date, schedule: tuple[Rule, ...] = DEFAULT_SCHEDULE) -> Report:
    outcomes = []
    for rule in schedule:
        last = last_due_trigger(rule, today)
        before = _start_of_day_after(last)
        held: dict[int, str] = {}
        keys: list[Any]
        match rule.category:
            case Category.UNSUCCESSFUL_APPLICATIONS:
                keys = repo.applications_due(session, successful=False, before=before)
            case Category.COMPLETED_APPLICATIONS:
                keys = repo.applications_due(session, successful=True, before=before)
            case Category.INACTIVE_PEOPLE:
                keys = []
                for person_id in repo.inactive_people_due(session, before=before, held_before=last):
                    reasons = erasure.holds_on(session, people.get_any(session, person_id))
                    if reasons:
                        held[person_id] = " ".join(reasons)
                    else:
                        keys.append(person_id)
            case Category.ATTENDANCE:
                keys = list(repo.attendance_due(session, held_on_or_before=last))
            case Category.AUDIT_ENTRIES:
                keys = repo.audit_due(session, before=before)
            case Category.SENT_EMAIL:
                keys = repo.sent_mail_due(session, before=before)
            case Category.GRANT_RECORDS:
                keys = repo.claims_due(session, before=before)
        outcomes.append(Outcome(rule.category, rule.action, last, keys, held))
    return Report(today=today, dry_run=True, outcomes=outcomes)


def apply_retention(
    session: Session,
    *,
    today: date,
    now: datetime,
    dry_run: bool,
    schedule: tuple[Rule, ...] = DEFAULT_SCHEDULE,
) -> Report:
    report = plan(session, today=today, schedule=schedule)
    if dry_run:
        return report
    for outcome in report.outcomes:
        _apply(session, outcome, now=now)
    if report.changed:
        audit.record(
            session,
            None,
            action="retention",
            resource_type="retention",
            resource_id=today.isoformat(),
            hub_id=None,
            before={o.category.value: None for o in report.outcomes if o.count},
            after={
                o.category.value: f"{o.count} {o.action.value}d" for o in report.outcomes if o.count
            },
            note="The retention schedule, applied (mathshubs apply-retention).",
            at=now,
        )
    return Report(today=today, dry_run=False, outcomes=report.outcomes)


def _apply(session: Session, outcome: Outcome, *, now: datetime) -> None:
    match outcome.category:
        case Category.UNSUCCESSFUL_APPLICATIONS | Category.COMPLETED_APPLICATIONS:
            for application in repo.applications(session, outcome.keys):
                _anonymise_application(session, application, now=now)
        case Category.INACTIVE_PEOPLE:
            for person_id in outcome.keys:
                try:
                    erasure.erase_person(
                        session, people.get_any(session, person_id), actor=None, now=now
                    )
                except ErasureRefused:  # held since the plan was made: tried again next run
                    log.info("Retention: person %s is held; tried again next run", person_id)
        case Category.ATTENDANCE:
            repo.delete_attendance(session, outcome.keys)
        case Category.AUDIT_ENTRIES:
            repo.delete_audit(session, outcome.keys)
        case Category.SENT_EMAIL:
            repo.delete_mail(session, outcome.keys)
        case Category.GRANT_RECORDS:
            repo.delete_evidence_of(session, outcome.keys)
            for claim in repo.claims(session, outcome.keys):
                claim.history = [
                    {**move, "by_name": REDACTED, "note": REDACTED if move.get("note") else None}
                    for move in claim.history
                ]
                if claim.reason_detail:
                    claim.reason_detail = REDACTED
                claim.anonymised_at = now
    session.flush()


def _anonymise_application(session: Session, application: Application, *, now: datetime) -> None:
    """The people named and the statement are redacted; the school, programme, status and the
    number of participants (which the reports count) stay."""
    named = [
        entry
        for entry in (
            application.head_teacher,
            application.head_of_department,
            *application.participants,
        )
        if entry
    ]
    signatories = repo.signatories_of(session, application.id)
    redactor = Redactor.of(
        [str(e.get(k, "")) for e in named for k in ("name", "email")]
        + [v for s in signatories for v in (s.name, s.email)]
    )
    application.head_teacher = redactor.value(application.head_teacher)
    application.head_of_department = redactor.value(application.head_of_department)
    application.participants = redactor.value(application.participants)
    application.statement = REDACTED
    if application.decision_note:
        application.decision_note = REDACTED
    application.anonymised_at = now
    for signatory in signatories:
        signatory.name = REDACTED
        signatory.email = redactor.text(signatory.email)
        signatory.token_hash = None
    for event in repo.audit_of(session, "application", str(application.id)):
        event.changes = redactor.value(event.changes)
        event.resource_title = redactor.value(event.resource_title)
        event.redacted_at = event.redacted_at or now


def run_retention(
    session_factory: sessionmaker[Session],
    *,
    stop: threading.Event,
    poll_seconds: float,
    clock: Clock,
) -> None:
    """Apply the schedule once a day (a round every `poll_seconds` finds nothing more to do the
    same day) until `stop` is set. A failed round is logged and tried again next round."""
    while not stop.is_set():
        try:
            now = clock.now()
            with unit_of_work(session_factory) as session:
                report = apply_retention(
                    session, today=today_in_england(now), now=now, dry_run=False
                )
        except Exception:
            log.exception("Retention: applying the schedule failed; trying again later")
        else:
            if report.changed:
                log.info("Retention: %d records anonymised or deleted.", report.changed)
        stop.wait(poll_seconds)
