"""The processes tests start (`mathshubs serve`, scripts): each in a session of its own, polled
until ready within a generous bound, and always stopped, whatever happens to the test.

A test command may run as a background job (`make test &`, a scheduler, some CI runners), and a
background job inherits SIGINT as ignored; so a process is stopped as supervisors stop one:
SIGTERM to its whole process group, then, after a bound, SIGKILL, which nothing can ignore.
Whatever of the group outlives its leader is killed too, so that no test leaves a process behind.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from api.settings import PROJECT_ROOT

# Generous bounds: two shared cores and other test runs beside this one. A verdict never
# depends on them; they only decide how long a broken process is waited for.
READY_SECONDS = 120.0
STOP_SECONDS = 20.0


@dataclass
class Started:
    """A process started in a session (and so a process group) of its own."""

    process: subprocess.Popen[bytes]
    log: Path  # its stdout and stderr together
    stopped: bool = False  # by `stop`, which signals a group once: its id may be reused after

    @property
    def pid(self) -> int:
        return self.process.pid

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def is_running(self) -> bool:
        return self.process.poll() is None


def ignore_sigint() -> None:
    """Start a child as a background job starts it: with SIGINT (Ctrl-C) ignored."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def start(
    args: Sequence[str],
    *,
    log: Path,
    env: Mapping[str, str] | None = None,
    cwd: Path = PROJECT_ROOT,
    preexec: Callable[[], None] | None = None,
) -> Started:
    """Start `args` with the environment plus `env`, stdin empty and all output in `log`."""
    with log.open("wb") as sink:
        process = subprocess.Popen(
            list(args),
            cwd=cwd,
            env={**os.environ, **(env or {})},
            stdin=subprocess.DEVNULL,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own group: one signal reaches all it starts
            preexec_fn=preexec,  # only signal dispositions, set before exec
        )
    return Started(process, log)


def stop(started: Started, *, grace_seconds: float = STOP_SECONDS) -> int:
    """SIGTERM to the process group, SIGKILL to it after `grace_seconds`; the exit status.

    Stopping a process that has already exited still kills what it left in its group."""
    process = started.process
    if started.stopped:
        return process.returncode
    started.stopped = True
    _signal_group(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=grace_seconds)
    except subprocess.TimeoutExpired:
        _signal_group(process.pid, signal.SIGKILL)
        process.wait(timeout=grace_seconds)
    # The leader has stopped its children as it should, or left them: those left go now.
    _signal_group(process.pid, signal.SIGKILL)
    return process.returncode


def _signal_group(group: int, signum: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):  # the group is empty: nothing to stop
        os.killpg(group, signum)


@contextlib.contextmanager
def running(
    args: Sequence[str],
    *,
    log: Path,
    env: Mapping[str, str] | None = None,
) -> Iterator[Started]:
    """`start`, then `stop` when the block ends, however it ends: for a fixture wider than one
    test (module-scoped), which the `processes` fixture does not serve."""
    started = start(args, log=log, env=env)
    try:
        yield started
    finally:
        stop(started)


def wait_until(
    condition: Callable[[], object],
    *,
    what: str,
    started: Started | None = None,
    seconds: float = READY_SECONDS,
) -> None:
    """Poll `condition` until it holds; fail at once if `started` exits, or after `seconds`."""
    deadline = time.monotonic() + seconds
    while not condition():
        if started is not None and not started.is_running():
            pytest.fail(
                f"{what}: the process exited ({started.process.returncode}):\n{started.output()}"
            )
        if time.monotonic() > deadline:
            log = f":\n{started.output()}" if started is not None else ""
            pytest.fail(f"{what}: not within {seconds:.0f} s{log}")
        time.sleep(0.05)


def free_port() -> int:
    """A port nothing listens on (the operating system's choice, closed again at once)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def answers(url: str) -> bool:
    """Whether `url` answers 200 now."""
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.TransportError:
        return False


@dataclass
class Processes:
    """What the `processes` fixture gives: start processes, all stopped when the test ends."""

    folder: Path
    started: list[Started] = field(default_factory=list)

    def start(
        self,
        args: Sequence[str],
        *,
        env: Mapping[str, str] | None = None,
        preexec: Callable[[], None] | None = None,
    ) -> Started:
        log = self.folder / f"process-{len(self.started) + 1}.log"
        started = start(args, log=log, env=env, preexec=preexec)
        self.started.append(started)
        return started

    def stop_all(self) -> None:
        for started in reversed(self.started):
            stop(started)


@pytest.fixture
def processes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Processes]:
    """Start processes in a test; each is stopped after it, whether the test passed or not."""
    running = Processes(tmp_path_factory.mktemp("processes"))
    try:
        yield running
    finally:
        running.stop_all()


@dataclass(frozen=True)
class Server:
    base_url: str
    started: Started


def serve(
    processes: Processes,
    *,
    env: Mapping[str, str],
    preexec: Callable[[], None] | None = None,
) -> Server:
    """`mathshubs serve` on a free port, returned once /api/v1/health answers."""
    port = free_port()
    started = processes.start(
        [sys.executable, "-m", "api.cli", "serve", "--port", str(port)], env=env, preexec=preexec
    )
    base_url = f"http://127.0.0.1:{port}"
    wait_until(
        lambda: answers(f"{base_url}/api/v1/health"), what="mathshubs serve", started=started
    )
    return Server(base_url, started)
