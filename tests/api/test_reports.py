"""The reports over HTTP: figures computed here, from the rows each test inserts, by the rules
written out plainly below (not by the domain's code), then compared with the JSON and the CSV."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from sqlalchemy.orm import Session

from api.domain.academic_year import AcademicYear
from api.domain.access import Role, Scope
from api.domain.work_groups import instant
from api.persistence import catalogue_repository, work_groups_repository
from api.persistence.models import (
    Application,
    AuditEvent,
    Hub,
    HubLocalAuthority,
    LocalAuthority,
    Participation,
    Person,
    SessionAttendance,
    WorkGroup,
    WorkGroupSchool,
    WorkGroupSession,
)
from api.services import reports
from api.services.spreadsheet import as_text
from tests.accounts import KeyClient, SignIn
from tests.builders import MakeHub, MakeProgramme, MakeSchool
from tests.clock import TEST_NOW, TODAY

API = "/api/v1/reports"
THIS_YEAR = TODAY.year if TODAY.month >= 9 else TODAY.year - 1
# A past day (of this academic year or the last), before some of the rows below were recorded.
PAST = TODAY - timedelta(days=60)
LONG_AGO = datetime(2000, 1, 1, tzinfo=UTC)
AFTER_PAST = datetime.combine(PAST + timedelta(days=3), time(12), tzinfo=UTC)
HUB_OF_LA = {"301": "north", "302": "north", "303": "south"}


def year(back: int, start_year: int = THIS_YEAR) -> str:
    start = start_year - back
    return f"{start}-{(start + 1) % 100:02d}"


def start_year_of(day: date) -> int:
    return day.year if day.month >= 9 else day.year - 1


@dataclass
class Spec:
    """One school as inserted, and the facts that may make it engaged."""

    urn: str
    la: str
    phase: str = "Primary"  # GIAS's phase
    funded: bool = True
    closed_on: date | None = None
    registered: datetime = LONG_AGO
    # (academic year, outcome, recorded at)
    participations: list[tuple[str, str, datetime]] = field(default_factory=list)
    member_this_year: bool = False


SCHOOLS = [
    Spec("400001", "301", member_this_year=True),
    Spec("400002", "301", participations=[(year(0), "taking_part", AFTER_PAST)]),
    Spec("400003", "301", participations=[(year(2), "completed", LONG_AGO)]),
    Spec("400004", "302", "Secondary", participations=[(year(4), "completed", LONG_AGO)]),
    Spec("400005", "302", "Secondary", participations=[(year(0), "withdrawn", LONG_AGO)]),
    Spec("400006", "302", "All-through"),
    Spec("400007", "301", closed_on=date(2020, 8, 31), member_this_year=True),
    Spec("400008", "301", funded=False, member_this_year=True),
    Spec("400009", "303", member_this_year=True),
    Spec("400010", "303", closed_on=PAST + timedelta(days=1)),
    Spec("400011", "303", "Nursery"),
    Spec("400012", "303", registered=AFTER_PAST),
]
PHASES = {
    "Primary": ["primary"],
    "Secondary": ["secondary"],
    "All-through": ["primary", "secondary"],
    "Nursery": ["neither"],
}


# The rules, written plainly


# `up_to` None: as at today, when every row recorded so far counts.
def counted(spec: Spec, day: date, up_to: datetime | None) -> bool:
    return (
        spec.funded
        and (spec.closed_on is None or spec.closed_on > day)
        and (up_to is None or spec.registered <= up_to)
    )


def engaged(spec: Spec, day: date, up_to: datetime | None, within: int) -> bool:
    """Taking part in the day's academic year, or completed in the `within` years before it."""
    start = start_year_of(day)
    recent = {year(back, start) for back in range(1, within + 1)}
    for taken, outcome, recorded in spec.participations:
        if (up_to is not None and recorded > up_to) or outcome == "withdrawn":
            continue
        if taken == year(0, start) or (outcome == "completed" and taken in recent):
            return True
    return spec.member_this_year and start == THIS_YEAR


def expected_coverage(
    key_of: Any, day: date, up_to: datetime | None, within: int = 3, hub: str | None = None
) -> dict[str, tuple[int, int]]:
    found: dict[str, list[int]] = {}
    for spec in SCHOOLS:
        if not counted(spec, day, up_to) or hub not in (None, HUB_OF_LA[spec.la]):
            continue
        for key in key_of(spec):
            figures = found.setdefault(key, [0, 0])
            figures[0] += 1
            figures[1] += engaged(spec, day, up_to, within)
    return {key: (n, e) for key, (n, e) in found.items()}


