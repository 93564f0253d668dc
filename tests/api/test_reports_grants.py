"""The grants report over HTTP: committed, claimed, paid and clawed back by hub, programme and
month, each figure worked out here from the rows the test wrote (by the rules in words, not by
the code under test), then compared with the JSON, its months, its totals and the CSV."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.domain.access import Role, Scope
from api.persistence.models import (
    GrantClaim,
    GrantEntitlement,
    GrantStatement,
    GrantStatementLine,
    Programme,
    School,
)
from tests.accounts import KeyClient, SignIn
from tests.api.grant_statement_setup import changed, make_claim
from tests.builders import MakeHub, MakeProgramme, MakeSchool
from tests.clock import TODAY

REPORT = "/api/v1/reports/grants"
ENGLAND = ZoneInfo("Europe/London")
FIGURES = ("committed", "claimed", "paid", "clawed_back")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


# (hub, month, status): the statements, each hub's one a month.
STATEMENTS = [
    ("north", "2026-11", "paid"),
    ("north", "2027-01", "paid"),
    ("north", "2027-02", "payable"),
    ("north", "2027-03", "open"),
    ("south", "2027-01", "paid"),
]


@dataclass(frozen=True)
class Row:
    """An entitlement and (unless `status` is None) a claim on it, with its statement lines."""

    hub: str
    programme: str
    status: str | None
    amount: int
    committed: int
    recorded: datetime  # the entitlement
    submitted: datetime | None = None
    payment: str | None = None  # the month of the statement its payment line is on
    clawback: str | None = None


# 30 September 23:30 UTC is 1 October in England (summer time); 31 October 23:30 UTC is still
# October (winter time): the months are England's.
ROWS = [
    Row("north", "dev", "submitted", 100_000, 100_000, at("2026-09-30T23:30"),
        at("2027-01-05T10:00")),
    Row("north", "dev", "eligible", 100_000, 100_000, at("2026-10-31T23:30"),
        at("2027-01-06T10:00")),
    Row("north", "dev", "payable", 100_000, 100_000, at("2026-10-01T09:00"),
        at("2027-01-07T10:00"), "2027-02"),
    Row("north", "dev", "paid", 100_000, 100_000, at("2026-10-01T09:00"),
        at("2026-10-20T10:00"), "2026-11"),
    Row("north", "match", "paid", 150_050, 200_000, at("2026-10-02T09:00"),
        at("2026-12-01T10:00"), "2027-01"),
    Row("north", "match", "awaiting_clawback", 99_999, 200_000, at("2026-10-02T09:00"),
        at("2026-10-03T10:00"), "2026-11", "2027-03"),
    Row("north", "match", "clawed_back", 200_000, 200_000, at("2026-10-02T09:00"),
        at("2026-10-04T10:00"), "2026-11", "2027-01"),
    Row("north", "match", "ineligible", 180_000, 200_000, at("2026-10-02T09:00"),
        at("2026-10-05T10:00")),
    Row("north", "old", "paid", 100_000, 100_000, at("2025-10-01T09:00"),
        at("2026-10-06T10:00"), "2026-11"),
    Row("south", "sec", "void", 100_000, 100_000, at("2026-10-01T09:00"), at("2026-10-07T10:00")),
    Row("south", "sec", "paid", 100_000, 100_000, at("2026-10-01T09:00"),
        at("2026-12-08T10:00"), "2027-01"),
    Row("north", "dev", None, 0, 100_000, at("2027-02-01T09:00")),  # nobody has claimed it
    Row("south", "sec", None, 0, 100_000, at("2026-11-15T09:00")),
]  # fmt: skip
YEARS = {"dev": "2026-27", "match": "2026-27", "old": "2025-26", "sec": "2026-27"}
TITLES = {"dev": "A Development", "match": "B Matched", "old": "C Last year", "sec": "D Sustaining"}
HUB_NAMES = {"north": "North", "south": "South"}
STATEMENT_STATUS = {(hub, month): status for hub, month, status in STATEMENTS}

Figures = dict[str, int]
Expected = dict[tuple[str, str, str], Figures]


def month(instant: datetime) -> str:
    return instant.astimezone(ENGLAND).strftime("%Y-%m")


def expected(
    hub: str | None = None,
    year: str | None = None,
    programme: str | None = None,
    first: str | None = None,
    last: str | None = None,
) -> Expected:
    """By (hub, programme key, month), the rules in words: committed in the month the
    entitlement was recorded; claimed (all but ineligible and void) in the month submitted;
    paid (paid, awaiting clawback, clawed back) and clawed back in the month of the statement
    that paid or recovered it, once that statement was paid. Months are England's."""
    found: Expected = {}

    def add(r: Row, in_month: str, figure: str, pence: int) -> None:
        if (first and in_month < first) or (last and in_month > last):
            return
        row = found.setdefault((r.hub, r.programme, in_month), dict.fromkeys(FIGURES, 0))
        row[figure] += pence

    def paid(r: Row, statement: str | None) -> bool:
        return statement is not None and STATEMENT_STATUS[(r.hub, statement)] == "paid"

    for r in ROWS:
        if hub not in (None, r.hub) or year not in (None, YEARS[r.programme]):
            continue
        if programme not in (None, r.programme):
            continue
        add(r, month(r.recorded), "committed", r.committed)
        if r.status is None or r.submitted is None:
            continue
        if r.status not in ("ineligible", "void"):
            add(r, month(r.submitted), "claimed", r.amount)
        if r.status in ("paid", "awaiting_clawback", "clawed_back") and paid(r, r.payment):
            add(r, r.payment or "", "paid", r.amount)
        if r.status == "clawed_back" and paid(r, r.clawback):
            add(r, r.clawback or "", "clawed_back", r.amount)
    return {key: figures for key, figures in found.items() if any(figures.values())}


