"""Monthly statements through HTTP: one per hub and month, eligible claims put on them (payable),
adjustments, closing and paying (claims paid, clawbacks clawed back), a paid statement read-only,
If-Match, another hub's statements, incremental sync, the audit log, and the CSV for finance
whose total is its lines plus adjustments to the penny."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from decimal import Decimal
from threading import Barrier
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from api.domain.access import Principal, Role, Scope
from api.domain.statements import month_of
from api.errors import Conflict
from api.persistence.database import unit_of_work
from api.persistence.models import AuditEvent, GrantClaim, GrantStatement, Programme, School
from api.persistence.models import Hub as HubRow
from api.services import grant_statements
from tests.accounts import KeyClient, SignIn
from tests.api.grant_statement_setup import changed, make_claim
from tests.builders import MakeHub, MakeProgramme, MakeSchool
from tests.clock import TODAY

STATEMENTS = "/api/v1/grants/statements"
THIS_MONTH = str(month_of(TODAY))
NEXT_MONTH = str(month_of(TODAY).next())
LATER_MONTH = str(month_of(TODAY).next().next().next())


@dataclass
class Hub:
    """A hub with a programme, two schools and a signed-in administrator."""

    id: str
    programme: Programme
    schools: list[School]
    admin: TestClient


@pytest.fixture
def north(
    make_hub: MakeHub, make_programme: MakeProgramme, make_school: MakeSchool, sign_in: SignIn
) -> Hub:
    hub = make_hub(id="north", name="North Maths Hub")
    programme = make_programme(hub=hub, academic_year="2026-27", title="Primary Development")
    return Hub(
        "north",
        programme,
        [make_school(name="Aldgate Primary"), make_school(name="Bow Primary")],
        sign_in(role=Role.HUB_ADMIN, hub_id="north"),
    )


@pytest.fixture
def south(
    make_hub: MakeHub, make_programme: MakeProgramme, make_school: MakeSchool, sign_in: SignIn
) -> Hub:
    hub = make_hub(id="south", name="South Maths Hub")
    programme = make_programme(hub=hub, academic_year="2026-27", title="Secondary Sustaining")
    return Hub(
        "south",
        programme,
        [make_school(name="Camden Secondary")],
        sign_in(role=Role.HUB_ADMIN, hub_id="south"),
    )


def open_statement(client: TestClient, hub_id: str, month: str = THIS_MONTH) -> dict[str, Any]:
    response = client.post(STATEMENTS, json={"hub_id": hub_id, "month": month})
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def url_of(statement: dict[str, Any], action: str = "") -> str:
    return f"{STATEMENTS}/{statement['id']}" + (f"/{action}" if action else "")


def refused(
    client: TestClient, url: str, body: dict[str, Any] | None, status: int, rule: str | None = None
) -> dict[str, Any]:
    tag = client.get(url.rsplit("/", 1)[0]).headers["ETag"]
    response = client.post(url, json=body, headers={"If-Match": tag})
    assert response.status_code == status, response.text
    problem: dict[str, Any] = response.json()
    if rule is not None:
        assert problem["rule"] == rule, problem
    return problem


def claim_status(db: Session, claim: GrantClaim) -> str:
    db.refresh(claim)
    return claim.status


def test_one_statement_per_hub_and_month(north: Hub, south: Hub, admin: TestClient) -> None:
    response = north.admin.post(STATEMENTS, json={"hub_id": "north", "month": "2027-03"})
    assert response.status_code == 201, response.text
    statement = response.json()
    assert response.headers["Location"] == url_of(statement)
    assert response.headers["ETag"] == f'"{statement["id"]}.{statement["version"]}"'
    assert statement["hub"] == {"id": "north", "name": "North Maths Hub"}
    assert (statement["month"], statement["month_label"]) == ("2027-03", "March 2027")
    assert (statement["status"], statement["total"], statement["line_count"]) == (
        "open",
        {"amount_pence": 0, "currency": "GBP"},
        0,
    )
    assert statement["allowed_actions"] == ["add_line", "add_adjustment", "close"]
    assert (statement["lines"], statement["adjustments"]) == ([], [])

    again = north.admin.post(STATEMENTS, json={"hub_id": "north", "month": "2027-03"})
    assert again.status_code == 409, again.text
    problem = again.json()
    assert problem["rule"] == "statement_exists"
    assert problem["statement"] == {"id": statement["id"], "month": "2027-03", "status": "open"}
    assert "North Maths Hub already has a statement for March 2027" in problem["detail"]

    # The same month of another hub is that hub's own statement.
    assert open_statement(admin, "south", "2027-03")["hub"]["id"] == "south"
    assert (
        north.admin.post(STATEMENTS, json={"hub_id": "nowhere", "month": "2027-03"}).status_code
        == 403
    )
    bad = admin.post(STATEMENTS, json={"hub_id": "nowhere", "month": "2027-13"})
    assert bad.status_code == 422
    assert [e["pointer"] for e in bad.json()["errors"]] == ["/month"]
    missing = admin.post(STATEMENTS, json={"hub_id": "nowhere", "month": "2027-04"})
    assert (missing.status_code, missing.json()["errors"][0]["pointer"]) == (422, "/hub_id")


def test_a_create_with_an_idempotency_key_makes_one_statement(north: Hub) -> None:
    headers = {"Idempotency-Key": "statement-2027-03"}
    body = {"hub_id": "north", "month": "2027-03"}
    first = north.admin.post(STATEMENTS, json=body, headers=headers)
    second = north.admin.post(STATEMENTS, json=body, headers=headers)
    assert (first.status_code, second.status_code) == (201, 201)
    assert first.json()["id"] == second.json()["id"]
    assert second.headers["Idempotent-Replayed"] == "true"


def test_an_eligible_claim_goes_on_the_statement_and_becomes_payable(
    north: Hub, db: Session
) -> None:
    statement = open_statement(north.admin, "north")
    claim = make_claim(db, programme=north.programme, school=north.schools[0], amount_pence=100_000)

    after = changed(north.admin, url_of(statement, "lines"), {"claim_id": claim.id})

    assert after["version"] > statement["version"]
    assert (after["total"]["amount_pence"], after["line_count"]) == (100_000, 1)
    [line] = after["lines"]
    assert line["kind"] == "payment"
    assert line["amount"] == {"amount_pence": 100_000, "currency": "GBP"}
    assert line["claim"] == {"id": claim.id, "reference": claim.reference, "status": "payable"}
    assert line["school"] == {"urn": north.schools[0].urn, "name": "Aldgate Primary"}
    assert line["programme"]["title"] == "Primary Development"
    assert line["programme"]["academic_year_label"] == "2026/27"
    assert claim_status(db, claim) == "payable"
    assert claim.history[-1]["status"] == "payable"


@pytest.mark.parametrize("status", ["submitted", "ineligible", "void", "paid", "payable"])
def test_a_claim_that_is_not_eligible_is_refused(north: Hub, db: Session, status: str) -> None:
    statement = open_statement(north.admin, "north")
    claim = make_claim(db, programme=north.programme, school=north.schools[0], status=status)
    problem = refused(
        north.admin, url_of(statement, "lines"), {"claim_id": claim.id}, 409, "claim_not_eligible"
    )
    assert problem["claim_status"] == status
    assert claim_status(db, claim) == status
    assert north.admin.get(url_of(statement)).json()["line_count"] == 0


def test_a_claim_goes_on_once_and_only_on_its_hubs_statement(
    north: Hub, south: Hub, admin: TestClient, db: Session
) -> None:
    statement = open_statement(north.admin, "north")
    claim = make_claim(db, programme=north.programme, school=north.schools[0])
    changed(north.admin, url_of(statement, "lines"), {"claim_id": claim.id})
    refused(
        north.admin, url_of(statement, "lines"), {"claim_id": claim.id}, 409, "already_on_statement"
    )

    theirs = make_claim(db, programme=south.programme, school=south.schools[0])
    refused(admin, url_of(statement, "lines"), {"claim_id": theirs.id}, 409, "claim_of_another_hub")
    # A hub's administrator cannot see another hub's claims at all.
    problem = refused(north.admin, url_of(statement, "lines"), {"claim_id": theirs.id}, 422)
    assert problem["errors"][0]["pointer"] == "/claim_id"
    problem = refused(north.admin, url_of(statement, "lines"), {"claim_id": 2**31 - 1}, 422)
    assert problem["errors"][0]["pointer"] == "/claim_id"
    assert claim_status(db, theirs) == "eligible"


def test_adjustments_carry_a_description_and_a_signed_amount(north: Hub, db: Session) -> None:
    statement = open_statement(north.admin, "north")
    claim = make_claim(db, programme=north.programme, school=north.schools[0], amount_pence=150_000)
    changed(north.admin, url_of(statement, "lines"), {"claim_id": claim.id})
    changed(
        north.admin,
        url_of(statement, "adjustments"),
        {"description": "Overpaid in February", "amount_pence": -2_550},
    )
    after = changed(
        north.admin,
        url_of(statement, "adjustments"),
        {"description": "  Supply cover refund  ", "amount_pence": 1_001},
    )
    assert after["total"]["amount_pence"] == 150_000 - 2_550 + 1_001
    assert [(a["description"], a["amount"]["amount_pence"]) for a in after["adjustments"]] == [
        ("Overpaid in February", -2_550),
        ("Supply cover refund", 1_001),
    ]
    assert all(a["created_by_name"] for a in after["adjustments"])

    for body, pointer in (
        ({"description": "Nothing", "amount_pence": 0}, "/amount_pence"),
        ({"description": "   ", "amount_pence": 5}, "/description"),
        ({"description": "x" * 301, "amount_pence": 5}, "/description"),
        ({"description": "Too much", "amount_pence": 100_000_001}, "/amount_pence"),
    ):
        problem = refused(north.admin, url_of(statement, "adjustments"), body, 422)
        assert [e["pointer"] for e in problem["errors"]] == [pointer]
    assert north.admin.get(url_of(statement)).json()["total"]["amount_pence"] == 148_451


def test_a_change_needs_the_etag_it_was_read_at(north: Hub, db: Session) -> None:
    statement = open_statement(north.admin, "north")
    claim = make_claim(db, programme=north.programme, school=north.schools[0])
    stale = f'"{statement["id"]}.{statement["version"]}"'
    changed(north.admin, url_of(statement, "adjustments"), {"description": "A", "amount_pence": 1})
    for action, body in (
        ("lines", {"claim_id": claim.id}),
        ("adjustments", {"description": "B", "amount_pence": 2}),
        ("close", None),
        ("pay", {"paid_on": TODAY.isoformat(), "payment_reference": "BACS-1"}),
    ):
        late = north.admin.post(url_of(statement, action), json=body, headers={"If-Match": stale})
        assert late.status_code == 412, late.text
        missing = north.admin.post(url_of(statement, action), json=body)
        assert missing.status_code == 428, missing.text
    now = north.admin.get(url_of(statement)).json()
    assert (now["status"], now["total"]["amount_pence"], now["line_count"]) == ("open", 1, 0)
    assert claim_status(db, claim) == "eligible"


def test_close_then_pay_moves_every_claim(north: Hub, db: Session) -> None:
    earlier = open_statement(north.admin, "north", "2020-01")
    paid_claim = make_claim(
        db, programme=north.programme, school=north.schools[1], amount_pence=70_000
    )
    changed(north.admin, url_of(earlier, "lines"), {"claim_id": paid_claim.id})
    changed(north.admin, url_of(earlier, "close"))
    changed(
        north.admin,
        url_of(earlier, "pay"),
        {"paid_on": TODAY.isoformat(), "payment_reference": "B-1"},
    )
    assert claim_status(db, paid_claim) == "paid"

    statement = open_statement(north.admin, "north")
    claim = make_claim(db, programme=north.programme, school=north.schools[0], amount_pence=100_000)
    changed(north.admin, url_of(statement, "lines"), {"claim_id": claim.id})
    clawback = north.admin.post(
        f"/api/v1/grants/claims/{paid_claim.id}/clawback",
        json={"reason": "The school left the programme"},
        headers={"If-Match": f'"{paid_claim.id}.{paid_claim.version}"'},
    )
    assert clawback.status_code == 200, clawback.text

    closed = changed(north.admin, url_of(statement, "close"))
    assert (closed["status"], closed["allowed_actions"]) == ("payable", ["pay"])
    assert closed["total"]["amount_pence"] == 100_000 - 70_000
    # Closed: no more lines or adjustments, and it closes once.
    another = make_claim(db, programme=north.programme, school=north.schools[1], grant_index=1)
    refused(
        north.admin, url_of(statement, "lines"), {"claim_id": another.id}, 409, "statement_not_open"
    )
    refused(
        north.admin,
        url_of(statement, "adjustments"),
        {"description": "Late", "amount_pence": 5},
        409,
        "statement_not_open",
    )
    refused(north.admin, url_of(statement, "close"), None, 409, "statement_move_refused")
    ahead = refused(
        north.admin,
        url_of(statement, "pay"),
        {"paid_on": "2099-01-01", "payment_reference": "BACS-1"},
        422,
    )
    assert ahead["errors"][0]["pointer"] == "/paid_on"

    paid = changed(
        north.admin,
        url_of(statement, "pay"),
        {"paid_on": TODAY.isoformat(), "payment_reference": " BACS-2027-03 "},
    )
    assert (paid["status"], paid["paid_on"], paid["payment_reference"]) == (
        "paid",
        TODAY.isoformat(),
        "BACS-2027-03",
    )
    assert paid["allowed_actions"] == []
    assert {line["claim"]["reference"]: line["claim"]["status"] for line in paid["lines"]} == {
        claim.reference: "paid",
        paid_claim.reference: "clawed_back",
    }
    assert (claim_status(db, claim), claim_status(db, paid_claim)) == ("paid", "clawed_back")
    assert [h["status"] for h in paid_claim.history][-4:] == [
        "payable",
        "paid",
        "awaiting_clawback",
        "clawed_back",
    ]


def test_a_paid_statement_is_read_only(north: Hub, db: Session) -> None:
    statement = open_statement(north.admin, "north")
    changed(north.admin, url_of(statement, "close"))
    changed(
        north.admin,
        url_of(statement, "pay"),
        {"paid_on": TODAY.isoformat(), "payment_reference": "P"},
    )
    claim = make_claim(db, programme=north.programme, school=north.schools[0])
    for action, body in (
        ("lines", {"claim_id": claim.id}),
        ("adjustments", {"description": "Late", "amount_pence": 5}),
        ("close", None),
        ("pay", {"paid_on": TODAY.isoformat(), "payment_reference": "Again"}),
    ):
        problem = refused(north.admin, url_of(statement, action), body, 409, "statement_paid")
        assert "paid and read-only" in problem["detail"]
    assert claim_status(db, claim) == "eligible"


def test_a_clawback_lands_on_the_hubs_earliest_open_statement(north: Hub, db: Session) -> None:
    claims = [
        make_claim(db, programme=north.programme, school=school, status="paid", amount_pence=pence)
        for school, pence in zip(north.schools, (100_000, 40_000), strict=True)
    ]

    def claw_back(claim: GrantClaim) -> dict[str, Any]:
        response = north.admin.post(
            f"/api/v1/grants/claims/{claim.id}/clawback",
            json={"reason": "Evidence withdrawn"},
            headers={"If-Match": f'"{claim.id}.{claim.version}"'},
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    # Only a paid claim is clawed back, at the version read; a refusal opens no statement.
    eligible = make_claim(db, programme=north.programme, school=north.schools[0], grant_index=1)
    response = north.admin.post(
        f"/api/v1/grants/claims/{eligible.id}/clawback",
        json={"reason": "Not paid yet"},
        headers={"If-Match": f'"{eligible.id}.{eligible.version}"'},
    )
    assert (response.status_code, response.json()["rule"]) == (409, "claim_move_refused")
    stale = north.admin.post(
        f"/api/v1/grants/claims/{claims[0].id}/clawback",
        json={"reason": "Evidence withdrawn"},
        headers={"If-Match": f'"{claims[0].id}.{claims[0].version + 1}"'},
    )
    assert stale.status_code == 412
    assert north.admin.get(STATEMENTS).json()["items"] == []

    # None open: a statement is opened for this month in England.
    assert claw_back(claims[0])["status"] == "awaiting_clawback"
    listed = north.admin.get(STATEMENTS).json()["items"]
    assert [(s["month"], s["status"], s["total"]["amount_pence"]) for s in listed] == [
        (THIS_MONTH, "open", -100_000)
    ]
    # This month's closed and none open: the next month without a statement is opened.
    this_month = listed[0]
    changed(north.admin, url_of(this_month, "close"))
    claw_back(claims[1])
    by_month = {s["month"]: s for s in north.admin.get(STATEMENTS).json()["items"]}
    assert sorted(by_month) == [THIS_MONTH, NEXT_MONTH]
    assert by_month[THIS_MONTH]["total"]["amount_pence"] == -100_000
    assert by_month[NEXT_MONTH]["total"]["amount_pence"] == -40_000
    detail = north.admin.get(url_of(by_month[NEXT_MONTH])).json()
    assert [(line["kind"], line["amount"]["amount_pence"]) for line in detail["lines"]] == [
        ("clawback", -40_000)
    ]


def test_a_clawback_goes_on_the_earliest_of_several_open_statements(
    north: Hub, db: Session
) -> None:
    open_statement(north.admin, "north", LATER_MONTH)
    earliest = open_statement(north.admin, "north", NEXT_MONTH)
    claim = make_claim(db, programme=north.programme, school=north.schools[0], status="paid")
    response = north.admin.post(
        f"/api/v1/grants/claims/{claim.id}/clawback",
        json={"reason": "Duplicate payment"},
        headers={"If-Match": f'"{claim.id}.{claim.version}"'},
    )
    assert response.status_code == 200, response.text
    assert north.admin.get(url_of(earliest)).json()["lines"][0]["claim"]["id"] == claim.id


def test_another_hubs_statements_are_hidden_or_refused(
    north: Hub, south: Hub, admin: TestClient
) -> None:
    theirs = open_statement(south.admin, "south")
    ours = open_statement(north.admin, "north")
    assert north.admin.get(url_of(theirs)).status_code == 404
    assert north.admin.get(url_of(theirs) + ".csv").status_code == 404
    response = north.admin.post(
        url_of(theirs, "close"), headers={"If-Match": f'"{theirs["id"]}.{theirs["version"]}"'}
    )
    assert response.status_code == 404
    assert north.admin.get(STATEMENTS, params={"hub": "south"}).status_code == 403
    assert [s["id"] for s in north.admin.get(STATEMENTS).json()["items"]] == [ours["id"]]
    national = admin.get(STATEMENTS).json()["items"]
    assert {s["id"] for s in national} == {ours["id"], theirs["id"]}
    assert [s["id"] for s in admin.get(STATEMENTS, params={"hub": "south"}).json()["items"]] == [
        theirs["id"]
    ]


def test_keys_read_and_run_their_hubs_statements(
    north: Hub, south: Hub, key_client: KeyClient
) -> None:
    writer = key_client(Scope.GRANTS_WRITE, hub_id="north")
    reader = key_client(Scope.GRANTS_READ, hub_id="north")
    statement = open_statement(writer, "north")
    assert writer.post(STATEMENTS, json={"hub_id": "south", "month": THIS_MONTH}).status_code == 403
    assert reader.post(STATEMENTS, json={"hub_id": "north", "month": "2027-04"}).status_code == 403
    listed = reader.get(STATEMENTS).json()["items"]
    assert [(s["id"], s["allowed_actions"]) for s in listed] == [(statement["id"], [])]
    assert reader.get(url_of(statement)).status_code == 200


def test_lists_page_by_keyset_and_sync_by_updated_since(north: Hub) -> None:
    made = [open_statement(north.admin, "north", f"2027-0{m}") for m in (1, 2, 3, 4, 5)]
    seen, cursor = [], None
    while True:
        params: dict[str, Any] = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = north.admin.get(STATEMENTS, params=params).json()
        seen += [s["id"] for s in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [s["id"] for s in made]

    # A change moves a statement to the end of the sync, past every unchanged one.
    changed(north.admin, url_of(made[1], "adjustments"), {"description": "A", "amount_pence": 1})
    changed(north.admin, url_of(made[0], "close"))
    since = north.admin.get(url_of(made[1])).json()["updated_at"]
    synced, cursor = [], None
    while True:
        params = {"updated_since": since, "limit": 1, **({"cursor": cursor} if cursor else {})}
        page = north.admin.get(STATEMENTS, params=params).json()
        synced += [(s["id"], s["status"]) for s in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert synced == [(made[1]["id"], "open"), (made[0]["id"], "payable")]
    assert [
        s["id"] for s in north.admin.get(STATEMENTS, params={"status": "payable"}).json()["items"]
    ] == [made[0]["id"]]
    bad = north.admin.get(STATEMENTS, params={"cursor": "not-a-cursor"})
    assert (bad.status_code, bad.json()["errors"][0]["pointer"]) == (422, "/cursor")


def test_a_read_is_cached_by_its_etag(north: Hub) -> None:
    statement = open_statement(north.admin, "north")
    first = north.admin.get(url_of(statement))
    again = north.admin.get(url_of(statement), headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


def test_every_change_is_in_the_audit_log(north: Hub, db: Session) -> None:
    statement = open_statement(north.admin, "north")
    claim = make_claim(db, programme=north.programme, school=north.schools[0])
    changed(north.admin, url_of(statement, "lines"), {"claim_id": claim.id})
    changed(
        north.admin, url_of(statement, "adjustments"), {"description": "Fee", "amount_pence": -500}
    )
    changed(north.admin, url_of(statement, "close"))
    changed(
        north.admin,
        url_of(statement, "pay"),
        {"paid_on": TODAY.isoformat(), "payment_reference": "P-9"},
    )

    events = north.admin.get(
        "/api/v1/audit", params={"resource_type": "grant_statement", "limit": 50}
    ).json()["items"]
    mine = sorted(
        (e for e in events if e["resource_id"] == str(statement["id"])), key=lambda e: e["id"]
    )
    assert [e["action"] for e in mine] == ["create", "update", "update", "close", "pay"]
    assert mine[0]["resource_title"] == f"Statement for {TODAY:%B %Y}, North Maths Hub"
    assert mine[1]["note"] == f"Claim {claim.reference} added: £1,000"
    assert mine[-1]["changes"]["status"] == {"before": "payable", "after": "paid"}
    assert mine[-1]["changes"]["payment_reference"] == {"before": None, "after": "P-9"}
    assert mine[-1]["field_labels"]["paid_on"] == "Paid on"
    claim_events = north.admin.get(
        "/api/v1/audit", params={"resource_type": "grant_claim", "limit": 50}
    ).json()["items"]
    assert len([e for e in claim_events if e["resource_id"] == str(claim.id)]) == 2


def _csv_rows(client: TestClient, statement: dict[str, Any]) -> list[dict[str, str]]:
    response = client.get(url_of(statement) + ".csv")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.text)))


def test_the_csv_lists_lines_adjustments_and_the_total(north: Hub, db: Session) -> None:
    paid_claim = make_claim(
        db, programme=north.programme, school=north.schools[1], status="paid", amount_pence=12_345
    )
    statement = open_statement(north.admin, "north")
    claim = make_claim(db, programme=north.programme, school=north.schools[0], amount_pence=100_000)
    changed(north.admin, url_of(statement, "lines"), {"claim_id": claim.id})
    north.admin.post(
        f"/api/v1/grants/claims/{paid_claim.id}/clawback",
        json={"reason": "Left"},
        headers={"If-Match": f'"{paid_claim.id}.{paid_claim.version}"'},
    )
    changed(
        north.admin,
        url_of(statement, "adjustments"),
        {"description": "=SUM(A1)", "amount_pence": -5},
    )

    response = north.admin.get(url_of(statement) + ".csv")
    assert (
        response.headers["content-disposition"]
        == f'attachment; filename="statement-north-{THIS_MONTH}.csv"'
    )
    rows = _csv_rows(north.admin, statement)
    assert [
        (r["kind"], r["claim_reference"], r["amount_gbp"], r["amount_pence"]) for r in rows
    ] == [
        ("payment", claim.reference, "1000.00", "100000"),
        ("clawback", paid_claim.reference, "-123.45", "-12345"),
        ("adjustment", "", "-0.05", "-5"),
        ("total", "", "876.50", "87650"),
    ]
    assert rows[0]["school"] == "Aldgate Primary"
    # A description a spreadsheet would run as a formula is kept as text.
    assert rows[2]["description"] == "'=SUM(A1)"


@given(
    lines=st.lists(st.integers(min_value=0, max_value=200_000), max_size=4),
    adjustments=st.lists(
        st.integers(min_value=-100_000_000, max_value=100_000_000).filter(bool), max_size=4
    ),
)
@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_csv_total_is_its_lines_plus_adjustments_to_the_penny(
    north: Hub, db: Session, lines: list[int], adjustments: list[int]
) -> None:
    # Each example its own month: one statement per hub and month.
    taken = north.admin.get(STATEMENTS, params={"limit": 200}).json()["items"]
    statement = open_statement(
        north.admin, "north", f"{2030 + len(taken) // 12}-{len(taken) % 12 + 1:02d}"
    )
    for index, pence in enumerate(lines):
        school = north.schools[index % 2]
        claim = make_claim(
            db,
            programme=north.programme,
            school=school,
            amount_pence=pence,
            grant_index=len(taken) * 10 + index,
        )
        changed(north.admin, url_of(statement, "lines"), {"claim_id": claim.id})
    for index, pence in enumerate(adjustments):
        changed(
            north.admin,
            url_of(statement, "adjustments"),
            {"description": f"Adjustment {index}", "amount_pence": pence},
        )

    rows = _csv_rows(north.admin, statement)
    *items, total = rows
    expected = sum(lines) + sum(adjustments)
    assert total["kind"] == "total"
    assert [int(r["amount_pence"]) for r in items] == [*lines, *adjustments]
    assert int(total["amount_pence"]) == sum(int(r["amount_pence"]) for r in items) == expected
    assert Decimal(total["amount_gbp"]) == sum(Decimal(r["amount_gbp"]) for r in items)
    assert Decimal(total["amount_gbp"]) * 100 == expected
    assert north.admin.get(url_of(statement)).json()["total"]["amount_pence"] == expected


RACE_HUB = "statement-race-hub"


@pytest.fixture
def committed(engine: Engine) -> Iterator[sessionmaker[Session]]:
    if engine.dialect.name != "postgresql":
        pytest.skip("parallel writers are PostgreSQL's; SQLite has one writer")
    factory = sessionmaker(engine, expire_on_commit=False)
    with unit_of_work(factory) as session:
        session.add(HubRow(id=RACE_HUB, name="Race Hub", area="Tests"))
    try:
        yield factory
    finally:
        with unit_of_work(factory) as session:
            session.execute(delete(GrantStatement).where(GrantStatement.hub_id == RACE_HUB))
            session.execute(delete(AuditEvent).where(AuditEvent.hub_id == RACE_HUB))
            session.execute(delete(HubRow).where(HubRow.id == RACE_HUB))


def test_two_creates_at_once_leave_one_statement_and_one_409(
    committed: sessionmaker[Session],
) -> None:
    national = Principal(kind="user", id=0, label="race test", role=Role.NATIONAL_ADMIN)
    start = Barrier(2)

    def create() -> str:
        start.wait()
        try:
            with unit_of_work(committed, writes=True) as session:
                grant_statements.create(session, RACE_HUB, THIS_MONTH, actor=national)
        except Conflict as exc:
            return str(exc.extensions["rule"])
        return "created"

    with ThreadPoolExecutor(2) as pool:
        outcomes = sorted(pool.map(lambda _: create(), range(2)))
    assert outcomes == ["created", "statement_exists"]
    with unit_of_work(committed) as session:
        count = session.scalar(select(func.count()).where(GrantStatement.hub_id == RACE_HUB))
    assert count == 1