def figures(report: dict[str, Any]) -> dict[str, tuple[int, int]]:
    return {row["key"]: (row["schools"], row["engaged"]) for row in report["rows"]}


def csv_rows(response: Any) -> list[dict[str, str]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.text)))


# The world


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    # Rows inserted here bypass the services, so they raise no data version: start afresh.
    reports.clear_caches()
    yield
    reports.clear_caches()


@dataclass
class World:
    north_programme: int
    group: int
    sessions: list[int]


@pytest.fixture
def world(
    db: Session, make_hub: MakeHub, make_school: MakeSchool, make_programme: MakeProgramme
) -> World:
    north = make_hub(id="north", name="North Maths Hub")
    make_hub(id="south", name="South Maths Hub")
    for spec in SCHOOLS:
        independent = {"type_group": "Independent schools"} if not spec.funded else {}
        make_school(
            urn=spec.urn,
            la_code=spec.la,
            la_name=f"Authority {spec.la}",
            phase=spec.phase,
            status="Closed" if spec.closed_on else "Open",
            close_date=spec.closed_on,
            type_of_establishment="Other independent school" if independent else "Community school",
            created_at=spec.registered,
            **independent,
        )
    for la, hub in HUB_OF_LA.items():
        db.add(HubLocalAuthority(la_code=la, hub_id=hub))
    for back in range(6):
        catalogue_repository.ensure_academic_year(db, _year(back))
    programme = make_programme(
        hub=north,
        academic_year=year(0),
        stage="development",
        applications_open_on=TODAY - timedelta(days=10),
        closing_date=TODAY + timedelta(days=5),
        capacity_places=3,
        capacity_unit="schools",
    )
    lead = Person(
        name="Lead", email="lead@school.example", roles=["mastery_specialist"], hub_id="north"
    )
    db.add(lead)
    db.flush()
    group = WorkGroup(
        hub_id="north",
        programme_id=programme.id,
        academic_year_id=year(0),
        name="North group",
        lead_person_id=lead.id,
    )
    db.add(group)
    db.flush()
    for spec in SCHOOLS:
        if spec.member_this_year:
            db.add(WorkGroupSchool(work_group_id=group.id, school_urn=spec.urn, added_at=LONG_AGO))
        for taken, outcome, recorded in spec.participations:
            db.add(
                Participation(
                    subject=f"school:{spec.urn}",
                    school_urn=spec.urn,
                    # Any programme makes a school engaged; Readiness keeps the funnel's to itself.
                    programme_type="primary_readiness",
                    academic_year_id=taken,
                    hub_id=HUB_OF_LA[spec.la],
                    outcome=outcome,
                    created_at=recorded,
                )
            )
    db.flush()
    return World(programme.id, group.id, [])


def _year(back: int) -> AcademicYear:
    return AcademicYear(THIS_YEAR - back)


# Coverage


def by_hub(spec: Spec) -> list[str]:
    return [HUB_OF_LA[spec.la]]


def by_la(spec: Spec) -> list[str]:
    return [spec.la]


def by_phase(spec: Spec) -> list[str]:
    return PHASES[spec.phase]


def test_national_coverage_by_hub_authority_and_phase(world: World, sign_in: SignIn) -> None:
    national = sign_in(role=Role.NATIONAL_ADMIN)
    for by, key_of in (("hub", by_hub), ("local_authority", by_la), ("phase", by_phase)):
        response = national.get(f"{API}/coverage", params={"by": by})
        assert response.status_code == 200, response.text
        report = response.json()
        assert figures(report) == expected_coverage(key_of, TODAY, None), by
        everyone = expected_coverage(lambda _: ["all"], TODAY, None)["all"]
        assert (report["total"]["schools"], report["total"]["engaged"]) == everyone
        assert report["as_at"] == TODAY.isoformat()
        assert report["academic_year"] == year(0)
        assert "engaged" in report["definitions"]["engaged"]
        assert report["register_snapshot_imported_at"] is None
        labels = {row["key"]: row["label"] for row in report["rows"]}
        if by == "hub":
            assert labels == {"north": "North Maths Hub", "south": "South Maths Hub"}
        for row in report["rows"]:
            n, e = row["schools"], row["engaged"]
            assert row["coverage_percent"] == round(100 * e / n, 1)


