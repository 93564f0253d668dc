"""Importing the GIAS establishment extract: real files in the published format."""

from __future__ import annotations

import gzip
import io
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from api.domain.access import Principal, Role
from api.errors import Forbidden, MalformedFile
from api.persistence.database import make_session_factory, unit_of_work
from api.persistence.models import AuditEvent, LocalAuthority, School
from api.services.csv_import import MAX_REJECTIONS_LISTED, ImportReport, Rejection
from api.services.gias_import import import_gias
from tests.databases import is_postgres
from tests.gias_files import GIAS_COLUMNS, append_line, cut_off, gias_row, write_gias

ST_BEDES = "St Bede’s Catholic Primary School"  # a curly apostrophe, byte 0x92 in Windows-1252
UPLOAD = "/api/v1/schools/imports"


def run(db: Session, path: Path, **options: Any) -> ImportReport:
    with path.open("rb") as source:
        return import_gias(db, source, **options)


def school(db: Session, urn: str) -> dict[str, Any]:
    # Read the table, not the identity map, which bulk writes bypass.
    return dict(db.execute(select(School.__table__).where(School.urn == urn)).mappings().one())


def school_count(db: Session) -> int:
    return db.scalar(select(func.count()).select_from(School)) or 0


def counts(report: ImportReport) -> tuple[int, int, int, int]:
    return report.created, report.updated, report.unchanged, report.rejected


def test_a_second_import_of_the_same_file_changes_nothing(db: Session, tmp_path: Path) -> None:
    path = write_gias(
        tmp_path / "edubasealldata20240601.csv",
        [gias_row("100001"), gias_row("100002", "Beech Primary"), gias_row("100003", "Ash")],
    )
    assert counts(run(db, path)) == (3, 0, 0, 0)
    assert counts(run(db, path)) == (0, 0, 3, 0)

    stored = school(db, "100001")
    assert stored["name"] == "Oakfield Primary Academy"
    assert stored["type_of_establishment"] == "Academy converter"
    assert stored["phase_of_education"] == "Primary"
    assert stored["la_code"] == "383"
    assert stored["postcode"] == "LS1 4AB"
    assert stored["telephone"] == "01131234567"
    assert (stored["head_first_name"], stored["head_last_name"]) == ("Ann", "Smith")
    assert (stored["statutory_low_age"], stored["statutory_high_age"]) == (4, 11)
    assert str(stored["open_date"]) == "2012-09-01"
    assert stored["close_date"] is None
    assert str(stored["last_changed_date"]) == "2024-03-14"
    assert stored["country"] is None  # blank in GIAS for England
    assert stored["state_funded"] is True


def test_a_changed_row_is_updated_and_the_rest_unchanged(db: Session, tmp_path: Path) -> None:
    rows = [gias_row("100001"), gias_row("100002", "Beech Primary")]
    run(db, write_gias(tmp_path / "first.csv", rows))
    rows[1] = gias_row("100002", "Beech Tree Primary", **{"StatutoryHighAge": ""})

    assert counts(run(db, write_gias(tmp_path / "second.csv", rows))) == (0, 1, 1, 0)
    assert school(db, "100002")["name"] == "Beech Tree Primary"
    assert school(db, "100002")["statutory_high_age"] is None


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig", "utf-8"])
def test_a_curly_apostrophe_comes_through_intact(
    db: Session, tmp_path: Path, encoding: str
) -> None:
    """GIAS publishes Windows-1252; a copy re-saved as UTF-8 (with or without BOM) reads too."""
    path = write_gias(
        tmp_path / "extract.csv",
        [gias_row("100001"), gias_row("100002", ST_BEDES, **{"HeadLastName": "O’Neill"})],
        encoding=encoding,
    )
    assert counts(run(db, path)) == (2, 0, 0, 0)
    assert school(db, "100002")["name"] == ST_BEDES
    assert school(db, "100002")["head_last_name"] == "O’Neill"


