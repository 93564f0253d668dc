"""A NUL character (U+0000) in any text input is a 422 pointing at it, never a 500: PostgreSQL's
text cannot hold one (psycopg refuses it). One rule for query and path parameters, form fields
and JSON bodies, checked before the endpoint runs, so nothing is written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.domain.access import Role
from api.persistence.models import Application, Person, School
from tests.accounts import SignIn
from tests.builders import MakeHub, MakeProgramme, MakeSchool
from tests.gias_files import gias_row, write_gias

NUL = "\x00"


def refused_at(response: Any, *fields: tuple[str, str]) -> None:
    """A validation problem naming exactly these (location, pointer) pairs, each for a NUL."""
    assert response.status_code == 422, response.text
    problem = response.json()
    assert response.headers["content-type"].startswith("application/problem+json")
    assert problem["type"] == "/problems/validation"
    assert [(e["location"], e["pointer"]) for e in problem["errors"]] == list(fields)
    assert all("NUL" in e["detail"] for e in problem["errors"])


def count(db: Session, model: type[Any]) -> int:
    return db.scalar(select(func.count()).select_from(model)) or 0


@pytest.mark.parametrize("path", ["/api/v1/programmes", "/api/v1/schools", "/api/v1/people"])
def test_a_query_parameter_with_a_nul_is_refused_even_before_sign_in(
    client: TestClient, path: str
) -> None:
    refused_at(client.get(path, params={"q": f"ab{NUL}cd"}), ("query", "/q"))


def test_a_query_parameter_of_a_signed_in_caller_is_refused_too(sign_in: SignIn) -> None:
    admin = sign_in(role=Role.NATIONAL_ADMIN)
    refused_at(
        admin.get("/api/v1/schools", params={"q": "Oak", "town": f"Le{NUL}eds"}),
        ("query", "/town"),
    )


def test_a_path_parameter_with_a_nul_is_refused_as_such(client: TestClient) -> None:
    refused_at(client.get("/api/v1/hubs/north%00hub"), ("path", "/hub_id"))


def test_a_persons_name_with_a_nul_writes_nothing(
    db: Session, sign_in: SignIn, make_hub: MakeHub
) -> None:
    make_hub(id="north")
    hub = sign_in(role=Role.HUB_ADMIN, hub_id="north")
    body = {"name": f"Tom{NUL}Teacher", "email": "tom@school.example", "roles": ["teacher"]}
    refused_at(hub.post("/api/v1/people", json=body), ("body", "/name"))
    assert count(db, Person) == 0

    created = hub.post("/api/v1/people", json={**body, "name": "Tom Teacher"})
    assert created.status_code == 201, created.text
    changed = hub.patch(
        f"/api/v1/people/{created.json()['id']}",
        json={"name": f"Tom{NUL}"},
        headers={"If-Match": created.headers["ETag"]},
    )
    refused_at(changed, ("body", "/name"))
    assert db.scalars(select(Person.name)).all() == ["Tom Teacher"]


def test_an_application_with_nuls_in_its_statement_and_a_nested_name_writes_nothing(
    db: Session,
    sign_in: SignIn,
    make_hub: MakeHub,
    make_school: MakeSchool,
    make_programme: MakeProgramme,
) -> None:
    programme = make_programme(hub=make_hub(id="north"), status="open")
    make_school(urn="100005")
    school = sign_in(role=Role.SCHOOL_CONTACT, hub_id="north", school_urn="100005")
    body = {
        "programme_id": programme.id,
        "statement": f"We want{NUL} to develop mastery.",
        "participants": [
            {"name": "Tia One", "email": "t1@school.example"},
            {"name": f"Tom{NUL}Two", "email": "t2@school.example"},
        ],
    }
    refused_at(
        school.post("/api/v1/applications", json=body),
        ("body", "/statement"),
        ("body", "/participants/1/name"),
    )
    assert count(db, Application) == 0


def test_a_nul_in_a_member_name_is_pointed_at_escaped(client: TestClient) -> None:
    body = {"email": "a@school.example", "password": "x", "a/b~c": {f"d{NUL}": "e"}}
    refused_at(client.post("/api/v1/auth/sign-in", json=body), ("body", f"/a~1b~0c/d{NUL}"))


def test_a_form_field_with_a_nul_is_refused_and_the_file_not_imported(
    db: Session, sign_in: SignIn, tmp_path: Path
) -> None:
    admin = sign_in(role=Role.NATIONAL_ADMIN)
    extract = write_gias(tmp_path / "gias.csv", [gias_row("100001")])
    response = admin.post(
        "/api/v1/schools/imports",
        files={"file": ("gias.csv", extract.read_bytes(), "text/csv")},
        data={"note": f"from{NUL}GIAS"},
    )
    refused_at(response, ("body", "/note"))
    assert count(db, School) == 0


def test_a_csv_upload_holding_a_nul_is_refused_whole_as_a_malformed_file(
    db: Session, sign_in: SignIn, tmp_path: Path
) -> None:
    admin = sign_in(role=Role.NATIONAL_ADMIN)
    extract = write_gias(
        tmp_path / "gias.csv", [gias_row("100001"), gias_row("100002", f"Ash{NUL}Grove")]
    )
    response = admin.post(
        "/api/v1/schools/imports", files={"file": ("gias.csv", extract.read_bytes(), "text/csv")}
    )
    assert response.status_code == 422, response.text
    assert response.json()["type"] == "/problems/malformed-file"
    assert "Line 3 holds a NUL byte" in response.json()["detail"]
    assert count(db, School) == 0


def test_text_without_a_nul_still_passes(client: TestClient) -> None:
    response = client.get("/api/v1/programmes", params={"q": "Mastery – Sustaining ✓"})
    assert response.status_code == 200, response.text