def by_month(want: Expected) -> dict[str, Figures]:
    months: dict[str, Figures] = {}
    for (_, _, in_month), figures in want.items():
        row = months.setdefault(in_month, dict.fromkeys(FIGURES, 0))
        for name in FIGURES:
            row[name] += figures[name]
    return months


def totals(want: Expected) -> Figures:
    return {name: sum(f[name] for f in want.values()) for name in FIGURES}


@pytest.fixture
def programmes(
    db: Session, make_hub: MakeHub, make_programme: MakeProgramme, make_school: MakeSchool
) -> dict[str, Programme]:
    hubs = {hub: make_hub(id=hub, name=name) for hub, name in HUB_NAMES.items()}
    made = {
        key: make_programme(
            hub=hubs["south" if key == "sec" else "north"],
            academic_year=YEARS[key],
            title=TITLES[key],
        )
        for key in YEARS
    }
    statements = {}
    for hub, in_month, status in STATEMENTS:
        paid = status == "paid"
        statement = GrantStatement(
            hub_id=hub,
            month=in_month,
            status=status,
            paid_on=date(2027, 3, 1) if paid else None,
            payment_reference="BACS" if paid else None,
        )
        db.add(statement)
        statements[(hub, in_month)] = statement
    db.flush()
    schools = [make_school() for _ in range(len(ROWS))]
    for r, school in zip(ROWS, schools, strict=True):
        if r.status is None:
            entitlement = _entitlement(db, made[r.programme], school, r.committed)
        else:
            claim = make_claim(
                db,
                programme=made[r.programme],
                school=school,
                status=r.status,
                amount_pence=r.amount,
                committed_pence=r.committed,
            )
            claim.submitted_at = r.submitted or r.recorded
            entitlement = db.get(GrantEntitlement, claim.entitlement_id)  # type: ignore[assignment]
            for kind, line_month, sign in (("payment", r.payment, 1), ("clawback", r.clawback, -1)):
                if line_month is not None:
                    db.add(
                        GrantStatementLine(
                            statement_id=statements[(r.hub, line_month)].id,
                            claim_id=claim.id,
                            kind=kind,
                            amount_pence=sign * r.amount,
                        )
                    )
        entitlement.created_at = r.recorded
    db.flush()
    return made


def _entitlement(db: Session, programme: Programme, school: School, pence: int) -> GrantEntitlement:
    entitlement = GrantEntitlement(
        hub_id=programme.hub_id,
        programme_id=programme.id,
        school_urn=school.urn,
        grant_index=0,
        kind="fixed_grant",
        purpose="Release time",
        amount_pence=pence,
    )
    db.add(entitlement)
    db.flush()
    return entitlement


def answered(body: dict[str, Any], programmes: dict[str, Programme]) -> Expected:
    key_of = {programme.id: key for key, programme in programmes.items()}
    return {
        (row["hub"]["id"], key_of[row["programme"]["id"]], row["month"]): pence_of(row)
        for row in body["rows"]
    }


def pence_of(row: dict[str, Any]) -> Figures:
    assert all(row[name]["currency"] == "GBP" for name in FIGURES)
    return {name: row[name]["amount_pence"] for name in FIGURES}


