"""Signed-in test clients: a person of each role, or another system's API key."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.domain.access import Role, Scope
from api.persistence.models import UserAccount
from api.services import api_keys
from api.services.auth import create_user
from tests.clock import TEST_NOW

PASSWORD = "correct horse battery staple"
BASE_URL = "https://testserver"  # Secure cookies travel over HTTPS only

MakeUser = Callable[..., UserAccount]
SignIn = Callable[..., TestClient]
KeyClient = Callable[..., TestClient]


@pytest.fixture
def make_user(db: Session) -> MakeUser:
    counter = iter(range(1, 10_000))

    def build(
        *,
        role: Role = Role.HUB_ADMIN,
        hub_id: str | None = None,
        email: str | None = None,
        name: str | None = None,
        school_urn: str | None = None,
    ) -> UserAccount:
        n = next(counter)
        return create_user(
            db,
            email=email or f"person{n}@school.example",
            name=name or f"Test Person {n}",
            password=PASSWORD,
            role=role,
            hub_id=hub_id,
            school_urn=school_urn,
        )

    return build


@pytest.fixture
def sign_in(app: FastAPI, make_user: MakeUser) -> Iterator[SignIn]:
    """A client signed in as a new user, sending the CSRF token as the SPA does."""
    clients: list[TestClient] = []

    def build(**user_fields: object) -> TestClient:
        user = make_user(**user_fields)
        client = TestClient(app, base_url=BASE_URL, raise_server_exceptions=False)
        clients.append(client)
        response = client.post(
            "/api/v1/auth/sign-in", json={"email": user.email, "password": PASSWORD}
        )
        assert response.status_code == 200, response.text
        client.headers["X-CSRF-Token"] = response.json()["csrf_token"]
        return client

    yield build
    for client in clients:
        client.close()


@pytest.fixture
def admin(sign_in: SignIn) -> TestClient:
    """A national administrator."""
    return sign_in(role=Role.NATIONAL_ADMIN)


@pytest.fixture
def key_client(app: FastAPI, db: Session) -> Iterator[KeyClient]:
    clients: list[TestClient] = []

    def build(*scopes: Scope, hub_id: str | None = None) -> TestClient:
        issued = api_keys.issue(
            db,
            None,
            hub_id=hub_id,
            name="test key",
            scopes=frozenset(scopes),
            expires_at=None,
            now=TEST_NOW,
        )
        client = TestClient(app, base_url=BASE_URL, raise_server_exceptions=False)
        client.headers["Authorization"] = f"Bearer {issued.secret}"
        clients.append(client)
        return client

    yield build
    for client in clients:
        client.close()