def test_completed_within_years_and_phase_filter(world: World, sign_in: SignIn) -> None:
    national = sign_in(role=Role.NATIONAL_ADMIN)
    for within in (0, 1, 4):
        report = national.get(
            f"{API}/coverage", params={"by": "local_authority", "completed_within_years": within}
        ).json()
        assert figures(report) == expected_coverage(by_la, TODAY, None, within)
    secondary = national.get(f"{API}/coverage", params={"by": "phase", "phase": "secondary"})
    expected = expected_coverage(by_phase, TODAY, None)
    assert figures(secondary.json()) == {"secondary": expected["secondary"]}


def test_as_at_a_past_day_counts_what_was_true_then_and_stays_so(
    world: World, sign_in: SignIn, db: Session
) -> None:
    national = sign_in(role=Role.NATIONAL_ADMIN)
    # As at today (on the first day of a year, the only day of it so far): every row counts.
    up_to = (
        datetime.combine(PAST + timedelta(days=1), time(0), tzinfo=UTC) if PAST < TODAY else None
    )
    params = {"by": "hub", "as_at": PAST.isoformat()}
    first = national.get(f"{API}/coverage", params=params)
    assert first.status_code == 200, first.text
    # The end of the day in England is no later than midnight UTC after it.
    assert figures(first.json()) == expected_coverage(by_hub, PAST, up_to)
    assert first.json()["as_at"] == PAST.isoformat()

    # Since then: a register import, a participation recorded. The past day stays the same.
    db.add(
        AuditEvent(
            at=TEST_NOW - timedelta(hours=1),
            actor="system",
            actor_label="system",
            action="import",
            resource_type="school_import",
            resource_id="x",
            changes={},
        )
    )
    db.add(
        Participation(
            subject="school:400006",
            school_urn="400006",
            programme_type="primary_readiness",
            academic_year_id=year(0),
            hub_id="north",
            outcome="taking_part",
            created_at=TEST_NOW - timedelta(hours=1),
        )
    )
    db.flush()
    reports.clear_caches()  # rows inserted here raise no data version
    again = national.get(f"{API}/coverage", params=params)
    assert figures(again.json()) == figures(first.json())
    assert again.json()["register_snapshot_imported_at"] is None
    today = national.get(f"{API}/coverage", params={"by": "hub"}).json()
    assert today["register_snapshot_imported_at"] is not None


def test_a_recorded_participation_makes_the_kept_answer_stale(
    world: World, sign_in: SignIn
) -> None:
    national = sign_in(role=Role.NATIONAL_ADMIN)
    before = national.get(f"{API}/coverage", params={"by": "hub"}).json()
    recorded = national.post(
        "/api/v1/participations",
        json={
            "urn": "400006",
            "programme_type": "primary_sustaining",
            "academic_year": year(0),
            "hub_id": "north",
            "outcome": "taking_part",
        },
    )
    assert recorded.status_code == 201, recorded.text
    after = national.get(f"{API}/coverage", params={"by": "hub"}).json()
    north = expected_coverage(by_hub, TODAY, None)["north"]
    assert (before["rows"][0]["schools"], before["rows"][0]["engaged"]) == north
    assert (after["rows"][0]["schools"], after["rows"][0]["engaged"]) == (north[0], north[1] + 1)


