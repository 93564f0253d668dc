"""The public timetable at national scale, served as in production, under 16 connections.

    uv run python bench/timetable.py [--postgres postgresql://postgres@127.0.0.1:5432/mathshubs_bench]
                                     [--port 8791] [--workers 2] [--connections 16] [--seconds 10]
                                     [--warmup 2] [--rounds 2] [--page-requests 200]
                                     [--cold-requests 40] [--seed 2024] [--no-spread] [--keep]

Creates the PostgreSQL database named (dropped first if it exists; never use the test suite's),
migrates it with Alembic, and fills it with bulk inserts: 40 hubs, 24,000 schools, ten academic
years (2017-18 to 2026-27), four to six programmes per hub and year, Mastery Specialists and
schools' maths leads, Work Groups with their schools and participants, and about 30,000 sessions
(times in Europe/London, UTC instants derived as the domain derives them; a few cancelled or
moved, a few programmes still draft). Then it starts `mathshubs serve --workers N` as production
runs it (ENVIRONMENT=production, a random SECRET_KEY, access log on, mail sender off) and loads it
with one asyncio process keeping N keep-alive HTTP/1.1 connections busy (a small raw client, so
that the client's own cost, on the same cores, stays small beside the server's). The workers
share one listening socket and the kernel may give one of them every connection, so the
connections are first spread evenly over the workers, as a load balancer would (--no-spread
leaves them where they land):

- /api/v1/health, the baseline;
- the timetable of the busiest hub and year as JSON (limit=200, first page) and as iCalendar;
- both again sending If-None-Match with their ETag (the 304 path);

taken in turn, in two rounds (--rounds), so that whatever else the machine does falls on all.

Each prints requests per second, p50 and p99 latency, the body size, the answers that were not
the expected status, and the CPU the server processes and the PostgreSQL backends spent per
request. Then, one request at a time: the same hub-year timetables with the cache emptied before
each request (a data-version raise, as any session change does), and page 500 against page 1 of
two lists: /schools?limit=40 (an API key from `mathshubs create-api-key`; never cached, so each
request runs the query) and /timetable?limit=50 (cached per process, so timed both from the cache
and with the cache emptied before each request). The database is dropped at the end unless --keep.

Aims: the JSON and iCalendar timetables at least half of health's throughput, with p99 under
50 ms; page 500 within 1.2x of page 1.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import uvloop
from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, Table, create_engine, insert, text
from sqlalchemy.engine import make_url

from api.domain.academic_year import AcademicYear
from api.domain.establishments import Standing, standing_of
from api.domain.work_groups import default_bounds, instant
from api.persistence.data_version_watch import CHANNEL, payload
from api.persistence.models import (
    AcademicYearRow,
    DataVersion,
    Hub,
    HubLocalAuthority,
    LocalAuthority,
    Person,
    Programme,
    School,
    WorkGroup,
    WorkGroupParticipant,
    WorkGroupSchool,
    WorkGroupSession,
)
from api.settings import PROJECT_ROOT
from bench.gias import KINDS

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/mathshubs_bench"
HUBS = 40
SCHOOLS = 24_000
YEARS = tuple(AcademicYear(start) for start in range(2017, 2027))
LOCAL_AUTHORITIES = 152
# How long a server's listener is given to hear of a data version raise.
NOTIFICATION_GRACE_SECONDS = 0.05
SPECIALISTS_PER_HUB = 20
API = "/api/v1"
PAGE = 500  # the deep page compared with the first

# Aims
MIN_THROUGHPUT_RATIO = 0.5
MAX_P99_MS = 50.0
MAX_PAGE_RATIO = 1.2

STATUSES = ("Open",) * 16 + ("Closed", "Open, but proposed to close")
PLACES = (
    "Oakfield", "Beech Hill", "Ashworth", "Millbrook", "Kingsley", "Westgate", "Fenwick",
    "Harrow Green", "Lindley", "Marsh Lane", "Northcote", "Elmwood", "Brackenfield", "Castleton",
    "Dunmore", "Fairview", "Greenbank", "Highfield", "Ivybridge", "Larkhill", "Moorside",
    "Newlands", "Orchard", "Parkside", "Queensway", "Riverside", "Southmead", "Thornbury",
    "Upton", "Valley Road", "Woodlands", "Yew Tree",
)  # fmt: skip
SAINTS = ("St Bede’s", "St Mary’s", "St John’s", "All Saints’", "Holy Trinity", "Christ Church")
SCHOOL_KIND = {
    "Primary": ("Primary School", "Primary Academy", "CofE Primary School", "Junior School"),
    "Secondary": ("High School", "Academy", "School", "Community College"),
    "All-through": ("All-through School", "Academy"),
    "Not applicable": ("Special School", "School"),
    "16 plus": ("College", "Sixth Form College"),
}
FIRST_NAMES = ("Amira", "Ben", "Chloe", "Dev", "Ella", "Femi", "Grace", "Harry", "Isla", "Jamal")
LAST_NAMES = ("Ahmed", "Brown", "Clarke", "Davies", "Evans", "Fraser", "Green", "Hughes", "Khan")
# (title, stage, phase, audience, programme type)
PROGRAMMES = (
    ("Primary Mastery Development Programme", "development", "primary", "schools",
     "primary_development"),
    ("Primary Mastery Embedding Programme", "embedding", "primary", "schools",
     "primary_embedding"),
    ("Primary Teaching for Mastery – Sustaining", "sustaining", "primary", "schools",
     "primary_sustaining"),
    ("Secondary Teaching for Mastery – Development Work Group", "development", "secondary",
     "schools", "secondary_development"),
    ("Secondary Teaching for Mastery – Embedding", "embedding", "secondary", "schools",
     "secondary_embedding"),
    ("Secondary Teaching for Mastery – Sustaining", "sustaining", "secondary", "schools",
     "secondary_sustaining"),
    ("Specialist Knowledge for Teaching Mathematics – Primary Teachers", "specialist_knowledge",
     "primary", "teachers", "sktm_primary_teachers_number"),
    ("Specialist Knowledge for Teaching Mathematics – Primary Teaching Assistants",
     "specialist_knowledge", "primary", "teaching_assistants",
     "sktm_primary_teaching_assistants"),
)  # fmt: skip
# Which programmes' groups a school of each GIAS phase may join.
TAUGHT = {
    "Primary": ("primary",),
    "Secondary": ("secondary",),
    "All-through": ("primary", "secondary"),
}
SESSION_KINDS = {
    "development": (("trg_meeting", 6), ("workshop", 2), ("school_visit", 1)),
    "embedding": (("collaborative_planning", 4), ("school_visit", 2), ("workshop", 1)),
    "sustaining": (("collaborative_planning", 3), ("head_teacher_update", 1), ("workshop", 1)),
    "specialist_knowledge": (("workshop", 1),),
}
SESSION_TIMES = (
    (clock(9, 0), clock(15, 30)),
    (clock(13, 0), clock(16, 0)),
    (clock(15, 45), clock(17, 30)),
    (clock(9, 30), clock(12, 0)),
)

Row = dict[str, Any]


# The data set


@dataclass
class Dataset:
    rows: dict[str, list[Row]] = field(default_factory=dict)

    def table(self, name: str) -> list[Row]:
        return self.rows.setdefault(name, [])


def project_code(year: AcademicYear, title: str) -> str:
    """The national project code the hubs share for one kind of programme in one year,
    NCP<yy>-<nn> as the API answers with it (api.domain.programme_code); the database refuses
    any other shape."""
    number = next(n for n, programme in enumerate(PROGRAMMES, start=1) if programme[0] == title)
    return f"NCP{year.start_year % 100:02d}-{number:02d}"


def build_dataset(seed: int) -> Dataset:
    """Every row, in memory, from a fixed seed: the same data set on every run."""
    rnd = random.Random(seed)
    data = Dataset()
    stamp = datetime(2017, 7, 1, 12, tzinfo=UTC)
    stamps = {"created_at": stamp, "updated_at": stamp}

    hub_ids = [f"hub-{n + 1:02d}" for n in range(HUBS)]
    for n, hub_id in enumerate(hub_ids):
        place = PLACES[n % len(PLACES)]
        data.table("hub").append(
            {
                "id": hub_id,
                "name": f"{place} Maths Hub {n + 1:02d}",
                "area": f"{place} and the surrounding authorities",
                "contact_name": None,
                "contact_email": f"enquiries@{hub_id}.example",
                "website": f"https://{hub_id}.example",
                **stamps,
            }
        )
    for year in YEARS:
        data.table("academic_year").append(
            {
                "id": year.slug,
                "label": year.label,
                "starts_on": year.starts_on,
                "ends_on": year.ends_on,
            }
        )

    la_codes = [str(201 + n) for n in range(LOCAL_AUTHORITIES)]
    hub_of_la = {code: hub_ids[n % HUBS] for n, code in enumerate(la_codes)}
    for code in la_codes:
        data.table("local_authority").append({"code": code, "name": f"Authority {code}"})
        data.table("hub_local_authority").append({"la_code": code, "hub_id": hub_of_la[code]})

    # Schools a hub's groups draw on: open and state-funded, by phase.
    candidates: dict[tuple[str, str], list[str]] = {}
    hub_schools: dict[str, list[str]] = {hub_id: [] for hub_id in hub_ids}
    weights = [k[0] for k in KINDS]
    for n in range(SCHOOLS):
        _, group, kind, phase = rnd.choices(KINDS, weights)[0]
        status = rnd.choice(STATUSES)
        la = rnd.choice(la_codes)
        urn = str(100000 + n)
        country = "Wales" if group == "Welsh schools" else None
        funded = (
            standing_of(group, kind, status, country or "").standing
            is Standing.STATE_FUNDED_IN_ENGLAND
        )
        place = rnd.choice(PLACES + SAINTS)
        low, high = {"Primary": (4, 11), "Secondary": (11, 18)}.get(phase, (3, 19))
        data.table("school").append(
            {
                "urn": urn,
                "name": f"{place} {rnd.choice(SCHOOL_KIND[phase])}",
                "type_of_establishment": kind,
                "type_group": group,
                "status": status,
                "phase_of_education": phase,
                "la_code": la,
                "street": f"{rnd.randint(1, 200)} {rnd.choice(PLACES)} Road",
                "town": rnd.choice(PLACES),
                "postcode": f"LS{rnd.randint(1, 29)} {rnd.randint(1, 9)}AB",
                "telephone": f"0113 {rnd.randint(100, 999)} {rnd.randint(1000, 9999)}",
                "head_first_name": rnd.choice(FIRST_NAMES),
                "head_last_name": rnd.choice(LAST_NAMES),
                "country": country,
                "statutory_low_age": low,
                "statutory_high_age": high,
                "open_date": date(rnd.randint(1950, 2016), 9, 1),
                "close_date": date(2023, 8, 31) if status == "Closed" else None,
                "last_changed_date": date(2026, rnd.randint(1, 10), rnd.randint(1, 28)),
                "state_funded": funded,
                **stamps,
            }
        )
        hub_id = hub_of_la[la]
        hub_schools[hub_id].append(urn)
        if funded:
            for taught in TAUGHT.get(phase, ()):
                candidates.setdefault((hub_id, taught), []).append(urn)

    people = data.table("person")
    specialists: dict[str, list[int]] = {}
    for hub_id in hub_ids:
        for n in range(SPECIALISTS_PER_HUB):
            people.append(
                {
                    "id": len(people) + 1,
                    "name": f"{rnd.choice(FIRST_NAMES)} {rnd.choice(LAST_NAMES)}",
                    "email": f"specialist{n + 1}@{hub_id}.example",
                    "roles": ["mastery_specialist", "teacher"],
                    "began_teaching": rnd.randint(1995, 2015),
                    "school_urn": rnd.choice(hub_schools[hub_id]),
                    "hub_id": hub_id,
                    "version": 1,
                    **stamps,
                }
            )
            specialists.setdefault(hub_id, []).append(len(people))
    maths_lead: dict[str, int] = {}  # by URN, added as their school first joins a group

    def lead_of(urn: str, hub_id: str) -> int:
        if urn not in maths_lead:
            people.append(
                {
                    "id": len(people) + 1,
                    "name": f"{rnd.choice(FIRST_NAMES)} {rnd.choice(LAST_NAMES)}",
                    "email": f"maths.lead.{urn}@school.example",
                    "roles": ["maths_lead", "teacher"],
                    "began_teaching": rnd.randint(1995, 2022),
                    "school_urn": urn,
                    "hub_id": hub_id,
                    "version": 1,
                    **stamps,
                }
            )
            maths_lead[urn] = len(people)
        return maths_lead[urn]

    programmes = data.table("programme")
    groups = data.table("work_group")
    sessions = data.table("work_group_session")
    for hub_id in hub_ids:
        for year in YEARS:
            year_stamp = datetime(year.start_year, 7, 1, 12, tzinfo=UTC)
            for title, stage, phase, audience, kind in rnd.sample(PROGRAMMES, rnd.randint(4, 6)):
                if rnd.random() < 0.04:
                    status = "draft"
                elif year.start_year < 2025:
                    status = "closed"
                elif year.start_year == 2025:
                    status = rnd.choice(("open", "fully_booked", "closed"))
                else:
                    status = "open"
                programme_id = len(programmes) + 1
                programmes.append(
                    {
                        "id": programme_id,
                        "hub_id": hub_id,
                        "academic_year_id": year.slug,
                        "code": project_code(year, title),
                        "title": title,
                        "stage": stage,
                        "phase": phase,
                        "audience": audience,
                        "programme_type": kind,
                        "eligibility_rules": [],
                        "status": status,
                        "summary": f"{title}, offered by the hub in {year.label}.",
                        "who_can_take_part": "State-funded schools in the hub's area.",
                        "what_is_involved": "",
                        "how_to_apply": "",
                        "applications_open_on": None,
                        "closing_date": None,
                        "milestones": [],
                        "capacity_places": None,
                        "capacity_unit": None,
                        "session_plan": [],
                        "time_commitment": None,
                        "funding": {"free_to_participate": True, "grants": []},
                        "commitments": [],
                        "application_form": {},
                        "contact_name": None,
                        "contact_email": None,
                        "version": 1,
                        "created_at": year_stamp,
                        "updated_at": year_stamp,
                    }
                )
                pool = candidates.get((hub_id, phase)) or hub_schools[hub_id]
                bounds = default_bounds(kind)
                for g in range(rnd.randint(1, 4)):
                    group_id = len(groups) + 1
                    groups.append(
                        {
                            "id": group_id,
                            "hub_id": hub_id,
                            "programme_id": programme_id,
                            "academic_year_id": year.slug,
                            "name": f"{rnd.choice(PLACES)} {stage.replace('_', ' ')} group {g + 1}",
                            "lead_person_id": rnd.choice(specialists[hub_id]),
                            "max_schools": bounds.max_schools,
                            "max_participants": bounds.max_participants,
                            "version": 1,
                            "created_at": year_stamp,
                            "updated_at": year_stamp,
                        }
                    )
                    members = rnd.sample(pool, min(len(pool), rnd.randint(4, 7)))
                    for urn in members:
                        data.table("work_group_school").append(
                            {"work_group_id": group_id, "school_urn": urn, "added_at": year_stamp}
                        )
                        data.table("work_group_participant").append(
                            {
                                "work_group_id": group_id,
                                "person_id": lead_of(urn, hub_id),
                                "added_at": year_stamp,
                            }
                        )
                    sessions.extend(
                        _sessions(rnd, year, stage, group_id, members, hub_id, len(sessions))
                    )
    data.table("data_version").append({"id": 1, "version": 1, "stamp": secrets.token_hex(16)})
    return data


def _sessions(
    rnd: random.Random,
    year: AcademicYear,
    stage: str,
    group_id: int,
    members: Sequence[str],
    hub_id: str,
    first_id: int,
) -> list[Row]:
    """A group's four to eight meetings, spread from late September to mid July, on weekdays."""
    count = rnd.randint(4, 8)
    start = date(year.start_year, 9, 20)
    slot = (date(year.start_year + 1, 7, 10) - start).days // count
    kinds, weights = zip(*SESSION_KINDS[stage], strict=True)
    rows = []
    for number in range(1, count + 1):
        on = start + timedelta(days=(number - 1) * slot + rnd.randint(0, 10))
        on += timedelta(days=7 - on.weekday() if on.weekday() >= 5 else 0)  # to Monday
        starts, ends = rnd.choice(SESSION_TIMES)
        online = rnd.random() < 0.15
        roll = rnd.random()
        changed = datetime(year.start_year, 9, 1, 12, tzinfo=UTC) + timedelta(days=number)
        rows.append(
            {
                "id": first_id + number,
                "work_group_id": group_id,
                "number": number,
                "kind": rnd.choices(kinds, weights)[0],
                "held_on": on,
                "start_time": starts,
                "end_time": ends,
                "timezone": "Europe/London",
                "starts_at": instant(on, starts),
                "ends_at": instant(on, ends),
                "half_term": None,
                "host_school_urn": None if online else rnd.choice(members),
                "online_url": f"https://meet.example/{hub_id}/{group_id}/{number}"
                if online
                else None,
                "status": "cancelled" if roll < 0.04 else "scheduled",
                "sequence": 1 if roll < 0.10 else 0,  # cancelled, or moved once
                "history": [],
                "note": None,
                "version": 1,
                "created_at": changed,
                "updated_at": changed,
            }
        )
    return rows


