"""Request bodies against a real uvicorn server: a declared length over the limit is answered
413 before the body is read (the server's memory does not grow), a chunked body is cut off at
the limit, a body that comes too slowly is answered 408, and file uploads may be larger than
JSON bodies. The server runs with small limits, set by environment variables as in production.
"""

from __future__ import annotations

import json
import os
import select
import socket
import subprocess
import sys
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from api.settings import PROJECT_ROOT
from tests.api.live_server import LiveServer, live_server

JSON_MAX = 64 * 1024
UPLOAD_MAX = 1024 * 1024
IDLE_SECONDS = 2
MIN_RATE = 1000  # bytes a second, after the grace time
LIMITS = {
    "REQUEST_BODY_MAX_BYTES": str(JSON_MAX),
    "UPLOAD_BODY_MAX_BYTES": str(UPLOAD_MAX),
    "REQUEST_BODY_IDLE_SECONDS": str(IDLE_SECONDS),
    "REQUEST_BODY_GRACE_SECONDS": "2",
    "REQUEST_BODY_MIN_BYTES_PER_SECOND": str(MIN_RATE),
}
# Generous bounds: they stop a hung run, they never decide a verdict.
ANSWER_BOUND_SECONDS = 60
MIB = 1024 * 1024
# How much the server's peak resident memory may grow while refusing 100 MB.
MEMORY_SLACK = 8 * MIB

