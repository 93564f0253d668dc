"""Sessions change, people are told: a move or a cancellation queues a notice, with an
iCalendar REQUEST or CANCEL, to the group's participants and the host school, in the same
transaction; a day that is not a school day is refused unless the person confirms it."""

from __future__ import annotations

from typing import Any

import icalendar
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.domain.access import Role
from api.persistence.models import OutboxAttachment, OutboxMessage
from api.services import audit
from tests.accounts import MakeUser, SignIn
from tests.api.work_group_setup import LEAD_SCHOOL, GroupSetUp, new_group, person
from tests.problems import assert_described

WEDNESDAY = "2027-11-10"
TUESDAY = "2027-11-16"
SATURDAY = "2027-11-13"
HALF_TERM = "2027-10-27"


def _group(setup: Any, make_user: MakeUser) -> tuple[str, dict[str, Any], list[str]]:
    """A group with one member school, two teachers taking part, a contact at the member
    school and one session at the lead's school."""
    group = new_group(setup)
    url = f"/api/v1/work-groups/{group['id']}"
    member = setup.schools[0]
    assert setup.staff.post(f"{url}/schools", json={"urn": member}).status_code == 200
    emails = []
    for name in ("Pat Teacher", "Lee Teacher"):
        teacher = person(setup.staff, name, ["teacher"], member)
        added = setup.staff.post(f"{url}/participants", json={"person_id": teacher})
        assert added.status_code == 200, added.text
        emails.append(f"{name.lower().replace(' ', '.')}@school.example")
    make_user(
        role=Role.SCHOOL_CONTACT,
        hub_id="north",
        email="office@lead.example",
        school_urn=LEAD_SCHOOL,
    )
    created = setup.staff.post(
        f"{url}/sessions",
        json={
            "kind": "trg_meeting",
            "date": WEDNESDAY,
            "start_time": "13:30",
            "end_time": "16:00",
            "host_urn": LEAD_SCHOOL,
        },
    )
    assert created.status_code == 201, created.text
    return url, created.json()["items"][0], emails


def _read(client: TestClient, session_id: int) -> tuple[dict[str, Any], str]:
    response = client.get(f"/api/v1/sessions/{session_id}")
    assert response.status_code == 200, response.text
    return response.json(), response.headers["ETag"]


