from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.domain.access import Role
from api.persistence.models import Programme
from tests.accounts import SignIn
from tests.builders import MakeHub, MakeProgramme


def new_programme(hub_id: str, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "hub_id": hub_id,
        "academic_year": "2027-28",
        "title": "Primary Mastery Development Programme",
        "stage": "development",
        "phase": "primary",
        "audience": "schools",
        "summary": "A year alongside a Mastery Specialist.",
        "who_can_take_part": "State-funded primary schools in England.",
        "applications_open_on": "2027-03-01",
        "closing_date": "2027-05-21",
        "milestones": [{"kind": "closing", "date": "2027-05-21"}],
        "capacity": {"places": 7, "unit": "schools"},
        "session_plan": [
            {"count": 6, "kind": "trg_meeting", "length": "half_day", "format": "in_person"}
        ],
        "funding": {
            "free_to_participate": True,
            "grants": [
                {
                    "kind": "fixed",
                    "purpose": "release_time",
                    "amount": {"amount_pence": 100000, "currency": "GBP"},
                }
            ],
        },
        "commitments": ["Two teachers attend six half-day meetings."],
    }
    body.update(overrides)
    return body


def count_programmes(db: Session) -> int:
    return db.scalar(select(func.count()).select_from(Programme)) or 0


def test_create_then_read_back_everything(admin: TestClient, make_hub: MakeHub) -> None:
    hub = make_hub()
    created = admin.post("/api/v1/programmes", json=new_programme(hub.id))
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["status"] == "draft"
    assert created.headers["Location"] == f"/api/v1/programmes/{body['id']}"

    read = admin.get(created.headers["Location"])
    assert read.status_code == 200
    assert read.headers["ETag"] == created.headers["ETag"]
    got = read.json()
    assert got["hub"] == {"id": hub.id, "name": hub.name}
    assert got["academic_year_label"] == "2027/28"
    assert got["capacity"] == {"places": 7, "unit": "schools"}
    assert got["funding"]["grants"][0]["amount"] == {"amount_pence": 100000, "currency": "GBP"}
    assert got["session_plan"][0]["count"] == 6
    assert got["milestones"] == [{"kind": "closing", "date": "2027-05-21", "label": None}]
    assert admin.get("/api/v1/academic-years").json()[0]["id"] == "2027-28"


