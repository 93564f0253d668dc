"""The demo holds what the documents say, and loading it twice adds nothing."""

from __future__ import annotations

from datetime import date

import icalendar
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.persistence.models import Participation
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
    assert (first.hubs_added, first.programmes_added) == (4, 18)
    assert (first.schools_added, first.participations_added) == (30, 6)
    assert first.work_groups_added == 7
    again = load_demo(db, today=TODAY)
    assert again == DemoLoaded(0, 0, 0, 0, 0)

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
    assert len(this_year) == 6
    assert {s["work_group_name"] for s in this_year} == {"Cheshire West Sustaining Community"}
    assert any(date.fromisoformat(s["date"]) > TODAY for s in this_year)
    assert any(date.fromisoformat(s["date"]) < TODAY for s in this_year)
    # Hosts take turns, the first at the Mastery Specialist's school (003).
    assert this_year[0]["host"]["urn"] == "100001"
    assert len({s["host"]["urn"] for s in this_year}) == 6

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
