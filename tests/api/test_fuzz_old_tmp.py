"""schemathesis drives every operation with generated requests, anonymously and as a national
administrator (so operations behind sign-in are fuzzed too): no 5xx, no off-schema response."""

from __future__ import annotations

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from api.domain.access import Role
from tests.accounts import SignIn

schema = schemathesis.pytest.from_fixture("fuzz_schema")

FUZZ = settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Every check but "valid input is accepted": a schema cannot say that a cursor must be one
# the API gave out, or that a hub must exist; those 422s are right, and tested elsewhere.
EXCLUDED = [positive_data_acceptance]
DENIALS = {"/problems/sign-in-required", "/problems/forbidden"}
SIGN_OUT = "/api/v1/auth/sign-out"


@pytest.fixture
def fuzz_schema(app: FastAPI) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)


@schema.parametrize()
@FUZZ
def test_anonymously(case: schemathesis.Case) -> None:
    case.call_and_validate(excluded_checks=EXCLUDED)


@schema.parametrize()
@FUZZ
def test_as_national_administrator(
    case: schemathesis.Case, admin: TestClient, sign_in: SignIn
) -> None:
    # The operations run as subtests of one test, sharing `admin`: sign-out ends a session of
    # its own, so that the others stay signed in.
    caller = sign_in(role=Role.NATIONAL_ADMIN) if case.operation.path == SIGN_OUT else admin
    case.cookies = {**(case.cookies or {}), "mh_session": caller.cookies["mh_session"]}
    headers = {"X-CSRF-Token": caller.headers["X-CSRF-Token"]}
    response = case.call_and_validate(headers=headers, excluded_checks=EXCLUDED)
    if response.status_code in (401, 403):
        # The credentials were honoured: the fuzzer reached past the sign-in check.
        assert response.json()["type"] not in DENIALS, response.text
