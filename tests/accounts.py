"""Signed-in test clients: a person of each role, or another system's API key."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import pyotp
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.domain.access import Role, Scope
from api.domain.accounts import requires_two_factor
from api.persistence.models import UserAccount
from api.services import api_keys
from api.services.auth import create_user
from tests.clock import TEST_NOW

PASSWORD = "correct horse battery staple"
# Administrators must sign in with a code too: the test ones have this authenticator secret
# (each a new account, each signed in once, so no code is ever used twice).
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
_DEFAULT = object()


def code_at(app: FastAPI, secret: str = TOTP_SECRET) -> str:
    """The authenticator's code at the app's clock."""
    return pyotp.TOTP(secret).at(app.state.clock.now())


BASE_URL = "https://testserver"  # Secure cookies travel over HTTPS only

MakeUser = Callable[..., UserAccount]
SignIn = Callable[..., TestClient]
KeyClient = Callable[..., TestClient]


@dataclass(frozen=True)
class Caller:
    """A kind of caller: nobody, a person of one role, or another system's key of one scope.
    `hub_id` None is national: the national administrator, or a key for every hub."""

    name: str
    role: Role | None = None
    scope: Scope | None = None
    hub_id: str | None = None

    def allowed(self, rule: Mapping[str, Any]) -> bool:
        """Whether an operation's declared access rule (its `x-access`) lets this caller in."""
        if rule["public"]:
            return True
        if self.role is not None:
            return self.role.value in rule["roles"]
        if self.scope is not None:  # a hub's key never acts for the whole country
            return self.scope.value in rule["scopes"] and not (
                rule["national_only"] and self.hub_id is not None
            )
        return False


def every_caller(hub_id: str) -> list[Caller]:
    """Anonymous, each role and each key scope (of `hub_id`), and a national key."""
    return [
        Caller("anonymous"),
        *(
            Caller(
                f"user {role.value}",
                role=role,
                hub_id=None if role is Role.NATIONAL_ADMIN else hub_id,
            )
            for role in Role
        ),
        *(Caller(f"key {scope.value}", scope=scope, hub_id=hub_id) for scope in Scope),
        Caller("national admin key", scope=Scope.ADMIN),
    ]


ClientFor = Callable[..., TestClient]


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
        totp_secret: object = _DEFAULT,
    ) -> UserAccount:
        """An administrator has two-factor sign-in on (TOTP_SECRET) unless `totp_secret` says
        otherwise (None: one who has yet to set it up)."""
        n = next(counter)
        if totp_secret is _DEFAULT:
            totp_secret = TOTP_SECRET if requires_two_factor(role) else None
        assert totp_secret is None or isinstance(totp_secret, str)
        return create_user(
            db,
            email=email or f"person{n}@school.example",
            name=name or f"Test Person {n}",
            password=PASSWORD,
            role=role,
            hub_id=hub_id,
            school_urn=school_urn,
            totp_secret=totp_secret,
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
        credentials = {"email": user.email, "password": PASSWORD}
        if user.totp_secret is not None:
            credentials["code"] = code_at(app, user.totp_secret)
        response = client.post("/api/v1/auth/sign-in", json=credentials)
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


@pytest.fixture
def client_for(client: TestClient, sign_in: SignIn, key_client: KeyClient) -> ClientFor:
    """A client calling as `caller`; a school contact works at `school_urn` (which must exist)."""

    def build(caller: Caller, *, school_urn: str | None = None) -> TestClient:
        if caller.role is not None:
            urn = school_urn if caller.role is Role.SCHOOL_CONTACT else None
            return sign_in(role=caller.role, hub_id=caller.hub_id, school_urn=urn)
        if caller.scope is not None:
            return key_client(caller.scope, hub_id=caller.hub_id)
        return client

    return build
