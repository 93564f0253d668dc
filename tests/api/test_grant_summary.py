"""The national view through HTTP: committed, claimed, paid and clawed back by hub and programme,
each figure worked out here from the rows the test wrote, not by the code under test."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.domain.access import Role, Scope
from api.persistence.models import GrantEntitlement, Programme
from tests.accounts import KeyClient, SignIn
from tests.api.grant_statement_setup import make_claim
from tests.builders import MakeHub, MakeProgramme, MakeSchool

SUMMARY = "/api/v1/grants/summary"

# (hub, programme key, school index, status, amount, committed): what the test writes.
CLAIMS = [
    ("north", "dev", 0, "submitted", 100_000, 100_000),
    ("north", "dev", 1, "eligible", 100_000, 100_000),
    ("north", "dev", 2, "payable", 100_000, 100_000),
    ("north", "dev", 3, "paid", 100_000, 100_000),
    ("north", "match", 0, "paid", 150_050, 200_000),
    ("north", "match", 1, "awaiting_clawback", 99_999, 200_000),
    ("north", "match", 2, "clawed_back", 200_000, 200_000),
    ("north", "match", 3, "ineligible", 180_000, 200_000),
    ("north", "old", 0, "paid", 100_000, 100_000),
    ("south", "sec", 0, "void", 100_000, 100_000),
    ("south", "sec", 1, "paid", 100_000, 100_000),
]
# Entitlements nobody has claimed yet: committed, nothing else.
UNCLAIMED = [("north", "dev", 4, 100_000), ("south", "sec", 2, 100_000)]
YEARS = {"dev": "2026-27", "match": "2026-27", "old": "2025-26", "sec": "2026-27"}


def expected(
    hub: str | None = None, year: str | None = None
) -> dict[tuple[str, str], dict[str, int]]:
    """By (hub, programme key): each figure, by the rules in words: claimed is every claim but
    ineligible and void; paid every claim paid out (clawed back since or not); clawed back
    those whose money came back."""
    figures: dict[tuple[str, str], dict[str, int]] = {}

    def row(h: str, p: str) -> dict[str, int]:
        return figures.setdefault(
            (h, p), {"committed": 0, "claimed": 0, "paid": 0, "clawed_back": 0}
        )

    for h, p, _, status, amount, committed in CLAIMS:
        if (hub and h != hub) or (year and YEARS[p] != year):
            continue
        found = row(h, p)
        found["committed"] += committed
        if status not in ("ineligible", "void"):
            found["claimed"] += amount
        if status in ("paid", "awaiting_clawback", "clawed_back"):
            found["paid"] += amount
        if status == "clawed_back":
            found["clawed_back"] += amount
    for h, p, _, committed in UNCLAIMED:
        if (hub and h != hub) or (year and YEARS[p] != year):
            continue
        row(h, p)["committed"] += committed
    return figures


@pytest.fixture
def programmes(
    db: Session, make_hub: MakeHub, make_programme: MakeProgramme, make_school: MakeSchool
) -> dict[str, Programme]:
    hubs = {
        "north": make_hub(id="north", name="North"),
        "south": make_hub(id="south", name="South"),
    }
    made = {
        "dev": make_programme(hub=hubs["north"], academic_year="2026-27", title="A Development"),
        "match": make_programme(hub=hubs["north"], academic_year="2026-27", title="B Matched"),
        "old": make_programme(hub=hubs["north"], academic_year="2025-26", title="C Last year"),
        "sec": make_programme(hub=hubs["south"], academic_year="2026-27", title="D Sustaining"),
    }
    schools = [make_school() for _ in range(5)]
    for _, key, index, status, amount, committed in CLAIMS:
        make_claim(
            db,
            programme=made[key],
            school=schools[index],
            status=status,
            amount_pence=amount,
            committed_pence=committed,
        )
    for _, key, index, committed in UNCLAIMED:
        db.add(
            GrantEntitlement(
                hub_id=made[key].hub_id,
                programme_id=made[key].id,
                school_urn=schools[index].urn,
                grant_index=0,
                kind="fixed_grant",
                purpose="Release time",
                amount_pence=committed,
            )
        )
    db.flush()
    return made


def answered(
    body: dict[str, Any], programmes: dict[str, Programme]
) -> dict[tuple[str, str], dict[str, int]]:
    key_of = {programme.id: key for key, programme in programmes.items()}
    return {
        (row["hub"]["id"], key_of[row["programme"]["id"]]): {
            name: row[name]["amount_pence"]
            for name in ("committed", "claimed", "paid", "clawed_back")
        }
        for row in body["rows"]
    }


def totals(figures: dict[tuple[str, str], dict[str, int]]) -> dict[str, int]:
    return {
        name: sum(row[name] for row in figures.values())
        for name in ("committed", "claimed", "paid", "clawed_back")
    }


def test_a_national_administrator_sees_every_hub(
    admin: TestClient, programmes: dict[str, Programme]
) -> None:
    response = admin.get(SUMMARY)
    assert response.status_code == 200, response.text
    body = response.json()
    want = expected()
    assert answered(body, programmes) == want
    assert {k: v["amount_pence"] for k, v in body["totals"].items()} == totals(want)
    assert all(v["currency"] == "GBP" for v in body["totals"].values())
    # By hub name, then programme title.
    assert [(r["hub"]["name"], r["programme"]["title"]) for r in body["rows"]] == [
        ("North", "A Development"),
        ("North", "B Matched"),
        ("North", "C Last year"),
        ("South", "D Sustaining"),
    ]
    assert body["rows"][0]["programme"]["academic_year_label"] == "2026/27"
    assert (body["hub"], body["academic_year"]) == (None, None)

    one_year = admin.get(SUMMARY, params={"academic_year": "2026-27", "hub": "north"}).json()
    assert answered(one_year, programmes) == expected("north", "2026-27")
    assert (one_year["hub"], one_year["academic_year"]) == ("north", "2026-27")


def test_a_hubs_staff_and_keys_see_their_hub(
    sign_in: SignIn, key_client: KeyClient, programmes: dict[str, Programme]
) -> None:
    north = sign_in(role=Role.HUB_ADMIN, hub_id="north")
    body = north.get(SUMMARY).json()
    assert answered(body, programmes) == expected("north")
    assert {k: v["amount_pence"] for k, v in body["totals"].items()} == totals(expected("north"))
    assert north.get(SUMMARY, params={"hub": "south"}).status_code == 403
    key = key_client(Scope.GRANTS_READ, hub_id="south")
    assert answered(key.get(SUMMARY).json(), programmes) == expected("south")


@pytest.mark.parametrize("role", [Role.SCHOOL_CONTACT, Role.MASTERY_SPECIALIST])
def test_schools_and_specialists_have_no_national_view(
    sign_in: SignIn, make_hub: MakeHub, role: Role
) -> None:
    make_hub(id="north")
    assert sign_in(role=role, hub_id="north").get(SUMMARY).status_code == 403


def test_nothing_committed_yet(admin: TestClient, make_hub: MakeHub) -> None:
    make_hub(id="north")
    body = admin.get(SUMMARY, params={"hub": "north"}).json()
    assert body["rows"] == []
    assert {k: v["amount_pence"] for k, v in body["totals"].items()} == {
        "committed": 0,
        "claimed": 0,
        "paid": 0,
        "clawed_back": 0,
    }