TABLES: tuple[tuple[str, Any], ...] = (
    ("hub", Hub),
    ("academic_year", AcademicYearRow),
    ("local_authority", LocalAuthority),
    ("hub_local_authority", HubLocalAuthority),
    ("school", School),
    ("person", Person),
    ("programme", Programme),
    ("work_group", WorkGroup),
    ("work_group_school", WorkGroupSchool),
    ("work_group_participant", WorkGroupParticipant),
    ("work_group_session", WorkGroupSession),
)
SERIAL_TABLES = ("person", "programme", "work_group", "work_group_session")


def load_dataset(engine: Engine, data: Dataset) -> None:
    """Bulk inserts (SQLAlchemy Core, many rows a statement) in one transaction, then the
    sequences moved past the ids given, and VACUUM ANALYZE as autovacuum would in time."""
    with engine.begin() as connection:
        for name, model in TABLES:
            _insert(connection, cast(Table, model.__table__), data.table(name))
        for name in SERIAL_TABLES:
            connection.execute(
                text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), max(id)) FROM {name}")
            )
        if connection.scalar(text("SELECT count(*) FROM data_version")):
            connection.execute(
                text("UPDATE data_version SET stamp = :stamp"), data.table("data_version")[0]
            )
        else:
            _insert(connection, cast(Table, DataVersion.__table__), data.table("data_version"))
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE"))


