"""schemathesis drives every operation with generated requests, as every kind of caller the
operation lets in (anonymous, each role, each API key scope, a national key): no 5xx, no
off-schema response, and the caller's credentials honoured. Who is refused what is the
authorization matrix's part (test_authorization_matrix.py), so refused callers are not fuzzed.

Sized to stay within a few minutes on two cores, and derandomized: the same requests every run,
so that a failure is found again by running the test again.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance
from schemathesis.config import OperationConfig, OperationsConfig
from schemathesis.filters import FilterSet

from api.domain.access import Role, Scope
from tests.accounts import Caller, ClientFor, every_caller
from tests.builders import MakeHub, MakeSchool
from tests.databases import database_kind

schema = schemathesis.pytest.from_fixture("fuzz_schema")

OWN_HUB = "north"
URN = "100001"
CALLERS = every_caller(OWN_HUB)
ANONYMOUS = Caller("anonymous")
# Anonymous callers and the national administrator, let into every operation between them, get
# every boundary case of every parameter (schemathesis's coverage phase: hundreds of requests
# for some operations) and more generated requests. The other callers differ from them in who
# they are and which hub they act for, not in what inputs reach the code: they get fewer.
DEEPEST = [ANONYMOUS, *(c for c in CALLERS if c.role is Role.NATIONAL_ADMIN)]
# On PostgreSQL, the production database, every kind of person and a national key; the SQLite
# pass fuzzes the deepest two, whose inputs reach every operation, so that what differs by
# database is still covered there. Keys of one scope each reach a subset of the national key's
# operations with the same inputs; which of them they are let into is the authorization
# matrix's to check (tests/api/test_authorization_matrix.py), for every scope.
FUZZED = (
    [c for c in CALLERS if c.scope is None or c.scope is Scope.ADMIN]
    if database_kind() == "postgresql"
    else DEEPEST
)
DEEPEST_EXAMPLES = 10
EXAMPLES = 5
# Every check but "valid input is accepted": a schema cannot say that a cursor must be one
# the API gave out, or that a hub must exist; those 422s are right, and tested elsewhere.
EXCLUDED = [positive_data_acceptance]
# Operations that end the caller's sessions: each runs with a session of its own.
SIGN_OUT = ("/api/v1/auth/sign-out", "/api/v1/accounts/me/sign-out-everywhere")


@pytest.fixture(params=FUZZED, ids=[caller.name for caller in FUZZED])
def caller(request: pytest.FixtureRequest) -> Caller:
    return request.param  # type: ignore[no-any-return]


@pytest.fixture
def fuzz_schema(app: FastAPI, caller: Caller) -> schemathesis.BaseSchema:
    """The app's own document, with the operations `caller` is refused turned off. (Turned off
    in the schema's configuration: schemathesis replaces a fixture's filters with the test's,
    and a document without them would make their methods look undeclared.)"""
    refused = [
        operation["operationId"]
        for operations in app.openapi()["paths"].values()
        for operation in operations.values()
        if not caller.allowed(operation["x-access"])
    ]
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
    if refused:
        turned_off = FilterSet()
        turned_off.include(operation_id=refused)
        schema.config.operations = OperationsConfig(
            operations=[OperationConfig(filter_set=turned_off, enabled=False)]
        )
    if caller in DEEPEST:
        schema.config.generation.update(max_examples=DEEPEST_EXAMPLES)
    else:
        schema.config.phases.coverage.enabled = False
        schema.config.generation.update(max_examples=EXAMPLES)
    return schema


@pytest.fixture
def calling_as(
    caller: Caller, client_for: ClientFor, make_hub: MakeHub, make_school: MakeSchool
) -> TestClient:
    """The caller's client: its hub and a school contact's school exist, as in the service."""
    make_hub(id=OWN_HUB)
    make_school(urn=URN)
    return client_for(caller, school_urn=URN)


def credentials(client: TestClient) -> tuple[dict[str, str], dict[str, str]]:
    """The headers and cookies that make a request the client's: a key, or a session + CSRF."""
    if "Authorization" in client.headers:
        return {"Authorization": client.headers["Authorization"]}, {}
    if "mh_session" in client.cookies:
        return {"X-CSRF-Token": client.headers["X-CSRF-Token"]}, {
            "mh_session": client.cookies["mh_session"]
        }
    return {}, {}


@schema.parametrize()
@settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_caller_let_in_gets_no_server_error(
    case: schemathesis.Case, caller: Caller, calling_as: TestClient, client_for: ClientFor
) -> None:
    # The operations run as subtests of one test, sharing `calling_as`: signing out ends a
    # session of its own, so that the others stay signed in.
    client = calling_as
    if case.operation.path in SIGN_OUT and caller.role is not None:
        client = client_for(caller, school_urn=URN)
    headers, cookies = credentials(client)
    case.cookies = {**(case.cookies or {}), **cookies}
    response = case.call_and_validate(headers=headers, excluded_checks=EXCLUDED)
    if response.status_code in (401, 403) and caller != ANONYMOUS:
        # The credentials were honoured: the fuzzer reached past the sign-in check, and one who
        # acts for every hub past the access check too (a hub's caller may meet another hub's
        # resource, refused with 403 by design).
        problem: dict[str, Any] = response.json()
        refusals = {"/problems/sign-in-required"}
        if caller.hub_id is None:
            refusals.add("/problems/forbidden")
        assert problem["type"] not in refusals, response.text
