"""The extension members of problem bodies (rule, limit, failed_rules, max_bytes) are in the OpenAPI
document, so the SPA reads them through its generated types."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.settings import Settings
from tests.api.work_group_setup import GroupSetUp, new_group
from tests.problems import assert_described


def test_a_full_group_names_its_rule_and_limit_as_the_document_describes(
    group_setup: GroupSetUp, app: FastAPI
) -> None:
    setup = group_setup(schools=8)
    url = f"/api/v1/work-groups/{new_group(setup)['id']}/schools"
    for urn in setup.schools[:7]:
        assert setup.staff.post(url, json={"urn": urn}).status_code == 200
    full = setup.staff.post(url, json={"urn": setup.schools[7]})
    assert full.status_code == 409
    assert (full.json()["rule"], full.json()["limit"]) == ("max_schools", 7)
    assert_described(full.json(), app)


def test_a_body_over_the_limit_says_the_limit_as_the_document_describes(
    client: TestClient, app: FastAPI, settings: Settings
) -> None:
    limit = settings.request_body_max_bytes
    too_large = client.post(
        "/api/v1/auth/sign-in",
        content=b" " * (limit + 1),
        headers={"Content-Type": "application/json"},
    )
    assert too_large.status_code == 413
    assert too_large.json()["max_bytes"] == limit
    assert_described(too_large.json(), app)