def test_if_none_match_answers_304(client: TestClient, make_programme: MakeProgramme) -> None:
    programme = make_programme()
    first = client.get(f"/api/v1/programmes/{programme.id}")
    again = client.get(
        f"/api/v1/programmes/{programme.id}", headers={"If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 304
    assert again.content == b""
    other = client.get(f"/api/v1/programmes/{programme.id}", headers={"If-None-Match": '"1.99"'})
    assert other.status_code == 200


def test_update_with_current_etag_then_stale_etag_is_412(
    admin: TestClient, make_programme: MakeProgramme, db: Session
) -> None:
    programme = make_programme(status="draft")
    url = f"/api/v1/programmes/{programme.id}"
    tag = admin.get(url).headers["ETag"]

    first = admin.patch(url, json={"summary": "Revised."}, headers={"If-Match": tag})
    assert first.status_code == 200, first.text
    assert first.json()["summary"] == "Revised."
    assert first.headers["ETag"] != tag

    lost = admin.patch(url, json={"summary": "Lost update"}, headers={"If-Match": tag})
    assert lost.status_code == 412
    assert lost.headers["content-type"] == "application/problem+json"
    assert admin.get(url).json()["summary"] == "Revised."


def test_update_without_if_match_is_refused(
    admin: TestClient, make_programme: MakeProgramme
) -> None:
    programme = make_programme()
    response = admin.patch(f"/api/v1/programmes/{programme.id}", json={"summary": "x"})
    assert response.status_code == 428
    assert "If-Match" in response.json()["detail"]


def test_status_moves_along_the_life_cycle_and_refuses_backwards(
    admin: TestClient, make_programme: MakeProgramme
) -> None:
    url = f"/api/v1/programmes/{make_programme(status='draft').id}"
    for status in ("open", "fully_booked", "closed"):
        tag = admin.get(url).headers["ETag"]
        moved = admin.patch(url, json={"status": status}, headers={"If-Match": tag})
        assert moved.status_code == 200, moved.text
        assert moved.json()["status"] == status
    tag = admin.get(url).headers["ETag"]
    refused = admin.patch(url, json={"status": "open"}, headers={"If-Match": tag})
    assert refused.status_code == 409
    assert refused.json()["type"] == "/problems/status-change-refused"
    assert "closed cannot become open" in refused.json()["detail"]
    assert admin.get(url).json()["status"] == "closed"


def test_a_refused_update_changes_nothing(admin: TestClient, make_programme: MakeProgramme) -> None:
    url = f"/api/v1/programmes/{make_programme(status='closed', academic_year='2021-22').id}"
    before = admin.get(url)
    response = admin.patch(
        url,
        json={"summary": "Changed", "code": "NCP24-14"},
        headers={"If-Match": before.headers["ETag"]},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/code"
    after = admin.get(url)
    assert after.json()["summary"] == before.json()["summary"]
    assert after.headers["ETag"] == before.headers["ETag"]


def test_required_fields_cannot_be_nulled(admin: TestClient, make_programme: MakeProgramme) -> None:
    url = f"/api/v1/programmes/{make_programme().id}"
    tag = admin.get(url).headers["ETag"]
    response = admin.patch(url, json={"title": None}, headers={"If-Match": tag})
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"location": "body", "pointer": "/title", "detail": "This field cannot be null"}
    ]


def test_create_refuses_bad_fields_with_pointers_and_writes_nothing(
    admin: TestClient, make_hub: MakeHub, db: Session
) -> None:
    hub = make_hub()
    before = count_programmes(db)
    response = admin.post(
        "/api/v1/programmes",
        json=new_programme(
            hub.id,
            code="NCP2111",
            capacity={"places": 0, "unit": "schools"},
            funding={
                "grants": [
                    {"kind": "fixed", "purpose": "release_time", "amount": {"amount_pence": -1}}
                ]
            },
        ),
    )
    assert response.status_code == 422
    pointers = {e["pointer"] for e in response.json()["errors"]}
    assert pointers == {"/code", "/capacity/places", "/funding/grants/0/amount/amount_pence"}
    assert count_programmes(db) == before


def test_create_for_an_unknown_hub_or_inconsistent_dates(
    admin: TestClient, make_hub: MakeHub
) -> None:
    unknown = admin.post("/api/v1/programmes", json=new_programme("no-such-hub"))
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["pointer"] == "/hub_id"

    hub = make_hub()
    backwards = admin.post(
        "/api/v1/programmes",
        json=new_programme(hub.id, applications_open_on="2027-06-01", closing_date="2027-05-01"),
    )
    assert backwards.status_code == 422
    assert backwards.json()["errors"][0]["pointer"] == "/closing_date"


def test_same_title_in_the_same_hub_and_year_is_a_conflict(
    admin: TestClient, make_hub: MakeHub
) -> None:
    hub = make_hub()
    assert admin.post("/api/v1/programmes", json=new_programme(hub.id)).status_code == 201
    again = admin.post("/api/v1/programmes", json=new_programme(hub.id))
    assert again.status_code == 409
    assert "already has a programme" in again.json()["detail"]


def test_filters(client: TestClient, make_programme: MakeProgramme, make_hub: MakeHub) -> None:
    north, south = make_hub(id="north"), make_hub(id="south")
    wanted = make_programme(
        hub=north, stage="sustaining", phase="primary", title="Primary Sustaining", code="NCP27-11"
    )
    make_programme(hub=north, stage="development", phase="primary")
    make_programme(hub=south, stage="sustaining", phase="secondary")
    make_programme(hub=north, stage="sustaining", phase="primary", academic_year="2026-27")
    make_programme(
        hub=north, stage="sustaining", phase="primary", audience="teachers", status="closed"
    )

    def ids(**params: str) -> list[int]:
        response = client.get("/api/v1/programmes", params=params)
        assert response.status_code == 200, response.text
        return [p["id"] for p in response.json()["items"]]

    common = {"hub": "north", "academic_year": "2027-28", "phase": "primary"}
    assert ids(**common, stage="sustaining", audience="schools", status="open") == [wanted.id]
    assert ids(q="ncp27-11") == [wanted.id]
    assert ids(q="PRIMARY SUSTAINING", hub="north") == [wanted.id]
    assert ids(q="100%_") == []


def test_keyset_pagination_walks_every_programme_once_newest_year_first(
    client: TestClient, make_programme: MakeProgramme, make_hub: MakeHub
) -> None:
    hub = make_hub()
    made = [
        make_programme(hub=hub, academic_year=year)
        for year in ("2019-20", "2027-28", "2023-24", "2027-28", "2019-20", "2023-24", "2025-26")
    ]
    seen: list[tuple[str, int]] = []
    cursor: str | None = None
    pages = 0
    while True:
        params: dict[str, str | int] = {"hub": hub.id, "limit": 2}
        if cursor:
            params["cursor"] = cursor
        page = client.get("/api/v1/programmes", params=params).json()
        pages += 1
        seen += [(p["academic_year"], p["id"]) for p in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert pages == 4
    expected = sorted(((p.academic_year_id, p.id) for p in made), reverse=True)
    assert seen == expected


def test_a_forged_cursor_is_a_clear_422(client: TestClient) -> None:
    response = client.get("/api/v1/programmes", params={"cursor": "not-a-cursor"})
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "location": "query",
            "pointer": "/cursor",
            "detail": "The cursor is not one this API gave out.",
        }
    ]