def _outbox(db: Session) -> list[OutboxMessage]:
    return list(db.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def _calendar(db: Session, message: OutboxMessage) -> tuple[OutboxAttachment, Any]:
    [attachment] = db.scalars(
        select(OutboxAttachment).where(OutboxAttachment.message_id == message.id)
    ).all()
    return attachment, icalendar.Calendar.from_ical(attachment.content)


def test_a_move_tells_participants_and_the_host_with_a_request_under_the_feeds_uid(
    group_setup: GroupSetUp, make_user: MakeUser, db: Session
) -> None:
    setup = group_setup(schools=1)
    _, session, teachers = _group(setup, make_user)
    _, tag = _read(setup.staff, session["id"])
    assert _outbox(db) == []  # planning a session tells nobody yet

    moved = setup.staff.patch(
        f"/api/v1/sessions/{session['id']}",
        json={"date": TUESDAY, "start_time": "14:00", "end_time": "16:30"},
        headers={"If-Match": tag},
    )

    assert moved.status_code == 200, moved.text
    assert moved.json()["sequence"] == 1
    messages = _outbox(db)
    assert sorted(m.to_address for m in messages) == sorted([*teachers, "office@lead.example"])
    assert {(m.about_type, m.about_id, m.template) for m in messages} == {
        ("session", session["id"], "session_changed")
    }
    first = messages[0]
    assert "Tuesday 16 November 2027, 2pm to 4:30pm" in first.subject
    assert "Date: was Wednesday 10 November 2027, now Tuesday 16 November 2027" in first.text_body
    assert "Time: was 1:30pm to 4pm, now 2pm to 4:30pm" in first.text_body
    attachment, calendar = _calendar(db, first)
    assert attachment.content_type == "text/calendar; method=REQUEST; charset=utf-8"
    assert calendar["METHOD"] == "REQUEST"
    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"session-{session['id']}@mathshubs"
    assert event["SEQUENCE"] == 1
    assert event.decoded("DTSTART").isoformat() == "2027-11-16T14:00:00+00:00"
    assert event.decoded("DTEND").isoformat() == "2027-11-16T16:30:00+00:00"
    assert str(event["STATUS"]) == "CONFIRMED"
    # The same UID and SEQUENCE as the public feed, so calendars update the event they have.
    feed = icalendar.Calendar.from_ical(
        setup.staff.get(
            "/api/v1/timetable.ics", params={"work_group": session["work_group_id"]}
        ).content
    )
    [listed] = feed.walk("VEVENT")
    assert (str(listed["UID"]), listed["SEQUENCE"]) == (str(event["UID"]), 1)

    # Whoever may see the session sees its messages, each queued until the server takes it.
    shown = setup.staff.get(f"/api/v1/sessions/{session['id']}/messages")
    assert shown.status_code == 200, shown.text
    assert [(m["to"], m["status"]) for m in shown.json()["items"]] == [
        (m.to_address, "queued") for m in messages
    ]


def test_a_note_alone_tells_nobody(
    group_setup: GroupSetUp, make_user: MakeUser, db: Session
) -> None:
    setup = group_setup(schools=1)
    _, session, _ = _group(setup, make_user)
    _, tag = _read(setup.staff, session["id"])
    noted = setup.staff.patch(
        f"/api/v1/sessions/{session['id']}",
        json={"note": "Bring a laptop"},
        headers={"If-Match": tag},
    )
    assert noted.status_code == 200, noted.text
    assert _outbox(db) == []


def test_a_cancellation_keeps_its_reason_and_sends_a_cancel(
    group_setup: GroupSetUp, make_user: MakeUser, db: Session
) -> None:
    setup = group_setup(schools=1)
    _, session, teachers = _group(setup, make_user)
    url = f"/api/v1/sessions/{session['id']}"
    _, tag = _read(setup.staff, session["id"])

    missing = setup.staff.post(f"{url}/cancel", json={"reason": "Snow"})
    assert missing.status_code == 428
    cancelled = setup.staff.post(
        f"{url}/cancel", json={"reason": "The school is closed for snow"}, headers={"If-Match": tag}
    )

    assert cancelled.status_code == 200, cancelled.text
    body = cancelled.json()
    assert (body["status"], body["cancellation_reason"], body["sequence"]) == (
        "cancelled",
        "The school is closed for snow",
        1,
    )
    messages = _outbox(db)
    assert sorted(m.to_address for m in messages) == sorted([*teachers, "office@lead.example"])
    assert all(m.template == "session_cancelled" for m in messages)
    assert "The reason given: The school is closed for snow" in messages[0].text_body
    assert "Wednesday 10 November 2027, 1:30pm to 4pm" in messages[0].subject
    attachment, calendar = _calendar(db, messages[0])
    assert attachment.filename == "cancel.ics"
    assert calendar["METHOD"] == "CANCEL"
    [event] = calendar.walk("VEVENT")
    assert (str(event["UID"]), event["SEQUENCE"], str(event["STATUS"])) == (
        f"session-{session['id']}@mathshubs",
        1,
        "CANCELLED",
    )

    again = setup.staff.post(
        f"{url}/cancel", json={"reason": "Twice"}, headers={"If-Match": cancelled.headers["ETag"]}
    )
    assert (again.status_code, again.json()["rule"]) == (409, "already_cancelled")
    assert len(_outbox(db)) == len(messages)


def test_a_failed_change_queues_nothing(
    group_setup: GroupSetUp,
    make_user: MakeUser,
    db: Session,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    setup = group_setup(schools=1)
    _, session, _ = _group(setup, make_user)
    url = f"/api/v1/sessions/{session['id']}"
    _, tag = _read(setup.staff, session["id"])

    stale = setup.staff.patch(
        url, json={"date": TUESDAY}, headers={"If-Match": f'"{session["id"]}.99"'}
    )
    assert stale.status_code == 412

    # The notices are written before the audit record: an error there undoes them too.
    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the audit log is away")

    monkeypatch.setattr(audit, "record", fail)
    broken = setup.staff.patch(url, json={"date": TUESDAY}, headers={"If-Match": tag})
    assert broken.status_code == 500
    monkeypatch.undo()

    assert _outbox(db) == []
    after, _ = _read(setup.staff, session["id"])
    assert (after["date"], after["sequence"]) == (WEDNESDAY, 0)


@pytest.mark.parametrize(
    ("day", "reason"),
    [(SATURDAY, "a Saturday"), (HALF_TERM, "in the school holiday between Autumn 1 and Autumn 2")],
)
def test_a_day_that_is_not_a_school_day_is_refused_until_confirmed(
    group_setup: GroupSetUp, make_user: MakeUser, db: Session, day: str, reason: str, app: Any
) -> None:
    setup = group_setup(schools=1)
    url, session, _ = _group(setup, make_user)
    planned = {
        "kind": "workshop",
        "date": day,
        "start_time": "09:00",
        "end_time": "12:00",
        "host_urn": LEAD_SCHOOL,
    }

    refused = setup.staff.post(f"{url}/sessions", json=planned)
    assert refused.status_code == 409, refused.text
    problem = refused.json()
    assert problem["rule"] == "non_school_day"
    assert problem["days"] == [{"pointer": "/date", "date": day, "reason": reason}]
    assert reason in problem["detail"]
    assert_described(problem, app)
    created = setup.staff.post(f"{url}/sessions", json={**planned, "confirm_non_school_day": True})
    assert created.status_code == 201, created.text

    # Moving one there is refused too, and nothing is told; confirmed, it moves.
    target = f"/api/v1/sessions/{session['id']}"
    current, tag = _read(setup.staff, session["id"])
    move = setup.staff.patch(target, json={"date": day}, headers={"If-Match": tag})
    assert (move.status_code, move.json()["rule"]) == (409, "non_school_day")
    assert _outbox(db) == []
    moved = setup.staff.patch(
        target, json={"date": day, "confirm_non_school_day": True}, headers={"If-Match": tag}
    )
    assert moved.status_code == 200, moved.text
    assert (moved.json()["date"], moved.json()["sequence"]) == (day, current["sequence"] + 1)


def test_a_batch_names_each_day_that_is_not_a_school_day(
    group_setup: GroupSetUp, make_user: MakeUser
) -> None:
    setup = group_setup(schools=1)
    url, _, _ = _group(setup, make_user)
    base = {"kind": "workshop", "start_time": "09:00", "end_time": "12:00", "host_urn": LEAD_SCHOOL}
    refused = setup.staff.post(
        f"{url}/sessions",
        json=[{**base, "date": TUESDAY}, {**base, "date": SATURDAY}, {**base, "date": HALF_TERM}],
    )
    assert refused.status_code == 409
    assert [d["pointer"] for d in refused.json()["days"]] == ["/1/date", "/2/date"]


def test_the_lead_moves_their_groups_sessions_and_no_other_specialist_may(
    group_setup: GroupSetUp, make_user: MakeUser, sign_in: SignIn, db: Session
) -> None:
    setup = group_setup(schools=1)
    _, session, _ = _group(setup, make_user)
    url = f"/api/v1/sessions/{session['id']}"
    lead = sign_in(
        role=Role.MASTERY_SPECIALIST, hub_id="north", email="sam.specialist@school.example"
    )
    other = sign_in(role=Role.MASTERY_SPECIALIST, hub_id="north")
    _, tag = _read(setup.staff, session["id"])

    assert other.patch(url, json={"date": TUESDAY}, headers={"If-Match": tag}).status_code == 404
    assert other.get(f"{url}/messages").status_code == 404
    moved = lead.patch(url, json={"date": TUESDAY}, headers={"If-Match": tag})
    assert moved.status_code == 200, moved.text
    assert len(lead.get(f"{url}/messages").json()["items"]) == 3
    cancelled = lead.post(
        f"{url}/cancel", json={"reason": "Ill"}, headers={"If-Match": moved.headers["ETag"]}
    )
    assert cancelled.status_code == 200, cancelled.text


def test_an_applications_messages_show_their_status(
    sign_in: SignIn, make_hub: Any, make_programme: Any, make_school: Any, db: Session
) -> None:
    hub = make_hub(id="north")
    programme = make_programme(hub=hub, status="open")
    make_school(urn="100001")
    staff = sign_in(role=Role.HUB_ADMIN, hub_id="north")
    created = staff.post(
        "/api/v1/applications", json={"programme_id": programme.id, "urn": "100001"}
    )
    assert created.status_code == 201, created.text
    application_id = created.json()["id"]
    url = f"/api/v1/applications/{application_id}/messages"
    assert staff.get(url).json() == {"items": []}

    db.add(
        OutboxMessage(
            to_address="head@school.example",
            subject="Please confirm",
            text_body="…",
            html_body="…",
            template="signature_request",
            about_type="application",
            about_id=application_id,
            attempts=2,
            last_error="451 try later",
        )
    )
    db.flush()
    [shown] = staff.get(url).json()["items"]
    assert (shown["to"], shown["status"], shown["last_error"]) == (
        "head@school.example",
        "failing",
        "451 try later",
    )
    other_hub = sign_in(role=Role.HUB_ADMIN, hub_id=make_hub(id="south").id)
    assert other_hub.get(url).status_code == 404


def test_sessions_are_numbered_by_date_and_a_renumbered_one_raises_its_sequence(
    group_setup: GroupSetUp, make_user: MakeUser
) -> None:
    setup = group_setup(schools=1)
    url, first, _ = _group(setup, make_user)  # session 1 on Wednesday 10 November
    earlier = setup.staff.post(
        f"{url}/sessions",
        json={
            "kind": "workshop",
            "date": "2027-10-06",
            "start_time": "09:00",
            "end_time": "12:00",
            "host_urn": LEAD_SCHOOL,
        },
    )
    assert earlier.status_code == 201, earlier.text
    assert earlier.json()["items"][0]["number"] == 1
    listed = setup.staff.get(f"{url}/sessions").json()["items"]
    assert [(s["date"], s["number"], s["sequence"]) for s in listed] == [
        ("2027-10-06", 1, 0),
        (WEDNESDAY, 2, 1),  # its title in calendars changed
    ]

    # Moved before the other, it takes the first number.
    _, tag = _read(setup.staff, first["id"])
    moved = setup.staff.patch(
        f"/api/v1/sessions/{first['id']}", json={"date": "2027-09-29"}, headers={"If-Match": tag}
    )
    assert moved.status_code == 200, moved.text
    assert (moved.json()["number"], moved.json()["sequence"]) == (1, 2)
    listed = setup.staff.get(f"{url}/sessions").json()["items"]
    assert [(s["date"], s["number"]) for s in listed] == [("2027-09-29", 1), ("2027-10-06", 2)]


def test_a_new_host_is_named_as_the_register_names_it(
    group_setup: GroupSetUp, make_user: MakeUser, db: Session
) -> None:
    setup = group_setup(schools=1)
    _, session, _ = _group(setup, make_user)
    _, tag = _read(setup.staff, session["id"])
    moved = setup.staff.patch(
        f"/api/v1/sessions/{session['id']}",
        json={"host_urn": setup.schools[0]},
        headers={"If-Match": tag},
    )
    assert moved.status_code == 200, moved.text
    [notice, *_] = _outbox(db)
    # Names keep their capitals in the sentence that says where the session moved.
    assert "Place: was Lead Primary, Leeds, now Member School 1, Bradford" in notice.text_body
