"""The demo holds what the documents say, and loading it twice adds nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

import icalendar
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.persistence.models import OutboxMessage, Participation
from api.services.demo import DemoLoaded, load_demo

TODAY = date(2026, 11, 25)


def programme_titled(client: TestClient, title: str, year: str) -> dict[str, object]:
    items = client.get(
        "/api/v1/programmes", params={"academic_year": year, "q": title, "limit": 200}
    ).json()["items"]
    matches = [p for p in items if p["title"] == title]
    assert len(matches) == 1, f"{title} {year}: {[p['title'] for p in items]}"
    return matches[0]


def test_demo_loads_the_documents_once(client: TestClient, db: Session) -> None:
    first = load_demo(db, today=TODAY)
    assert (first.hubs_added, first.programmes_added) == (4, 21)
    assert (first.schools_added, first.participations_added) == (44, 12)
    assert (first.work_groups_added, first.applications_added) == (10, 14)
    assert first.claims_added == 21
    again = load_demo(db, today=TODAY)
    assert again == DemoLoaded(0, 0, 0, 0, 0, 0, 0)

    archimedes = programme_titled(
        client, "Secondary Mathematics Teaching for Mastery Work Group", "2016-17"
    )
    assert [(m["kind"], m["date"]) for m in archimedes["milestones"]] == [  # type: ignore[index]
        ("closing", "2017-01-10"),
        ("shortlist_told", "2017-01-13"),
        ("selection_told", "2017-01-20"),
    ]
    assert archimedes["session_plan"][0]["count"] == 4  # type: ignore[index]
    assert len(archimedes["commitments"]) == 4  # type: ignore[arg-type]

    west_yorkshire = programme_titled(client, "Primary Teaching for Mastery Work Groups", "2018-19")
    assert west_yorkshire["closing_date"] == "2018-05-18"
    grants = west_yorkshire["funding"]["grants"]  # type: ignore[index]
    assert [(g["kind"], g["amount"]["amount_pence"]) for g in grants] == [
        ("fixed", 100000),
        ("matched", 200000),
    ]

    sustaining = programme_titled(client, "Primary Teaching for Mastery – Sustaining", "2021-22")
    assert sustaining["code"] == "NCP21-11"
    assert sustaining["session_plan"][0]["kind"] == "workshop"  # type: ignore[index]
    funding = sustaining["funding"]
    assert (funding["free_to_participate"], funding["grants"]) == (True, [])  # type: ignore[index]

    secondary = programme_titled(client, "Secondary Teaching for Mastery – Sustaining", "2024-25")
    assert secondary["code"] == "NCP24-14"
    assert secondary["funding"]["grants"][0]["amount"]["amount_pence"] == 100000  # type: ignore[index]

    booked = client.get(
        "/api/v1/programmes", params={"academic_year": "2023-24", "status": "fully_booked"}
    ).json()["items"]
    assert {p["stage"] for p in booked} == {
        "development",
        "embedding",
        "sustaining",
        "specialist_knowledge",
    }


def test_coming_year_offers_are_open_and_dated_from_today(client: TestClient, db: Session) -> None:
    load_demo(db, today=TODAY)
    open_now = client.get(
        "/api/v1/programmes", params={"academic_year": "2027-28", "status": "open"}
    ).json()["items"]
    titles = {p["title"] for p in open_now}
    assert "Primary Mastery Development Programme" in titles
    assert "Primary Mastery Sustaining Programme" in titles
    assert {p["phase"] for p in open_now} == {"primary", "secondary"}
    for programme in open_now:
        assert programme["applications_open_on"] <= TODAY.isoformat() < programme["closing_date"]
        assert programme["code"] is None


def test_demo_work_groups_make_a_live_timetable_and_journeys(
    client: TestClient, db: Session
) -> None:
    load_demo(db, today=TODAY)
    this_year = client.get(
        "/api/v1/timetable", params={"hub": "cheshire-and-wirral", "academic_year": "2026-27"}
    ).json()["items"]
    sustaining = [
        s for s in this_year if s["work_group_name"] == "Cheshire West Sustaining Community"
    ]
    assert len(sustaining) == 6
    assert {s["work_group_name"] for s in this_year} == {
        "Cheshire West Sustaining Community",
        "West Cheshire Embedding Work Group",
    }
    assert any(date.fromisoformat(s["date"]) > TODAY for s in sustaining)
    assert any(date.fromisoformat(s["date"]) < TODAY for s in sustaining)
    # Hosts take turns, the first at the Mastery Specialist's school (003).
    assert sustaining[0]["host"]["urn"] == "100001"
    assert len({s["host"]["urn"] for s in sustaining}) == 6

    feed = icalendar.Calendar.from_ical(
        client.get("/api/v1/timetable.ics", params={"hub": "archimedes-ne"}).content
    )
    # Four meetings in 2016/17 at the specialist's school (002), four planned for next year.
    assert len(list(feed.walk("VEVENT"))) == 8

    # Completing the past years wrote the member schools' history.
    rows = db.scalars(select(Participation).where(Participation.school_urn == "100017")).all()
    assert [(r.programme_type, r.academic_year_id, r.outcome) for r in rows] == [
        ("primary_development", "2018-19", "completed")
    ]


# The year in motion (api/services/demo_year.py): Cheshire and Wirral holds a programme in each
# state, dated from the day the demo is loaded. TODAY is in the autumn term of 2026/27.

HUB = "cheshire-and-wirral"
LAST, THIS, NEXT = "2025-26", "2026-27", "2027-28"


def hub_programme(admin: TestClient, title: str, year: str) -> dict[str, Any]:
    items = admin.get(
        "/api/v1/programmes",
        params={"academic_year": year, "hub": HUB, "q": title, "limit": 200},
    ).json()["items"]
    matches = [p for p in items if p["title"] == title]
    assert len(matches) == 1, f"{title} {year}: {[p['title'] for p in items]}"
    return matches[0]  # type: ignore[no-any-return]


def statuses(admin: TestClient, programme_id: int) -> dict[str, str]:
    """Each application's school and status."""
    items = admin.get(
        "/api/v1/applications", params={"programme": programme_id, "limit": 200}
    ).json()["items"]
    return {a["school"]["urn"]: a["status"] for a in items}


