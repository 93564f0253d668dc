"""Private calendar feeds: a school's or a person's sessions at an unguessable URL that can be
reset; parsed back with the icalendar library and checked against the database."""

from __future__ import annotations

import icalendar
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.domain.access import Role
from api.persistence.models import CalendarFeed, WorkGroupSession
from tests.accounts import SignIn
from tests.api.work_group_setup import LEAD_SCHOOL, GroupSetUp, new_group, person

ONLINE = "https://meet.example.org/trg-4"


def _path(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def _events(client: TestClient, url: str) -> dict[str, icalendar.Event]:
    response = client.get(_path(url))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/calendar")
    feed = icalendar.Calendar.from_ical(response.content)
    return {str(event["uid"]): event for event in feed.walk("VEVENT")}


def test_a_schools_private_feed_has_its_groups_sessions_with_links_and_can_be_reset(
    client: TestClient,
    group_setup: GroupSetUp,
    db: Session,
    sign_in: SignIn,
) -> None:
    setup = group_setup(schools=2)
    member, outsider = setup.schools
    group = new_group(setup)
    url = f"/api/v1/work-groups/{group['id']}"
    assert setup.staff.post(f"{url}/schools", json={"urn": member}).status_code == 200
    created = setup.staff.post(
        f"{url}/sessions",
        json=[
            {
                "kind": "trg_meeting",
                "date": "2027-11-01",
                "start_time": "13:30",
                "end_time": "16:00",
                "host_urn": LEAD_SCHOOL,
            },
            {
                "kind": "workshop",
                "date": "2028-03-27",
                "start_time": "15:45",
                "end_time": "17:00",
                "online_url": ONLINE,
            },
        ],
    )
    assert created.status_code == 201, created.text

    contact = sign_in(role=Role.SCHOOL_CONTACT, hub_id="north", school_urn=member)
    issued = contact.post("/api/v1/calendar-feeds", json={"urn": member})
    assert issued.status_code == 201, issued.text
    feed_url = issued.json()["url"]
    assert feed_url.endswith(".ics")
    # Only a hash of the token is kept.
    token = feed_url.rsplit("/", 1)[1].removesuffix(".ics")
    stored = db.scalars(select(CalendarFeed)).one()
    assert token not in stored.token_hash

    events = _events(client, feed_url)
    rows = db.scalars(
        select(WorkGroupSession).where(WorkGroupSession.work_group_id == group["id"])
    ).all()
    assert set(events) == {f"session-{row.id}@mathshubs" for row in rows}
    for row in rows:
        event = events[f"session-{row.id}@mathshubs"]
        assert event.decoded("dtstart").astimezone().timestamp() == row.starts_at.timestamp()
        if row.online_url:
            assert str(event["url"]) == ONLINE  # the private feed carries the link
        else:
            assert "Lead Primary" in str(event["location"])

    # Another school's feed is not the contact's to have.
    other = contact.post("/api/v1/calendar-feeds", json={"urn": outsider})
    assert other.status_code == 403
    assert other.headers["content-type"] == "application/problem+json"

    # Asking again resets it: the old URL is gone, the new one works.
    again = contact.post("/api/v1/calendar-feeds", json={"urn": member})
    assert again.status_code == 201
    assert again.json()["url"] != feed_url
    assert again.json()["created_at"] > issued.json()["created_at"]  # made anew
    gone = client.get(_path(feed_url))
    assert gone.status_code == 404
    assert gone.headers["content-type"] == "application/problem+json"
    assert set(_events(client, again.json()["url"])) == set(events)


def test_a_persons_feed_follows_the_groups_they_lead_or_take_part_in(
    client: TestClient,
    group_setup: GroupSetUp,
    sign_in: SignIn,
) -> None:
    setup = group_setup(schools=1)
    urn = setup.schools[0]
    group = new_group(setup)
    url = f"/api/v1/work-groups/{group['id']}"
    assert setup.staff.post(f"{url}/schools", json={"urn": urn}).status_code == 200
    teacher = person(setup.staff, "Tess Teacher", ["teacher"], urn)
    created = setup.staff.post(
        f"{url}/sessions",
        json={
            "kind": "trg_meeting",
            "date": "2027-10-05",
            "start_time": "13:30",
            "end_time": "16:00",
            "host_urn": LEAD_SCHOOL,
        },
    )
    assert created.status_code == 201

    lead_feed = setup.staff.post("/api/v1/calendar-feeds", json={"person_id": setup.lead_id})
    teacher_feed = setup.staff.post("/api/v1/calendar-feeds", json={"person_id": teacher})
    assert lead_feed.status_code == teacher_feed.status_code == 201
    assert len(_events(client, lead_feed.json()["url"])) == 1
    assert _events(client, teacher_feed.json()["url"]) == {}

    joined = setup.staff.post(f"{url}/participants", json={"person_id": teacher})
    assert joined.status_code == 200
    assert len(_events(client, teacher_feed.json()["url"])) == 1

    # A school contact cannot have someone else's feed; the teacher can have their own.
    contact = sign_in(role=Role.SCHOOL_CONTACT, hub_id="north", school_urn=urn)
    assert contact.post("/api/v1/calendar-feeds", json={"person_id": teacher}).status_code == 403
    own = sign_in(
        role=Role.SCHOOL_CONTACT,
        hub_id="north",
        school_urn=urn,
        email="tess.teacher@school.example",
    )
    assert own.post("/api/v1/calendar-feeds", json={"person_id": teacher}).status_code == 201


def test_a_feed_request_names_one_known_subject(sign_in: SignIn) -> None:
    staff = sign_in(role=Role.NATIONAL_ADMIN)
    both = staff.post("/api/v1/calendar-feeds", json={"urn": "100001", "person_id": 1})
    assert both.status_code == 422
    unknown = staff.post("/api/v1/calendar-feeds", json={"urn": "999998"})
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["pointer"] == "/urn"
    nobody = staff.post("/api/v1/calendar-feeds", json={"person_id": 99999})
    assert nobody.json()["errors"][0]["pointer"] == "/person_id"


def test_an_unknown_or_malformed_token_is_a_clear_problem(client: TestClient) -> None:
    assert client.get(f"/api/v1/calendar-feeds/{'x' * 43}.ics").status_code == 404
    malformed = client.get("/api/v1/calendar-feeds/short.ics")
    assert malformed.status_code == 422
    assert malformed.headers["content-type"] == "application/problem+json"