def _insert(connection: Connection, table: Table, rows: list[Row], batch: int = 5_000) -> None:
    for start in range(0, len(rows), batch):
        connection.execute(insert(table), rows[start : start + batch])


# The database


def migrate(engine: Engine) -> None:
    with engine.begin() as connection:
        config = Config(str(PROJECT_ROOT / "alembic.ini"))
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def engine_for(url: str, **options: Any) -> Engine:
    return create_engine(make_url(url).set(drivername="postgresql+psycopg"), **options)


@contextmanager
def scratch_database(url: str, *, keep: bool) -> Iterator[Engine]:
    """The database named, dropped and created afresh (from the `postgres` maintenance
    database), and dropped again afterwards unless `keep`."""
    name = make_url(url).database
    if not name or name in ("postgres", "test", "template0", "template1"):
        raise SystemExit(
            f"Refusing to drop and recreate the database {name!r}; name a scratch one."
        )
    admin = engine_for(
        make_url(url).set(database="postgres").render_as_string(hide_password=False),
        isolation_level="AUTOCOMMIT",
    )
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine = engine_for(url)
    try:
        yield engine
    finally:
        engine.dispose()
        if not keep:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def busiest_hub_year(engine: Engine) -> tuple[str, str, int]:
    """The hub and year with the most published sessions (the timetable's own filter)."""
    with engine.connect() as connection:
        row = connection.execute(
            text(
                "SELECT g.hub_id, g.academic_year_id, count(*) FROM work_group_session s "
                "JOIN work_group g ON g.id = s.work_group_id "
                "JOIN programme p ON p.id = g.programme_id WHERE p.status <> 'draft' "
                "GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT 1"
            )
        ).one()
    return str(row[0]), str(row[1]), int(row[2])