def group_named(admin: TestClient, name: str) -> dict[str, Any]:
    items = admin.get("/api/v1/work-groups", params={"hub": HUB, "limit": 200}).json()["items"]
    matches = [g for g in items if g["name"] == name]
    assert len(matches) == 1, [g["name"] for g in items]
    return matches[0]  # type: ignore[no-any-return]


def sessions_of(admin: TestClient, group_id: int) -> list[dict[str, Any]]:
    return admin.get(f"/api/v1/work-groups/{group_id}/sessions").json()["items"]  # type: ignore[no-any-return]


def register(admin: TestClient, session_id: int) -> list[str]:
    records = admin.get(f"/api/v1/sessions/{session_id}/attendance").json()["records"]
    return [r["status"] for r in records]


def test_the_year_has_a_draft_and_an_open_programme_with_applications_in_each_state(
    client: TestClient, admin: TestClient, db: Session
) -> None:
    load_demo(db, today=TODAY)
    draft = hub_programme(
        admin, "Specialist Knowledge for Teaching Mathematics – Primary Teaching Assistants", NEXT
    )
    assert draft["status"] == "draft"
    # Only the hub sees a draft.
    public = client.get("/api/v1/programmes", params={"academic_year": NEXT, "hub": HUB}).json()
    assert draft["id"] not in {p["id"] for p in public["items"]}

    open_now = hub_programme(admin, "Primary Mastery Development Programme", NEXT)
    assert open_now["status"] == "open"
    assert open_now["applications_open_on"] <= TODAY.isoformat() < open_now["closing_date"]
    assert statuses(admin, open_now["id"]) == {
        "100031": "draft",
        "100032": "draft",
        "100033": "submitted",
        "100034": "submitted",
    }
    listed = admin.get("/api/v1/applications", params={"programme": open_now["id"]}).json()
    [waiting_id] = [a["id"] for a in listed["items"] if a["school"]["urn"] == "100032"]
    waiting = admin.get(f"/api/v1/applications/{waiting_id}").json()
    # Awaiting signatures: every link sent, one teacher has confirmed, the head has not yet.
    signed = {s["role"]: s["confirmed_at"] is not None for s in waiting["signatories"]}
    assert len(waiting["signatories"]) == 3
    assert signed["head_teacher"] is False
    assert [s["confirmed_at"] is not None for s in waiting["signatories"]].count(True) == 1
    assert all(s["sent_at"] is not None for s in waiting["signatories"])
    assert waiting["tasks"]["commitments"] == "in_progress"
    assert waiting["tasks"]["people"] == "completed"

    # The demo's email stands for email sent at the time: none is left for the sender.
    assert db.scalar(select(func.count()).where(OutboxMessage.sent_at.is_(None))) == 0
    assert db.scalar(select(func.count()).select_from(OutboxMessage)) > 0


def test_the_year_has_a_decided_programme_and_its_group_formed_from_the_selection(
    admin: TestClient, db: Session
) -> None:
    load_demo(db, today=TODAY)
    decided = hub_programme(admin, "Primary Mastery Embedding Programme", NEXT)
    assert decided["status"] == "fully_booked"
    assert decided["closing_date"] < TODAY.isoformat()
    assert statuses(admin, decided["id"]) == {
        "100037": "selected",
        "100038": "selected",
        "100039": "selected",
        "100040": "selected",
        "100041": "waitlisted",
        "100042": "not_selected",
    }
    group = group_named(admin, "Cheshire and Wirral Embedding Work Group")
    assert group["programme_id"] == decided["id"]
    assert [s["urn"] for s in group["schools"]] == ["100037", "100038", "100039", "100040"]
    # The teachers named on each application are its participants, people of their school.
    selected = admin.get(
        "/api/v1/applications", params={"programme": decided["id"], "status": "selected"}
    ).json()["items"]
    named = {(p["name"], a["school"]["urn"]) for a in selected for p in a["participants"]}
    assert {(p["name"], p["school_urn"]) for p in group["participants"]} == named
    assert len(named) == 8
    planned = sessions_of(admin, group["id"])
    assert len(planned) == 6
    assert all(date.fromisoformat(s["date"]) > TODAY for s in planned)


