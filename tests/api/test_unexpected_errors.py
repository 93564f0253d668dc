"""An unexpected error answers a clean 500 problem and leaves the keep-alive connection usable
(or closes it with `Connection: close`): through a real uvicorn server and a real client."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.settings import PROJECT_ROOT
from tests.api.live_server import LiveServer, live_server
from tests.api.raising_app import DATABASE_BUG_PATH, FAILING_PATH

PROBLEM = "application/problem+json"


# uvicorn picks httptools when it is installed, as in production; h11 is its other parser.
@pytest.fixture(params=["httptools", "h11"])
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LiveServer]:
    env = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.db'}",
        "ENVIRONMENT": "development",
        "DATA_VERSION_LISTEN": "false",
        "FRONTEND_DIST": str(PROJECT_ROOT / "tests" / "no-frontend"),
    }
    args = ["-m", "uvicorn", "--factory", "tests.api.raising_app:create_raising_app"]
    args += ["--host", "127.0.0.1", "--http", request.param]
    with live_server(args, env=env, log=tmp_path / "server.log") as running:
        yield running


def _local_port(response: httpx.Response) -> int:
    """The client's end of the connection the response came on."""
    stream = response.extensions["network_stream"]
    return int(stream.get_extra_info("client_addr")[1])


def test_a_500_leaves_the_keep_alive_connection_usable(server: LiveServer) -> None:
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    with httpx.Client(base_url=server.base_url, limits=limits, timeout=10) as client:
        for path in (FAILING_PATH, DATABASE_BUG_PATH, FAILING_PATH):
            failed = client.get(path)
            assert failed.status_code == 500
            assert failed.headers["content-type"] == PROBLEM
            body = failed.json()
            assert body["title"] == "Internal Server Error"
            assert body["detail"].startswith("Something went wrong on our side.")
            assert "secret" not in failed.text
            assert failed.json()["instance"] == path
            closes = failed.headers.get("connection", "").lower() == "close"

            after = client.get("/api/v1/health")
            assert after.status_code == 200
            if not closes:
                assert _local_port(after) == _local_port(failed), (
                    "the server dropped the connection after the 500 without Connection: close"
                )
    # The error is in the server's log, with where it happened.
    log = server.log_text()
    assert f"Unhandled error on GET {FAILING_PATH}" in log
    assert "RuntimeError: secret internal detail" in log
    assert f"Unhandled error on GET {DATABASE_BUG_PATH}" in log
    assert "no such table" in log
