"""The public timetable, as JSON and as an iCalendar feed, checked against the database."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import icalendar
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.persistence.models import WorkGroupSession
from api.services import timetable
from tests.api.work_group_setup import LEAD_SCHOOL, GroupSetUp, Setup, new_group

LONDON = ZoneInfo("Europe/London")
# 2027-28: the clocks go back on 31 October 2027 and forward on 26 March 2028.
AFTER_OCTOBER_CHANGE = "2027-11-01"
AFTER_MARCH_CHANGE = "2028-03-27"
BEFORE_MARCH_CHANGE = "2028-03-23"


def _sessions(setup: Setup, group_id: int) -> list[dict[str, object]]:
    response = setup.staff.post(
        f"/api/v1/work-groups/{group_id}/sessions",
        json=[
            {
                "kind": "trg_meeting",
                "date": day,
                "start_time": "13:30",
                "end_time": "16:00",
                "host_urn": LEAD_SCHOOL,
            }
            for day in (AFTER_OCTOBER_CHANGE, BEFORE_MARCH_CHANGE, AFTER_MARCH_CHANGE)
        ],
    )
    assert response.status_code == 201, response.text
    return list(response.json()["items"])


def _setup(
    group_setup: GroupSetUp,
) -> tuple[Setup, dict[str, object], list[dict[str, object]]]:
    setup = group_setup(schools=1)
    group = new_group(setup)
    return setup, group, _sessions(setup, int(str(group["id"])))


def test_the_feed_parses_and_matches_the_database_across_clock_changes(
    client: TestClient,
    group_setup: GroupSetUp,
    db: Session,
) -> None:
    setup, group, created = _setup(group_setup)
    moved_id = created[1]["id"]
    url = f"/api/v1/sessions/{moved_id}"
    tag = setup.staff.get(url).headers["ETag"]
    moved = setup.staff.patch(
        url,
        json={"date": "2028-03-28", "start_time": "09:00", "end_time": "11:30"},
        headers={"If-Match": tag},
    )
    assert moved.status_code == 200
    cancelled = setup.staff.patch(
        url, json={"status": "cancelled"}, headers={"If-Match": moved.headers["ETag"]}
    )
    assert cancelled.status_code == 200

    response = client.get("/api/v1/timetable.ics", params={"hub": "north"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    feed = icalendar.Calendar.from_ical(response.content)
    assert [tz["TZID"] for tz in feed.walk("VTIMEZONE")] == ["Europe/London"]
    events = {str(event["UID"]): event for event in feed.walk("VEVENT")}
    rows = db.scalars(
        select(WorkGroupSession).where(WorkGroupSession.work_group_id == group["id"])
    ).all()
    assert set(events) == {f"session-{row.id}@mathshubs" for row in rows}
    for row in rows:
        event = events[f"session-{row.id}@mathshubs"]
        assert int(event["SEQUENCE"]) == row.sequence
        expected_status = "CANCELLED" if row.status == "cancelled" else "CONFIRMED"
        assert str(event["STATUS"]) == expected_status
        assert event["DTSTART"].params["TZID"] == "Europe/London"
        start = event.decoded("DTSTART")
        assert (start.date(), start.time()) == (row.on, row.start_time)
        assert start.utcoffset() == datetime.combine(row.on, row.start_time, LONDON).utcoffset()
        assert start == row.starts_at
        end = event.decoded("DTEND")
        assert end.time() == row.end_time
        assert end == row.ends_at
        assert "Lead Primary, Leeds" in str(event["LOCATION"])

    # Both sides of each clock change stay at 13:30 local.
    after_october = events[f"session-{created[0]['id']}@mathshubs"].decoded("DTSTART")
    after_march = events[f"session-{created[2]['id']}@mathshubs"].decoded("DTSTART")
    assert after_october.time() == after_march.time() == time(13, 30)
    assert after_october.utcoffset().total_seconds() == 0
    assert after_march.utcoffset().total_seconds() == 3600
    assert after_march.astimezone(ZoneInfo("UTC")).time() == time(12, 30)
    moved_event = events[f"session-{moved_id}@mathshubs"]
    assert (int(moved_event["SEQUENCE"]), str(moved_event["STATUS"])) == (2, "CANCELLED")
    assert moved_event.decoded("DTSTART").date() == date(2028, 3, 28)


def test_the_json_timetable_is_public_paged_filtered_and_free_of_personal_data(
    client: TestClient,
    group_setup: GroupSetUp,
) -> None:
    setup, group, created = _setup(group_setup)
    first = client.get("/api/v1/timetable", params={"limit": 2})
    assert first.status_code == 200, first.text
    page = first.json()
    assert [e["session_id"] for e in page["items"]] == [created[0]["id"], created[1]["id"]]
    second = client.get("/api/v1/timetable", params={"limit": 2, "cursor": page["next_cursor"]})
    assert [e["session_id"] for e in second.json()["items"]] == [created[2]["id"]]
    assert second.json()["next_cursor"] is None

    entry = page["items"][0]
    assert entry["work_group_name"] == group["name"]
    assert entry["programme_title"] == setup.programme.title
    assert (entry["hub_id"], entry["hub_name"]) == ("north", "North Maths Hub")
    assert entry["host"] == {"urn": LEAD_SCHOOL, "name": "Lead Primary", "town": "Leeds"}
    assert (entry["date"], entry["start_time"], entry["timezone"]) == (
        AFTER_OCTOBER_CHANGE,
        "13:30:00",
        "Europe/London",
    )
    last = second.json()["items"][0]
    assert last["starts_at_local"] == "2028-03-27T13:30:00+01:00"
    assert last["starts_at"] in ("2028-03-27T12:30:00Z", "2028-03-27T12:30:00+00:00")
    assert "Sam Specialist" not in first.text + second.text
    assert "@" not in first.text.replace("@mathshubs", "")

    def ids(**params: object) -> list[object]:
        response = client.get("/api/v1/timetable", params=params)
        assert response.status_code == 200, response.text
        return [e["session_id"] for e in response.json()["items"]]

    assert ids(**{"from": "2028-01-01"}) == [created[1]["id"], created[2]["id"]]
    assert ids(to="2027-12-31") == [created[0]["id"]]
    assert ids(kind="workshop") == []
    assert ids(urn=LEAD_SCHOOL, academic_year="2027-28") == [c["id"] for c in created]
    assert ids(urn=setup.schools[0]) == []
    assert ids(hub="south") == []
    assert ids(work_group=group["id"]) == [c["id"] for c in created]
    assert ids(updated_since="2999-01-01T00:00:00Z") == []
    assert client.get("/api/v1/timetable", params={"cursor": "nonsense"}).status_code == 422


def test_etags_answer_304_until_a_change_raises_the_data_version(
    client: TestClient,
    group_setup: GroupSetUp,
) -> None:
    setup, group, created = _setup(group_setup)
    for path in ("/api/v1/timetable", "/api/v1/timetable.ics"):
        first = client.get(path)
        tag = first.headers["ETag"]
        again = client.get(path, headers={"If-None-Match": tag})
        assert (again.status_code, again.headers["ETag"]) == (304, tag)
        assert client.get(path).content == first.content

    json_tag = client.get("/api/v1/timetable").headers["ETag"]
    ics_tag = client.get("/api/v1/timetable.ics").headers["ETag"]
    url = f"/api/v1/work-groups/{group['id']}"
    renamed = setup.staff.patch(
        url,
        json={"name": "Renamed group"},
        headers={"If-Match": setup.staff.get(url).headers["ETag"]},
    )
    assert renamed.status_code == 200
    fresh = client.get("/api/v1/timetable", headers={"If-None-Match": json_tag})
    assert fresh.status_code == 200
    assert fresh.json()["items"][0]["work_group_name"] == "Renamed group"
    feed = client.get("/api/v1/timetable.ics", headers={"If-None-Match": ics_tag})
    assert feed.status_code == 200
    assert b"Renamed group" in feed.content

    session_url = f"/api/v1/sessions/{created[0]['id']}"
    tag = client.get("/api/v1/timetable.ics").headers["ETag"]
    setup.staff.patch(
        session_url,
        json={"start_time": "14:00", "end_time": "16:30"},
        headers={"If-Match": setup.staff.get(session_url).headers["ETag"]},
    )
    changed = client.get("/api/v1/timetable.ics", headers={"If-None-Match": tag})
    assert changed.status_code == 200
    event = next(
        e
        for e in icalendar.Calendar.from_ical(changed.content).walk("VEVENT")
        if str(e["UID"]) == f"session-{created[0]['id']}@mathshubs"
    )
    assert event.decoded("DTSTART").time() == time(14, 0)
    assert int(event["SEQUENCE"]) == 1


def test_renaming_the_programme_refreshes_the_cached_timetable(
    client: TestClient,
    group_setup: GroupSetUp,
) -> None:
    setup, group, _ = _setup(group_setup)
    query = f"?work_group={group['id']}"
    before = client.get(f"/api/v1/timetable{query}")
    feed_before = client.get(f"/api/v1/timetable.ics{query}")
    assert before.json()["items"][0]["programme_title"] == setup.programme.title

    programme_url = f"/api/v1/programmes/{setup.programme.id}"
    tag = setup.staff.get(programme_url).headers["ETag"]
    renamed = setup.staff.patch(
        programme_url, json={"title": "Renamed Development"}, headers={"If-Match": tag}
    )
    assert renamed.status_code == 200, renamed.text

    after = client.get(
        f"/api/v1/timetable{query}", headers={"If-None-Match": before.headers["ETag"]}
    )
    assert after.status_code == 200
    assert after.json()["items"][0]["programme_title"] == "Renamed Development"
    feed_after = client.get(
        f"/api/v1/timetable.ics{query}", headers={"If-None-Match": feed_before.headers["ETag"]}
    )
    assert feed_after.status_code == 200
    assert b"Renamed Development" in feed_after.content


def test_a_feed_too_big_for_a_calendar_asks_to_be_narrowed(
    client: TestClient,
    group_setup: GroupSetUp,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, group, _ = _setup(group_setup)
    monkeypatch.setattr(timetable, "MAX_FEED_EVENTS", 2)  # three sessions in this group
    everything = client.get("/api/v1/timetable.ics")
    assert everything.status_code == 422
    assert everything.headers["content-type"] == "application/problem+json"
    assert "more than 2 sessions" in everything.json()["errors"][0]["detail"]
    narrowed = client.get(
        "/api/v1/timetable.ics", params={"work_group": group["id"], "to": "2028-03-25"}
    )
    assert narrowed.status_code == 200
    assert len(icalendar.Calendar.from_ical(narrowed.content).walk("VEVENT")) == 2
