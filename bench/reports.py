"""The national coverage report on the national data set, served as in production.

    uv run python bench/reports.py [--postgres postgresql://postgres@127.0.0.1:5432/mathshubs_reports_bench]
                                   [--port 8792] [--workers 2] [--connections 16] [--seconds 10]
                                   [--warmup 2] [--rounds 2] [--cold-requests 20] [--seed 2024]
                                   [--keep]

Builds bench/timetable.py's national data set in a scratch PostgreSQL database (dropped first if
it exists; never use the test suite's): 40 hubs, 24,000 schools, ten academic years of Work
Groups with their member schools. To it, the history coverage and the funnel count: every group
of a past year completed at the end of its year, and each member school's participation written
as the hub's completion writes it (outcome completed). Then it starts `mathshubs serve` as
production runs it, with a national API key of scope reports:read, and measures:

- first time: GET /reports/coverage?by=local_authority (every school of the country, by its
  authority), one request at a time, with the data version raised before each request (as any
  change to what coverage counts does), so each request reads and counts everything;
- from the cache: the same request under load on N keep-alive connections, beside
  GET /api/v1/health in the same run, taken in turn;

and prints the report's figures (the national total and the five largest authorities).

Aims: first time (the median) within 500 ms; from the cache at least half of health's
throughput. The cached answer still authenticates its key, so the run also loads /auth/me with
the same key: the floor any report with a key stands on.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any, cast

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import uvloop
from sqlalchemy import Engine, Table, text
from sqlalchemy.engine import make_url

from api.domain.academic_year import AcademicYear
from api.persistence.models import Participation
from api.settings import PROJECT_ROOT
from bench.timetable import (
    API,
    Dataset,
    HttpConnection,
    Target,
    _insert,
    build_dataset,
    describe,
    load_dataset,
    mathshubs,
    migrate,
    percentile,
    port_is_free,
    print_load,
    print_load_header,
    raise_data_version,
    run_load,
    scratch_database,
    serving,
    spread,
    timed,
    verdict,
)

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/mathshubs_reports_bench"
# The server reads the system clock: this academic year's groups are still running.
CURRENT = AcademicYear.of(date.today())
MAX_FIRST_MS = 500.0
MIN_THROUGHPUT_RATIO = 0.5
COVERAGE = f"{API}/reports/coverage?by=local_authority"


def with_history(data: Dataset) -> list[dict[str, Any]]:
    """Past years' groups completed at the year's end, and their members' participations."""
    kinds = {p["id"]: p["programme_type"] for p in data.table("programme")}
    groups = {}
    for group in data.table("work_group"):
        year = AcademicYear.parse(group["academic_year_id"])
        if year < CURRENT:
            group["completed_on"] = year.ends_on
        groups[group["id"]] = group
    rows: dict[tuple[str, str, str], dict[str, Any]] = {}
    for member in data.table("work_group_school"):
        group = groups[member["work_group_id"]]
        if group.get("completed_on") is None:
            continue
        kind = kinds[group["programme_id"]]
        subject = f"school:{member['school_urn']}"
        rows.setdefault(
            (subject, kind, group["academic_year_id"]),
            {
                "subject": subject,
                "school_urn": member["school_urn"],
                "person_id": None,
                "programme_type": kind,
                "programme_id": group["programme_id"],
                "academic_year_id": group["academic_year_id"],
                "hub_id": group["hub_id"],
                "outcome": "completed",
                "source": "group",
                "created_at": member["added_at"],
                "updated_at": member["added_at"],
            },
        )
    for group in groups.values():
        group.setdefault("completed_on", None)
    return list(rows.values())


def load_history(engine: Engine, participations: list[dict[str, Any]]) -> None:
    with engine.begin() as connection:
        _insert(connection, cast(Table, Participation.__table__), participations)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE participation"))


