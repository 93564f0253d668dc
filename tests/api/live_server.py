"""A real uvicorn server in a process of its own, for what only a real server shows (keep-alive,
pools, timeouts and body limits under real clients), usable from a module-scoped fixture. Started
and stopped by tests/processes.py: SIGTERM to its group, then SIGKILL, whatever happens."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.processes import Started, answers, free_port, running, wait_until

HOST = "127.0.0.1"


@dataclass(frozen=True)
class LiveServer:
    port: int
    started: Started
    host: str = HOST

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def pid(self) -> int:
        return self.started.pid

    def log_text(self) -> str:
        """The server's stdout and stderr, where it logs errors."""
        return self.started.output()


@contextmanager
def live_server(args: Sequence[str], *, env: Mapping[str, str], log: Path) -> Iterator[LiveServer]:
    """Run `python <args> --port <free port>` from the project folder with the environment plus
    `env` until the block ends; yields once /api/v1/health answers."""
    port = free_port()
    # Unthrottled unless the test sets limits: tests call far faster than real callers.
    env = {
        "RATE_LIMIT_KEY_PER_MINUTE": "1000000",
        "RATE_LIMIT_ANONYMOUS_PER_MINUTE": "1000000",
        **env,
    }
    with running([sys.executable, *args, "--port", str(port)], env=env, log=log) as started:
        server = LiveServer(port, started)
        wait_until(
            lambda: answers(f"{server.base_url}/api/v1/health"),
            what=f"the server ({' '.join(args)})",
            started=started,
        )
        yield server
