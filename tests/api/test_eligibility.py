"""Eligibility by URN (no sign-in) and by person, and a school's journey."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient

from api.domain.academic_year import AcademicYear
from api.domain.access import Role
from tests.accounts import SignIn
from tests.builders import MakeHub, MakeProgramme, MakeSchool, TakePart
from tests.clock import TODAY

SOON = TODAY + timedelta(days=30)


@pytest.fixture
def offers(make_hub: MakeHub, make_programme: MakeProgramme) -> dict[str, int]:
    hub = make_hub(id="cheshire")
    return {
        stage: make_programme(
            hub=hub,
            stage=stage,
            phase="primary",
            status="open",
            closing_date=SOON,
            title=f"Primary {stage}",
        ).id
        for stage in ("development", "sustaining")
    }


def check(client: TestClient, programme_id: int, urn: str) -> dict[str, object]:
    response = client.post(f"/api/v1/programmes/{programme_id}/eligibility", json={"urn": urn})
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def test_a_school_that_did_development_is_told_once_only_and_may_sustain(
    client: TestClient,
    offers: dict[str, int],
    make_school: MakeSchool,
    take_part: TakePart,
) -> None:
    school = make_school(urn="100001", name="St Bede’s Catholic Primary School")
    take_part(school, "primary_development", "2019-20")

    development = check(client, offers["development"], "100001")
    assert development["eligible"] is False
    assert development["may_apply"] is False
    failed = [r for r in development["rules"] if r["outcome"] == "failed"]  # type: ignore[attr-defined]
    assert [r["code"] for r in failed] == ["already_took_part"]
    assert "only once" in failed[0]["reason"]
    assert "2019/20" in failed[0]["reason"]
    assert "St Bede’s" in str(development["summary"])

    sustaining = check(client, offers["sustaining"], "100001")
    assert sustaining["may_apply"] is True
    assert all(r["outcome"] != "failed" for r in sustaining["rules"])  # type: ignore[attr-defined]


def test_an_independent_school_is_told_the_programme_is_for_state_funded_schools(
    client: TestClient, offers: dict[str, int], make_school: MakeSchool
) -> None:
    make_school(
        urn="100003",
        type_group="Independent schools",
        type_of_establishment="Other independent school",
        head_first_name="Clare",
        head_last_name="Private",
    )
    decision = check(client, offers["development"], "100003")
    state = next(r for r in decision["rules"] if r["kind"] == "state_funded_school_in_england")  # type: ignore[attr-defined]
    assert state["outcome"] == "failed"
    assert "state-funded schools in England" in state["reason"]
    assert "Private" not in str(decision)  # the check by URN shows no personal data


def test_unknown_and_malformed_urns_get_clear_problems(
    client: TestClient, offers: dict[str, int]
) -> None:
    url = f"/api/v1/programmes/{offers['development']}/eligibility"
    unknown = client.post(url, json={"urn": "999999"})
    assert unknown.status_code == 404
    assert "no school with URN 999999" in unknown.json()["detail"]
    malformed = client.post(url, json={"urn": "12345"})
    assert malformed.status_code == 422
    assert malformed.json()["errors"][0]["pointer"] == "/urn"
    both = client.post(url, json={})
    assert both.status_code == 422


def test_a_closed_window_fails_with_the_closing_date(
    client: TestClient, make_programme: MakeProgramme, make_school: MakeSchool
) -> None:
    make_school(urn="100002")
    late = make_programme(status="open", closing_date=date(2018, 5, 18), academic_year="2018-19")
    decision = check(client, late.id, "100002")
    window = next(r for r in decision["rules"] if r["kind"] == "application_window")  # type: ignore[attr-defined]
    assert window["outcome"] == "failed"
    assert "Friday 18 May 2018" in window["reason"]


def test_a_person_check_needs_sign_in_and_reads_their_history(
    client: TestClient,
    sign_in: SignIn,
    make_hub: MakeHub,
    make_school: MakeSchool,
    make_programme: MakeProgramme,
) -> None:
    hub = make_hub(id="north")
    make_school(urn="100004")
    ect = make_programme(
        hub=hub,
        stage="specialist_knowledge",
        audience="early_career_teachers",
        programme_type="sktm_primary_ect_phase_1",
        status="open",
        closing_date=SOON,
    )
    hub_admin = sign_in(role=Role.HUB_ADMIN, hub_id="north")
    # In her first year of teaching in the programme's year, whatever the day the test runs.
    first_year = AcademicYear.parse(ect.academic_year_id).start_year
    person = hub_admin.post(
        "/api/v1/people",
        json={
            "name": "Nia Newteacher",
            "email": "nia@school.example",
            "roles": ["early_career_teacher"],
            "began_teaching": first_year,
            "school_urn": "100004",
        },
    ).json()
    url = f"/api/v1/programmes/{ect.id}/eligibility"
    assert client.post(url, json={"person_id": person["id"]}).status_code == 401
    decision = hub_admin.post(url, json={"person_id": person["id"]}).json()
    assert decision["may_apply"] is True, decision
    role = next(r for r in decision["rules"] if r["kind"] == "role")
    assert role["outcome"] == "passed"


def test_the_journey_lists_years_and_what_the_school_may_apply_for(
    sign_in: SignIn,
    offers: dict[str, int],
    make_school: MakeSchool,
    take_part: TakePart,
) -> None:
    school = make_school(urn="100006")
    take_part(school, "primary_development", "2018-19")
    take_part(school, "primary_embedding", "2019-20")
    hub_admin = sign_in(role=Role.HUB_ADMIN, hub_id="cheshire")
    journey = hub_admin.get("/api/v1/schools/100006/journey").json()
    assert [y["academic_year_label"] for y in journey["years"]] == ["2018/19", "2019/20"]
    assert journey["years"][0]["participations"][0]["programme_label"] == "Primary Development"
    assert "primary_sustaining" in journey["next_steps"]
    assert "primary_development" not in journey["next_steps"]
    assert [p["programme_id"] for p in journey["open_programmes"]] == [offers["sustaining"]]
    assert journey["open_programmes"][0]["decision"]["may_apply"] is True


def test_a_school_contact_sees_only_their_own_journey(
    sign_in: SignIn, make_hub: MakeHub, make_school: MakeSchool
) -> None:
    make_hub(id="north")
    make_school(urn="100001")
    make_school(urn="100002")
    contact = sign_in(role=Role.SCHOOL_CONTACT, hub_id="north", school_urn="100001")
    assert contact.get("/api/v1/schools/100001/journey").status_code == 200
    assert contact.get("/api/v1/schools/100002/journey").status_code == 403