def test_updated_since_finds_only_recent_changes(
    client: TestClient, make_programme: MakeProgramme
) -> None:
    old = make_programme()
    page = client.get("/api/v1/programmes", params={"updated_since": "2099-01-01T00:00:00Z"})
    assert page.json()["items"] == []
    page = client.get("/api/v1/programmes", params={"updated_since": "2000-01-01T00:00:00+01:00"})
    assert [p["id"] for p in page.json()["items"]] == [old.id]


def test_drafts_are_seen_only_by_the_hub_that_runs_them(
    client: TestClient, sign_in: SignIn, make_programme: MakeProgramme, make_hub: MakeHub
) -> None:
    north, south = make_hub(id="north"), make_hub(id="south")
    draft = make_programme(hub=north, status="draft")
    published = make_programme(hub=north, status="open")
    north_admin = sign_in(role=Role.HUB_ADMIN, hub_id="north")
    south_admin = sign_in(role=Role.HUB_ADMIN, hub_id=south.id)

    def listed(viewer: TestClient) -> set[int]:
        return {p["id"] for p in viewer.get("/api/v1/programmes").json()["items"]}

    assert listed(client) == {published.id}
    assert listed(south_admin) == {published.id}
    assert listed(north_admin) == {published.id, draft.id}
    assert client.get(f"/api/v1/programmes/{draft.id}").status_code == 404
    assert north_admin.get(f"/api/v1/programmes/{draft.id}").status_code == 200


def test_a_hub_changes_only_its_own_programmes(
    sign_in: SignIn, make_programme: MakeProgramme, make_hub: MakeHub
) -> None:
    north, south = make_hub(id="north"), make_hub(id="south")
    theirs = make_programme(hub=north, status="open")
    south_admin = sign_in(role=Role.HUB_ADMIN, hub_id=south.id)
    url = f"/api/v1/programmes/{theirs.id}"
    tag = south_admin.get(url).headers["ETag"]
    response = south_admin.patch(url, json={"summary": "Taken over"}, headers={"If-Match": tag})
    assert response.status_code == 403
    created = south_admin.post("/api/v1/programmes", json=new_programme(north.id))
    assert created.status_code == 403
    assert south_admin.get(url).json()["summary"] != "Taken over"