def test_the_year_has_a_completed_group_that_continued_and_runs_with_its_registers(
    admin: TestClient, db: Session
) -> None:
    load_demo(db, today=TODAY)
    last_year = hub_programme(admin, "Primary Mastery Development Programme", LAST)
    assert last_year["status"] == "closed"
    assert set(statuses(admin, last_year["id"]).values()) == {"selected"}

    completed = group_named(admin, "West Cheshire Development Work Group")
    assert completed["completed_on"] == "2026-08-31"
    urns = [s["urn"] for s in completed["schools"]]
    assert urns == ["100002", "100016", "100035", "100036"]
    held = sessions_of(admin, completed["id"])
    assert len(held) == 6
    assert all(register(admin, s["id"]) for s in held)
    # Completing the year wrote each school's journey.
    journey = admin.get("/api/v1/schools/100035/journey").json()
    done = [
        (y["academic_year"], p["programme_type"], p["outcome"])
        for y in journey["years"]
        for p in y["participations"]
    ]
    assert done == [(LAST, "primary_development", "completed")]

    continued = group_named(admin, "West Cheshire Embedding Work Group")
    assert continued["continues_from_id"] == completed["id"]
    assert completed["continued_by_ids"] == [continued["id"]]
    assert continued["programme_title"] == "Primary Mastery Embedding Programme"
    assert continued["academic_year"] == THIS
    assert [s["urn"] for s in continued["schools"]] == urns
    assert len(continued["participants"]) == 8
    running = sessions_of(admin, continued["id"])
    past = [s for s in running if date.fromisoformat(s["date"]) < TODAY]
    ahead = [s for s in running if date.fromisoformat(s["date"]) >= TODAY]
    assert past
    assert ahead
    marks = [mark for s in past for mark in register(admin, s["id"])]
    assert len(marks) == 8 * len(past)
    assert set(marks) == {"present", "absent", "absent_with_apologies"}
    assert all(register(admin, s["id"]) == [] for s in ahead)
    assert continued["completed_on"] is None


def test_the_year_loads_as_of_any_day_of_term(admin: TestClient, db: Session) -> None:
    """The browser tests' day (e2e/moment.ts) is in the spring term: the same states hold."""
    spring = date(2027, 1, 19)
    loaded = load_demo(db, today=spring)
    assert loaded.applications_added == 14
    running = sessions_of(admin, group_named(admin, "West Cheshire Embedding Work Group")["id"])
    assert any(date.fromisoformat(s["date"]) < spring for s in running)
    assert any(date.fromisoformat(s["date"]) >= spring for s in running)
    assert load_demo(db, today=spring) == DemoLoaded(0, 0, 0, 0, 0, 0, 0)


def test_the_demo_has_grants_paid_clawed_back_and_waiting(admin: TestClient, db: Session) -> None:
    """Past statements paid (a clawback among them), this year's claims waiting for the hub; the
    figures follow from the demo's claims, counted here from the claims the API lists."""
    load_demo(db, today=TODAY)
    claims = admin.get("/api/v1/grants/claims", params={"limit": 200}).json()["items"]
    by_status: dict[str, int] = {}
    for claim in claims:
        by_status[claim["status"]] = by_status.get(claim["status"], 0) + 1
    assert by_status == {"paid": 16, "clawed_back": 2, "void": 1, "eligible": 1, "submitted": 1}
    matched = [c for c in claims if c["kind"] == "matched_funding"]
    assert {c["amount"]["amount_pence"] for c in matched} == {185000, 200000, 96000}
    assert all(c["evidence"]["content_type"] == "application/pdf" for c in matched)

    statements = admin.get("/api/v1/grants/statements", params={"limit": 50}).json()["items"]
    assert len(statements) == 6
    assert all(s["status"] == "paid" for s in statements)
    for item in statements:
        statement = admin.get(f"/api/v1/grants/statements/{item['id']}").json()
        parts = statement["lines"] + statement["adjustments"]
        assert item["total"]["amount_pence"] == sum(p["amount"]["amount_pence"] for p in parts)
    clawbacks = [s for s in statements if s["total"]["amount_pence"] < 0]
    assert len(clawbacks) == 2

    summary = admin.get("/api/v1/grants/summary").json()
    live = [c for c in claims if c["status"] not in ("void", "ineligible")]
    paid = [c for c in claims if c["status"] in ("paid", "clawed_back")]
    back = [c for c in claims if c["status"] == "clawed_back"]

    def pence(items: list[dict[str, Any]]) -> int:
        return sum(c["amount"]["amount_pence"] for c in items)

    assert summary["totals"]["claimed"]["amount_pence"] == pence(live)
    assert summary["totals"]["paid"]["amount_pence"] == pence(paid)
    assert summary["totals"]["clawed_back"]["amount_pence"] == pence(back)
    assert {row["hub"]["id"] for row in summary["rows"]} == {
        "cheshire-and-wirral",
        "west-yorkshire",
    }
