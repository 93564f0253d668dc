"""The retention schedule applied on an injected day: a dry run reports exactly what the run
then does, each record on the right side of its cut-off, and a second run changes nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.clock import ENGLAND
from api.domain.retention import Category
from api.persistence.base import Base
from api.persistence.models import (
    Application,
    AuditEvent,
    GrantClaim,
    GrantEntitlement,
    OutboxMessage,
    Person,
    SessionAttendance,
    WorkGroup,
    WorkGroupSession,
)
from api.services.retention import apply_retention
from tests.builders import MakeHub, MakeProgramme, MakeSchool

TODAY = date(2033, 5, 15)
NOW = datetime(2033, 5, 15, 2, 0, tzinfo=UTC)
URN = "100001"


def at(day: date, hour: int = 12) -> datetime:
    return datetime.combine(day, time(hour), ENGLAND).astimezone(UTC)


def _dump(db: Session) -> list[tuple[object, ...]]:
    db.flush()
    return [
        (table.name, *row)
        for table in Base.metadata.sorted_tables
        for row in db.execute(select(table))
    ]


def test_dry_run_and_run_agree_and_a_second_run_changes_nothing(
    db: Session, make_hub: MakeHub, make_programme: MakeProgramme, make_school: MakeSchool
) -> None:
    hub = make_hub(id="north")
    programme = make_programme(hub=hub)
    make_school(urn=URN)
    # The last trigger dates each rule finds due on 15 May 2033, and the day after.
    due_day = {12: date(2032, 5, 14), 36: date(2030, 5, 14), 72: date(2027, 5, 14)}

    def application(status: str, decided: date, n: int, urn: str = URN) -> Application:
        row = Application(
            programme_id=programme.id,
            school_urn=urn,
            hub_id=hub.id,
            status=status,
            created_by="test",
            head_teacher={"name": f"Head {n}", "email": f"head{n}@school.example"},
            participants=[{"name": f"Teacher {n}", "email": f"t{n}@school.example"}],
            statement=f"Statement {n}",
            decided_at=at(decided),
            created_at=at(decided),
            updated_at=at(decided),
        )
        db.add(row)
        db.flush()
        return row

    # Two applications of one school to one programme need one of them withdrawn.
    unsuccessful_due = application("withdrawn", due_day[12], 1)
    application("withdrawn", due_day[12] + timedelta(days=1), 2)
    make_school(urn="100002")
    make_school(urn="100003")
    completed_due = application("selected", due_day[36], 3, urn="100002")
    application("selected", due_day[36] + timedelta(days=1), 4, urn="100003")

    lead = Person(
        name="Lena Lead",
        email="lead@school.example",
        roles=["mastery_specialist"],
        hub_id=hub.id,
        created_at=at(date(2020, 1, 1)),
        updated_at=at(date(2020, 1, 1)),
    )
    inactive = Person(
        name="Ivo Inactive",
        email="ivo@school.example",
        roles=["teacher"],
        hub_id=hub.id,
        created_at=at(date(2028, 1, 1)),
        updated_at=at(date(2028, 1, 1)),
    )
    active = Person(
        name="Ada Active",
        email="ada@school.example",
        roles=["teacher"],
        hub_id=hub.id,
        created_at=at(date(2028, 1, 1)),
        updated_at=at(date(2028, 1, 1)),
    )
    db.add_all([lead, inactive, active])
    db.flush()
    group = WorkGroup(
        hub_id=hub.id,
        programme_id=programme.id,
        academic_year_id=programme.academic_year_id,
        name="Old group",
        lead_person_id=lead.id,
    )
    db.add(group)
    db.flush()

    def session(day: date, number: int) -> WorkGroupSession:
        row = WorkGroupSession(
            work_group_id=group.id,
            number=number,
            kind="trg_meeting",
            on=day,
            start_time=time(13),
            end_time=time(15),
            starts_at=at(day, 13),
            ends_at=at(day, 15),
            host_school_urn=URN,
        )
        db.add(row)
        db.flush()
        return row

    old = session(due_day[72], 1)
    kept = session(due_day[72] + timedelta(days=1), 2)
    recent = session(date(2032, 10, 1), 3)  # the lead and Ada were here: active
    db.add_all(
        [
            SessionAttendance(session_id=old.id, person_id=active.id, status="present"),
            SessionAttendance(session_id=kept.id, person_id=active.id, status="present"),
            SessionAttendance(session_id=recent.id, person_id=active.id, status="present"),
            OutboxMessage(
                to_address="a@school.example",
                subject="Old",
                text_body="x",
                html_body="x",
                template="t",
                sent_at=at(due_day[12]),
            ),
            OutboxMessage(
                to_address="b@school.example",
                subject="Kept",
                text_body="x",
                html_body="x",
                template="t",
                sent_at=at(due_day[12] + timedelta(days=1)),
            ),
            OutboxMessage(
                to_address="c@school.example",
                subject="Unsent",
                text_body="x",
                html_body="x",
                template="t",
                created_at=at(date(2020, 1, 1)),
            ),
            AuditEvent(
                actor="system",
                actor_label="s",
                action="update",
                resource_type="x",
                resource_id="1",
                changes={},
                at=at(due_day[72]),
            ),
            AuditEvent(
                actor="system",
                actor_label="s",
                action="update",
                resource_type="x",
                resource_id="2",
                changes={},
                at=at(due_day[72] + timedelta(days=1)),
            ),
        ]
    )
    entitlement = GrantEntitlement(
        hub_id=hub.id,
        programme_id=programme.id,
        school_urn=URN,
        grant_index=0,
        kind="fixed_grant",
        purpose="release",
        amount_pence=100_000,
    )
    db.add(entitlement)
    db.flush()

    def claim(
        reference: str, status: str, submitted: date, held: GrantEntitlement = entitlement
    ) -> GrantClaim:
        row = GrantClaim(
            reference=reference,
            entitlement_id=held.id,
            holds_entitlement_id=None if status == "void" else held.id,
            hub_id=hub.id,
            programme_id=programme.id,
            school_urn=URN,
            status=status,
            amount_pence=100_000,
            submitted_by="user:1",
            submitted_at=at(submitted),
            history=[
                {
                    "status": status,
                    "at": "x",
                    "by": "user:1",
                    "by_name": "Cara Claimant",
                    "note": "Paid by Cara Claimant",
                }
            ],
        )
        db.add(row)
        db.flush()
        return row

    # The financial year ending 31 March 2027 is kept six years, to 31 March 2033: due now.
    paid_due = claim("GC-1", "paid", date(2027, 3, 31))
    # One day into the next financial year: kept to 31 March 2034.
    claim("GC-2", "void", date(2027, 4, 1))
    # Unpaid: never due, whatever its age.
    entitlement2 = GrantEntitlement(
        hub_id=hub.id,
        programme_id=programme.id,
        school_urn=URN,
        grant_index=1,
        kind="fixed_grant",
        purpose="release",
        amount_pence=1,
    )
    db.add(entitlement2)
    db.flush()
    unpaid = claim("GC-3", "payable", date(2020, 1, 1), entitlement2)
    # The audit entries written by the set-up itself (at today's real time) are also due when
    # older than six years before TODAY: counted independently of the code under test.
    audit_due = db.scalar(
        select(func.count())
        .select_from(AuditEvent)
        .where(AuditEvent.at < at(due_day[72] + timedelta(days=1), 0))
    )

    snapshot = _dump(db)
    dry = apply_retention(db, today=TODAY, now=NOW, dry_run=True)
    assert _dump(db) == snapshot, "a dry run changed the database"
    counted = {o.category: o.count for o in dry.outcomes}
    assert counted == {
        Category.UNSUCCESSFUL_APPLICATIONS: 1,
        Category.COMPLETED_APPLICATIONS: 1,
        Category.INACTIVE_PEOPLE: 1,
        Category.ATTENDANCE: 1,
        Category.AUDIT_ENTRIES: audit_due,
        Category.SENT_EMAIL: 1,
        Category.GRANT_RECORDS: 1,
    }

    run = apply_retention(db, today=TODAY, now=NOW, dry_run=False)
    assert {o.category: o.keys for o in run.outcomes} == {o.category: o.keys for o in dry.outcomes}
    db.expire_all()
    assert db.get(Application, unsuccessful_due.id).anonymised_at is not None  # type: ignore[union-attr]
    assert db.get(Application, unsuccessful_due.id).statement == "[redacted]"  # type: ignore[union-attr]
    assert db.get(Application, completed_due.id).anonymised_at is not None  # type: ignore[union-attr]
    assert db.get(Person, inactive.id).erased_at is not None  # type: ignore[union-attr]
    assert db.get(Person, active.id).erased_at is None  # type: ignore[union-attr]
    assert db.get(Person, lead.id).erased_at is None  # type: ignore[union-attr]
    remaining = db.scalars(select(SessionAttendance.session_id)).all()
    assert sorted(remaining) == sorted([kept.id, recent.id])
    subjects = db.scalars(select(OutboxMessage.subject)).all()
    assert sorted(subjects) == ["Kept", "Unsent"]
    paid = db.get(GrantClaim, paid_due.id)
    assert paid is not None
    assert paid.anonymised_at is not None
    assert paid.amount_pence == 100_000
    assert "Cara" not in str(paid.history)
    assert "Cara" in str(db.get(GrantClaim, unpaid.id).history)  # type: ignore[union-attr]
    logged = db.scalars(select(AuditEvent).where(AuditEvent.action == "retention")).all()
    assert len(logged) == 1
    assert logged[0].at == NOW

    snapshot = _dump(db)
    again = apply_retention(db, today=TODAY, now=NOW, dry_run=False)
    assert again.changed == 0
    assert _dump(db) == snapshot, "a second run changed the database"
