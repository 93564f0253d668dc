"""A row changed by a parallel request between this request's read and its write: the ORM's
version check fails at the commit, after the endpoint returned, and the answer is still a clear
problem (412 for an If-Match that lost the race, otherwise 409), with nothing saved."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlalchemy.orm import Session

from api.persistence.models import Programme
from api.routers.dependencies import DbSession
from api.schemas.problems import PROBLEM_MEDIA_TYPE
from tests.builders import MakeProgramme

RENAME = "/api/v1/test-only/programmes/{programme_id}/rename"


@pytest.fixture
def racing_client(own_app: FastAPI) -> Iterator[TestClient]:
    def rename_on_an_old_read(programme_id: int, session: DbSession) -> dict[str, str]:
        programme = session.get(Programme, programme_id)
        assert programme is not None
        # Another request commits a change of the programme after this one has read it.
        session.execute(
            update(Programme)
            .where(Programme.id == programme_id)
            .values(version=Programme.version + 1)
            .execution_options(synchronize_session=False)
        )
        programme.title = "Renamed on an old read"  # written when the unit of work commits
        return {"title": programme.title}

    own_app.add_api_route(RENAME, rename_on_an_old_read, methods=["POST"])
    with TestClient(own_app, raise_server_exceptions=False) as client:
        yield client


@pytest.mark.parametrize(
    ("headers", "status", "slug"),
    [({}, 409, "conflict"), ({"If-Match": '"1.1"'}, 412, "stale-etag")],
    ids=["without If-Match", "with If-Match"],
)
def test_a_change_that_meets_a_parallel_one_at_commit_is_a_clear_problem(
    racing_client: TestClient,
    db: Session,
    make_programme: MakeProgramme,
    headers: dict[str, str],
    status: int,
    slug: str,
) -> None:
    programme = make_programme(title="As first written")
    db.flush()

    response = racing_client.post(RENAME.format(programme_id=programme.id), headers=headers)

    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE
    problem = response.json()
    assert problem["type"] == f"/problems/{slug}"
    assert "changed by another request at the same moment" in problem["detail"]
    assert "nothing of yours was saved" in problem["detail"]
    db.expire_all()
    kept = db.get(Programme, programme.id)
    assert kept is not None
    assert kept.title == "As first written"
