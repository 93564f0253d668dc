"""Public responses carry no personal data: only the contacts a hub publishes for enquiries.

The people looked for are tied to what the public reads serve (the lead and a participant of a
Work Group whose session is on the public timetable, the head of the school that hosts it, the
staff who set it up, a school contact who applied to the programme), and the test first shows
that their group, session and programme are served: a name could not leak from data no public
page shows, so without that link the test could not fail.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import icalendar
import yaml
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.domain.access import Role
from api.persistence.models import Hub, School
from api.services.demo import load_demo
from api.settings import PROJECT_ROOT
from tests.accounts import MakeUser
from tests.api.work_group_setup import LEAD_SCHOOL, GroupSetUp, new_group, person
from tests.clock import TODAY

CONTRACT = yaml.safe_load((PROJECT_ROOT / "openapi.yaml").read_text(encoding="utf-8"))
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
HUB_CONTACT = "enquiries@north-hub.example"
PROGRAMME_CONTACT = "programmes@north-hub.example"


def public_reads() -> list[str]:
    return [
        path
        for path, operations in CONTRACT["paths"].items()
        for method, operation in operations.items()
        if method == "get" and operation["x-access"]["public"]
    ]


def a_school_day_in(academic_year: str) -> str:
    """The first Tuesday of November of an academic year written `2027-28`."""
    first = date(int(academic_year[:4]), 11, 1)
    return (first + timedelta(days=(1 - first.weekday()) % 7)).isoformat()


def test_public_responses_show_no_personal_data(
    client: TestClient, db: Session, make_user: MakeUser, group_setup: GroupSetUp
) -> None:
    load_demo(db, today=TODAY)  # the public lists full of other hubs' programmes too
    setup = group_setup(schools=1)  # hub "north": a programme, a lead, one selected school
    [member] = setup.schools
    year = setup.programme.academic_year_id
    hub = db.get(Hub, "north")
    host = db.get(School, LEAD_SCHOOL)
    assert hub is not None
    assert host is not None
    hub.contact_email = HUB_CONTACT
    setup.programme.contact_email = PROGRAMME_CONTACT
    host.head_first_name, host.head_last_name = "Helen", "Headmistress"
    db.flush()

    group = new_group(setup)
    group_url = f"/api/v1/work-groups/{group['id']}"
    joined = setup.staff.post(f"{group_url}/schools", json={"urn": member})
    assert joined.status_code == 200, joined.text
    participant = person(setup.staff, "Priya Participant", ["teacher"], member)
    added = setup.staff.post(f"{group_url}/participants", json={"person_id": participant})
    assert added.status_code == 200, added.text
    sessions = setup.staff.post(
        f"{group_url}/sessions",
        json={
            "kind": "trg_meeting",
            "date": a_school_day_in(year),
            "start_time": "13:30",
            "end_time": "16:00",
            "host_urn": LEAD_SCHOOL,
        },
    )
    assert sessions.status_code == 201, sessions.text
    [session] = sessions.json()["items"]
    contact = make_user(
        role=Role.SCHOOL_CONTACT, hub_id="north", name="Cara Contact", school_urn=member
    )
    staff = setup.staff.get("/api/v1/auth/me").json()
    people = [
        ("Sam Specialist", "sam.specialist@school.example"),  # the group's lead
        ("Priya Participant", "priya.participant@school.example"),
        ("Helen Headmistress", None),  # the host school's head teacher
        (staff["name"], staff["email"]),  # who set the group up
        (contact.name, contact.email),
    ]

    pages: dict[str, Any] = {}
    for path in public_reads():
        # A link's token is its credential: without one a signature page is a 404, and an
        # invitation or password reset page says the link is gone (410), as for a used one.
        url = path.format(
            programme_id=setup.programme.id,
            hub_id="north",
            token="t" * 43,
            programme_type="primary_development",
        )
        params = {"hub": "north", "academic_year": year} if "timetable" in path else {}
        response = client.get(url, params=params)
        refused = 410 if path.startswith("/api/v1/accounts/") else 404
        assert response.status_code == (refused if "{token}" in path else 200), url
        pages[url] = response

    # The people above are linked to what is served: their group's session is on the public
    # timetable and in its feed, hosted by their school, for the programme they applied to.
    [entry] = [
        e for e in pages["/api/v1/timetable"].json()["items"] if e["session_id"] == session["id"]
    ]
    assert (entry["work_group_id"], entry["host"]["urn"]) == (group["id"], LEAD_SCHOOL)
    feed = icalendar.Calendar.from_ical(pages["/api/v1/timetable.ics"].content)
    assert entry["uid"] in {str(event["UID"]) for event in feed.walk("VEVENT")}
    programme_page = pages[f"/api/v1/programmes/{setup.programme.id}"].json()
    assert programme_page["contact_email"] == PROGRAMME_CONTACT

    published = {HUB_CONTACT, PROGRAMME_CONTACT} | {
        item["contact_email"].lower()
        for item in [
            *pages["/api/v1/hubs"].json()["items"],
            *pages["/api/v1/programmes"].json()["items"],
        ]
        if item["contact_email"]
    }
    for url, response in pages.items():
        text = response.text
        for name, email in people:
            assert name not in text, f"{url} shows {name}"
            assert email is None or email not in text, f"{url} shows {email}"
        shown = {email.lower() for email in EMAIL.findall(text)}
        assert shown <= published, f"{url} shows unpublished addresses {shown - published}"
    assert any(PROGRAMME_CONTACT in response.text for response in pages.values())