def report(client: TestClient, **params: Any) -> dict[str, Any]:
    response = client.get(REPORT, params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_every_hub_by_programme_and_month(
    admin: TestClient, programmes: dict[str, Programme]
) -> None:
    body = report(admin)
    want = expected()
    assert answered(body, programmes) == want
    # By hub name, programme title, then month.
    keys = [(r["hub"]["name"], r["programme"]["title"], r["month"]) for r in body["rows"]]
    assert keys == sorted(keys)
    assert body["rows"][0]["programme"]["academic_year_label"] == "2026/27"
    months = {m["month"]: pence_of(m) for m in body["months"]}
    # Every month from the first to the last, those with nothing counted included.
    assert list(months) == [
        "2025-10", "2025-11", "2025-12", *(f"2026-{m:02d}" for m in range(1, 13)),
        "2027-01", "2027-02",
    ]  # fmt: skip
    assert {m: f for m, f in months.items() if any(f.values())} == by_month(want)
    assert pence_of(body["totals"]) == totals(want)
    assert body["months"][0]["month_label"] == "October 2025"
    assert set(body["definitions"]) == set(FIGURES)
    assert "statement" in body["definitions"]["paid"]
    assert (body["hub_id"], body["academic_year"], body["from_month"]) == (None, None, None)

    # Over every month, the figures are the national summary's.
    summary = admin.get("/api/v1/grants/summary").json()["totals"]
    assert pence_of(body["totals"]) == pence_of(summary)

    for url in (REPORT, f"{REPORT}.csv"):
        first = admin.get(url)
        tag = {"If-None-Match": first.headers["ETag"]}
        assert admin.get(url, headers=tag).status_code == 304, url
        assert admin.get(url, params={"hub": "north"}, headers=tag).status_code == 200, url


def test_filters_by_hub_year_programme_and_months_and_their_refusals(
    admin: TestClient, programmes: dict[str, Programme]
) -> None:
    for params, want in (
        ({"hub": "north"}, expected(hub="north")),
        ({"academic_year": "2025-26"}, expected(year="2025-26")),
        ({"programme": programmes["match"].id}, expected(programme="match")),
        ({"from": "2026-11", "to": "2027-01"}, expected(first="2026-11", last="2027-01")),
        ({"from": "2027-01"}, expected(first="2027-01")),
        ({"to": "2026-09"}, expected(last="2026-09")),
        ({"hub": "south", "to": "2025-01"}, {}),
    ):
        body = report(admin, **params)
        assert answered(body, programmes) == want, params
        assert pence_of(body["totals"]) == totals(want), params
    one = report(admin, **{"from": "2026-11", "to": "2027-01"})
    assert (one["from_month"], one["to_month"]) == ("2026-11", "2027-01")
    assert report(admin, hub="south", to="2025-01")["months"] == []

    backwards = admin.get(REPORT, params={"from": "2027-02", "to": "2027-01"})
    assert backwards.status_code == 422, backwards.text
    assert [e["pointer"] for e in backwards.json()["errors"]] == ["/to"]
    for params in ({"from": "2027-13"}, {"to": "27-01"}, {"hub": "nowhere"}):
        assert admin.get(REPORT, params=params).status_code == 422, params


def test_hub_staff_and_keys_see_their_hub_national_any(
    programmes: dict[str, Programme], sign_in: SignIn, key_client: KeyClient, admin: TestClient
) -> None:
    want = expected(hub="south")
    staff = sign_in(role=Role.HUB_ADMIN, hub_id="south")
    key = key_client(Scope.REPORTS_READ, hub_id="south")
    for caller, params in (
        (staff, {}),
        (staff, {"hub": "south"}),
        (key, {}),
        (admin, {"hub": "south"}),
    ):
        body = report(caller, **params)
        assert answered(body, programmes) == want
        assert body["hub_id"] == "south"
    assert staff.get(REPORT, params={"hub": "north"}).status_code == 403
    assert staff.get(f"{REPORT}.csv", params={"hub": "north"}).status_code == 403
    specialist = sign_in(role=Role.MASTERY_SPECIALIST, hub_id="south")
    assert specialist.get(REPORT).status_code == 403
    grants_key = key_client(Scope.GRANTS_READ, hub_id="south")
    assert grants_key.get(REPORT).status_code == 403


def csv_rows(response: Any) -> list[dict[str, str]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.text)))


