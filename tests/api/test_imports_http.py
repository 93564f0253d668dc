"""The imports through HTTP: a multipart upload, the report, and who may send one."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from api.domain.access import Role
from tests.accounts import SignIn
from tests.builders import MakeHub
from tests.gias_files import gias_row, write_gias


def test_a_national_administrator_uploads_a_gias_extract(
    admin: TestClient, sign_in: SignIn, make_hub: MakeHub, tmp_path: Path
) -> None:
    extract = write_gias(
        tmp_path / "edubasealldata20261125.csv",
        [
            gias_row("100001", "St Bede’s Catholic Primary School"),
            gias_row("12345", "Too Short"),
            gias_row("100002", "Ash Grove", OpenDate="2012-09-01"),
        ],
    )
    with extract.open("rb") as file:
        response = admin.post(
            "/api/v1/schools/imports", files={"file": (extract.name, file, "text/csv")}
        )
    assert response.status_code == 200, response.text
    report = response.json()
    assert (report["created"], report["rejected"]) == (1, 2)
    assert [r["line"] for r in report["rejections"]] == [3, 4]
    assert admin.get("/api/v1/schools/100001").json()["name"] == "St Bede’s Catholic Primary School"

    make_hub(id="north")
    hub_admin = sign_in(role=Role.HUB_ADMIN, hub_id="north")
    with extract.open("rb") as file:
        refused = hub_admin.post("/api/v1/schools/imports", files={"file": ("x.csv", file)})
    assert refused.status_code == 403


def test_a_malformed_upload_is_refused_and_writes_nothing(admin: TestClient) -> None:
    response = admin.post(
        "/api/v1/schools/imports", files={"file": ("x.csv", b"URN,Name\r\n100001,X\r\n")}
    )
    assert response.status_code == 422
    assert response.json()["type"] == "/problems/malformed-file"
    assert "EstablishmentName" in response.json()["detail"]
    assert admin.get("/api/v1/schools").json()["items"] == []


def test_a_hub_uploads_its_participation_history(
    sign_in: SignIn, make_hub: MakeHub, admin: TestClient, tmp_path: Path
) -> None:
    make_hub(id="north")
    extract = write_gias(tmp_path / "gias.csv", [gias_row("100001")])
    with extract.open("rb") as file:
        admin.post("/api/v1/schools/imports", files={"file": ("gias.csv", file)})
    history = (
        b"urn,person_email,programme_type,academic_year,hub,outcome\r\n"
        b"100001,,primary_development,2019/20,north,completed\r\n"
        b"100001,,primary_embedding,2020/21,south,completed\r\n"
    )
    hub_admin = sign_in(role=Role.HUB_ADMIN, hub_id="north")
    response = hub_admin.post(
        "/api/v1/participations/imports", files={"file": ("history.csv", history, "text/csv")}
    )
    assert response.status_code == 200, response.text
    report = response.json()
    assert (report["created"], report["rejected"]) == (1, 1)
    assert report["rejections"][0]["line"] == 3
    journey = hub_admin.get("/api/v1/schools/100001/journey").json()
    assert [y["academic_year_label"] for y in journey["years"]] == ["2019/20"]
