"""The helper that stops what tests start (tests/processes.py) stops it whatever the process
inherited or does: a background job's ignored SIGINT, a SIGTERM ignored too, children left."""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

from tests.processes import STOP_SECONDS, Processes, ignore_sigint, stop, wait_until

# A shell that starts a child, writes both process ids down and waits: `sleep` stands for a
# server and the child it starts (uv's python, serve.sh's SMTP server).
PARENT_AND_CHILD = 'sleep 600 & echo "$$ $!" > "$1"; wait'


def _running(pid: int) -> bool:
    """Whether `pid` is a live process (not gone, and not a zombie that nobody reaped yet)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _gone(pid: int) -> None:
    """SIGKILL is delivered at once but acted on a moment later: wait for it, within a bound."""
    wait_until(lambda: not _running(pid), what=f"process {pid} to go", seconds=STOP_SECONDS)


def _started_pids(pids_file: Path) -> list[int]:
    wait_until(lambda: pids_file.exists() and pids_file.read_text().strip(), what="the shell")
    return [int(pid) for pid in pids_file.read_text().split()]


def test_a_child_that_inherited_sigint_ignored_is_stopped_with_its_children(
    processes: Processes, tmp_path: Path
) -> None:
    pids_file = tmp_path / "pids"
    shell = processes.start(
        ["bash", "-c", PARENT_AND_CHILD, "shell", str(pids_file)], preexec=ignore_sigint
    )
    pids = _started_pids(pids_file)

    # What the mail test used to do, and why it hung as a background job: SIGINT is ignored.
    os.killpg(shell.pid, signal.SIGINT)
    time.sleep(0.5)
    assert all(_running(pid) for pid in pids)

    assert stop(shell) == -signal.SIGTERM
    for pid in pids:
        _gone(pid)


def test_a_process_that_ignores_sigterm_is_killed_after_the_bound(
    processes: Processes, tmp_path: Path
) -> None:
    ready = tmp_path / "ready"
    stubborn = processes.start(
        [
            sys.executable,
            "-c",
            "import signal, sys, time, pathlib\n"
            "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
            "pathlib.Path(sys.argv[1]).touch()\n"
            "time.sleep(600)\n",
            str(ready),
        ],
        preexec=ignore_sigint,
    )
    wait_until(ready.exists, what="the stubborn process", started=stubborn)

    assert stop(stubborn, grace_seconds=1) == -signal.SIGKILL


def test_children_a_leader_leaves_behind_are_killed_with_the_group(
    processes: Processes, tmp_path: Path
) -> None:
    pids_file = tmp_path / "pids"
    # The leader exits at once on SIGTERM; its child ignores SIGTERM and would outlive it.
    leader = processes.start(
        [
            "bash",
            "-c",
            "(trap '' TERM; exec sleep 600) & echo \"$$ $!\" > \"$1\"; trap 'exit 0' TERM; wait",
            "shell",
            str(pids_file),
        ]
    )
    leader_pid, child_pid = _started_pids(pids_file)
    assert leader_pid == leader.pid

    assert stop(leader) == 0
    _gone(child_pid)
