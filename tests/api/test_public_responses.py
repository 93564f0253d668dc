"""Public responses carry no personal data: only the contacts a hub publishes for enquiries."""

from __future__ import annotations

import re
from typing import Any

import yaml
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.domain.access import Role
from api.services.demo import load_demo
from api.settings import PROJECT_ROOT
from tests.accounts import MakeUser
from tests.builders import MakeHub, MakeProgramme

CONTRACT = yaml.safe_load((PROJECT_ROOT / "openapi.yaml").read_text(encoding="utf-8"))
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def public_reads() -> list[str]:
    return [
        path
        for path, operations in CONTRACT["paths"].items()
        for method, operation in operations.items()
        if method == "get" and operation["x-access"]["public"]
    ]


def test_public_responses_show_no_personal_data(
    client: TestClient,
    db: Session,
    make_user: MakeUser,
    make_hub: MakeHub,
    make_programme: MakeProgramme,
) -> None:
    load_demo(db, today=__import__("datetime").date(2026, 11, 25))
    hub = make_hub(id="north", contact_email="enquiries@north-hub.example")
    programme = make_programme(hub=hub, contact_email="programmes@north-hub.example")
    people = [
        make_user(
            role=Role.SCHOOL_CONTACT, hub_id="north", name="Priya Applicant", school_urn="100001"
        ),
        make_user(role=Role.MASTERY_SPECIALIST, hub_id="north", name="Sam Specialist"),
        make_user(role=Role.HUB_ADMIN, hub_id="north", name="Hana Hubstaff"),
    ]
    published = {
        email.lower()
        for item in client.get("/api/v1/hubs", params={"limit": 200}).json()["items"]
        for email in [item["contact_email"]]
        if email
    }
    pages: dict[str, Any] = {}
    for path in public_reads():
        # A signature link's token is its credential: without one the page is a 404.
        url = path.format(
            programme_id=programme.id,
            hub_id=hub.id,
            token="t" * 43,
            programme_type="primary_development",
        )
        response = client.get(url)
        assert response.status_code == (404 if "{token}" in path else 200), url
        pages[url] = response.text
        if path == "/api/v1/programmes":
            published |= {
                p["contact_email"].lower() for p in response.json()["items"] if p["contact_email"]
            }
    published.add("programmes@north-hub.example")

    for url, text in pages.items():
        for person in people:
            assert person.email not in text, f"{url} shows {person.email}"
            assert person.name not in text, f"{url} shows {person.name}"
        shown = {email.lower() for email in EMAIL.findall(text)}
        assert shown <= published, f"{url} shows unpublished addresses {shown - published}"
    assert any("programmes@north-hub.example" in text for text in pages.values())