SIGN_IN = "/api/v1/auth/sign-in"
UPLOAD = "/api/v1/schools/imports"


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    def problem(self) -> dict[str, object]:
        assert self.headers["content-type"].startswith("application/problem+json"), self.headers
        problem: dict[str, object] = json.loads(self.body)
        return problem


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """`mathshubs serve` on a scratch SQLite database: the limits do not depend on the database,
    and this server commits (sign-in throttles), which the shared test database must not see."""
    folder = tmp_path_factory.mktemp("limits")
    env = {
        **os.environ,
        **LIMITS,
        "DATABASE_URL": f"sqlite:///{folder / 'limits.db'}",
        "MAIL_SENDER_ENABLED": "false",
        "FRONTEND_DIST": str(PROJECT_ROOT / "tests" / "no-frontend"),
    }
    migrate = [sys.executable, "-m", "api.cli", "migrate"]
    migrated = subprocess.run(
        migrate, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert migrated.returncode == 0, migrated.stderr
    with live_server(["-m", "api.cli", "serve"], env=env, log=folder / "server.log") as running:
        yield running


def exchange(server: LiveServer, head: str, body: Iterable[bytes | float]) -> Answer:
    """Send the head, then the body's pieces (a number: a pause of that many seconds) from a
    thread of their own until the server answers or stops reading, and read the answer: as a
    client that does not wait to be asked for its body, as an attacker would."""
    answered = threading.Event()
    with socket.create_connection((server.host, server.port)) as connection:
        connection.settimeout(ANSWER_BOUND_SECONDS)
        connection.sendall(head.encode())

        def send_body() -> None:
            for piece in body:
                if isinstance(piece, float):
                    answered.wait(piece)
                # Stop once the server has answered: what it did not read stays unsent.
                if answered.is_set() or select.select([connection], [], [], 0)[0]:
                    return
                if isinstance(piece, float):
                    continue
                try:
                    connection.sendall(piece)
                except OSError:  # the server closed the connection: it reads no more
                    return

        sender = threading.Thread(target=send_body, daemon=True)
        sender.start()
        try:
            return _read_answer(connection)
        finally:
            answered.set()
            sender.join(ANSWER_BOUND_SECONDS)


def _read_answer(connection: socket.socket) -> Answer:
    received = b""
    while b"\r\n\r\n" not in received:
        piece = connection.recv(65536)
        assert piece, f"the connection closed without an answer: {received!r}"
        received += piece
    head, _, body = received.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {
        name.strip().lower(): value.strip()
        for name, _, value in (line.partition(":") for line in lines)
    }
    length = int(headers.get("content-length", "0"))
    while len(body) < length:
        piece = connection.recv(65536)
        assert piece, "the connection closed inside the answer"
        body += piece
    return Answer(int(status_line.split()[1]), headers, body)


def head_of(path: str, *, length: int | None = None, content_type: str = "application/json") -> str:
    framing = f"Content-Length: {length}" if length is not None else "Transfer-Encoding: chunked"
    return (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {content_type}\r\n"
        f"{framing}\r\n\r\n"
    )


def pieces(total: int, size: int = 64 * 1024) -> Iterator[bytes]:
    for start in range(0, total, size):
        yield b"x" * min(size, total - start)


def chunked(data: Iterable[bytes]) -> Iterator[bytes]:
    for piece in data:
        yield b"%x\r\n%s\r\n" % (len(piece), piece)
    yield b"0\r\n\r\n"


def peak_memory(pid: int) -> int:
    """The process's peak resident set (VmHWM), in bytes: a body read and freed still shows."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmHWM in /proc/<pid>/status")


def assert_too_large(answer: Answer, limit: int) -> None:
    assert answer.status == 413, answer
    problem = answer.problem()
    assert problem["type"] == "/problems/content-too-large"
    assert problem["max_bytes"] == limit
    assert answer.headers["connection"] == "close"


def test_a_100_mb_declared_body_is_refused_before_it_is_read(server: LiveServer) -> None:
    # Warm up, so that the peak below is not moved by the first request's own allocations.
    assert httpx.post(f"{server.base_url}{SIGN_IN}", json={}).status_code == 422
    before = peak_memory(server.pid)
    answer = exchange(server, head_of(SIGN_IN, length=100 * MIB), pieces(100 * MIB))
    grown = peak_memory(server.pid) - before
    assert grown < MEMORY_SLACK, f"the server's peak memory grew by {grown / MIB:.0f} MiB"
    assert_too_large(answer, UPLOAD_MAX)  # over every limit: answered before any route is chosen
    assert "at most 1 MiB" in str(answer.problem()["detail"])


def test_a_declared_length_over_the_json_limit_is_refused_before_it_is_read(
    server: LiveServer,
) -> None:
    # Only the head is sent: a server that tried to read the body would wait, not answer.
    answer = exchange(server, head_of(SIGN_IN, length=JSON_MAX + 1), [])
    assert_too_large(answer, JSON_MAX)
    assert "at most 64 KiB" in str(answer.problem()["detail"])


def test_a_chunked_body_is_cut_off_at_the_limit(server: LiveServer) -> None:
    answer = exchange(server, head_of(SIGN_IN), chunked(pieces(100 * MIB, 16 * 1024)))
    assert_too_large(answer, JSON_MAX)


@pytest.mark.parametrize("pace", ["trickle", "pause"])
def test_a_body_sent_too_slowly_is_answered_408(server: LiveServer, pace: str) -> None:
    def slowly() -> Iterator[bytes | float]:
        yield b'{"email": "'
        for _ in range(int(ANSWER_BOUND_SECONDS / 0.25)):
            # A trickle never pauses as long as the idle limit but falls far below the rate;
            # a pause stops for good.
            yield 0.25 if pace == "trickle" else float(ANSWER_BOUND_SECONDS)
            yield b"a"

    answer = exchange(server, head_of(SIGN_IN, length=1000), slowly())
    assert answer.status == 408, answer
    assert answer.problem()["type"] == "/problems/body-too-slow"
    assert answer.headers["connection"] == "close"


def test_a_normal_json_request_still_works(server: LiveServer) -> None:
    with httpx.Client(base_url=server.base_url) as client:
        for _ in range(2):  # on one kept-alive connection
            refused = client.post(SIGN_IN, json={"email": "a@school.example", "password": "x"})
            assert refused.status_code == 401, refused.text
        padded = {"email": "a@school.example", "password": "x", "pad": "y" * (JSON_MAX - 200)}
        near_limit = client.post(SIGN_IN, json=padded)
        # Read whole and validated, not refused for its size.
        assert near_limit.status_code == 422, near_limit.text
        assert [e["pointer"] for e in near_limit.json()["errors"]] == ["/pad"]


def upload_of(csv: bytes, *, length: bool = True) -> tuple[str, bytes]:
    """The head and multipart body of an upload of this file, as httpx frames them; without
    `length`, the head announces a chunked body."""
    request = httpx.Request(
        "POST", f"http://127.0.0.1{UPLOAD}", files={"file": ("gias.csv", csv, "text/csv")}
    )
    body = request.read()
    content_type = request.headers["content-type"]
    head = head_of(UPLOAD, length=len(body) if length else None, content_type=content_type)
    return head, body


def test_an_upload_may_be_larger_than_a_json_body(server: LiveServer) -> None:
    csv = b"URN,EstablishmentName\r\n" + b"100001,Oakfield\r\n" * (200 * 1024 // 17)
    assert JSON_MAX < len(csv) < UPLOAD_MAX
    head, body = upload_of(csv)
    # Read whole, then refused for want of a sign-in: not for its size.
    assert exchange(server, head, [body]).status == 401
    assert_too_large(exchange(server, head_of(SIGN_IN, length=len(csv)), [csv]), JSON_MAX)
    # Streamed without a length, it is counted against the upload limit as it comes.
    head, body = upload_of(csv * 6, length=False)
    assert len(body) > UPLOAD_MAX
    split = (body[start : start + 16 * 1024] for start in range(0, len(body), 16 * 1024))
    assert_too_large(exchange(server, head, chunked(split)), UPLOAD_MAX)
