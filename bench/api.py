"""The whole read surface at national scale: each read against /health, then a weighted mix.

    uv run python bench/api.py [--postgres postgresql://postgres@127.0.0.1:5432/mathshubs_bench_api]
                               [--rebuild] [--drop] [--port 8793] [--workers 2]
                               [--connections 16] [--mix-connections 16,64] [--seconds 3]
                               [--warmup 1] [--no-spread] [--profile TARGET [--requests 300]]

The national data set of bench/timetable.py (40 hubs, 24,000 schools, ten years of programmes,
Work Groups and about 30,000 sessions) in the PostgreSQL database named: built there the first
time (the database dropped and created afresh), reused afterwards while it holds it (--rebuild
builds it again; --drop drops it at the end). Then `mathshubs serve --workers N` as production
runs it, loaded by one asyncio process over keep-alive connections (bench/timetable.py's client,
its connections spread evenly over the workers), each target in turn after a warm-up:

- /health, the baseline;
- the timetable page (limit=50) with an API key, as other hubs' systems read it;
- /programmes and /programmes?q=, /hubs (public);
- /schools?limit=40, /schools?q=Oak and one school with the key; /schools?limit=40 signed in;
- a weighted mix of all of them (and /health/ready, as a load balancer asks it), at each of
  --mix-connections, with /health again at each for its ratio.

For each: requests per second as a share of /health's in the same run, p50 and p99 latency, any
answer that was not 200, and the CPU the server and the database spent per request (which holds
when other work on the machine moves the rest). The default run takes a few seconds per
target, for a small machine.

--profile TARGET runs no server: it profiles --requests requests of one target through the
application in this process (cProfile, sorted by own time, then by cumulative time), to find
where a list request spends its time.

Aims: each keyed or signed-in read at least 0.25 of /health's throughput and the timetable with
a key at least 0.5, p99 under 50 ms at 16 connections; the mix at least 0.3, p99 under 100 ms,
at 16 and 64 connections, with no errors.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import json
import os
import pstats
import random
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import uvloop
from sqlalchemy import Connection, Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError, ProgrammingError

from api.settings import PROJECT_ROOT
from bench.timetable import (
    API,
    SCHOOLS,
    HttpConnection,
    Reply,
    Result,
    backends_cpu,
    build_dataset,
    busiest_hub_year,
    create_api_key,
    engine_for,
    group_cpu,
    load_dataset,
    mathshubs,
    migrate,
    percentile,
    port_is_free,
    serving,
    spent,
    spread,
)

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/mathshubs_bench_api"
SEED = 2024
PASSWORD = "bench password, national"
EMAIL = "bench.specialist@hub.example"

# Aims
KEYED_RATIO = 0.25
TIMETABLE_RATIO = 0.5
MIX_RATIO = 0.3
P99_MS = 50.0
MIX_P99_MS = 100.0


@dataclass(frozen=True)
class Read:
    name: str  # for --profile
    label: str
    path: str
    auth: str  # "", "key" or "session"
    weight: int  # in the mix
    aim: float | None  # share of /health's throughput


def reads(hub: str, year: str, urn: str) -> list[Read]:
    timetable = urlencode({"hub": hub, "academic_year": year, "limit": 50})
    return [
        Read("health", "GET /health", f"{API}/health", "", 0, None),
        Read("timetable", "timetable page, key", f"{API}/timetable?{timetable}", "key", 6,
             TIMETABLE_RATIO),
        Read("programmes", "/programmes", f"{API}/programmes", "", 3, None),
        Read("programme-search", "/programmes?q=mastery", f"{API}/programmes?q=mastery", "", 2,
             None),
        Read("hubs", "/hubs", f"{API}/hubs", "", 2, None),
        Read("schools", "/schools?limit=40, key", f"{API}/schools?limit=40", "key", 2,
             KEYED_RATIO),
        Read("school-search", "/schools?q=Oak, key", f"{API}/schools?q=Oak", "key", 3,
             KEYED_RATIO),
        Read("school", "one school, key", f"{API}/schools/{urn}", "key", 3, KEYED_RATIO),
        Read("schools-signed-in", "/schools?limit=40, signed in", f"{API}/schools?limit=40",
             "session", 1, KEYED_RATIO),
        Read("ready", "/health/ready", f"{API}/health/ready", "", 0, None),
    ]  # fmt: skip


MIX_READY_WEIGHT = 1  # out of the mix's total: a load balancer's occasional question


# The data set


def _has_data(url: str) -> bool:
    engine = engine_for(url)
    try:
        with engine.connect() as connection:
            return connection.scalar(text("SELECT count(*) FROM school")) == SCHOOLS
    except (OperationalError, ProgrammingError):  # no such database, or no such table
        return False
    finally:
        engine.dispose()


@contextmanager
def national_data(url: str, *, rebuild: bool, drop: bool) -> Iterator[Engine]:
    """The database with bench/timetable.py's data set, built unless it is there already."""
    name = make_url(url).database
    if not name or name in ("postgres", "test", "template0", "template1"):
        raise SystemExit(f"Refusing to use the database {name!r}; name a scratch one.")
    admin = engine_for(
        make_url(url).set(database="postgres").render_as_string(hide_password=False),
        isolation_level="AUTOCOMMIT",
    )
    if rebuild or not _has_data(url):
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        engine = engine_for(url)
        start = time.perf_counter()
        migrate(engine)
        load_dataset(engine, build_dataset(SEED))
        print(f"data set built in {time.perf_counter() - start:.0f} s (seed {SEED})")
    else:
        engine = engine_for(url)
        migrate(engine)  # a reused database is brought to the current head
        print("data set reused (--rebuild builds it again)")
    try:
        yield engine
    finally:
        engine.dispose()
        if drop:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def a_school(engine: Engine) -> str:
    with engine.connect() as connection:
        return str(
            connection.scalar(text("SELECT urn FROM school ORDER BY urn LIMIT 1 OFFSET 777"))
        )


