"""Signing in and out, the session cookie, CSRF, API keys (throttling: test_sign_in_throttle)."""

from __future__ import annotations

from datetime import timedelta

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from api.clock import FixedClock
from api.domain.access import Role, Scope
from api.persistence.models import ApiKey
from api.services.auth import SESSION_LIFETIME
from tests.accounts import BASE_URL, PASSWORD, KeyClient, MakeUser, SignIn, code_at
from tests.builders import MakeHub


def test_sign_in_sets_a_hardened_cookie_and_me_answers(
    app: FastAPI, client: TestClient, make_user: MakeUser, make_hub: MakeHub
) -> None:
    make_hub(id="north")
    user = make_user(role=Role.HUB_ADMIN, hub_id="north", name="Ada Lovelace")
    response = client.post(
        "/api/v1/auth/sign-in",
        json={"email": user.email.upper(), "password": PASSWORD, "code": code_at(app)},
    )
    assert response.status_code == 200
    cookie = response.headers["set-cookie"]
    for attribute in ("mh_session=", "HttpOnly", "Secure", "SameSite=strict", "Path=/"):
        assert attribute.lower() in cookie.lower()
    me = client.get("/api/v1/auth/me").json()
    assert (me["name"], me["role"], me["hub_id"]) == ("Ada Lovelace", "hub_admin", "north")
    assert me["csrf_token"] == response.json()["csrf_token"]


def test_wrong_password_and_unknown_email_get_the_same_answer(
    client: TestClient, make_user: MakeUser
) -> None:
    user = make_user(role=Role.NATIONAL_ADMIN)
    wrong = client.post("/api/v1/auth/sign-in", json={"email": user.email, "password": "nope"})
    unknown = client.post(
        "/api/v1/auth/sign-in", json={"email": "nobody@school.example", "password": "nope"}
    )
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json()["detail"] == unknown.json()["detail"]
    assert "mh_session" not in wrong.headers.get("set-cookie", "")


def test_unsafe_requests_need_the_csrf_token(
    sign_in: SignIn, make_hub: MakeHub, app: FastAPI
) -> None:
    make_hub(id="north")
    signed = sign_in(role=Role.HUB_ADMIN, hub_id="north")
    body = {"name": "sync", "scopes": ["timetable:read"]}
    without = TestClient(app, base_url=BASE_URL, cookies=signed.cookies)
    refused = without.post("/api/v1/api-keys", json=body)
    assert refused.status_code == 403
    assert "X-CSRF-Token" in refused.json()["detail"]
    assert signed.post("/api/v1/api-keys", json=body).status_code == 201


def test_sign_out_ends_the_session(sign_in: SignIn) -> None:
    signed = sign_in(role=Role.NATIONAL_ADMIN)
    assert signed.post("/api/v1/auth/sign-out").status_code == 204
    assert signed.get("/api/v1/auth/me").status_code == 401


def test_an_expired_session_is_signed_out(sign_in: SignIn, clock: FixedClock) -> None:
    signed = sign_in(role=Role.NATIONAL_ADMIN)
    clock.advance(SESSION_LIFETIME - timedelta(seconds=1))
    assert signed.get("/api/v1/auth/me").status_code == 200
    clock.advance(timedelta(seconds=1))
    assert signed.get("/api/v1/auth/me").status_code == 401


def test_api_key_is_issued_once_stored_hashed_and_revocable(
    sign_in: SignIn, make_hub: MakeHub, app: FastAPI, db: Session
) -> None:
    make_hub(id="north")
    hub_admin = sign_in(role=Role.HUB_ADMIN, hub_id="north")
    issued = hub_admin.post(
        "/api/v1/api-keys", json={"name": "timetable sync", "scopes": ["timetable:read"]}
    ).json()
    secret = issued["secret"]
    assert issued["hub_id"] == "north"
    stored = db.get(ApiKey, issued["id"])
    assert stored is not None
    assert secret.split("_", 2)[2] not in stored.secret_hash
    assert "secret" not in hub_admin.get("/api/v1/api-keys").json()["items"][0]

    system = TestClient(app, base_url=BASE_URL, headers={"Authorization": f"Bearer {secret}"})
    me = system.get("/api/v1/auth/me").json()
    assert (me["kind"], me["hub_id"], me["scopes"]) == ("api_key", "north", ["timetable:read"])

    assert hub_admin.delete(f"/api/v1/api-keys/{issued['id']}").json()["revoked_at"]
    revoked = system.get("/api/v1/auth/me")
    assert revoked.status_code == 401
    assert "revoked" in revoked.json()["detail"]


def test_expired_and_unknown_keys_are_401(
    key_client: KeyClient, app: FastAPI, db: Session, make_hub: MakeHub, clock: FixedClock
) -> None:
    make_hub(id="north")
    system = key_client(Scope.ADMIN, hub_id="north")
    assert system.get("/api/v1/auth/me").status_code == 200
    db.execute(update(ApiKey).values(expires_at=clock.now() - timedelta(minutes=1)))
    assert "expired" in system.get("/api/v1/auth/me").json()["detail"]

    for header in ("Bearer mh_000000000000_nope", "Bearer nonsense", "Basic abc"):
        forged = TestClient(app, base_url=BASE_URL, headers={"Authorization": header})
        response = forged.get("/api/v1/programmes")
        assert response.status_code == 401, header
        assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_hub_admin_cannot_issue_keys_for_another_hub(sign_in: SignIn, make_hub: MakeHub) -> None:
    make_hub(id="north")
    make_hub(id="south")
    north_admin = sign_in(role=Role.HUB_ADMIN, hub_id="north")
    response = north_admin.post(
        "/api/v1/api-keys", json={"name": "x", "scopes": ["admin"], "hub_id": "south"}
    )
    assert response.status_code == 403


def test_security_headers_on_every_response(client: TestClient) -> None:
    for path in ("/api/v1/health", "/api/v1/programmes/999", "/api/v1/nothing"):
        headers = client.get(path).headers
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert "script-src 'self'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "strict-origin-when-cross-origin"


def test_cors_is_closed_by_default(client: TestClient) -> None:
    response = client.options(
        "/api/v1/programmes",
        headers={"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "GET"},
    )
    assert "access-control-allow-origin" not in response.headers


def test_a_key_on_a_public_read_is_checked_and_its_use_recorded(
    key_client: KeyClient, app: FastAPI, client: TestClient, db: Session, make_hub: MakeHub
) -> None:
    make_hub(id="north")
    system = key_client(Scope.TIMETABLE_READ, hub_id="north")
    key = db.scalars(select(ApiKey)).one()
    assert key.last_used_at is None
    assert system.get("/api/v1/timetable.ics").status_code == 200
    db.refresh(key)
    assert key.last_used_at is not None

    forged = TestClient(app, base_url=BASE_URL, headers={"Authorization": "Bearer mh_0_nope"})
    refused = forged.get("/api/v1/timetable")
    assert refused.status_code == 401
    assert refused.headers["content-type"] == "application/problem+json"
    assert client.get("/api/v1/timetable").status_code == 200  # anonymous, as ever