def money_of(line: dict[str, str]) -> Figures:
    pence = {name: int(line[f"{name}_pence"]) for name in FIGURES}
    for name in FIGURES:
        pounds, rest = divmod(pence[name], 100)
        assert line[f"{name}_gbp"] == f"{pounds}.{rest:02d}"
    return pence


def test_the_csv_has_the_same_figures(
    admin: TestClient, programmes: dict[str, Programme], db: Session
) -> None:
    params = {"from": "2026-10"}
    body = report(admin, **params)
    lines = csv_rows(admin.get(f"{REPORT}.csv", params=params))
    *rows, total = lines
    assert [
        (
            r["hub_id"], r["hub"], int(r["programme_id"]), r["programme"], r["academic_year"],
            r["month"], money_of(r),
        )
        for r in rows
    ] == [
        (
            r["hub"]["id"], r["hub"]["name"], r["programme"]["id"], r["programme"]["title"],
            r["programme"]["academic_year"], r["month"], pence_of(r),
        )
        for r in body["rows"]
    ]  # fmt: skip
    assert (total["month"], money_of(total)) == ("total", pence_of(body["totals"]))

    *months, months_total = csv_rows(
        admin.get(f"{REPORT}.csv", params={**params, "table": "months"})
    )
    assert [(m["month"], m["month_label"], money_of(m)) for m in months] == [
        (m["month"], m["month_label"], pence_of(m)) for m in body["months"]
    ]
    assert (months_total["month"], money_of(months_total)) == ("total", pence_of(body["totals"]))

    # A title a spreadsheet would run as a formula is written as text.
    programmes["old"].title = "=HYPERLINK(1)"
    db.flush()
    lines = csv_rows(admin.get(f"{REPORT}.csv", params={"academic_year": "2025-26"}))
    assert {line["programme"] for line in lines[:-1]} == {"'=HYPERLINK(1)"}


def test_paying_a_statement_through_the_api_moves_the_figures(
    make_hub: MakeHub,
    make_programme: MakeProgramme,
    make_school: MakeSchool,
    sign_in: SignIn,
    db: Session,
) -> None:
    """A claim paid on January's statement, then clawed back on this month's: paid in January,
    clawed back this month; claimed in the month it was submitted."""
    hub = make_hub(id="north", name="North")
    programme = make_programme(hub=hub, academic_year="2026-27", title="Development")
    staff = sign_in(role=Role.HUB_ADMIN, hub_id="north")
    claim = make_claim(db, programme=programme, school=make_school(), amount_pence=70_000)
    statements = "/api/v1/grants/statements"
    january = staff.post(statements, json={"hub_id": "north", "month": "2027-01"}).json()
    url = f"{statements}/{january['id']}"
    changed(staff, f"{url}/lines", {"claim_id": claim.id})
    changed(staff, f"{url}/close")
    changed(staff, f"{url}/pay", {"paid_on": TODAY.isoformat(), "payment_reference": "B-1"})
    db.refresh(claim)
    clawback = staff.post(
        f"/api/v1/grants/claims/{claim.id}/clawback",
        json={"reason": "The school left the programme"},
        headers={"If-Match": f'"{claim.id}.{claim.version}"'},
    )
    assert clawback.status_code == 200, clawback.text
    (recovering,) = db.query(GrantStatement).filter_by(hub_id="north", status="open").all()
    paid_before = report(staff)
    url = f"{statements}/{recovering.id}"
    changed(staff, f"{url}/close")
    changed(staff, f"{url}/pay", {"paid_on": TODAY.isoformat(), "payment_reference": "B-2"})

    db.refresh(claim)
    entitlement = db.get(GrantEntitlement, claim.entitlement_id)
    assert entitlement is not None
    want: dict[str, Figures] = {}
    for in_month, figure in (
        (month(entitlement.created_at), "committed"),
        (month(claim.submitted_at), "claimed"),
        ("2027-01", "paid"),
        (recovering.month, "clawed_back"),
    ):
        want.setdefault(in_month, dict.fromkeys(FIGURES, 0))[figure] += (
            entitlement.amount_pence if figure == "committed" else 70_000
        )
    body = report(staff)
    assert {r["month"]: pence_of(r) for r in body["rows"]} == want
    # Before the recovering statement was paid, nothing had come back.
    assert pence_of(paid_before["totals"])["clawed_back"] == 0
    assert db.get(GrantClaim, claim.id).status == "clawed_back"  # type: ignore[union-attr]
