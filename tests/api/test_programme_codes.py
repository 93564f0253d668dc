"""A programme's national project code: what the database keeps, the API can answer with.

The request schema, the response schema, the service and the database's CHECK constraint hold
one shape (api.domain.programme_code); a code written straight into the database that the
lists could not show is refused there, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.domain.programme_code import is_programme_code
from api.errors import InvalidFields
from api.schemas.catalogue import ProgrammeCreate, ProgrammeUpdate
from api.services import catalogue
from tests.api.test_programmes import new_programme
from tests.builders import MakeHub, MakeProgramme

# What each writer got wrong, or could: the benchmark's national data, a missing hyphen,
# lower case, spaces, digits of other scripts (which a Unicode \d accepts), a longer tail.
INVALID_CODES = [
    "40-26-2027",
    "NCP2711",
    "ncp27-11",
    " NCP27-11",
    "NCP27-11 ",
    "NCP27-11\n",
    "NCP٢٧-١١",
    "NCP２７-１１",
    "NCP27-1a",
    "NCP27-111",
    "XNCP27-11",
    "",
]


def _store_code(db: Session, programme_id: int, code: str | None) -> None:
    db.execute(
        text("UPDATE programme SET code = :code WHERE id = :id"), {"code": code, "id": programme_id}
    )


@pytest.mark.parametrize("code", INVALID_CODES)
def test_the_database_refuses_a_code_the_lists_could_not_show(
    db: Session, make_programme: MakeProgramme, code: str
) -> None:
    programme = make_programme(academic_year="2027-28")
    with pytest.raises(IntegrityError, match="ck_programme_code_shape"), db.begin_nested():
        _store_code(db, programme.id, code)


def test_what_the_database_keeps_the_list_answers_with(
    db: Session, make_programme: MakeProgramme, client: TestClient
) -> None:
    _store_code(db, make_programme(academic_year="2027-28").id, "NCP27-11")
    _store_code(db, make_programme(academic_year="2027-28").id, None)
    listed = client.get("/api/v1/programmes", params={"academic_year": "2027-28"})
    assert listed.status_code == 200, listed.text
    assert sorted(p["code"] or "" for p in listed.json()["items"]) == ["", "NCP27-11"]


@pytest.mark.parametrize("code", ["NCP٢٧-١١", "NCP２７-１１", "40-26-2027"])
def test_the_api_refuses_a_code_the_database_would_refuse_with_its_pointer(
    admin: TestClient, make_hub: MakeHub, make_programme: MakeProgramme, code: str
) -> None:
    created = admin.post("/api/v1/programmes", json=new_programme(make_hub().id, code=code))
    assert created.status_code == 422, created.text
    assert [e["pointer"] for e in created.json()["errors"]] == ["/code"]

    url = f"/api/v1/programmes/{make_programme(status='draft').id}"
    tag = admin.get(url).headers["ETag"]
    changed = admin.patch(url, json={"code": code}, headers={"If-Match": tag})
    assert changed.status_code == 422, changed.text
    assert [e["pointer"] for e in changed.json()["errors"]] == ["/code"]


def test_the_service_refuses_a_code_that_skipped_the_schema(db: Session, make_hub: MakeHub) -> None:
    """A writer that builds the body without validating it (model_copy does not) is refused
    with the field's pointer before the database is asked."""
    body = ProgrammeCreate.model_validate(new_programme(make_hub().id))
    with pytest.raises(InvalidFields) as refused:
        catalogue.create_programme(db, body.model_copy(update={"code": "40-26-2027"}), actor=None)
    assert [e.pointer for e in refused.value.errors] == ["/code"]


# Codes near the shape: its own characters, other digits, case and whitespace, in any order.
_NEAR_CODES = st.text(alphabet="NCPncpX0123456789٢７- _\n", max_size=10) | st.from_regex(
    r"\ANCP[0-9٢]{2}-[0-9a]{2}\Z"
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(code=_NEAR_CODES)
@example(code="NCP27-11")
@example(code="40-26-2027")
def test_the_schema_the_service_and_the_database_agree_on_every_code(
    db: Session, make_programme: MakeProgramme, code: str
) -> None:
    programme_id = make_programme(academic_year="2027-28").id
    try:
        taken = ProgrammeUpdate(code=code).code  # the request schema strips whitespace first
    except ValidationError:
        assert not is_programme_code(code.strip())
    else:
        assert taken is not None
        assert is_programme_code(taken)
    try:
        with db.begin_nested():
            _store_code(db, programme_id, code)
        stored = True
    except IntegrityError:
        stored = False
    assert stored == is_programme_code(code)
