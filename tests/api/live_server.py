"""A real uvicorn server in a process of its own, for what only a real server shows (keep-alive,
pools and timeouts under parallel clients). Always stopped: SIGTERM, then SIGKILL."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from api.settings import PROJECT_ROOT

START_SECONDS = 120  # generous: two shared cores, other test runs beside this one
STOP_SECONDS = 10


@dataclass(frozen=True)
class LiveServer:
    base_url: str
    log: Path  # the server's stderr, where it logs errors

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def live_server(args: list[str], *, env: dict[str, str], log: Path) -> Iterator[LiveServer]:
    """Run `python <args> --port <free port>` from the project folder until the block ends;
    yields once /api/v1/health answers."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    with log.open("w") as stderr:
        process = subprocess.Popen(
            [sys.executable, *args, "--port", str(port)],
            cwd=PROJECT_ROOT,
            env={**os.environ, **env},
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
        try:
            _wait_until_up(process, base_url, log)
            yield LiveServer(base_url, log)
        finally:
            process.terminate()
            try:
                process.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=STOP_SECONDS)


def _wait_until_up(process: subprocess.Popen[bytes], base_url: str, log: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while True:
        assert process.poll() is None, f"the server exited:\n{log.read_text(errors='replace')}"
        try:
            if httpx.get(f"{base_url}/api/v1/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline, f"the server did not start:\n{log.read_text()}"
        time.sleep(0.1)
