"""Grant claims: a school claims (matched funding with its spend, invoice and evidence), its hub
approves, refuses, voids and claws back; every refusal is a clear problem and changes nothing,
every move is in the claim's history and the audit log."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from threading import Event
from typing import Any

import pytest
from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from api.domain.access import Principal, Role, Scope
from api.domain.claims import ClaimStatus, window_closes
from api.domain.statements import month_of
from api.errors import Conflict
from api.persistence.database import unit_of_work
from api.persistence.models import (
    AcademicYearRow,
    AuditEvent,
    GrantClaim,
    GrantEntitlement,
    GrantEvidence,
    GrantStatement,
    GrantStatementLine,
    Hub,
    Person,
    Programme,
    School,
    WorkGroup,
    WorkGroupSchool,
)
from api.schemas.grant_claims import EVIDENCE_MAX_BYTES
from api.services import grant_claims
from api.services.grant_claim_moves import move_claim
from api.services.grant_claims import ClaimRequest
from tests.accounts import KeyClient
from tests.api.grants_setup import (
    JPEG,
    PDF,
    PNG,
    TEXTBOOKS,
    ZIP,
    Grants,
    GrantsSetUp,
    act,
    claim_fixed,
    claim_matched,
    complete,
)
from tests.builders import MakeHub
from tests.clock import TEST_NOW, TODAY

HUB_STAFF = Principal(kind="user", id=0, label="statements", role=Role.HUB_ADMIN, hub_id="north")


def _matched(grants: Grants, urn: str | None = None) -> dict[str, Any]:
    return grants.entitlement(urn or grants.schools[0], "matched_funding")


def _claim(grants: Grants, **kwargs: Any) -> dict[str, Any]:
    made = claim_matched(grants.school, _matched(grants)["id"], **kwargs)
    assert made.status_code == 201, made.text
    return dict(made.json())


def _read(grants: Grants, claim: dict[str, Any]) -> dict[str, Any]:
    return dict(grants.staff.get(f"/api/v1/grants/claims/{claim['id']}").json())


def _on_statement(
    db: Session,
    claim_id: int,
    *,
    paid: bool = False,
    statement_status: str = "open",
    month: str = "2020-02",
) -> GrantStatement:
    """What the statements service does (tested with it): a payment line, the claim payable,
    and with `paid` the statement paid and the claim with it."""
    row = db.get(GrantClaim, claim_id)
    assert row is not None
    move_claim(db, row, ClaimStatus.PAYABLE, by=HUB_STAFF, now=TEST_NOW)
    status = "paid" if paid else statement_status
    statement = GrantStatement(
        hub_id=row.hub_id,
        month=month,
        status=status,
        paid_on=date(2020, 2, 28) if status == "paid" else None,
        payment_reference="BACS-1" if status == "paid" else None,
    )
    db.add(statement)
    db.flush()
    db.add(
        GrantStatementLine(
            statement_id=statement.id,
            claim_id=row.id,
            kind="payment",
            amount_pence=row.amount_pence,
        )
    )
    if paid:
        move_claim(db, row, ClaimStatus.PAID, by=HUB_STAFF, now=TEST_NOW)
    db.flush()
    return statement


def _audit(db: Session, claim_id: int) -> list[str]:
    return list(
        db.scalars(
            select(AuditEvent.action)
            .where(AuditEvent.resource_type == "grant_claim")
            .where(AuditEvent.resource_id == str(claim_id))
            .order_by(AuditEvent.id)
        )
    )


def test_a_matched_claim_pays_the_spend_up_to_the_cap_and_keeps_its_evidence(
    grants_setup: GrantsSetUp, db: Session
) -> None:
    grants = grants_setup(schools=1)
    made = claim_matched(grants.school, _matched(grants)["id"], spend=250_000, invoice="INV-77")
    assert made.status_code == 201, made.text
    claim = made.json()
    assert made.headers["Location"] == f"/api/v1/grants/claims/{claim['id']}"
    assert made.headers["ETag"] == f'"{claim["id"]}.{claim["version"]}"'
    assert claim["reference"] == f"GC-{claim['id']:06d}"
    assert claim["status"] == "submitted"
    assert claim["amount"] == {"amount_pence": 200_000, "currency": "GBP"}
    assert claim["spend"] == {"amount_pence": 250_000, "currency": "GBP"}
    assert claim["invoice_reference"] == "INV-77"
    assert claim["evidence"]["content_type"] == "application/pdf"
    assert claim["evidence"]["size_bytes"] == len(PDF)
    assert claim["allowed_actions"] == []
    assert [h["status"] for h in claim["history"]] == ["submitted"]
    assert _read(grants, claim)["allowed_actions"] == ["approve", "refuse", "void"]
    assert _audit(db, claim["id"]) == ["create"]

    download = grants.school.get(claim["evidence"]["href"])
    assert download.status_code == 200
    assert download.content == PDF
    assert download.headers["Content-Type"] == "application/pdf"
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert download.headers["Content-Disposition"].startswith('attachment; filename="invoice.pdf"')

    entitlement = _matched(grants)
    assert entitlement["status"] == "claimed"
    assert entitlement["claim"] == {
        "id": claim["id"],
        "reference": claim["reference"],
        "status": "submitted",
    }


def test_the_evidence_type_is_read_from_its_content_not_its_name(
    grants_setup: GrantsSetUp,
) -> None:
    grants = grants_setup(schools=2)
    png = _claim(grants, evidence=PNG, filename="../scan.pdf")
    assert png["evidence"]["content_type"] == "image/png"
    assert png["evidence"]["filename"] == "scan.pdf"
    staff_claim = claim_matched(
        grants.staff, _matched(grants, grants.schools[1])["id"], evidence=JPEG, filename="r.png"
    )
    assert staff_claim.status_code == 201
    assert staff_claim.json()["evidence"]["content_type"] == "image/jpeg"
    download = grants.staff.get(staff_claim.json()["evidence"]["href"])
    assert download.headers["Content-Type"] == "image/jpeg"


def test_a_file_that_is_not_what_it_says_is_refused_with_a_pointer(
    grants_setup: GrantsSetUp, db: Session
) -> None:
    grants = grants_setup(schools=1)
    zipped = claim_matched(grants.school, _matched(grants)["id"], evidence=ZIP)
    assert zipped.status_code == 422
    assert zipped.json()["errors"] == [
        {
            "location": "body",
            "pointer": "/evidence",
            "detail": "The evidence file is a ZIP archive; send a PDF, PNG or JPEG instead.",
        }
    ]
    text = claim_matched(grants.school, _matched(grants)["id"], evidence=b"just some words")
    assert "not a kind of file we recognise" in text.json()["errors"][0]["detail"]
    assert db.scalar(select(func.count()).select_from(GrantClaim)) == 0


def test_a_file_over_ten_megabytes_is_refused_413(grants_setup: GrantsSetUp, db: Session) -> None:
    grants = grants_setup(schools=1)
    big = claim_matched(
        grants.school, _matched(grants)["id"], evidence=PDF + b"\0" * EVIDENCE_MAX_BYTES
    )
    assert big.status_code == 413
    assert big.json()["type"] == "/problems/evidence-too-large"
    assert big.json()["max_bytes"] == EVIDENCE_MAX_BYTES
    assert db.scalar(select(func.count()).select_from(GrantClaim)) == 0


def test_matched_funding_needs_its_spend_invoice_and_evidence_and_a_fixed_grant_none(
    grants_setup: GrantsSetUp, db: Session
) -> None:
    grants = grants_setup(schools=1)
    bare = claim_matched(
        grants.school, _matched(grants)["id"], spend=None, invoice=None, evidence=None
    )
    assert bare.status_code == 422
    assert [e["pointer"] for e in bare.json()["errors"]] == [
        "/spend_pence",
        "/invoice_reference",
        "/evidence",
    ]
    complete(db, grants.group)
    fixed = grants.entitlement(grants.schools[0], "fixed_grant")
    extra = claim_matched(grants.school, fixed["id"], evidence=None, invoice=None)
    assert extra.status_code == 422
    assert [e["pointer"] for e in extra.json()["errors"]] == ["/spend_pence"]


def test_claims_are_refused_before_due_after_the_window_for_another_school_and_twice(
    grants_setup: GrantsSetUp, db: Session
) -> None:
    grants = grants_setup(schools=2)
    fixed = grants.entitlement(grants.schools[0], "fixed_grant")
    early = claim_fixed(grants.school, fixed["id"])
    assert early.status_code == 409
    assert early.json()["rule"] == "not_due"
    assert early.json()["missing"][0].startswith("Due once the school completes the year")

    theirs = claim_matched(grants.school, _matched(grants, grants.schools[1])["id"])
    assert theirs.status_code == 403
    assert grants.schools[0] in theirs.json()["detail"]

    first = _claim(grants)
    again = claim_matched(grants.school, _matched(grants)["id"])
    assert again.status_code == 409
    assert (again.json()["rule"], again.json()["claim"]) == ("already_claimed", first["reference"])

    grants.programme.claim_deadline = TODAY - timedelta(days=1)
    db.flush()
    late = claim_matched(grants.staff, _matched(grants, grants.schools[1])["id"])
    assert late.status_code == 409
    assert late.json()["rule"] == "claim_window_closed"
    assert late.json()["closed_at"] == window_closes(TODAY - timedelta(days=1)).isoformat()
    assert "Claims closed at 23:59:59 on" in late.json()["detail"]
    assert db.scalar(select(func.count()).select_from(GrantClaim)) == 1


def test_the_same_idempotency_key_answers_the_first_claim_again(grants_setup: GrantsSetUp) -> None:
    grants = grants_setup(schools=1)
    entitlement = _matched(grants)["id"]
    first = claim_matched(grants.school, entitlement, **{"Idempotency-Key": "claim-1"})
    second = claim_matched(grants.school, entitlement, **{"Idempotency-Key": "claim-1"})
    assert (first.status_code, second.status_code) == (201, 201)
    assert second.json() == first.json()
    assert second.headers["Idempotent-Replayed"] == "true"
    assert second.headers["Location"] == first.headers["Location"]


def test_approve_then_refuse_frees_the_grant_for_a_new_claim(
    grants_setup: GrantsSetUp, db: Session
) -> None:
    grants = grants_setup(schools=1)
    claim = _claim(grants)
    approved = act(grants.staff, claim, "approve")
    assert approved.status_code == 200, approved.text
    assert approved.json()["status"] == "eligible"
    assert approved.headers["ETag"] == f'"{claim["id"]}.{approved.json()["version"]}"'
    assert approved.json()["allowed_actions"] == ["refuse", "void"]

    twice = act(grants.staff, approved.json(), "approve")
    assert twice.status_code == 409
    assert twice.json()["rule"] == "claim_move_refused"
    assert twice.json()["current_status"] == "eligible"
    assert twice.json()["allowed_moves"] == ["ineligible", "payable", "void"]

    refused = act(
        grants.staff,
        approved.json(),
        "refuse",
        {"reason": "evidence_rejected", "detail": "The invoice is for exercise books."},
    )
    assert refused.status_code == 200, refused.text
    body = refused.json()
    assert (body["status"], body["reason"]) == ("ineligible", "evidence_rejected")
    assert body["reason_detail"] == "The invoice is for exercise books."
    assert [h["status"] for h in body["history"]] == ["submitted", "eligible", "ineligible"]
    assert body["history"][-1]["note"] == "The invoice is for exercise books."
    assert body["history"][-1]["by_name"]
    assert body["allowed_actions"] == []
    assert _audit(db, claim["id"]) == ["create", "approve", "refuse"]
    event = db.scalars(
        select(AuditEvent)
        .where(AuditEvent.resource_id == str(claim["id"]))
        .order_by(AuditEvent.id.desc())
    ).first()
    assert event is not None
    assert event.changes["status"]["before"] == "eligible"
    assert event.changes["status"]["after"] == "ineligible"

    assert _matched(grants)["status"] == "claimable"
    again = _claim(grants)
    assert again["id"] != claim["id"]
    duplicate = act(
        grants.staff,
        again,
        "refuse",
        {"reason": "duplicate", "detail": "Claimed twice.", "duplicate_of": claim["reference"]},
    )
    assert duplicate.status_code == 200, duplicate.text
    assert duplicate.json()["duplicate_of"] == {
        "id": claim["id"],
        "reference": claim["reference"],
        "status": "ineligible",
    }


def test_a_duplicate_must_name_the_claim_it_repeats(grants_setup: GrantsSetUp) -> None:
    grants = grants_setup(schools=1)
    claim = _claim(grants)
    unnamed = act(grants.staff, claim, "refuse", {"reason": "duplicate", "detail": "Twice."})
    assert unnamed.status_code == 422
    assert unnamed.json()["errors"][0]["pointer"] == "/duplicate_of"
    unknown = act(
        grants.staff,
        claim,
        "refuse",
        {"reason": "duplicate", "detail": "Twice.", "duplicate_of": "GC-999999"},
    )
    assert unknown.status_code == 422
    assert _read(grants, claim)["status"] == "submitted"


def test_approval_is_refused_while_a_condition_is_not_met(
    grants_setup: GrantsSetUp, db: Session
) -> None:
    grants = grants_setup(schools=1)
    complete(db, grants.group)
    fixed = grants.entitlement(grants.schools[0], "fixed_grant")
    made = claim_fixed(grants.school, fixed["id"])
    assert made.status_code == 201, made.text
    assert made.json()["amount"]["amount_pence"] == 100_000
    refused = act(grants.staff, made.json(), "approve")
    assert refused.status_code == 409
    assert refused.json()["rule"] == "conditions_not_met"
    assert refused.json()["missing"] == [
        "Paid once the school has attended 1 sessions; it has attended 0."
    ]
    assert _read(grants, made.json())["status"] == "submitted"


def test_nothing_spent_cannot_be_approved(grants_setup: GrantsSetUp) -> None:
    grants = grants_setup(schools=1)
    claim = _claim(grants, spend=0)
    assert claim["amount"]["amount_pence"] == 0
    refused = act(grants.staff, claim, "approve")
    assert refused.status_code == 409
    assert refused.json()["rule"] == "conditions_not_met"
    assert "spent nothing" in refused.json()["detail"]


def test_void_takes_a_payable_claim_off_its_open_statement_but_not_a_closed_one(
    grants_setup: GrantsSetUp, db: Session
) -> None:
    grants = grants_setup(schools=1)
    submitted = _claim(grants)
    voided = act(grants.staff, submitted, "void", {"reason": "Sent by mistake."})
    assert voided.status_code == 200, voided.text
    assert (voided.json()["status"], voided.json()["reason_detail"]) == ("void", "Sent by mistake.")
    assert act(grants.staff, voided.json(), "void", {"reason": "Again."}).status_code == 409

    eligible = _claim(grants)
    approved = act(grants.staff, eligible, "approve").json()
    assert act(grants.staff, approved, "clawback", {"reason": "x"}).status_code == 409
    assert act(grants.staff, approved, "void", {"reason": "Withdrawn."}).json()["status"] == "void"

    payable = _claim(grants)
    assert act(grants.staff, payable, "approve").status_code == 200
    statement = _on_statement(db, payable["id"])
    read = _read(grants, payable)
    assert read["payment_statement"] == {"id": statement.id, "month": "2020-02", "status": "open"}
    version = statement.version
    off = act(grants.staff, read, "void", {"reason": "The school withdrew."})
    assert off.status_code == 200, off.text
    assert off.json()["payment_statement"] is None
    assert db.scalar(select(func.count()).select_from(GrantStatementLine)) == 0
    db.refresh(statement)
    assert statement.version > version

    locked = _claim(grants)
    assert act(grants.staff, locked, "approve").status_code == 200
    _on_statement(db, locked["id"], statement_status="payable", month="2020-01")
    refused = act(grants.staff, _read(grants, locked), "void", {"reason": "Too late."})
    assert refused.status_code == 409
    assert refused.json()["rule"] == "statement_closed"
    assert _read(grants, locked)["status"] == "payable"
    assert _audit(db, locked["id"]) == ["create", "approve", "put on a statement"]


def test_a_paid_claim_is_clawed_back_on_the_hubs_open_statement(
    grants_setup: GrantsSetUp, db: Session
) -> None:
    grants = grants_setup(schools=1)
    claim = _claim(grants)
    assert act(grants.staff, claim, "void", {"reason": "x"}).status_code == 200
    claim = _claim(grants, spend=120_000)
    assert act(grants.staff, claim, "approve").status_code == 200
    paid_on = _on_statement(db, claim["id"], paid=True)
    read = _read(grants, claim)
    assert read["status"] == "paid"
    assert read["allowed_actions"] == ["clawback"]
    assert _matched(grants)["status"] == "paid"
    assert act(grants.staff, read, "void", {"reason": "x"}).json()["rule"] == "claim_move_refused"

    clawed = act(grants.staff, read, "clawback", {"reason": "The textbooks were returned."})
    assert clawed.status_code == 200, clawed.text
    body = clawed.json()
    assert body["status"] == "awaiting_clawback"
    assert body["payment_statement"]["id"] == paid_on.id
    # No statement was open: one for this month in London takes the clawback.
    assert body["clawback_statement"]["month"] == str(month_of(TEST_NOW))
    assert body["clawback_statement"]["status"] == "open"
    line = db.scalars(select(GrantStatementLine).where(GrantStatementLine.kind == "clawback")).one()
    assert line.amount_pence == -120_000
    assert body["history"][-1]["note"] == "The textbooks were returned."
    assert _audit(db, claim["id"])[-1] == "claw back"
    assert act(grants.staff, body, "clawback", {"reason": "Twice."}).status_code == 409
    assert _matched(grants)["status"] == "paid"

    # The statement that recovers it moves it on, through the same move_claim.
    row = db.get(GrantClaim, claim["id"])
    assert row is not None
    move_claim(db, row, ClaimStatus.CLAWED_BACK, by=HUB_STAFF, now=TEST_NOW)
    assert _read(grants, claim)["history"][-1]["status"] == "clawed_back"
    assert _audit(db, claim["id"])[-1] == "recover on a statement"
    assert _matched(grants)["status"] == "clawed_back"


def test_a_move_needs_the_current_if_match(grants_setup: GrantsSetUp) -> None:
    grants = grants_setup(schools=1)
    claim = _claim(grants)
    url = f"/api/v1/grants/claims/{claim['id']}/approve"
    assert grants.staff.post(url).status_code == 428
    stale = grants.staff.post(url, headers={"If-Match": f'"{claim["id"]}.99"'})
    assert stale.status_code == 412
    assert _read(grants, claim)["status"] == "submitted"
    tag = grants.staff.get(f"/api/v1/grants/claims/{claim['id']}").headers["ETag"]
    assert (
        grants.staff.get(
            f"/api/v1/grants/claims/{claim['id']}", headers={"If-None-Match": tag}
        ).status_code
        == 304
    )


def test_claims_list_in_keyset_pages_by_id_or_by_last_change(
    grants_setup: GrantsSetUp, db: Session
) -> None:
    grants = grants_setup(schools=3)
    claims = [
        claim_matched(grants.staff, _matched(grants, urn)["id"]).json() for urn in grants.schools
    ]
    assert act(grants.staff, claims[0], "approve").status_code == 200

    def walk(client: Any, **params: Any) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        cursor = None
        while True:
            query = {"limit": 2, **params} | ({"cursor": cursor} if cursor else {})
            page = client.get("/api/v1/grants/claims", params=query)
            assert page.status_code == 200, page.text
            items += page.json()["items"]
            cursor = page.json()["next_cursor"]
            if cursor is None:
                return items

    assert [c["id"] for c in walk(grants.staff)] == [c["id"] for c in claims]
    by_change = walk(grants.staff, updated_since=TEST_NOW.isoformat())
    assert [c["id"] for c in by_change] == [c["id"] for c in claims]  # one clock: id decides
    later = (TEST_NOW + timedelta(seconds=1)).isoformat()
    assert walk(grants.staff, updated_since=later) == []
    statuses = walk(grants.staff, status=["eligible", "void"])
    assert [c["id"] for c in statuses] == [claims[0]["id"]]
    assert [c["id"] for c in walk(grants.school)] == [claims[0]["id"]]
    assert (
        grants.school.get("/api/v1/grants/claims", params={"school": grants.schools[1]}).status_code
        == 403
    )


def test_another_schools_claim_and_its_evidence_are_not_found(grants_setup: GrantsSetUp) -> None:
    grants = grants_setup(schools=2)
    theirs = claim_matched(grants.staff, _matched(grants, grants.schools[1])["id"]).json()
    assert grants.school.get(f"/api/v1/grants/claims/{theirs['id']}").status_code == 404
    assert grants.school.get(theirs["evidence"]["href"]).status_code == 404
    complete_fixed = grants.entitlement(grants.schools[0], "fixed_grant")
    assert complete_fixed["claim"] is None


# PostgreSQL: the unique holds_entitlement_id settles two claims at once.

RACE_HUB = "claims-race"
RACE_URN = "720001"


@pytest.fixture
def committed(engine: Engine) -> Iterator[tuple[sessionmaker[Session], int]]:
    if engine.dialect.name != "postgresql":
        pytest.skip("parallel writers are PostgreSQL's; SQLite has one writer")
    factory = sessionmaker(engine, expire_on_commit=False)
    with unit_of_work(factory) as session:
        session.add(Hub(id=RACE_HUB, name="Claims Race Hub", area="Tests"))
        if session.get(AcademicYearRow, "2026-27") is None:
            session.add(
                AcademicYearRow(
                    id="2026-27",
                    label="2026/27",
                    starts_on=date(2026, 9, 1),
                    ends_on=date(2027, 8, 31),
                )
            )
        session.add(
            School(
                urn=RACE_URN,
                name="Race Primary",
                type_group="Academies",
                type_of_establishment="Academy converter",
                status="Open",
                phase_of_education="Primary",
                state_funded=True,
            )
        )
        session.flush()
        programme = Programme(
            hub_id=RACE_HUB,
            academic_year_id="2026-27",
            title="Raced grants",
            stage="development",
            phase="primary",
            audience="schools",
            status="open",
            summary="x",
            who_can_take_part="x",
            funding={"free_to_participate": True, "grants": [TEXTBOOKS]},
            programme_type="primary_development",
            eligibility_rules=[],
        )
        lead = Person(name="Race Lead", email="race.lead@claims.example", roles=[], hub_id=RACE_HUB)
        session.add_all([programme, lead])
        session.flush()
        group = WorkGroup(
            hub_id=RACE_HUB,
            programme_id=programme.id,
            academic_year_id="2026-27",
            name="Race group",
            lead_person_id=lead.id,
        )
        session.add(group)
        session.flush()
        session.add(WorkGroupSchool(work_group_id=group.id, school_urn=RACE_URN))
        entitlement = GrantEntitlement(
            hub_id=RACE_HUB,
            programme_id=programme.id,
            school_urn=RACE_URN,
            work_group_id=group.id,
            grant_index=0,
            kind="matched_funding",
            purpose="textbooks",
            amount_pence=200_000,
        )
        session.add(entitlement)
        session.flush()
        entitlement_id = entitlement.id
    try:
        yield factory, entitlement_id
    finally:
        with unit_of_work(factory) as session:
            claims = select(GrantClaim.id).where(GrantClaim.hub_id == RACE_HUB)
            session.execute(delete(GrantEvidence).where(GrantEvidence.claim_id.in_(claims)))
            session.execute(delete(GrantClaim).where(GrantClaim.hub_id == RACE_HUB))
            session.execute(delete(GrantEntitlement).where(GrantEntitlement.hub_id == RACE_HUB))
            session.execute(delete(AuditEvent).where(AuditEvent.hub_id == RACE_HUB))
            groups = select(WorkGroup.id).where(WorkGroup.hub_id == RACE_HUB)
            session.execute(
                delete(WorkGroupSchool).where(WorkGroupSchool.work_group_id.in_(groups))
            )
            session.execute(delete(WorkGroup).where(WorkGroup.hub_id == RACE_HUB))
            session.execute(delete(Person).where(Person.hub_id == RACE_HUB))
            session.execute(delete(Programme).where(Programme.hub_id == RACE_HUB))
            session.execute(delete(School).where(School.urn == RACE_URN))
            session.execute(delete(Hub).where(Hub.id == RACE_HUB))


@pytest.mark.postgres_only
def test_two_parallel_claims_for_one_grant_leave_one_claim_and_one_conflict(
    committed: tuple[sessionmaker[Session], int],
) -> None:
    factory, entitlement_id = committed
    contact = Principal(
        kind="user",
        id=0,
        label="contact",
        role=Role.SCHOOL_CONTACT,
        hub_id=RACE_HUB,
        school_urn=RACE_URN,
    )
    request = ClaimRequest(
        entitlement_id=entitlement_id,
        spend_pence=100_000,
        invoice_reference="INV-RACE",
        evidence_filename="invoice.pdf",
        evidence_content=PDF,
    )
    inserted, release = Event(), Event()

    def first() -> str:
        # Inserted, not committed: the second request's check cannot see it yet, so only
        # the unique holds_entitlement_id can stop the second.
        with unit_of_work(factory) as session:
            row = grant_claims.create_claim(session, request, actor=contact, now=TEST_NOW)
            inserted.set()
            assert release.wait(timeout=60)
            return row.reference

    def second() -> str:
        assert inserted.wait(timeout=60)
        try:
            with unit_of_work(factory) as session:
                grant_claims.create_claim(session, request, actor=contact, now=TEST_NOW)
        except Conflict as exc:
            return f"{exc.extensions['rule']} {exc.extensions['claim']}"
        return "created"

    with ThreadPoolExecutor(max_workers=2) as pool:
        first_done = pool.submit(first)
        second_done = pool.submit(second)
        try:
            assert inserted.wait(timeout=60)
            _until_a_transaction_waits_for_a_lock(factory)
        finally:
            release.set()
        reference = first_done.result(timeout=60)
        assert second_done.result(timeout=60) == f"already_claimed {reference}"
    with unit_of_work(factory, writes=False) as session:
        count = session.scalar(
            select(func.count())
            .select_from(GrantClaim)
            .where(GrantClaim.entitlement_id == entitlement_id)
        )
    assert count == 1


def _until_a_transaction_waits_for_a_lock(factory: sessionmaker[Session]) -> None:
    from tests.api.test_concurrency import _until_a_transaction_waits_for_a_lock as wait_for

    wait_for(factory)


def test_a_hubs_keys_read_with_grants_read_and_decide_with_grants_write(
    grants_setup: GrantsSetUp, key_client: KeyClient, make_hub: MakeHub
) -> None:
    grants = grants_setup(schools=1)
    make_hub(id="south")
    claim = _claim(grants)
    reader = key_client(Scope.GRANTS_READ, hub_id="north")
    listed = reader.get("/api/v1/grants/claims")
    assert [c["id"] for c in listed.json()["items"]] == [claim["id"]]
    assert listed.json()["items"][0]["allowed_actions"] == []
    assert act(reader, claim, "approve").status_code == 403
    writer = key_client(Scope.GRANTS_WRITE, hub_id="north")
    approved = act(writer, claim, "approve")
    assert approved.status_code == 200, approved.text
    assert approved.json()["allowed_actions"] == ["refuse", "void"]
    assert approved.json()["history"][-1]["by_name"] == "test key"
    other = key_client(Scope.GRANTS_READ, hub_id="south")
    assert other.get("/api/v1/grants/claims").json()["items"] == []
    assert other.get(f"/api/v1/grants/claims/{claim['id']}").status_code == 404