def create_reports_key(url: str) -> str:
    """A national key (no hub) with reports:read, issued by the operators' command."""
    done = subprocess.run(
        [*mathshubs(), "create-api-key", "--name", "bench reports", "--scope", "reports:read"],
        env={**os.environ, "DATABASE_URL": url},
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return [line for line in done.stdout.splitlines() if line.startswith("mh_")][-1]


def print_figures(body: bytes) -> None:
    report = json.loads(body)
    total = report["total"]
    print(
        f"\nfigures as at {report['as_at']} ({report['academic_year']}; completed within "
        f"{report['completed_within_years']} years; register snapshot "
        f"{report['register_snapshot_imported_at'] or 'none recorded'}):\n"
        f"  England: {total['engaged']:,} of {total['schools']:,} open state-funded schools "
        f"engaged, {total['coverage_percent']}%; {len(report['rows'])} local authorities"
    )
    largest = sorted(report["rows"], key=lambda r: -r["schools"])[:5]
    for row in largest:
        print(
            f"  {row['label']:24} {row['engaged']:5,} of {row['schools']:5,}  "
            f"{row['coverage_percent']}%"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--postgres", metavar="URL", default=DEFAULT_URL)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8792)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10.0, help="measured, per target")
    parser.add_argument("--warmup", type=float, default=2.0, help="unmeasured, per target")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--cold-requests", type=int, default=20)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    began = time.perf_counter()
    url = make_url(args.postgres).render_as_string(hide_password=False)
    if not port_is_free(args.host, args.port):
        raise SystemExit(f"Port {args.port} is taken; choose another with --port.")
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
    with scratch_database(url, keep=args.keep) as engine, tempfile.TemporaryDirectory() as tmp:
        migrate(engine)
        data = build_dataset(args.seed)
        history = with_history(data)
        load_dataset(engine, data)
        load_history(engine, history)
        print(
            f"data set (seed {args.seed}): schools {len(data.table('school')):,}, work groups "
            f"{len(data.table('work_group')):,}, member schools "
            f"{len(data.table('work_group_school')):,}, participations {len(history):,}"
        )
        key = create_reports_key(url)
        bearer = {"Authorization": f"Bearer {key}"}
        with (
            serving(url, args.host, args.port, args.workers, Path(tmp) / "server.log") as pgid,
            engine.connect().execution_options(isolation_level="AUTOCOMMIT") as monitor,
            asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner,
        ):
            single = HttpConnection(args.host, args.port)
            started = time.perf_counter()
            reply = runner.run(single.get(COVERAGE, bearer))
            very_first = time.perf_counter() - started
            if reply.status != 200:
                raise SystemExit(f"{COVERAGE} answered {reply.status}: {reply.body[:300]!r}")
            print_figures(reply.body)
            print(
                f"\nthe worker's very first report (reads and classifies the register, which it "
                f"then keeps until an import or an area change): {very_first * 1000:.0f} ms"
            )

            print(
                f"\nfirst time: one request at a time, the data version raised before each "
                f"({args.cold_requests} requests, each worker's cache made stale)"
            )
            cold = []
            for _ in range(args.cold_requests):
                raise_data_version(monitor)
                cold.append(runner.run(timed(single, COVERAGE, bearer)))
            print(f"  coverage by local authority, national: {describe(cold)}")
            runner.run(single.close())

            connections = [HttpConnection(args.host, args.port) for _ in range(args.connections)]
            held = runner.run(spread(connections, pgid, even=True))
            print(
                f"\nload: {args.connections} keep-alive connections, held by the workers "
                f"{' + '.join(map(str, held))}; {args.seconds:g} s per target in "
                f"{args.rounds} rounds after {args.warmup:g} s of warm-up"
            )
            print_load_header()
            targets = (
                Target("GET /health", f"{API}/health", {}, 200),
                Target("coverage by LA, national, cached", COVERAGE, bearer, 200),
                # The floor of any request with a key: authentication, and nothing else.
                Target("GET /auth/me, the same key", f"{API}/auth/me", bearer, 200),
            )
            health, cached, me = run_load(
                runner,
                connections,
                targets,
                seconds=args.seconds,
                warmup=args.warmup,
                rounds=args.rounds,
                pgid=pgid,
                monitor=monitor,
            )
            for result in (health, cached, me):
                print_load(result)
            for connection in connections:
                runner.run(connection.close())
    first = percentile(sorted(cold), 0.5) * 1000
    worst = max(cold) * 1000
    ratio = cached.rate / health.rate
    print("\naims:")
    print(
        f"  first time: median {first:.0f} ms (aim ≤ {MAX_FIRST_MS:.0f} ms): "
        f"{verdict(first <= MAX_FIRST_MS)}; slowest {worst:.0f} ms"
    )
    print(
        f"  cached: {ratio:.2f} of health's throughput (aim ≥ {MIN_THROUGHPUT_RATIO}): "
        f"{verdict(ratio >= MIN_THROUGHPUT_RATIO)}"
    )
    print(
        f"  (for scale: an authenticated request that does nothing else, /auth/me with the same "
        f"key, reaches {me.rate / health.rate:.2f} of health's)"
    )
    print(f"whole run: {time.perf_counter() - began:.0f} s")
    if health.unexpected or cached.unexpected or me.unexpected:
        raise SystemExit("Some answers were not the expected status")


if __name__ == "__main__":
    main()
