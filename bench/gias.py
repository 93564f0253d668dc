"""The GIAS import at scale: 50,000 establishments imported twice, timed.

    uv run python bench/gias.py [--rows 50000] [--postgres postgresql://postgres@127.0.0.1:5432/test]
                                [--tracemalloc]

Writes a GIAS-format extract (full header, Windows-1252, CRLF) of made-up establishments in a
temporary directory, then imports it into a fresh SQLite file and, with --postgres, into a scratch
database `<name>_bench` created next to the one named and dropped afterwards; both are migrated
with Alembic. Each database gets three imports, each in its own transaction as `mathshubs
import-gias` runs it: the first creates every school, the second (the same file) finds every one
unchanged, the third (next month's extract, every row changed) updates every one.

Prints, per import, rows per second and seconds, and the peak memory: the process's maximum
resident set size (the high-water mark, whatever came before) and, with --tracemalloc, the peak
of Python allocations during that import (tracing slows the import two to three times, so the
timings of such a run are not the ones to quote). Aim: under 30 s and 300 MB each.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from api.persistence.database import make_engine, make_session_factory, unit_of_work
from api.services.csv_import import ImportReport
from api.services.gias_import import import_gias
from api.settings import PROJECT_ROOT
from tests.gias_files import gias_row, write_gias

# (weight, type group, type of establishment, phase of education), roughly GIAS's proportions.
KINDS = (
    (45, "Academies", "Academy converter", "Primary"),
    (20, "Local authority maintained schools", "Community school", "Primary"),
    (8, "Local authority maintained schools", "Voluntary aided school", "Primary"),
    (10, "Academies", "Academy sponsor led", "Secondary"),
    (2, "Free Schools", "Free schools", "All-through"),
    (4, "Special schools", "Community special school", "Not applicable"),
    (6, "Independent schools", "Other independent school", "Not applicable"),
    (3, "Colleges", "Further education", "16 plus"),
    (2, "Welsh schools", "Welsh establishment", "Primary"),
)
STATUSES = ("Open",) * 8 + ("Closed", "Open, but proposed to close")
SAINTS = ("St Bede’s", "St Mary’s", "St John’s", "All Saints’", "Holy Trinity", "Christ Church")
PLACES = ("Oakfield", "Beech Hill", "Ashworth", "Millbrook", "Kingsley", "Westgate", "Fenwick")
KIND = ("Primary School", "Academy", "CofE Primary School", "High School", "College", "School")


def rows(count: int, seed: int = 2024) -> Iterator[dict[str, str]]:
    generator = random.Random(seed)
    weights = [k[0] for k in KINDS]
    for n in range(count):
        _, group, kind, phase = generator.choices(KINDS, weights)[0]
        status = generator.choice(STATUSES)
        la = 201 + generator.randrange(150)
        place = generator.choice(PLACES + SAINTS)
        yield gias_row(
            str(100000 + n),
            f"{place} {generator.choice(KIND)}",
            **{
                "LA (code)": str(la),
                "LA (name)": f"Authority {la}",
                "EstablishmentTypeGroup (name)": group,
                "TypeOfEstablishment (name)": kind,
                "EstablishmentStatus (name)": status,
                "PhaseOfEducation (name)": phase,
                "OpenDate": f"{generator.randint(1, 28):02d}-09-{generator.randint(1950, 2023)}",
                "CloseDate": "31-08-2023" if status == "Closed" else "",
                "LastChangedDate": f"{generator.randint(1, 28):02d}-05-2024",
                "Street": f"{generator.randint(1, 200)} {generator.choice(PLACES)} Road",
                "Postcode": f"LS{generator.randint(1, 29)} {generator.randint(1, 9)}AB",
                "NumberOfPupils": str(generator.randint(20, 1800)),
                "Country (name)": "Wales" if group == "Welsh schools" else "",
            },
        )


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def run_import(engine: Engine, path: Path, *, trace: bool) -> tuple[ImportReport, float, float]:
    """One import in one committed transaction: (report, seconds, traced peak in MB)."""
    if trace:
        tracemalloc.start()
    start = time.perf_counter()
    with unit_of_work(make_session_factory(engine)) as session, path.open("rb") as source:
        report = import_gias(session, source)
    seconds = time.perf_counter() - start
    peak = 0.0
    if trace:
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    return report, seconds, peak


def migrate(engine: Engine) -> None:
    with engine.begin() as connection:
        config = Config(str(PROJECT_ROOT / "alembic.ini"))
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


@contextmanager
def scratch_postgres(url: str) -> Iterator[Engine]:
    """A database `<name>_bench` beside the one named, created afresh and dropped after."""
    name = f"{make_url(url).database}_bench"
    admin = create_engine(
        make_url(url).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(make_url(url).set(database=name).render_as_string(hide_password=False))
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def bench(label: str, engine: Engine, files: tuple[Path, Path], count: int, *, trace: bool) -> None:
    migrate(engine)
    extract, next_month = files
    for path, expected in ((extract, "created"), (extract, "unchanged"), (next_month, "updated")):
        report, seconds, peak = run_import(engine, path, trace=trace)
        assert getattr(report, expected) == count, report
        traced = f", traced peak {peak:.1f} MB" if trace else ""
        print(
            f"{label:10} all {expected:9}: {count / seconds:7,.0f} rows/s, {seconds:5.1f} s; "
            f"max RSS {max_rss_mb():.0f} MB{traced}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--postgres", metavar="URL", help="also run on a scratch PostgreSQL db")
    parser.add_argument("--tracemalloc", action="store_true", help="trace Python allocations")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        path = write_gias(Path(tmp) / "edubasealldata20240601.csv", rows(args.rows))
        changed = ({**row, "LastChangedDate": "01-07-2024"} for row in rows(args.rows))
        files = (path, write_gias(Path(tmp) / "edubasealldata20240701.csv", changed))
        size = path.stat().st_size / 2**20
        print(f"{args.rows:,} establishments, {size:.1f} MB; max RSS before: {max_rss_mb():.0f} MB")
        engine = make_engine(f"sqlite:///{Path(tmp) / 'bench.db'}")
        try:
            bench("SQLite", engine, files, args.rows, trace=args.tracemalloc)
        finally:
            engine.dispose()
        if args.postgres:
            with scratch_postgres(args.postgres) as pg:
                bench("PostgreSQL", pg, files, args.rows, trace=args.tracemalloc)


if __name__ == "__main__":
    main()