def test_changes_are_audited_with_before_and_after(
    sign_in: SignIn, make_programme: MakeProgramme, make_hub: MakeHub
) -> None:
    hub = make_hub(id="north")
    programme = make_programme(hub=hub, status="draft")
    hub_admin = sign_in(role=Role.HUB_ADMIN, hub_id="north", email="lead@north.example")
    url = f"/api/v1/programmes/{programme.id}"
    tag = hub_admin.get(url).headers["ETag"]
    hub_admin.patch(
        url,
        json={"status": "open", "capacity": {"places": 7, "unit": "schools"}},
        headers={"If-Match": tag},
    )

    events = hub_admin.get(
        "/api/v1/audit", params={"resource_type": "programme", "resource_id": str(programme.id)}
    ).json()["items"]
    assert len(events) == 1
    event = events[0]
    assert event["action"] == "update"
    assert event["actor_label"] == "lead@north.example"
    assert event["changes"] == {
        "capacity": {"before": None, "after": {"places": 7, "unit": "schools"}},
        "status": {"before": "draft", "after": "open"},
    }
    mine = hub_admin.get("/api/v1/audit", params={"actor": event["actor"]}).json()["items"]
    assert [e["id"] for e in mine] == [event["id"]]
    later = hub_admin.get("/api/v1/audit", params={"since": "2999-01-01T00:00:00Z"}).json()
    assert later["items"] == []
    earlier = hub_admin.get("/api/v1/audit", params={"until": event["at"]}).json()["items"]
    assert event["id"] not in [e["id"] for e in earlier]


def test_a_new_programmes_defaults_can_be_met_by_its_form(
    sign_in: SignIn, make_hub: MakeHub
) -> None:
    hub = make_hub()
    staff = sign_in(role=Role.HUB_ADMIN, hub_id=hub.id)
    own = ["The teachers attend four half-day meetings.", "The department reports on the year."]
    secondary = {"phase": "secondary", "title": "Secondary Development", "commitments": own}

    created = staff.post("/api/v1/programmes", json=new_programme(hub.id, **secondary))
    assert created.status_code == 201, created.text
    body = created.json()
    # The documented rules need a head of department named (002): the default form asks.
    assert body["application_form"]["head_of_department"] is True
    # Signatories confirm the programme's own commitments, not the documents' wording as well.
    (confirmed,) = [r for r in body["eligibility_rules"] if r["kind"] == "commitments_confirmed"]
    assert confirmed["commitments"] == own

    unmeetable = staff.post(
        "/api/v1/programmes",
        json=new_programme(
            hub.id,
            **{**secondary, "title": "Secondary Development 2"},
            application_form={"head_of_department": False},
        ),
    )
    assert unmeetable.status_code == 422
    assert unmeetable.json()["errors"][0]["pointer"] == "/application_form/head_of_department"


def test_rewritten_commitments_are_the_ones_signatories_confirm(
    sign_in: SignIn, make_hub: MakeHub
) -> None:
    hub = make_hub()
    staff = sign_in(role=Role.HUB_ADMIN, hub_id=hub.id)
    created = staff.post("/api/v1/programmes", json=new_programme(hub.id))
    assert created.status_code == 201, created.text
    url = created.headers["Location"]
    rewritten = ["Two teachers attend six half-day meetings.", "The head teacher meets the hub."]

    changed = staff.patch(
        url, json={"commitments": rewritten}, headers={"If-Match": created.headers["ETag"]}
    )
    assert changed.status_code == 200, changed.text
    (confirmed,) = [
        r for r in changed.json()["eligibility_rules"] if r["kind"] == "commitments_confirmed"
    ]
    # Not the old wording as well: signatories confirm each commitment once, as it reads now.
    assert confirmed["commitments"] == rewritten
    assert confirmed["signatories"] == ["head_teacher"]