def test_bad_rows_are_rejected_with_their_lines_and_the_rest_import(
    db: Session, tmp_path: Path
) -> None:
    path = write_gias(
        tmp_path / "extract.csv",
        [
            gias_row("100001"),  # line 2
            gias_row("12345"),  # line 3
            gias_row("100003", **{"OpenDate": "2012-09-01"}),  # line 4
            gias_row("100004", ""),  # line 5
            gias_row("100005", **{"CloseDate": "31-02-2020"}),  # line 6
            gias_row("100006", **{"StatutoryLowAge": "four"}),  # line 7
            gias_row("100007", **{"LA (code)": "38"}),  # line 8
            gias_row("100001", "Oakfield again"),  # line 9
            gias_row("100009", "Elm Primary"),  # line 10
        ],
    )
    report = run(db, path)

    assert counts(report) == (2, 0, 0, 7)
    assert report.rejections == (
        Rejection(3, "12345", "URN must be six digits."),
        Rejection(4, "100003", "OpenDate must be a date written dd-mm-yyyy, not “2012-09-01”."),
        Rejection(5, "100004", "EstablishmentName is missing."),
        Rejection(6, "100005", "CloseDate must be a date written dd-mm-yyyy, not “31-02-2020”."),
        Rejection(7, "100006", "StatutoryLowAge must be a whole number of years, not “four”."),
        Rejection(8, "100007", "LA (code) must be three digits, not “38”."),
        Rejection(
            9, "100001", "This URN appears more than once in the file; its first row was imported."
        ),
    )
    assert school(db, "100001")["name"] == "Oakfield Primary Academy"
    assert school(db, "100009")["name"] == "Elm Primary"
    assert school_count(db) == 2


def test_a_row_of_the_wrong_width_or_too_long_a_field_is_rejected(
    db: Session, tmp_path: Path
) -> None:
    path = write_gias(tmp_path / "extract.csv", [gias_row("100001", "x" * 201)])
    with path.open("ab") as file:
        file.write(b"100002,383,Leeds\r\n")
    append_line(path, gias_row("100003"), encoding="cp1252")  # a short last row is a cut-off file
    report = run(db, path)
    assert report.rejections == (
        Rejection(2, "100001", "EstablishmentName is longer than 200 characters."),
        Rejection(3, "100002", f"The row has 3 fields where the header has {len(GIAS_COLUMNS)}."),
    )
    assert report.created == 1


def test_a_quoted_field_may_span_lines_and_rows_keep_their_starting_line(
    db: Session, tmp_path: Path
) -> None:
    path = write_gias(
        tmp_path / "extract.csv",
        [gias_row("100001", **{"Street": "Oak Lane\r\nNorth Side"}), gias_row("1")],
    )
    report = run(db, path)
    assert school(db, "100001")["street"] == "Oak Lane\r\nNorth Side"
    assert report.rejections == (Rejection(4, "1", "URN must be six digits."),)


def test_only_the_first_thousand_rejections_are_listed(db: Session, tmp_path: Path) -> None:
    rows = [gias_row(str(n)) for n in range(1, MAX_REJECTIONS_LISTED + 6)]
    report = run(db, write_gias(tmp_path / "extract.csv", rows))
    assert report.rejected == MAX_REJECTIONS_LISTED + 5
    assert len(report.rejections) == MAX_REJECTIONS_LISTED
    assert report.rejections[-1].line == MAX_REJECTIONS_LISTED + 1


def test_state_funded_is_derived_from_group_type_status_and_country(
    db: Session, tmp_path: Path
) -> None:
    independent = {
        "EstablishmentTypeGroup (name)": "Independent schools",
        "TypeOfEstablishment (name)": "Other independent school",
    }
    path = write_gias(
        tmp_path / "extract.csv",
        [
            gias_row("100001", "An Academy"),
            gias_row("100002", "An Independent School", **independent),
            gias_row("100003", "A Closed Academy", **{"EstablishmentStatus (name)": "Closed"}),
            gias_row(
                "100004",
                "A Pupil Referral Unit",
                **{
                    "EstablishmentTypeGroup (name)": "Other types",
                    "TypeOfEstablishment (name)": "Pupil referral unit",
                    "PhaseOfEducation (name)": "Not applicable",
                },
            ),
        ],
    )
    run(db, path)
    assert [
        school(db, urn)["state_funded"] for urn in ("100001", "100002", "100003", "100004")
    ] == [
        True,
        False,
        False,
        True,
    ]


