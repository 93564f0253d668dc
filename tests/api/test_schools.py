"""The school register: search, one school, hubs' areas."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.domain.access import Role, Scope
from tests.accounts import KeyClient, SignIn
from tests.builders import MakeHub, MakeSchool


def urns(client: TestClient, **params: object) -> list[str]:
    response = client.get("/api/v1/schools", params=params)
    assert response.status_code == 200, response.text
    return [s["urn"] for s in response.json()["items"]]


def test_search_by_each_field(
    admin: TestClient, make_school: MakeSchool, make_hub: MakeHub
) -> None:
    make_hub(id="north")
    bede = make_school(
        urn="100001",
        name="St Bede’s Catholic Primary School",
        town="Chester",
        postcode="CH1 1AA",
        la_code="896",
        la_name="Cheshire West and Chester",
    )
    make_school(
        urn="100002",
        name="Carmel Academy",
        phase="Secondary",
        type_group="Academies",
        type_of_establishment="Academy converter",
        town="Darlington",
        postcode="DL3 9EE",
        la_code="841",
        la_name="Darlington",
    )
    make_school(
        urn="100003",
        name="Hilltop Preparatory",
        type_group="Independent schools",
        type_of_establishment="Other independent school",
        status="Open",
        town="Chester",
    )
    make_school(urn="100004", name="Old Mill Primary", status="Closed", town="Leeds")
    admin.put("/api/v1/hubs/north/local-authorities", json={"codes": ["896"]})

    assert urns(admin, q="bede’s") == [bede.urn]
    assert urns(admin, q="100002") == ["100002"]
    assert urns(admin, q="ch11aa") == ["100001"]
    assert urns(admin, town="chester") == ["100003", "100001"]
    assert urns(admin, local_authority="Darlington") == ["100002"]
    assert urns(admin, local_authority="896") == ["100001"]
    assert urns(admin, phase="secondary") == ["100002"]
    assert set(urns(admin, state_funded=False)) == {"100003", "100004"}
    assert urns(admin, status="Closed") == ["100004"]
    assert urns(admin, hub="north") == ["100001"]
    one = admin.get("/api/v1/schools/100001").json()
    assert one["hub_id"] == "north"
    assert one["local_authority"] == {"code": "896", "name": "Cheshire West and Chester"}
    assert one["name"] == "St Bede’s Catholic Primary School"


def test_pages_walk_the_register_by_name(admin: TestClient, make_school: MakeSchool) -> None:
    for n, name in enumerate(["Beech", "Ash", "Cedar", "Ash", "Birch"]):
        make_school(urn=f"20000{n}", name=name)
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, object] = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = admin.get("/api/v1/schools", params=params).json()
        seen += [s["name"] for s in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == ["Ash", "Ash", "Beech", "Birch", "Cedar"]


def test_a_search_ranks_exact_then_starting_then_other_matches_page_by_page(
    admin: TestClient, make_school: MakeSchool
) -> None:
    for urn, name, town, postcode in [
        ("300001", "Broad Oak Primary", "Leeds", "LS1 1AA"),
        ("300002", "Oakfield Academy", "Hull", "HU1 1AA"),
        ("300003", "Oak", "York", "YO1 1AA"),
        ("300004", "Ashgrove School", "Oakham", "LE15 6AA"),
        ("300005", "Cloaked Friars' School", "Bath", "BA1 1AA"),
        ("300006", "Beech Primary", "Leeds", "OA1 2BB"),  # no match: "oak" is not a postcode
        ("300007", "Elm Primary", "Leeds", "LS2 2BB"),
    ]:
        make_school(urn=urn, name=name, town=town, postcode=postcode)

    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, object] = {
            "q": "oak",
            "limit": 2,
            **({"cursor": cursor} if cursor else {}),
        }
        page = admin.get("/api/v1/schools", params=params).json()
        seen += [s["name"] for s in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    # The exact name; then names, towns and postcodes that start so; then any other match.
    assert seen == [
        "Oak",
        "Ashgrove School",
        "Oakfield Academy",
        "Broad Oak Primary",
        "Cloaked Friars' School",
    ]
    assert urns(admin, q="LS1 1AA") == ["300001"]
    assert urns(admin, q="ls") == ["300001", "300007"]  # postcodes that start so
    assert urns(admin, q="100%") == []  # LIKE's wildcards are matched as themselves
    wrong = admin.get("/api/v1/schools", params={"q": "oak", "cursor": page_cursor(admin)})
    assert wrong.status_code == 422
    assert wrong.json()["errors"][0]["pointer"] == "/cursor"


def page_cursor(client: TestClient) -> str:
    """A cursor of the unsearched register, which a search does not take."""
    cursor = client.get("/api/v1/schools", params={"limit": 1}).json()["next_cursor"]
    assert isinstance(cursor, str)
    return cursor


def test_urn_must_be_six_digits_and_known(admin: TestClient) -> None:
    bad = admin.get("/api/v1/schools/12345")
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["location"] == "path"
    unknown = admin.get("/api/v1/schools/999999")
    assert unknown.status_code == 404
    assert "999999" in unknown.json()["detail"]


def test_the_register_needs_sign_in_or_a_key(
    client: TestClient, key_client: KeyClient, make_school: MakeSchool
) -> None:
    make_school(urn="100001")
    assert client.get("/api/v1/schools").status_code == 401
    assert key_client(Scope.SCHOOLS_READ).get("/api/v1/schools/100001").status_code == 200
    assert key_client(Scope.TIMETABLE_READ).get("/api/v1/schools").status_code == 403


def test_a_hub_edits_its_own_area_only(
    client: TestClient, sign_in: SignIn, make_hub: MakeHub, make_school: MakeSchool
) -> None:
    make_hub(id="north")
    make_hub(id="south")
    make_school(la_code="383", la_name="Leeds")
    make_school(la_code="384", la_name="Wakefield")
    north = sign_in(role=Role.HUB_ADMIN, hub_id="north")
    south = sign_in(role=Role.HUB_ADMIN, hub_id="south")

    done = north.put("/api/v1/hubs/north/local-authorities", json={"codes": ["383", "384"]})
    assert done.status_code == 200, done.text
    assert [la["name"] for la in done.json()["local_authorities"]] == ["Leeds", "Wakefield"]
    assert client.get("/api/v1/hubs/north/local-authorities").json() == done.json()

    assert south.put("/api/v1/hubs/north/local-authorities", json={"codes": []}).status_code == 403
    taken = south.put("/api/v1/hubs/south/local-authorities", json={"codes": ["383"]})
    assert taken.status_code == 422
    assert "covered by north" in taken.json()["errors"][0]["detail"]
    unknown = north.put("/api/v1/hubs/north/local-authorities", json={"codes": ["999"]})
    assert unknown.json()["errors"] == [
        {"location": "body", "pointer": "/codes/0", "detail": "There is no local authority 999"}
    ]


def test_register_reads_answer_304_until_the_register_changes(
    sign_in: SignIn, make_hub: MakeHub, make_school: MakeSchool
) -> None:
    """Pages and schools are kept by data version: If-None-Match answers 304 while nothing has
    changed, and a change (here a hub taking on the school's area) is served at once."""
    make_hub(id="north")
    make_school(urn="100001", la_code="383", la_name="Leeds")
    admin = sign_in(role=Role.NATIONAL_ADMIN)
    north = sign_in(role=Role.HUB_ADMIN, hub_id="north")
    reads = ("/api/v1/schools", "/api/v1/schools?q=Test", "/api/v1/schools/100001")
    first = {path: admin.get(path) for path in reads}
    for path, response in first.items():
        assert response.status_code == 200, response.text
        tag = response.headers["ETag"]
        again = admin.get(path, headers={"If-None-Match": tag})
        assert (again.status_code, again.headers["ETag"], again.content) == (304, tag, b"")
        assert admin.get(path).json() == response.json()
    assert first["/api/v1/schools/100001"].json()["hub_id"] is None

    moved = north.put("/api/v1/hubs/north/local-authorities", json={"codes": ["383"]})
    assert moved.status_code == 200, moved.text

    for path, response in first.items():
        fresh = admin.get(path, headers={"If-None-Match": response.headers["ETag"]})
        assert fresh.status_code == 200, path
        assert fresh.headers["ETag"] != response.headers["ETag"]
    assert admin.get("/api/v1/schools/100001").json()["hub_id"] == "north"
    assert [s["hub_id"] for s in admin.get("/api/v1/schools").json()["items"]] == ["north"]