def test_a_day_to_come_is_refused(world: World, sign_in: SignIn) -> None:
    national = sign_in(role=Role.NATIONAL_ADMIN)
    response = national.get(
        f"{API}/coverage", params={"as_at": (TODAY + timedelta(days=1)).isoformat()}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/as_at"
    unknown = national.get(f"{API}/coverage", params={"hub": "nowhere"})
    assert unknown.status_code == 422


def test_hub_staff_and_keys_see_their_hub_national_any(
    world: World, sign_in: SignIn, key_client: KeyClient
) -> None:
    expected = expected_coverage(by_la, TODAY, None, hub="north")
    staff = sign_in(role=Role.HUB_ADMIN, hub_id="north")
    key = key_client(Scope.REPORTS_READ, hub_id="north")
    national = sign_in(role=Role.NATIONAL_ADMIN)
    for caller, params in (
        (staff, {}),
        (staff, {"hub": "north"}),
        (key, {}),
        (national, {"hub": "north"}),
    ):
        report = caller.get(f"{API}/coverage", params={"by": "local_authority", **params})
        assert report.status_code == 200, report.text
        assert figures(report.json()) == expected
    refused = staff.get(f"{API}/coverage", params={"hub": "south"})
    assert refused.status_code == 403
    specialist = sign_in(role=Role.MASTERY_SPECIALIST, hub_id="north")
    assert specialist.get(f"{API}/coverage").status_code == 403


def test_coverage_csv_has_the_same_figures(world: World, sign_in: SignIn) -> None:
    national = sign_in(role=Role.NATIONAL_ADMIN)
    for by in ("hub", "local_authority", "phase"):
        report = national.get(f"{API}/coverage", params={"by": by}).json()
        rows = csv_rows(national.get(f"{API}/coverage.csv", params={"by": by}))
        listed = [*report["rows"], report["total"]]
        assert [r[by] for r in rows] == [r["key"] for r in listed]
        for line, row in zip(rows, listed, strict=True):
            assert (int(line["schools"]), int(line["engaged"])) == (row["schools"], row["engaged"])
            assert line["coverage_percent"] == (
                "" if row["coverage_percent"] is None else str(row["coverage_percent"])
            )
            assert line["as_at"] == TODAY.isoformat()


def test_csv_text_a_spreadsheet_would_run_is_written_as_text(
    world: World, sign_in: SignIn, db: Session
) -> None:
    """An authority's or a hub's name that starts as a formula stays text in every report's
    CSV; the figures, negative ones included, stay numbers."""
    authority = db.get(LocalAuthority, SCHOOLS[0].la)
    assert authority is not None
    authority.name = "=HYPERLINK(1)"
    hub = db.get(Hub, "north")
    assert hub is not None
    hub.name = "@North"
    work_groups_repository.raise_data_version(db)
    db.flush()
    national = sign_in(role=Role.NATIONAL_ADMIN)
    by_authority = csv_rows(national.get(f"{API}/coverage.csv", params={"by": "local_authority"}))
    labels = {row["local_authority"]: row["label"] for row in by_authority}
    assert labels[SCHOOLS[0].la] == "'=HYPERLINK(1)"
    by_hub = csv_rows(national.get(f"{API}/coverage.csv", params={"by": "hub"}))
    assert {row["hub"]: row["label"] for row in by_hub}["north"] == "'@North"
    assert as_text("-12.50") == "-12.50"
    assert as_text("-1 adjustment") == "'-1 adjustment"


def test_coverage_etag_answers_304(world: World, sign_in: SignIn) -> None:
    national = sign_in(role=Role.NATIONAL_ADMIN)
    first = national.get(f"{API}/coverage")
    again = national.get(f"{API}/coverage", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


# The journey funnel


def test_funnel_follows_cohorts_through_the_stages(
    world: World, sign_in: SignIn, db: Session, make_programme: MakeProgramme
) -> None:
    # (URN, kind, years back, hub, outcome): the participations of the journey, and one
    # Embedding year known only from a completed group.
    journeys = [
        ("400001", "primary_development", 4, "north", "completed"),
        ("400001", "primary_embedding", 3, "north", "completed"),
        ("400001", "primary_sustaining", 2, "north", "completed"),
        ("400002", "primary_development", 4, "north", "completed"),
        ("400002", "primary_embedding", 3, "north", "withdrawn"),
        ("400003", "primary_development", 4, "north", "completed"),
        ("400004", "secondary_development", 3, "north", "completed"),
        ("400009", "primary_development", 4, "south", "completed"),
    ]
    for urn, kind, back, hub, outcome in journeys:
        db.add(
            Participation(
                subject=f"school:{urn}",
                school_urn=urn,
                programme_type=kind,
                academic_year_id=year(back),
                hub_id=hub,
                outcome=outcome,
                created_at=LONG_AGO,
            )
        )
    embedding = make_programme(
        hub=db.get(Hub, "north"),
        academic_year=year(3),
        stage="embedding",
    )
    lead = db.query(Person).filter_by(email="lead@school.example").one()
    completed = WorkGroup(
        hub_id="north",
        programme_id=embedding.id,
        academic_year_id=year(3),
        name="Completed embedding",
        lead_person_id=lead.id,
        completed_on=date(THIS_YEAR - 2, 7, 15),
    )
    db.add(completed)
    db.flush()
    db.add(WorkGroupSchool(work_group_id=completed.id, school_urn="400003", added_at=LONG_AGO))
    db.flush()

    # Counted by hand from the rows above: north's primary cohort is 400001-3; 400001 and
    # 400003 (its completed group) went on to Embedding, 400002 withdrew; only 400001 Sustaining.
    expected = {
        (year(4), "primary", "north"): (3, 2, 1),
        (year(4), "primary", "south"): (1, 0, 0),
        (year(3), "secondary", "north"): (1, 0, 0),
    }
    national = sign_in(role=Role.NATIONAL_ADMIN)
    report = national.get(f"{API}/funnel").json()
    found = {
        (r["cohort"], r["phase"], r["hub_id"]): (r["development"], r["embedding"], r["sustaining"])
        for r in report["rows"]
    }
    assert found == expected
    first = report["rows"][0]
    assert (first["embedding_percent"], first["sustaining_percent"]) == (66.7, 50.0)
    assert "cohort" in report["definition"]

    staff = sign_in(role=Role.HUB_ADMIN, hub_id="south")
    south = staff.get(f"{API}/funnel").json()
    assert [(r["hub_id"], r["development"]) for r in south["rows"]] == [("south", 1)]
    primary = national.get(f"{API}/funnel", params={"phase": "secondary", "cohort": year(3)})
    assert [r["phase"] for r in primary.json()["rows"]] == ["secondary"]

    rows = csv_rows(national.get(f"{API}/funnel.csv"))
    assert [
        (r["cohort"], r["phase"], r["hub_id"], int(r["development"]), int(r["embedding"]))
        for r in rows
    ] == [
        (r["cohort"], r["phase"], r["hub_id"], r["development"], r["embedding"])
        for r in report["rows"]
    ]


# Recruitment


def test_recruitment_per_day_places_and_waiting_list(
    world: World, sign_in: SignIn, db: Session
) -> None:
    # (days before today submitted, status); None: a draft, never submitted.
    applications = [
        (10, "selected"),
        (10, "selected"),
        (8, "waitlisted"),
        (0, "submitted"),
        (None, "draft"),
    ]
    for number, (back, status) in enumerate(applications, start=1):
        submitted = (
            None
            if back is None
            else datetime.combine(TODAY - timedelta(days=back), time(11), tzinfo=UTC)
        )
        db.add(
            Application(
                programme_id=world.north_programme,
                school_urn=SCHOOLS[number - 1].urn,
                hub_id="north",
                number=number,
                status=status,
                created_by="test",
                submitted_at=submitted,
            )
        )
    db.flush()
    per_day = Counter(TODAY - timedelta(days=b) for b, _ in applications if b is not None)
    staff = sign_in(role=Role.HUB_ADMIN, hub_id="north")
    response = staff.get(f"{API}/recruitment/{world.north_programme}")
    assert response.status_code == 200, response.text
    report = response.json()
    days = [
        (date.fromisoformat(d["date"]), d["submitted"], d["cumulative"]) for d in report["days"]
    ]
    assert days[0][0] == TODAY - timedelta(days=10)
    assert days[-1][0] == TODAY  # the window closes after today: not past today
    running = 0
    for on, submitted, cumulative in days:
        running += per_day[on]
        assert (submitted, cumulative) == (per_day[on], running)
    assert report["submitted"] == 4
    assert (report["places_filled"], report["places_left"], report["waiting_list"]) == (2, 1, 1)
    assert report["capacity_places"] == 3

    rows = csv_rows(staff.get(f"{API}/recruitment/{world.north_programme}.csv"))
    assert [
        (date.fromisoformat(r["date"]), int(r["submitted"]), int(r["cumulative"])) for r in rows
    ] == days
    assert {r["places_filled"] for r in rows} == {"2"}

    other = sign_in(role=Role.HUB_ADMIN, hub_id="south")
    assert other.get(f"{API}/recruitment/{world.north_programme}").status_code == 403
    assert staff.get(f"{API}/recruitment/999999").status_code == 404


# Attendance and release time


def test_attendance_rates_and_release_shortfalls(
    world: World, sign_in: SignIn, db: Session
) -> None:
    people = {}
    for urn in ("400001", "400009"):
        person = Person(
            name=f"Teacher {urn}", email=f"t{urn}@school.example", roles=["teacher"],
            school_urn=urn, hub_id="north",
        )  # fmt: skip
        db.add(person)
        db.flush()
        people[urn] = person.id
    db.add(WorkGroupSchool(work_group_id=world.group, school_urn="400003", added_at=LONG_AGO))
    on = TODAY - timedelta(days=20)
    # (number, status, marks as (URN, mark)); a whole day (09:00-15:30) each.
    sessions = [
        (1, "scheduled", [("400001", "present"), ("400009", "absent")]),
        (2, "cancelled", [("400001", "present")]),
        (3, "scheduled", []),
        (4, "scheduled", [("400001", "present"), ("400009", "absent_with_apologies")]),
    ]
    for number, status, marks in sessions:
        row = WorkGroupSession(
            work_group_id=world.group,
            number=number,
            kind="trg_meeting",
            on=on + timedelta(days=number),
            start_time=time(9),
            end_time=time(15, 30),
            starts_at=instant(on + timedelta(days=number), time(9)),
            ends_at=instant(on + timedelta(days=number), time(15, 30)),
            online_url="https://meet.example/x",
            status=status,
        )
        db.add(row)
        db.flush()
        for urn, mark in marks:
            db.add(SessionAttendance(session_id=row.id, person_id=people[urn], status=mark))
    db.flush()

    held = [s for s in sessions if s[1] == "scheduled"]
    staff = sign_in(role=Role.HUB_ADMIN, hub_id="north")
    response = staff.get(f"{API}/attendance")
    assert response.status_code == 200, response.text
    (group,) = response.json()["groups"]
    assert [s["number"] for s in group["sessions"]] == [n for n, _, _ in held]
    for (_, _, marks), found in zip(held, group["sessions"], strict=True):
        present = sum(1 for _, m in marks if m == "present")
        assert (found["present"], found["recorded"]) == (present, len(marks))
        assert found["rate_percent"] == (round(100 * present / len(marks), 1) if marks else None)
    all_marks = [m for _, _, marks in held for _, m in marks]
    assert (group["present"], group["recorded"]) == (all_marks.count("present"), len(all_marks))
    # Primary Development's minimum is ten days: 400001's teacher came to two whole days.
    # 400009's teacher is not a member's, 400003 and the other members sent no one.
    assert group["minimum_days"] == 10
    short = {s["urn"]: (s["days"], s["shortfall_days"]) for s in group["short_of_minimum"]}
    members = [s.urn for s in SCHOOLS if s.member_this_year] + ["400003"]
    assert short == {urn: ((2.0, 8.0) if urn == "400001" else (0.0, 10.0)) for urn in members}

    rows = csv_rows(staff.get(f"{API}/attendance.csv"))
    assert [(r["session_number"], r["present"], r["recorded"]) for r in rows] == [
        ("", str(group["present"]), str(group["recorded"])),
        *((str(s["number"]), str(s["present"]), str(s["recorded"])) for s in group["sessions"]),
    ]
    release = csv_rows(staff.get(f"{API}/attendance.csv", params={"table": "release_time"}))
    assert {r["urn"]: (float(r["days"]), float(r["shortfall_days"])) for r in release} == short

    south = sign_in(role=Role.HUB_ADMIN, hub_id="south").get(f"{API}/attendance").json()
    assert south["groups"] == []


def test_a_hubs_new_area_makes_the_kept_answer_stale(world: World, sign_in: SignIn) -> None:
    national = sign_in(role=Role.NATIONAL_ADMIN)
    before = figures(national.get(f"{API}/coverage", params={"by": "hub"}).json())
    assert before == expected_coverage(by_hub, TODAY, None)
    staff = sign_in(role=Role.HUB_ADMIN, hub_id="north")
    changed = staff.put("/api/v1/hubs/north/local-authorities", json={"codes": ["301"]})
    assert changed.status_code == 200, changed.text
    HUB_OF_LA["302"] = ""  # no hub's area now
    try:
        after = figures(national.get(f"{API}/coverage", params={"by": "hub"}).json())
        assert after == expected_coverage(by_hub, TODAY, None)
    finally:
        HUB_OF_LA["302"] = "north"
