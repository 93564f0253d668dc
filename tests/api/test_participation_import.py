"""Importing past years' participations from our own CSV format."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.domain.access import Principal, Role
from api.errors import Forbidden, MalformedFile
from api.persistence.models import AcademicYearRow, Participation, Person, School
from api.services.csv_import import ImportReport, Rejection
from api.services.participation_import import OWN_HUB_ONLY, import_participations
from tests.builders import MakeHub

HEADER = ("urn", "person_email", "programme_type", "academic_year", "hub", "outcome")
TODAY = date(2025, 3, 1)  # in 2024/25
NORTH_ADMIN = Principal(kind="user", id=1, label="x", role=Role.HUB_ADMIN, hub_id="north")
NATIONAL = Principal(kind="user", id=2, label="y", role=Role.NATIONAL_ADMIN)


@pytest.fixture
def register(db: Session, make_hub: MakeHub) -> dict[str, int]:
    """Hubs north and south, schools 100001 and 100002, and two people; their ids by email."""
    make_hub(id="north")
    make_hub(id="south")
    for urn in ("100001", "100002"):
        db.add(
            School(
                urn=urn,
                name=f"School {urn}",
                type_of_establishment="Academy converter",
                type_group="Academies",
                status="Open",
                phase_of_education="Primary",
                state_funded=True,
            )
        )
    people = [
        Person(name="Jo Bloggs", email="jo@school.example", roles=["teacher"], hub_id="north"),
        Person(name="Sam Lee", email="sam@school.example", roles=["teacher"], hub_id="south"),
    ]
    db.add_all(people)
    db.flush()
    return {person.email: person.id for person in people}


def write(path: Path, rows: Sequence[Sequence[str]], *, header: Sequence[str] = HEADER) -> Path:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def run(db: Session, path: Path, *, actor: Principal | None = None, **kw: Any) -> ImportReport:
    with path.open("rb") as source:
        return import_participations(db, source, actor=actor, today=TODAY, **kw)


def counts(report: ImportReport) -> tuple[int, int, int, int]:
    return report.created, report.updated, report.unchanged, report.rejected


def stored(db: Session) -> list[tuple[Any, ...]]:
    query = select(
        Participation.subject,
        Participation.school_urn,
        Participation.person_id,
        Participation.programme_type,
        Participation.academic_year_id,
        Participation.hub_id,
        Participation.outcome,
        Participation.source,
    ).order_by(Participation.subject, Participation.academic_year_id)
    return [tuple(row) for row in db.execute(query)]


ROWS = [
    ["100001", "", "primary_development", "2017/18", "north", "completed"],
    ["100001", "", "primary_embedding", "2018-19", "north", ""],
    ["", "Jo@School.example", "sktm_primary_teachers_number", "2021/22", "north", "withdrawn"],
]


def test_schools_and_people_are_created_then_unchanged(
    db: Session, tmp_path: Path, register: dict[str, int]
) -> None:
    path = write(tmp_path / "history.csv", ROWS)
    assert counts(run(db, path)) == (3, 0, 0, 0)
    assert counts(run(db, path)) == (0, 0, 3, 0)

    jo = register["jo@school.example"]
    sktm = "sktm_primary_teachers_number"
    assert stored(db) == [
        (f"person:{jo}", None, jo, sktm, "2021-22", "north", "withdrawn", "import"),
        (
            "school:100001",
            "100001",
            None,
            "primary_development",
            "2017-18",
            "north",
            "completed",
            "import",
        ),
        (
            "school:100001",
            "100001",
            None,
            "primary_embedding",
            "2018-19",
            "north",
            "completed",
            "import",
        ),
    ]


def test_a_new_outcome_or_hub_is_an_update(
    db: Session, tmp_path: Path, register: dict[str, int]
) -> None:
    run(db, write(tmp_path / "first.csv", ROWS))
    changed = [
        ["100001", "", "primary_development", "2017/18", "north", "withdrawn"],
        ["100001", "", "primary_embedding", "2018-19", "south", ""],
        ROWS[2],
    ]
    assert counts(run(db, write(tmp_path / "second.csv", changed))) == (0, 2, 1, 0)
    outcomes = {(row[3], row[5], row[6]) for row in stored(db)}
    assert ("primary_development", "north", "withdrawn") in outcomes
    assert ("primary_embedding", "south", "completed") in outcomes


def test_the_years_named_are_added_to_the_academic_years(
    db: Session, tmp_path: Path, register: dict[str, int]
) -> None:
    row = ["100002", "", "primary_readiness", "2016/17", "south", ""]
    run(db, write(tmp_path / "history.csv", [row]))
    assert db.get(AcademicYearRow, "2016-17") is not None


def test_every_kind_of_bad_row_is_rejected_with_its_line(
    db: Session, tmp_path: Path, register: dict[str, int]
) -> None:
    rows = [
        ["100001", "", "primary_development", "2017/18", "north", ""],  # 2: imported
        ["999999", "", "primary_development", "2017/18", "north", ""],  # 3
        ["", "nobody@school.example", "sktm_primary_teachers_number", "2021/22", "north", ""],
        ["100001", "", "primary_development", "2017/18", "nowhere", ""],  # 5
        ["100001", "", "primary_mastery", "2017/18", "north", ""],  # 6
        ["100001", "", "primary_embedding", "2017/19", "north", ""],  # 7
        ["100001", "", "primary_embedding", "2018/19", "north", "finished"],  # 8
        ["100001", "jo@school.example", "primary_embedding", "2018/19", "north", ""],  # 9
        ["", "", "primary_embedding", "2018/19", "north", ""],  # 10
        ["10001", "", "primary_embedding", "2018/19", "north", ""],  # 11
        ["", "jo@school.example", "primary_embedding", "2018/19", "north", ""],  # 12
        ["100001", "", "sktm_primary_teaching_assistants", "2018/19", "north", ""],  # 13
        ["100001", "", "primary_embedding", "2025/26", "north", ""],  # 14
        ["100001", "", "primary_embedding", "2013/14", "north", ""],  # 15
        ["100001", "", "primary_development", "2017-18", "south", "withdrawn"],  # 16
        ["100001", "", "primary_embedding", "2018/19", "", ""],  # 17
        ["100002", "", "primary_embedding", "2018/19", "north"],  # 18: a field short
    ]
    report = run(db, write(tmp_path / "history.csv", rows))

    assert counts(report) == (1, 0, 0, 16)
    assert [(r.line, r.key) for r in report.rejections] == [
        (3, "999999"),
        (4, "nobody@school.example"),
        *((line, "100001") for line in range(5, 10)),
        (10, None),
        (11, "10001"),
        (12, "jo@school.example"),
        *((line, "100001") for line in range(13, 18)),
        (18, None),
    ]
    reasons = [r.reason for r in report.rejections]
    assert reasons == [
        "URN 999999 is not in the school register; import GIAS first.",
        "Nobody is recorded with the email nobody@school.example.",
        "There is no hub “nowhere”.",
        "programme_type “primary_mastery” is not a programme type such as "
        "primary_development or sktm_primary_teachers_number.",
        "academic_year “2017/19” is not an academic year like 2019/20.",
        "outcome “finished” must be one of taking_part, completed, withdrawn.",
        "Give a urn or a person_email, not both.",
        "Give the school's urn or the person's person_email.",
        "URN must be six digits.",
        "primary_embedding is a programme for whole schools: "
        "give the school's urn, not a person_email.",
        "sktm_primary_teaching_assistants is a programme for individual people: "
        "give the person's person_email, not a urn.",
        "academic_year 2025/26 has not begun yet.",
        "academic_year 2013/14 is before Maths Hubs began (2014/15).",
        "Line 2 already gives this participation.",
        "hub is missing.",
        "The row has 5 fields where the header has 6.",
    ]


def test_a_hub_administrator_imports_only_for_their_own_hub(
    db: Session, tmp_path: Path, register: dict[str, int]
) -> None:
    south = ["100002", "", "primary_development", "2019/20", "south", ""]
    run(db, write(tmp_path / "south.csv", [south]))
    rows = [
        ["100001", "", "primary_development", "2019/20", "north", ""],
        ["100001", "", "primary_embedding", "2020/21", "south", ""],
        ["100002", "", "primary_development", "2019/20", "north", "withdrawn"],
    ]
    report = run(db, write(tmp_path / "north.csv", rows), actor=NORTH_ADMIN)

    assert counts(report) == (1, 0, 0, 2)
    assert report.rejections == (
        Rejection(3, "100001", OWN_HUB_ONLY),
        Rejection(
            4,
            "100002",
            "Hub “south” recorded this participation; "
            "only that hub or a national administrator can change it.",
        ),
    )
    assert counts(run(db, write(tmp_path / "all.csv", rows), actor=NATIONAL)) == (1, 1, 1, 0)


@pytest.mark.parametrize(
    "actor",
    [
        Principal(kind="user", id=3, label="z", role=Role.MASTERY_SPECIALIST, hub_id="north"),
        Principal(kind="user", id=4, label="w", role=Role.HUB_ADMIN, hub_id=None),
    ],
)
def test_others_may_not_import(db: Session, actor: Principal) -> None:
    with pytest.raises(Forbidden):
        import_participations(db, io.BytesIO(b"urn\r\n"), actor=actor, today=TODAY)


def test_header_in_any_order_and_case_with_a_bom_and_without_optional_columns(
    db: Session, tmp_path: Path, register: dict[str, int]
) -> None:
    path = tmp_path / "history.csv"
    path.write_bytes(
        "\ufeffHub,Academic_Year,URN,Programme_Type,Notes\r\n"
        "north,2019/20,100001,primary_development,from the old system’s export\r\n".encode()
    )
    assert counts(run(db, path)) == (1, 0, 0, 0)
    assert stored(db)[0][6] == "completed"


MALFORMED = {
    "columns missing": (
        b"urn,programme_type,academic_year\r\n100001,primary_development,2019/20\r\n",
        "The file lacks the column hub: it is not a participations file",
    ),
    "neither subject column": (
        b"programme_type,academic_year,hub\r\nprimary_development,2019/20,north\r\n",
        "The file needs a urn or a person_email column",
    ),
    "not utf-8": (
        b"urn,programme_type,academic_year,hub\r\n100001,primary_development,2019/20,north\r\n"
        b"100002,primary_development,2019/20,north\x92\r\n",
        r"Line 3 cannot be read as UTF-8 text \(byte 0x92",
    ),
    "not text": (b"\x00\x01\x02", "NUL byte"),
}


@pytest.mark.parametrize("case", list(MALFORMED))
def test_a_malformed_file_writes_nothing(
    db: Session, tmp_path: Path, register: dict[str, int], case: str
) -> None:
    content, message = MALFORMED[case]
    path = tmp_path / "history.csv"
    path.write_bytes(content)
    with pytest.raises(MalformedFile, match=message), db.begin_nested():
        run(db, path)
    assert db.scalar(select(func.count()).select_from(Participation)) == 0