def staff_account(url: str, hub: str) -> None:
    """A Mastery Specialist of `hub` to sign in as (created once; refused quietly after): staff
    whose role needs no second factor, so that a password signs them in."""
    subprocess.run(
        [*mathshubs(), "create-user", "--email", EMAIL, "--role", "mastery_specialist",
         "--hub", hub, "--name", "Bench"],
        env={**os.environ, "DATABASE_URL": url, "MATHSHUBS_PASSWORD": PASSWORD},
        cwd=PROJECT_ROOT, capture_output=True, check=False,
    )  # fmt: skip


def session_cookie(base: str) -> str:
    request = urllib.request.Request(
        f"{base}{API}/auth/sign-in",
        data=json.dumps({"email": EMAIL, "password": PASSWORD}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        cookie = response.headers["Set-Cookie"].split(";", 1)[0]
    return str(cookie)


# Load


async def hammer_mix(
    connections: Sequence[HttpConnection],
    plan: Sequence[tuple[str, Mapping[str, str]]],
    seconds: float,
    result: Result | None,
    by_path: dict[str, list[float]] | None = None,
) -> float:
    """As bench/timetable.py's hammer, each connection walking the plan from its own place;
    each request's latency also filed by its read (`filed_as`) in `by_path`, when given."""
    start = time.perf_counter()
    deadline = start + seconds

    async def loop(n: int, connection: HttpConnection) -> None:
        step = n * 7
        while (sent := time.perf_counter()) < deadline:
            path, headers = plan[step % len(plan)]
            step += 1
            try:
                reply = await connection.get(path, headers)
                status: int | str = reply.status
            except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
                status, reply = type(exc).__name__, Reply(0, {}, b"")
            if result is not None:
                result.latencies.append(time.perf_counter() - sent)
                if by_path is not None:
                    by_path.setdefault(filed_as(path, headers), []).append(result.latencies[-1])
                result.statuses[status] += 1
                result.size = len(reply.body)

    await asyncio.gather(*(loop(n, c) for n, c in enumerate(connections)))
    return time.perf_counter() - start


@dataclass(frozen=True)
class Meter:
    """The CPU the server's processes and the database's backends spend: a measure that holds
    on a busy machine, where requests per second move with whatever else runs."""

    pgid: int
    monitor: Connection


def load(
    runner: asyncio.Runner,
    connections: Sequence[HttpConnection],
    label: str,
    plan: Sequence[tuple[str, Mapping[str, str]]],
    *,
    seconds: float,
    warmup: float,
    meter: Meter,
    by_path: dict[str, list[float]] | None = None,
) -> Result:
    runner.run(hammer_mix(connections, plan, warmup, None))
    result = Result(label, 200)
    server, db = group_cpu(meter.pgid), backends_cpu(meter.monitor)
    result.seconds = runner.run(hammer_mix(connections, plan, seconds, result, by_path))
    result.server_cpu = spent(server, group_cpu(meter.pgid))
    result.db_cpu = sum(spent(db, backends_cpu(meter.monitor)).values())
    return result


def line(result: Result, health: Result, aim: float | None, p99_aim: float) -> bool:
    ratio = result.rate / health.rate if health.rate else 0.0
    p99 = result.percentile_ms(0.99)
    met = (aim is None or ratio >= aim) and (aim is None or p99 < p99_aim) and not result.unexpected
    odd = ", ".join(f"{s}×{n}" for s, n in result.statuses.items() if s != 200)
    verdict = "" if aim is None else ("  met" if met else "  NOT MET")
    aim_text = f"≥{aim:.2f}" if aim is not None else ""
    per = 1e6 / result.count if result.count else 0.0
    print(
        f"{result.label:34} {result.rate:8,.0f} {ratio:6.2f} {aim_text:>6} "
        f"{result.percentile_ms(0.5):7.2f} {p99:7.2f} {result.size:8,} {result.unexpected:6,} "
        f"{sum(result.server_cpu.values()) * per:7,.0f} {result.db_cpu * per:5,.0f}"
        f"{verdict}" + (f"  ({odd})" if odd else "")
    )
    return met


def header() -> None:
    print(
        f"{'target':34} {'req/s':>8} {'×health':>6} {'aim':>6} {'p50 ms':>7} {'p99 ms':>7} "
        f"{'bytes':>8} {'errors':>6} {'CPU µs/req: server':>7} {'db':>5}"
    )


def with_auth(read: Read, key: str, cookie: str) -> tuple[str, Mapping[str, str]]:
    if read.auth == "key":
        return read.path, {"Authorization": f"Bearer {key}"}
    if read.auth == "session":
        return read.path, {"Cookie": cookie}
    return read.path, {}


def mix_plan(targets: Sequence[Read], key: str, cookie: str) -> list[tuple[str, Mapping[str, str]]]:
    plan = [with_auth(read, key, cookie) for read in targets for _ in range(read.weight)]
    ready = next(read for read in targets if read.name == "ready")
    plan += [with_auth(ready, key, cookie)] * MIX_READY_WEIGHT
    random.Random(SEED).shuffle(plan)
    return plan


def measure(
    args: argparse.Namespace, url: str, engine: Engine, targets: list[Read], key: str
) -> int:
    """Every target on a running server; answers how many aims were not met."""
    missed = 0
    with (
        tempfile.TemporaryDirectory() as tmp,
        serving(url, args.host, args.port, args.workers, Path(tmp) / "server.log") as pgid,
        engine.connect().execution_options(isolation_level="AUTOCOMMIT") as monitor,
        asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner,
    ):
        cookie = session_cookie(f"http://{args.host}:{args.port}")

        def connections(count: int) -> list[HttpConnection]:
            opened = [HttpConnection(args.host, args.port) for _ in range(count)]
            runner.run(spread(opened, pgid, even=not args.no_spread))
            return opened

        timing = {"seconds": args.seconds, "warmup": args.warmup, "meter": Meter(pgid, monitor)}
        print(
            f"\n{args.connections} connections; {args.seconds:g} s measured per target after "
            f"{args.warmup:g} s of warm-up; load average {os.getloadavg()[0]:.2f}"
        )
        header()
        held = connections(args.connections)
        health: Result | None = None
        for read in targets:
            if read.name == "ready":
                continue
            result = load(runner, held, read.label, [with_auth(read, key, cookie)], **timing)
            health = health or result
            missed += not line(result, health, read.aim, P99_MS)
        for connection in held:
            runner.run(connection.close())

        plan = mix_plan(targets, key, cookie)
        for count in args.mix_connections:
            print(f"\nthe mix at {count} connections (weights: {weights(targets)})")
            header()
            held = connections(count)
            health = load(runner, held, "GET /health", [(f"{API}/health", {})], **timing)
            line(health, health, None, MIX_P99_MS)
            by_path: dict[str, list[float]] = {}
            mixed = load(runner, held, "weighted mix", plan, **timing, by_path=by_path)
            missed += not line(mixed, health, MIX_RATIO, MIX_P99_MS)
            print("  within the mix, p99 ms: " + tails(targets, by_path))
            for connection in held:
                runner.run(connection.close())
        print(f"load average after: {os.getloadavg()[0]:.2f}")
    return missed


def filed_as(path: str, headers: Mapping[str, str]) -> str:
    """A read of the mix: its path and how it authenticates (a key, a cookie or neither)."""
    return " ".join([path, *sorted(headers)])


def tails(targets: Sequence[Read], by_path: Mapping[str, list[float]]) -> str:
    """Each target's p99 within the mix: which reads make its tail."""
    shown = []
    for read in targets:
        times = sorted(by_path.get(filed_as(*with_auth(read, "", "")), []))
        if times:
            shown.append(f"{read.name} {percentile(times, 0.99) * 1000:.0f}")
    return ", ".join(shown)


def weights(targets: Sequence[Read]) -> str:
    parts = [f"{read.name} {read.weight}" for read in targets if read.weight]
    return ", ".join([*parts, f"ready {MIX_READY_WEIGHT}"])


# Profiling, in this process


def profile(url: str, read: Read, key: str, requests: int) -> None:
    """The application in this thread: requests through httpx's ASGI transport on one event
    loop, with the work FastAPI hands to worker threads run inline, so that one profiler sees
    all of it (as the production server's own CPU)."""
    import anyio.to_thread
    import httpx

    from api.main import create_app
    from api.settings import Settings

    async def inline(function: Any, *args: Any, **_options: Any) -> Any:
        return function(*args)

    anyio.to_thread.run_sync = inline  # type: ignore[assignment]
    settings = Settings(
        environment="test",
        database_url=url,
        secret_key="bench-profile-secret-key-of-enough-length",
        mail_sender_enabled=False,
        session_cookie_secure=False,
        # Counted, never refused, as in the served runs (bench/timetable.py server_env).
        rate_limit_key_per_minute=100_000_000,
        rate_limit_anonymous_per_minute=100_000_000,
    )
    app = create_app(settings)
    profiler = cProfile.Profile()
    times: list[float] = []

    async def run() -> None:
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url="http://bench"
            ) as client,
        ):
            cookie = ""
            if read.auth == "session":
                signed = await client.post(
                    f"{API}/auth/sign-in", json={"email": EMAIL, "password": PASSWORD}
                )
                cookie = f"mh_session={signed.cookies['mh_session']}"
            path, headers = with_auth(read, key, cookie)
            await asyncio.sleep(1)  # the listener connects: caches are then trusted
            for _ in range(20):  # warm: caches, the pool
                answer = await client.get(path, headers=headers)
                assert answer.status_code == 200, answer.text
            profiler.enable()
            for _ in range(requests):
                start = time.perf_counter()
                await client.get(path, headers=headers)
                times.append(time.perf_counter() - start)
            profiler.disable()

    asyncio.run(run())
    ordered = sorted(times)
    print(
        f"\n{read.label}: {requests} requests in this process, median "
        f"{percentile(ordered, 0.5) * 1000:.2f} ms (the profiler's own cost included)"
    )
    for title, order, where in (
        ("own time, everything", "tottime", ()),
        ("cumulative time, the service's code", "cumulative", (str(PROJECT_ROOT / "api"),)),
    ):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(*where, 30)
        print(f"\nby {title}:\n" + "\n".join(out.getvalue().splitlines()[6:]))
    if os.environ.get("BENCH_CALLERS"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_callers(
            os.environ["BENCH_CALLERS"]
        )
        print(out.getvalue())


# The run


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--postgres", metavar="URL", default=DEFAULT_URL)
    parser.add_argument("--rebuild", action="store_true", help="build the data set again")
    parser.add_argument("--drop", action="store_true", help="drop the database at the end")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8793)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--mix-connections",
        type=lambda text: [int(n) for n in text.split(",")],
        default=[16, 64],
        help="comma-separated (default 16,64)",
    )
    parser.add_argument("--seconds", type=float, default=3.0, help="measured, per target")
    parser.add_argument("--warmup", type=float, default=1.0, help="unmeasured, per target")
    parser.add_argument("--no-spread", action="store_true")
    parser.add_argument("--profile", metavar="TARGET", help="profile one target, no server")
    parser.add_argument("--requests", type=int, default=300, help="profiled requests")
    args = parser.parse_args()
    began = time.perf_counter()
    url = make_url(args.postgres).render_as_string(hide_password=False)
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
    with national_data(url, rebuild=args.rebuild, drop=args.drop) as engine:
        hub, year, _ = busiest_hub_year(engine)
        targets = reads(hub, year, a_school(engine))
        key = create_api_key(url)
        staff_account(url, hub)
        if args.profile:
            chosen = [read for read in targets if read.name == args.profile]
            if not chosen:
                names = ", ".join(read.name for read in targets)
                raise SystemExit(f"--profile takes one of: {names}")
            profile(url, chosen[0], key, args.requests)
            return
        if not port_is_free(args.host, args.port):
            raise SystemExit(f"Port {args.port} is taken; choose another with --port.")
        missed = measure(args, url, engine, targets, key)
    print(f"whole run: {time.perf_counter() - began:.0f} s; aims not met: {missed}")


if __name__ == "__main__":
    main()
