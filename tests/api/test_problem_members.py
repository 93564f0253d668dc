"""The extension members of problem bodies (rule, limit, failed_rules) are in the OpenAPI
document, so the SPA reads them through its generated types."""

from __future__ import annotations

from fastapi import FastAPI

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