def test_local_authorities_are_upserted(db: Session, tmp_path: Path) -> None:
    rows = [gias_row("100001"), gias_row("100002", **{"LA (code)": "384", "LA (name)": "Wake"})]
    run(db, write_gias(tmp_path / "first.csv", rows))
    rows[1] = gias_row("100002", **{"LA (code)": "384", "LA (name)": "Wakefield"})
    rows.append(gias_row("100003", **{"LA (code)": "", "LA (name)": ""}))
    report = run(db, write_gias(tmp_path / "second.csv", rows))

    assert counts(report) == (1, 0, 2, 0)  # the authority's new name is not the school's change
    authorities = dict(db.execute(select(LocalAuthority.code, LocalAuthority.name)).all())
    assert authorities["383"] == "Leeds"
    assert authorities["384"] == "Wakefield"
    assert school(db, "100002")["la_code"] == "384"
    assert school(db, "100003")["la_code"] is None


def test_an_extract_without_the_age_columns_leaves_stored_ages_alone(
    db: Session, tmp_path: Path
) -> None:
    run(db, write_gias(tmp_path / "first.csv", [gias_row("100001")]))
    without_ages = [c for c in GIAS_COLUMNS if c not in ("StatutoryLowAge", "StatutoryHighAge")]
    second = write_gias(tmp_path / "second.csv", [gias_row("100001")], columns=without_ages)
    assert counts(run(db, second)) == (0, 0, 1, 0)
    assert school(db, "100001")["statutory_low_age"] == 4


def _bad_byte_late(tmp_path: Path) -> Path:
    # 1,500 good rows, so that the first batch is written before the bad byte is reached.
    path = write_gias(tmp_path / "late.csv", [gias_row(str(200000 + n)) for n in range(1500)])
    with path.open("ab") as file:
        file.write(b"100001,383,Leeds,2001,Bad\x81Name\r\n")
    return path


