"""Production's shape: several API processes reaching one PostgreSQL through PgBouncer in
transaction pooling, each listening for changes on a direct connection of its own. A change,
a revoked key and an ended session, made through one process, are seen at once by the other,
though each caches timetables and credentials. (tests/cli/test_two_processes.py runs the change
on SQLite; on PostgreSQL this test stands in for it in `make test`.)"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import httpx
import psycopg
import pyotp
import pytest
from sqlalchemy.engine import make_url

from api.settings import PROJECT_ROOT
from tests.accounts import TOTP_SECRET
from tests.cli.test_cli import mathshubs
from tests.cli.test_two_processes import (
    TIMEOUT,
    _change_through_one_is_seen_through_the_other,
    _scratch_database,
)
from tests.processes import Processes, answers, free_port, running, wait_until

pytestmark = pytest.mark.postgres_only

PGBOUNCER = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"
HUB = "cheshire-and-wirral"
PASSWORD = "pooled, and listening directly"


def _accepts(url: str) -> bool:
    try:
        with psycopg.connect(url, connect_timeout=2, prepare_threshold=None) as connection:
            connection.execute("SELECT 1")
        return True
    except psycopg.Error:
        return False


PoolerFor = Callable[[str], str]


@pytest.fixture
def pooler_for(tmp_path: Path) -> Iterator[PoolerFor]:
    """A function that starts PgBouncer in front of a database (transaction pooling, a free
    port, a configuration of its own) and gives its URL; stopped when the test ends."""
    if not os.access(PGBOUNCER, os.X_OK):
        pytest.fail(
            "These tests need PgBouncer: sudo apt-get install -y pgbouncer (.ci/run installs it)"
        )
    # Not under pytest's folders, which only their owner may enter (see `user` below).
    folder = Path(tempfile.mkdtemp(prefix="pgbouncer-"))
    stack = ExitStack()

    def start(direct: str) -> str:
        url = make_url(direct)
        port = free_port()
        (folder / "users.txt").write_text(f'"{url.username}" ""\n')
        (folder / "pgbouncer.ini").write_text(
            "[databases]\n"
            f"{url.database} = host={url.host} port={url.port or 5432} dbname={url.database}\n"
            "[pgbouncer]\n"
            f"listen_addr = 127.0.0.1\nlisten_port = {port}\nunix_socket_dir =\n"
            f"auth_type = trust\nauth_file = {folder / 'users.txt'}\n"
            "pool_mode = transaction\ndefault_pool_size = 8\nmax_client_conn = 200\n"
            f"admin_users = {url.username}\n"
            "ignore_startup_parameters = extra_float_digits\n"
        )
        # PgBouncer will not run as root; it is given the database's own user then.
        user = ["-u", "postgres"] if os.geteuid() == 0 else []
        for path in (folder, *folder.iterdir()):
            path.chmod(0o755 if path.is_dir() else 0o644)
        started = stack.enter_context(
            running([PGBOUNCER, *user, str(folder / "pgbouncer.ini")], log=tmp_path / "pgb.log")
        )
        pooled = url.set(port=port).render_as_string(hide_password=False)
        wait_until(lambda: _accepts(pooled), what="pgbouncer", started=started)
        return pooled

    try:
        with stack:
            yield start
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_two_processes_through_pgbouncer_serve_each_others_changes_fresh(
    tmp_path: Path, processes: Processes, pooler_for: PoolerFor
) -> None:
    with _scratch_database("postgresql", tmp_path) as direct:
        env = {
            "DATABASE_URL": direct,
            "MAIL_SENDER_ENABLED": "false",
            "SESSION_COOKIE_SECURE": "false",
            "FRONTEND_DIST": str(PROJECT_ROOT / "tests" / "no-frontend"),
        }
        assert mathshubs("migrate", env=env).returncode == 0
        assert mathshubs("load-demo", env=env).returncode == 0
        key_id, key = _key_and_account(env)

        pooled = pooler_for(direct)
        through_pooler = {
            **env,
            "DATABASE_URL": pooled,
            "DATABASE_POOLED": "true",
            "LISTEN_DATABASE_URL": direct,
        }
        first, second = _serve_two(processes, through_pooler)
        try:
            with httpx.Client(timeout=TIMEOUT) as http:
                _change_through_one_is_seen_through_the_other(http, first, second, key)
                _revocation_and_sign_out_reach_the_other(http, first, second, key, key_id)
            assert _transactions_through(pooled) > 0
        finally:  # before the database goes
            processes.stop_all()


def _serve_two(processes: Processes, env: dict[str, str]) -> tuple[str, str]:
    """Two `mathshubs serve` started together (their start-up is most of this test's time)."""
    ports = (free_port(), free_port())
    started = [
        processes.start([sys.executable, "-m", "api.cli", "serve", "--port", str(port)], env=env)
        for port in ports
    ]
    urls = tuple(f"http://127.0.0.1:{port}" for port in ports)
    for url, process in zip(urls, started, strict=True):
        health = f"{url}/api/v1/health"
        wait_until(lambda health=health: answers(health), what="serve", started=process)
    return urls[0], urls[1]


def _key_and_account(env: dict[str, str]) -> tuple[str, dict[str, str]]:
    """A hub's admin key (its id, and the header that sends it), and an account of the hub's
    administrator, who may revoke it."""
    issued = mathshubs(
        "create-api-key", "--hub", HUB, "--scope", "admin", "--name", "Pooled", env=env
    )
    assert issued.returncode == 0, issued.stderr
    key_id = issued.stdout.split()[2]
    person = mathshubs(
        "create-user", "--email", "admin@pooled.example", "--role", "hub_admin",
        "--name", "Hub Admin", "--hub", HUB,
        env={**env, "MATHSHUBS_PASSWORD": PASSWORD, "MATHSHUBS_TOTP_SECRET": TOTP_SECRET},
    )  # fmt: skip
    assert person.returncode == 0, person.stderr
    return key_id, {"Authorization": f"Bearer {issued.stdout.strip().splitlines()[-1]}"}


def _revocation_and_sign_out_reach_the_other(
    http: httpx.Client, first: str, second: str, key: dict[str, str], key_id: str
) -> None:
    signed_in = http.post(
        f"{first}/api/v1/auth/sign-in",
        json={
            "email": "admin@pooled.example",
            "password": PASSWORD,
            "code": pyotp.TOTP(TOTP_SECRET).now(),  # these servers keep the system's time
        },
    )
    assert signed_in.status_code == 200, signed_in.text
    cookie = {"Cookie": f"mh_session={signed_in.cookies['mh_session']}"}
    csrf = {"X-CSRF-Token": signed_in.json()["csrf_token"], **cookie}
    # The second process checks (and caches) both the key and the session.
    for _ in range(2):
        assert http.get(f"{second}/api/v1/schools?limit=1", headers=key).status_code == 200
        assert http.get(f"{second}/api/v1/auth/me", headers=cookie).status_code == 200

    revoked = http.delete(f"{first}/api/v1/api-keys/{key_id}", headers=csrf)
    assert revoked.status_code == 200, revoked.text
    assert _eventually_refused(http, f"{second}/api/v1/schools?limit=1", key)
    assert http.post(f"{first}/api/v1/auth/sign-out", headers=csrf).status_code == 204
    assert _eventually_refused(http, f"{second}/api/v1/auth/me", cookie)


def _eventually_refused(http: httpx.Client, url: str, headers: dict[str, str]) -> bool:
    """The other process hears of the change by notification, a moment after the commit."""
    answers: list[int] = []

    def refused() -> bool:
        answers.append(http.get(url, headers=headers).status_code)
        return answers[-1] == 401

    wait_until(refused, what=f"{url} refused")
    return set(answers) <= {200, 401}


def _transactions_through(pooled: str) -> int:
    """The requests' transactions went through PgBouncer: its own count of them."""
    admin = make_url(pooled).set(database="pgbouncer").render_as_string(hide_password=False)
    with (
        psycopg.connect(admin, autocommit=True, cursor_factory=psycopg.ClientCursor) as connection,
        connection.cursor() as cursor,
    ):
        cursor.execute("SHOW STATS")
        names = [column.name for column in cursor.description or ()]
        database = make_url(pooled).database
        return sum(
            int(row[names.index("total_xact_count")])
            for row in cursor.fetchall()
            if row[names.index("database")] == database
        )
