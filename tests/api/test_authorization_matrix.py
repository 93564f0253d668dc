"""Every operation of openapi.yaml, called as every kind of caller, allows or denies as its
declared `x-access` rule says. An operation without a rule fails here, so none can slip in."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient

from api.domain.access import Role, Scope
from api.settings import PROJECT_ROOT
from tests.accounts import KeyClient, SignIn
from tests.api.test_programmes import new_programme
from tests.builders import MakeHub, MakeProgramme

CONTRACT = yaml.safe_load((PROJECT_ROOT / "openapi.yaml").read_text(encoding="utf-8"))
OPERATIONS = [
    (method.upper(), path, operation)
    for path, operations in CONTRACT["paths"].items()
    for method, operation in operations.items()
]
DENIALS = {"/problems/sign-in-required", "/problems/forbidden"}
OWN_HUB = "north"
OTHER_HUB = "south"


def denied(response: Any) -> bool:
    if response.status_code not in (401, 403):
        return False
    return response.json().get("type") in DENIALS


def body_for(operation_id: str) -> dict[str, Any] | None:
    """A request body that passes validation, so that only access decides the outcome."""
    bodies: dict[str, Callable[[], dict[str, Any]]] = {
        "programmes-create_programme": lambda: new_programme(OWN_HUB),
        "programmes-update_programme": lambda: {"summary": "Changed by the matrix"},
        "api-keys-create_api_key": lambda: {"name": "matrix", "scopes": ["timetable:read"]},
        "auth-sign_in": lambda: {"email": "nobody@school.example", "password": "wrong"},
    }
    make = bodies.get(operation_id)
    return make() if make else None


@pytest.mark.parametrize(
    ("method", "path", "operation"),
    OPERATIONS,
    ids=[f"{method} {path}" for method, path, _ in OPERATIONS],
)
def test_operation_allows_and_denies_as_declared(
    method: str,
    path: str,
    operation: dict[str, Any],
    client: TestClient,
    sign_in: SignIn,
    key_client: KeyClient,
    make_hub: MakeHub,
    make_programme: MakeProgramme,
) -> None:
    rule = operation.get("x-access")
    assert rule is not None, f"{method} {path} declares no access rule (x-access)"

    own = make_hub(id=OWN_HUB)
    make_hub(id=OTHER_HUB)
    programme = make_programme(hub=own, status="open")
    own_admin = sign_in(role=Role.HUB_ADMIN, hub_id=OWN_HUB)
    key_id = own_admin.post(
        "/api/v1/api-keys", json={"name": "target", "scopes": ["timetable:read"]}
    ).json()["id"]
    url = path.format(programme_id=programme.id, hub_id=OWN_HUB, key_id=key_id)

    callers: list[tuple[str, TestClient, bool]] = [("anonymous", client, rule["public"])]
    for role in Role:
        hub = None if role is Role.NATIONAL_ADMIN else OWN_HUB
        allowed = rule["public"] or role.value in rule["roles"]
        callers.append((f"user {role.value}", sign_in(role=role, hub_id=hub), allowed))
    for scope in Scope:
        allowed = rule["public"] or scope.value in rule["scopes"]
        callers.append((f"key {scope.value}", key_client(scope, hub_id=OWN_HUB), allowed))
    other_allowed = rule["public"] or (
        Role.HUB_ADMIN.value in rule["roles"] and not rule["own_hub_only"]
    )
    callers.append(
        ("admin of another hub", sign_in(role=Role.HUB_ADMIN, hub_id=OTHER_HUB), other_allowed)
    )

    for name, caller, allowed in callers:
        headers = {}
        if method == "PATCH":
            headers["If-Match"] = own_admin.get(url).headers.get("ETag", '"0.0"')
        response = caller.request(
            method, url, json=body_for(operation["operationId"]), headers=headers
        )
        if allowed:
            assert not denied(response), f"{name} was refused {method} {path}: {response.text}"
        elif name == "admin of another hub" and rule["own_hub_only"]:
            # Another hub's resource is refused outright, or hidden as if absent.
            assert response.status_code in (403, 404), f"{name} {method} {path}: {response.text}"
        else:
            assert denied(response), f"{name} was allowed {method} {path}: {response.status_code}"
            expected = 401 if name == "anonymous" else 403
            assert response.status_code == expected, f"{name} {method} {path}"