MALFORMED: dict[str, tuple[Any, str]] = {
    "missing columns": (
        lambda tmp: write_gias(
            tmp / "x.csv",
            [gias_row("100001")],
            columns=[c for c in GIAS_COLUMNS if c not in ("EstablishmentName", "Postcode")],
        ),
        "The file lacks the columns EstablishmentName, Postcode: it is not the GIAS",
    ),
    "compressed": (
        lambda tmp: _write(tmp, gzip.compress(b"URN,EstablishmentName\r\n", mtime=0)),
        "Line 1 holds a NUL byte: this is not a CSV text file.",
    ),
    "an image": (
        lambda tmp: _write(tmp, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"),
        "The first line is not the header of the GIAS establishment extract",
    ),
    "excel workbook": (
        lambda tmp: _write(tmp, b"PK\x03\x04\x14\x00\x06\x00\x08\x00"),
        "This is a ZIP archive or an Excel workbook",
    ),
    "empty": (lambda tmp: _write(tmp, b""), "The file is empty."),
    "blank first line": (
        lambda tmp: _write(tmp, b"\r\nURN,EstablishmentName\r\n"),
        "The first line is blank: the file must start with its header.",
    ),
    "undecodable on line 3": (
        lambda tmp: _replace(
            write_gias(tmp / "x.csv", [gias_row("100001"), gias_row("100002", "Bad?Name")]),
        ),
        r"Line 3 cannot be read as Windows-1252 text \(byte 0x9D at character 26\)",
    ),
    "undecodable after a written batch": (_bad_byte_late, "Line 1502 cannot be read"),
    "not csv": (
        lambda tmp: _write(tmp, b'URN,"EstablishmentName\r\n"x"y,z\r\n'),
        "is not CSV",
    ),
    "Windows-1252 with a later UTF-8 line": (
        lambda tmp: _mixed(tmp, first="cp1252", then="utf-8", rows_before=1),
        "Line 4 is UTF-8 text, but line 3 is Windows-1252: the file mixes two encodings",
    ),
    "UTF-8 with a later Windows-1252 line": (
        lambda tmp: _mixed(tmp, first="utf-8", then="cp1252", rows_before=1),
        "Line 4 is Windows-1252 text, but line 3 is UTF-8: the file mixes two encodings",
    ),
    "UTF-8 with a byte order mark and a later Windows-1252 line": (
        lambda tmp: _mixed(tmp, first="utf-8-sig", then="cp1252", rows_before=1),
        "Line 4 is Windows-1252 text, but its byte order mark says UTF-8",
    ),
    "mixed encodings after a written batch": (
        lambda tmp: _mixed(tmp, first="cp1252", then="utf-8", rows_before=1500),
        "Line 1503 is UTF-8 text, but line 1502 is Windows-1252",
    ),
    "cut off in the middle of the last row": (
        lambda tmp: _cut(tmp, rows=2, drop_bytes=300),
        "The file ends in the middle of line 3, with no line break after it: it looks cut off",
    ),
    "cut off just before the last line break": (
        lambda tmp: _cut(tmp, rows=2, drop_bytes=2),
        "The file ends in the middle of line 3, with no line break",
    ),
    "cut off after a written batch": (
        lambda tmp: _cut(tmp, rows=1500, drop_bytes=300),
        "The file ends in the middle of line 1501",
    ),
    "cut off inside a quoted field": (
        lambda tmp: _cut_in_quotes(tmp),
        "The file ends inside a quoted field",
    ),
    "a last row shorter than the header": (
        lambda tmp: append_line(
            write_gias(tmp / "x.csv", [gias_row("100002")]),
            {"URN": "100003", "LA (code)": "383"},
            encoding="cp1252",
            columns=("URN", "LA (code)"),
        ),
        f"The last row \\(line 3\\) has 2 fields where the header has {len(GIAS_COLUMNS)}: "
        "it looks cut off",
    ),
}


def _mixed(tmp: Path, *, first: str, then: str, rows_before: int) -> Path:
    # The curly apostrophe is 0x92 in Windows-1252 and E2 80 99 in UTF-8.
    rows = [gias_row(str(200000 + n)) for n in range(rows_before)] + [gias_row("100002", ST_BEDES)]
    return append_line(
        write_gias(tmp / "x.csv", rows, encoding=first), gias_row("100003", ST_BEDES), encoding=then
    )


def _cut(tmp: Path, *, rows: int, drop_bytes: int) -> Path:
    path = write_gias(tmp / "x.csv", [gias_row(str(200000 + n)) for n in range(rows)])
    return cut_off(path, keep_bytes=path.stat().st_size - drop_bytes)


def _cut_in_quotes(tmp: Path) -> Path:
    # Cut at a line break inside the last row's quoted street: the file still ends with CRLF.
    path = write_gias(tmp / "x.csv", [gias_row("100002", Street="Oak Lane\r\nNorth Side")])
    return cut_off(path, keep_bytes=path.read_bytes().index(b"Oak Lane\r\n") + len("Oak Lane\r\n"))


def _write(tmp: Path, content: bytes) -> Path:
    path = tmp / "x.csv"
    path.write_bytes(content)
    return path


def _replace(path: Path) -> Path:
    # Windows-1252 cannot encode its undefined bytes: put one in afterwards.
    path.write_bytes(path.read_bytes().replace(b"Bad?Name", b"Bad\x9dName"))
    return path


@pytest.mark.parametrize("case", list(MALFORMED))
def test_a_malformed_file_writes_nothing_and_says_why(
    db: Session, tmp_path: Path, case: str
) -> None:
    run(db, write_gias(tmp_path / "good.csv", [gias_row("100001")]))
    make, message = MALFORMED[case]
    with pytest.raises(MalformedFile, match=message), db.begin_nested():
        run(db, make(tmp_path))
    assert school_count(db) == 1


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ("mixed", "Line 4 is UTF-8 text, but line 3 is Windows-1252"),
        ("cut off", "The file ends in the middle of line 4, with no line break"),
    ],
)
def test_an_upload_in_two_encodings_or_cut_off_is_refused_whole(
    admin: TestClient, tmp_path: Path, damage: str, message: str
) -> None:
    first = write_gias(tmp_path / "first.csv", [gias_row("100001")])
    with first.open("rb") as file:
        assert admin.post(UPLOAD, files={"file": ("first.csv", file)}).status_code == 200
    # The same school renamed and a new one, then the damage on the last line.
    rows = [gias_row("100001", "Oakfield Renamed"), gias_row("100002", ST_BEDES)]
    damaged = write_gias(tmp_path / "damaged.csv", rows)
    if damage == "mixed":
        append_line(damaged, gias_row("100003", ST_BEDES), encoding="utf-8")
    else:
        append_line(damaged, gias_row("100003"), encoding="cp1252")
        cut_off(damaged, keep_bytes=damaged.stat().st_size - 100)

    with damaged.open("rb") as file:
        refused = admin.post(UPLOAD, files={"file": ("damaged.csv", file, "text/csv")})

    assert refused.status_code == 422
    assert refused.json()["type"] == "/problems/malformed-file"
    assert message in refused.json()["detail"]
    schools = admin.get("/api/v1/schools").json()["items"]
    assert [(s["urn"], s["name"]) for s in schools] == [("100001", "Oakfield Primary Academy")]


