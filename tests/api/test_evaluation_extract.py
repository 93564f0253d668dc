"""The evaluation extract: pseudonymous ids stable within one extract and new in the next, no
names or emails, statements only with their people redacted, counts under five suppressed."""

from __future__ import annotations

from api.domain.access import Role
from tests.accounts import SignIn
from tests.api.privacy_setup import EMAIL, NAME, Seeded
from tests.builders import MakeHub


def test_the_extract_names_nobody_and_suppresses_small_counts(seeded: Seeded) -> None:
    first = seeded.staff.get("/api/v1/reports/evaluation-extract?academic_year=2027-28")
    assert first.status_code == 200, first.text
    body = first.json()
    text = first.text.lower()
    assert NAME.lower() not in text
    assert EMAIL not in text
    assert "lena lead" not in text
    people = [p["person"] for p in body["participants"]]
    assert len(people) == 1
    assert people[0] != str(seeded.person_id)
    assert body["participants"][0]["sessions_attended"] == 1
    # One application, one participant: both under five, so suppressed.
    assert body["counts"] == [
        {
            "programme_type": "primary_development",
            "schools": None,
            "participants": None,
            "applications": None,
        }
    ]
    [statement] = body["statements"]
    assert statement["statement"].startswith("[redacted] leads maths here")
    second = seeded.staff.get("/api/v1/reports/evaluation-extract?academic_year=2027-28").json()
    assert second["extract_id"] != body["extract_id"]
    assert second["participants"][0]["person"] != people[0]


def test_a_hub_sees_only_its_own_extract(
    sign_in: SignIn, make_hub: MakeHub, seeded: Seeded
) -> None:
    make_hub(id="south")
    other = sign_in(role=Role.HUB_ADMIN, hub_id="south")
    mine = other.get("/api/v1/reports/evaluation-extract?academic_year=2027-28")
    assert mine.status_code == 200
    assert mine.json()["participants"] == []
    refused = other.get("/api/v1/reports/evaluation-extract?academic_year=2027-28&hub=north")
    assert refused.status_code == 403
    unknown = other.get("/api/v1/reports/evaluation-extract?academic_year=1999-00")
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["pointer"] == "/academic_year"