def published_sessions(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(
            connection.scalar(
                text(
                    "SELECT count(*) FROM work_group_session s "
                    "JOIN work_group g ON g.id = s.work_group_id "
                    "JOIN programme p ON p.id = g.programme_id WHERE p.status <> 'draft'"
                )
            )
            or 0
        )


# The server


def mathshubs() -> list[str]:
    script = Path(sys.executable).parent / "mathshubs"
    return [str(script)] if script.exists() else ["uv", "run", "mathshubs"]


def server_env(url: str, host: str, port: int) -> dict[str, str]:
    return {
        **os.environ,
        "ENVIRONMENT": "production",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "DATABASE_URL": url,
        "MAIL_SENDER_ENABLED": "false",
        "SQL_ECHO": "false",
        "HOST": host,
        "PORT": str(port),
        # Every request is counted (the cost is part of what is measured), none refused: the
        # load comes from one key and one address, far past any real caller's limit.
        "RATE_LIMIT_KEY_PER_MINUTE": "100000000",
        "RATE_LIMIT_ANONYMOUS_PER_MINUTE": "100000000",
    }


def create_api_key(url: str) -> str:
    """A national key with schools:read, issued by the operators' command."""
    done = subprocess.run(
        [*mathshubs(), "create-api-key", "--name", "bench", "--scope", "schools:read"],
        env={**os.environ, "DATABASE_URL": url},
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return [line for line in done.stdout.splitlines() if line.startswith("mh_")][-1]


def port_is_free(host: str, port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


@contextmanager
def serving(url: str, host: str, port: int, workers: int, log: Path) -> Iterator[int]:
    """`mathshubs serve` in its own process group, until /api/v1/health answers 200; yields the
    group's id, and ends the whole group (supervisor and workers) afterwards."""
    started = time.perf_counter()
    with log.open("wb") as output:
        process = subprocess.Popen(
            [*mathshubs(), "serve", "--workers", str(workers)],
            env=server_env(url, host, port),
            cwd=PROJECT_ROOT,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                raise SystemExit(f"The server stopped (exit {process.returncode}):\n{tail(log)}")
            if time.monotonic() > deadline:
                raise SystemExit(f"The server did not answer within 90 s:\n{tail(log)}")
            try:
                with urllib.request.urlopen(f"http://{host}:{port}{API}/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.2)
        time.sleep(1.0)  # let every worker finish starting, not only the first to answer
        print(
            f"server: mathshubs serve --workers {workers}, ENVIRONMENT=production, on "
            f"http://{host}:{port}, answered in {time.perf_counter() - started:.1f} s; worker "
            f"processes {', '.join(map(str, worker_pids(process.pid)))}"
        )
        yield process.pid
    finally:
        stop(process)


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def tail(log: Path, lines: int = 30) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


# CPU accounting, from /proc: the server's process group and the database's backends.

TICKS = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str] | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return raw[raw.rindex(")") + 2 :].split()


def _cpu(fields: list[str]) -> float:
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def group_cpu(pgid: int) -> dict[int, float]:
    """CPU seconds so far of each process in the group."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat(int(entry.name))
            if fields is not None and int(fields[2]) == pgid:
                found[int(entry.name)] = _cpu(fields)
    return found


def worker_pids(pgid: int) -> list[int]:
    """uvicorn's worker processes (spawned by multiprocessing), or its only process."""
    spawned = []
    for pid in group_cpu(pgid):
        try:
            if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes():
                spawned.append(pid)
        except OSError:
            continue
    return sorted(spawned) or [pgid]


def worker_by_client_port(pgid: int, port: int) -> dict[int, int]:
    """Which server process holds the accepted socket of each client port (from /proc)."""
    owner = {}
    for pid in group_cpu(pgid):
        try:
            descriptors = list(Path(f"/proc/{pid}/fd").iterdir())
        except OSError:
            continue
        for descriptor in descriptors:
            try:
                link = os.readlink(descriptor)
            except OSError:
                continue
            if link.startswith("socket:["):
                owner[link[8:-1]] = pid
    found = {}
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            local, remote, inode = fields[1], fields[2], fields[9]
            if int(local.rsplit(":", 1)[1], 16) == port and inode in owner:
                found[int(remote.rsplit(":", 1)[1], 16)] = owner[inode]
    return found


async def spread(
    connections: Sequence[HttpConnection], pgid: int, *, even: bool, attempts: int = 300
) -> list[int]:
    """Open every connection; with `even`, reopen connections of the busiest worker until the
    workers hold equal shares (as a load balancer in front of the processes would spread them;
    the kernel hands a shared listening socket's connections to whichever worker accepts first,
    and one worker may get all of them). Answers the connections each worker holds."""
    workers = worker_pids(pgid)
    health = f"{API}/health"
    await asyncio.gather(*(connection.get(health) for connection in connections))
    for _ in range(attempts):
        where = worker_by_client_port(pgid, connections[0].port)
        held = {
            pid: [c for c in connections if where.get(c.local_port or 0) == pid] for pid in workers
        }
        counts = [len(held[pid]) for pid in workers]
        if not even or max(counts) - min(counts) <= 1:
            break
        moved = max(held.values(), key=len)[0]
        await moved.close()
        await moved.get(health)
    return counts


def backends_cpu(monitor: Connection) -> dict[int, float]:
    """CPU seconds so far of every other backend connected to this database."""
    pids = monitor.scalars(
        text(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        )
    )
    found = {}
    for pid in pids:
        fields = _stat(int(pid))
        if fields is not None:
            found[int(pid)] = _cpu(fields)
    return found


def spent(before: Mapping[int, float], after: Mapping[int, float]) -> dict[int, float]:
    return {pid: cpu - before.get(pid, 0.0) for pid, cpu in after.items()}


# A small HTTP/1.1 client: keep-alive GETs, little work per request.


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes


class HttpConnection:
    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.port = port
        self._streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    @property
    def local_port(self) -> int | None:
        if self._streams is None:
            return None
        return int(self._streams[1].get_extra_info("sockname")[1])

    async def get(self, target: str, headers: Mapping[str, str] | None = None) -> Reply:
        if self._streams is None:
            self._streams = await asyncio.open_connection(self.host, self.port)
        reader, writer = self._streams
        lines = [f"GET {target} HTTP/1.1", f"Host: {self.host}:{self.port}", "Accept: */*"]
        lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
        try:
            writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
            head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1")
            status_line, *header_lines = head.split("\r\n")
            fields = {}
            for line in header_lines:
                if line:
                    name, _, value = line.partition(":")
                    fields[name.strip().lower()] = value.strip()
            if "content-length" in fields:
                body = await reader.readexactly(int(fields["content-length"]))
            elif fields.get("transfer-encoding", "").lower() == "chunked":
                body = await self._chunked(reader)
            else:
                body = b""
        except BaseException:
            await self.close()
            raise
        if fields.get("connection", "").lower() == "close":
            await self.close()
        return Reply(int(status_line.split(" ", 2)[1]), fields, body)

    @staticmethod
    async def _chunked(reader: asyncio.StreamReader) -> bytes:
        parts = []
        while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
            parts.append(await reader.readexactly(size))
            await reader.readexactly(2)
        await reader.readuntil(b"\r\n")  # no trailers are sent
        return b"".join(parts)

    async def close(self) -> None:
        if self._streams is not None:
            writer = self._streams[1]
            self._streams = None
            writer.close()
            with suppress(OSError):
                await writer.wait_closed()


# Load


@dataclass
class Result:
    label: str
    expected: int
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    statuses: Counter[int | str] = field(default_factory=Counter)
    size: int = 0
    server_cpu: dict[int, float] = field(default_factory=dict)
    db_cpu: float = 0.0
    client_cpu: float = 0.0

    @property
    def count(self) -> int:
        return len(self.latencies)

    @property
    def rate(self) -> float:
        return self.count / self.seconds if self.seconds else 0.0

    @property
    def unexpected(self) -> int:
        return sum(n for status, n in self.statuses.items() if status != self.expected)

    def percentile_ms(self, q: float) -> float:
        return percentile(sorted(self.latencies), q) * 1000


def percentile(ordered: Sequence[float], q: float) -> float:
    """Nearest rank: the smallest value with at least q of them at or below it."""
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)] if ordered else math.nan


async def hammer(
    connections: Sequence[HttpConnection],
    target: str,
    headers: Mapping[str, str],
    seconds: float,
    result: Result | None,
) -> float:
    """Every connection sends the request again as soon as it has its answer, until `seconds`
    have passed; with a result, each latency and status is recorded. Answers the time taken."""
    start = time.perf_counter()
    deadline = start + seconds

    async def loop(connection: HttpConnection) -> None:
        while (sent := time.perf_counter()) < deadline:
            try:
                reply = await connection.get(target, headers)
                status: int | str = reply.status
            except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
                status, reply = type(exc).__name__, Reply(0, {}, b"")
            if result is not None:
                result.latencies.append(time.perf_counter() - sent)
                result.statuses[status] += 1
                result.size = len(reply.body)

    await asyncio.gather(*(loop(connection) for connection in connections))
    return time.perf_counter() - start


@dataclass(frozen=True)
class Target:
    label: str
    path: str
    headers: Mapping[str, str]
    expected: int


def run_load(
    runner: asyncio.Runner,
    connections: Sequence[HttpConnection],
    targets: Sequence[Target],
    *,
    seconds: float,
    warmup: float,
    rounds: int,
    pgid: int,
    monitor: Connection,
) -> list[Result]:
    """Each target in turn, `rounds` times over, seconds/rounds each time, so that whatever
    else the machine does in the meantime falls on every target alike; a warm-up before the
    first round of each."""
    results = [Result(target.label, target.expected) for target in targets]
    for round_ in range(rounds):
        for target, result in zip(targets, results, strict=True):
            if round_ == 0:
                runner.run(hammer(connections, target.path, target.headers, warmup, None))
            server, db, client = group_cpu(pgid), backends_cpu(monitor), time.process_time()
            result.seconds += runner.run(
                hammer(connections, target.path, target.headers, seconds / rounds, result)
            )
            result.client_cpu += time.process_time() - client
            for pid, cpu in spent(server, group_cpu(pgid)).items():
                result.server_cpu[pid] = result.server_cpu.get(pid, 0.0) + cpu
            result.db_cpu += sum(spent(db, backends_cpu(monitor)).values())
    return results


def print_load_header() -> None:
    print(
        f"{'target':34} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'bytes':>8} "
        f"{'unexpected':>10}  {'CPU µs/req: server':>18} {'db':>5} {'client':>6}  worker split"
    )


def print_load(result: Result) -> None:
    per = 1e6 / result.count if result.count else math.nan
    workers = sorted(result.server_cpu.values(), reverse=True)
    total = sum(workers) or 1.0
    split = " / ".join(f"{100 * cpu / total:.0f}%" for cpu in workers if cpu > 0.01 * total)
    odd = ", ".join(f"{s}×{n}" for s, n in result.statuses.items() if s != result.expected)
    print(
        f"{result.label:34} {result.rate:8,.0f} {result.percentile_ms(0.5):7.2f} "
        f"{result.percentile_ms(0.99):7.2f} {result.size:8,} {result.unexpected:10,}  "
        f"{sum(workers) * per:18,.0f} {result.db_cpu * per:5,.0f} {result.client_cpu * per:6,.0f}"
        f"  {split}" + (f"  ({odd})" if odd else "")
    )


# One request at a time


def raise_data_version(monitor: Connection) -> None:
    """What any group or session change does: every process's cached timetable is now stale.
    The servers hear of it by notification, as from the API, and are given a moment to."""
    version, stamp = monitor.execute(
        text(
            "UPDATE data_version SET version = version + 1, stamp = md5(random()::text) "
            "RETURNING version, stamp"
        )
    ).one()
    monitor.execute(
        text("SELECT pg_notify(:channel, :payload)"),
        {"channel": CHANNEL, "payload": payload(version, stamp)},
    )
    time.sleep(NOTIFICATION_GRACE_SECONDS)


async def timed(connection: HttpConnection, target: str, headers: Mapping[str, str]) -> float:
    start = time.perf_counter()
    reply = await connection.get(target, headers)
    took = time.perf_counter() - start
    if reply.status != 200:
        raise SystemExit(f"GET {target} answered {reply.status}: {reply.body[:300]!r}")
    return took


async def walk(
    connection: HttpConnection, path: str, query: Mapping[str, str], headers: Mapping[str, str]
) -> str:
    """Follow next_cursor from page 1 and answer the cursor that fetches page PAGE."""
    cursor = None
    for _ in range(PAGE - 1):
        params = dict(query) | ({"cursor": cursor} if cursor else {})
        reply = await connection.get(f"{path}?{urlencode(params)}", headers)
        if reply.status != 200:
            raise SystemExit(f"GET {path} answered {reply.status}: {reply.body[:300]!r}")
        cursor = _next_cursor(reply.body)
        if cursor is None:
            raise SystemExit(f"{path} has fewer than {PAGE} pages of {query}")
    assert cursor is not None
    return cursor


def _next_cursor(body: bytes) -> str | None:
    found = json.loads(body)["next_cursor"]
    return str(found) if found else None


def compare_pages(
    runner: asyncio.Runner,
    connection: HttpConnection,
    path: str,
    query: Mapping[str, str],
    cursor: str,
    *,
    requests: int,
    headers: Mapping[str, str] | None = None,
    before_each: Any = None,
) -> tuple[list[float], list[float]]:
    """Page 1 and page PAGE, alternately, one request at a time (a warm-up pair first)."""
    first = f"{path}?{urlencode(query)}"
    deep = f"{path}?{urlencode(dict(query) | {'cursor': cursor})}"
    times: tuple[list[float], list[float]] = ([], [])
    for n in range(requests + 1):
        for target, into in ((first, times[0]), (deep, times[1])):
            if before_each is not None:
                before_each()
            took = runner.run(timed(connection, target, headers or {}))
            if n:
                into.append(took)
    return times


def describe(times: Sequence[float]) -> str:
    ordered = sorted(times)
    median, p99 = percentile(ordered, 0.5) * 1000, percentile(ordered, 0.99) * 1000
    return f"median {median:6.2f} ms, p99 {p99:6.2f} ms"


def page_line(label: str, times: tuple[list[float], list[float]]) -> float:
    ratio = percentile(sorted(times[1]), 0.5) / percentile(sorted(times[0]), 0.5)
    print(f"  {label}")
    print(f"    page 1:   {describe(times[0])}")
    print(f"    page {PAGE}: {describe(times[1])}")
    print(f"    page {PAGE} / page 1 (medians): {ratio:.2f}")
    return ratio


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT MET"


# The run


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument(
        "--postgres",
        metavar="URL",
        default=DEFAULT_URL,
        help="a scratch database, dropped and created afresh (default %(default)s)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8791)
    parser.add_argument("--workers", type=int, default=2, help="server worker processes")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10.0, help="measured, per target")
    parser.add_argument("--warmup", type=float, default=2.0, help="unmeasured, per target")
    parser.add_argument("--rounds", type=int, default=2, help="the targets in turn, this often")
    parser.add_argument("--page-requests", type=int, default=200, help="per page and list")
    parser.add_argument("--cold-requests", type=int, default=40, help="per uncached timetable")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument(
        "--no-spread",
        action="store_true",
        help="leave the connections on the workers the kernel gave them to",
    )
    args = parser.parse_args()
    began = time.perf_counter()
    url = make_url(args.postgres).render_as_string(hide_password=False)
    if not port_is_free(args.host, args.port):
        raise SystemExit(f"Port {args.port} is taken; choose another with --port.")
    print(
        f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}; "
        f"database {make_url(url).render_as_string()}"
    )

    with scratch_database(url, keep=args.keep) as engine, tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        migrate(engine)
        migrated = time.perf_counter() - start
        start = time.perf_counter()
        data = build_dataset(args.seed)
        built = time.perf_counter() - start
        start = time.perf_counter()
        load_dataset(engine, data)
        loaded = time.perf_counter() - start
        counts = ", ".join(f"{name} {len(rows):,}" for name, rows in data.rows.items())
        print(
            f"data set (seed {args.seed}): migrated in {migrated:.1f} s, built in {built:.1f} s, "
            f"inserted and analysed in {loaded:.1f} s\n  rows: {counts}"
        )
        hub, year, busiest = busiest_hub_year(engine)
        published = published_sessions(engine)
        print(
            f"  published sessions (programme not draft): {published:,}; busiest hub-year "
            f"{hub} {year}: {busiest} sessions"
        )
        key = create_api_key(url)
        failures = 0
        with (
            serving(url, args.host, args.port, args.workers, Path(tmp) / "server.log") as pgid,
            engine.connect().execution_options(isolation_level="AUTOCOMMIT") as monitor,
            asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner,
        ):
            failures = measure(runner, args, hub, year, key, pgid, monitor)
    print(f"whole run: {time.perf_counter() - began:.0f} s")
    if failures:
        raise SystemExit(f"{failures} answers were not the expected status")


def measure(
    runner: asyncio.Runner,
    args: argparse.Namespace,
    hub: str,
    year: str,
    key: str,
    pgid: int,
    monitor: Connection,
) -> int:
    """Every measurement on the running server; answers how many answers were unexpected."""
    json_path = f"{API}/timetable?{urlencode({'hub': hub, 'academic_year': year, 'limit': 200})}"
    ics_path = f"{API}/timetable.ics?{urlencode({'hub': hub, 'academic_year': year})}"
    single = HttpConnection(args.host, args.port)
    etags = [runner.run(single.get(path)).headers.get("etag", "") for path in (json_path, ics_path)]
    connections = [HttpConnection(args.host, args.port) for _ in range(args.connections)]
    held = runner.run(spread(connections, pgid, even=not args.no_spread))
    common: dict[str, Any] = {
        "seconds": args.seconds,
        "warmup": args.warmup,
        "rounds": args.rounds,
        "pgid": pgid,
        "monitor": monitor,
    }
    print(
        f"\nload: {args.connections} keep-alive connections from one asyncio process (uvloop) "
        f"on the same machine, held by the workers {' + '.join(map(str, held))}"
        f"{' as the kernel gave them' if args.no_spread else ' (spread evenly)'}, the same for "
        f"every target;\n{args.seconds:g} s measured per target after {args.warmup:g} s of "
        f"warm-up, in {args.rounds} rounds of {args.seconds / args.rounds:g} s taking the targets "
        f"in turn; load average before: {os.getloadavg()[0]:.2f}.\n"
        "CPU µs/req: the server processes', the PostgreSQL backends' and this client's CPU time "
        "per request; worker split: the server CPU by process."
    )
    print_load_header()
    targets = (
        Target("GET /health", f"{API}/health", {}, 200),
        Target("timetable JSON, hub-year, limit=200", json_path, {}, 200),
        Target("timetable.ics, hub-year", ics_path, {}, 200),
        Target("timetable JSON, If-None-Match → 304", json_path, {"If-None-Match": etags[0]}, 304),
        Target("timetable.ics, If-None-Match → 304", ics_path, {"If-None-Match": etags[1]}, 304),
    )
    results = run_load(runner, connections, targets, **common)
    for result in results:
        print_load(result)
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    for connection in (*connections, single):
        runner.run(connection.close())
    health, as_json, as_ics = results[:3]

    print(
        f"\ncold: one request at a time, the data version raised before each (as any session "
        f"change does), so each request queries and renders ({args.cold_requests} each)"
    )
    single = HttpConnection(args.host, args.port)
    cold = {}
    for label, target in (("timetable JSON, hub-year", json_path), ("timetable.ics", ics_path)):
        times = []
        for _ in range(args.cold_requests):
            raise_data_version(monitor)
            times.append(runner.run(timed(single, target, {})))
        cold[label] = times
        print(f"  {label:26} {describe(times)}")

    print(f"\npage {PAGE} against page 1, one request at a time ({args.page_requests} each):")
    bearer = {"Authorization": f"Bearer {key}"}
    schools_query = {"limit": "40"}
    start = time.perf_counter()
    cursor = runner.run(walk(single, f"{API}/schools", schools_query, bearer))
    print(f"  walked /schools?limit=40 to page {PAGE} in {time.perf_counter() - start:.1f} s")
    schools = compare_pages(
        runner,
        single,
        f"{API}/schools",
        schools_query,
        cursor,
        requests=args.page_requests,
        headers=bearer,
    )
    schools_ratio = page_line(
        "/schools?limit=40 (API key; not cached: every request runs the keyset query)", schools
    )
    timetable_query = {"limit": "50"}
    start = time.perf_counter()
    cursor = runner.run(walk(single, f"{API}/timetable", timetable_query, {}))
    print(f"  walked /timetable?limit=50 to page {PAGE} in {time.perf_counter() - start:.1f} s")
    warm = compare_pages(
        runner, single, f"{API}/timetable", timetable_query, cursor, requests=args.page_requests
    )
    page_line("/timetable?limit=50 from the cache (version known from notifications)", warm)
    uncached = compare_pages(
        runner,
        single,
        f"{API}/timetable",
        timetable_query,
        cursor,
        requests=args.cold_requests * 2,
        before_each=lambda: raise_data_version(monitor),
    )
    timetable_ratio = page_line(
        "/timetable?limit=50 with the cache emptied before each request (query and render)",
        uncached,
    )
    runner.run(single.close())

    print("\naims:")
    for label, result in (("JSON", as_json), ("iCalendar", as_ics)):
        ratio = result.rate / health.rate
        p99 = result.percentile_ms(0.99)
        print(
            f"  timetable {label:9}: {ratio:.2f} of health's throughput (aim ≥ "
            f"{MIN_THROUGHPUT_RATIO}): {verdict(ratio >= MIN_THROUGHPUT_RATIO)}; p99 {p99:.1f} ms "
            f"(aim < {MAX_P99_MS:.0f} ms): {verdict(p99 < MAX_P99_MS)}"
        )
    for label, ratio in (
        ("/schools (uncached)", schools_ratio),
        ("/timetable (cache emptied)", timetable_ratio),
    ):
        print(
            f"  page {PAGE} / page 1, {label:26}: {ratio:.2f} (aim ≤ {MAX_PAGE_RATIO}): "
            f"{verdict(ratio <= MAX_PAGE_RATIO)}"
        )
    return sum(result.unexpected for result in results)


if __name__ == "__main__":
    main()