def test_progress_is_reported_in_bytes_up_to_the_whole_file(db: Session, tmp_path: Path) -> None:
    path = write_gias(tmp_path / "extract.csv", [gias_row(str(100000 + n)) for n in range(2500)])
    seen: list[int] = []
    run(db, path, on_progress=seen.append)
    assert seen == sorted(seen)
    assert len(seen) >= 3
    assert seen[-1] == path.stat().st_size


def test_the_import_is_audited_with_its_counts(db: Session, tmp_path: Path) -> None:
    path = write_gias(tmp_path / "extract.csv", [gias_row("100001"), gias_row("1")])
    run(db, path)
    event = db.scalars(select(AuditEvent).where(AuditEvent.resource_type == "school_import")).one()
    assert event.action == "import"
    assert event.changes["created"] == {"before": None, "after": 1, "label": "Created"}
    assert event.changes["rejected"] == {"before": None, "after": 1, "label": "Rejected"}
    assert event.resource_title == "Schools register (GIAS) import"
    assert event.note is not None
    assert "1 added" in event.note


@pytest.fixture
def committed_sessions(engine: Engine, database_url: str) -> Iterator[sessionmaker[Session]]:
    """Real connections and commits, for imports in two transactions at once; cleaned up."""
    if not is_postgres(database_url):
        pytest.skip("SQLite lets one writer in at a time; two at once is PostgreSQL's case")
    factory = make_session_factory(engine)
    yield factory
    with unit_of_work(factory) as session:
        session.execute(delete(School).where(School.la_code == "999"))
        session.execute(delete(LocalAuthority).where(LocalAuthority.code == "999"))
        session.execute(delete(AuditEvent).where(AuditEvent.resource_type == "school_import"))


@pytest.mark.postgres_only
def test_two_imports_at_once_take_turns(
    committed_sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    elsewhere = {"LA (code)": "999", "LA (name)": "Elsewhere"}
    path = write_gias(
        tmp_path / "extract.csv", [gias_row(str(900000 + n), **elsewhere) for n in range(1500)]
    )
    start = threading.Barrier(2)
    reports: list[ImportReport] = []

    def importer() -> None:
        start.wait()
        with unit_of_work(committed_sessions) as session:
            reports.append(run(session, path))

    threads = [threading.Thread(target=importer) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(counts(report) for report in reports) == [(0, 0, 1500, 0), (1500, 0, 0, 0)]


def test_an_upload_spooled_to_a_temporary_file_is_read_the_same(
    db: Session, tmp_path: Path
) -> None:
    """What FastAPI's UploadFile hands over, once it has rolled over to disk."""
    path = write_gias(tmp_path / "x.csv", [gias_row("100001", ST_BEDES)])
    with tempfile.SpooledTemporaryFile(max_size=1024) as upload:
        upload.write(path.read_bytes())
        upload.seek(0)
        assert counts(import_gias(db, upload)) == (1, 0, 0, 0)  # type: ignore[arg-type]
    assert school(db, "100001")["name"] == ST_BEDES


def test_only_a_national_administrator_may_import(db: Session) -> None:
    hub_admin = Principal(kind="user", id=1, label="x", role=Role.HUB_ADMIN, hub_id="north")
    with pytest.raises(Forbidden):
        import_gias(db, io.BytesIO(b"URN\r\n"), actor=hub_admin)
