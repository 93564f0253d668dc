"""A TCP forwarder on 127.0.0.1 that a test can stop and start again, so that a server behind
it sees its database go away (new connections refused, open ones cut, as in a restart) and
come back on the same address."""

from __future__ import annotations

import contextlib
import selectors
import socket
import socketserver
import threading

from tests.processes import free_port

JOIN_SECONDS = 10


class TcpProxy:
    def __init__(self, upstream: tuple[str, int]) -> None:
        self.upstream = upstream
        self.port = free_port()
        self._server: _ForwardingServer | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        assert self._server is None, "already started"
        self._server = _ForwardingServer(("127.0.0.1", self.port), self.upstream)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        """Refuse new connections and cut the open ones; returns once every thread ended."""
        server, thread = self._server, self._thread
        if server is None or thread is None:
            return
        self._server = self._thread = None
        server.shutdown()
        server.server_close()
        server.cut_all()
        thread.join(JOIN_SECONDS)
        assert not thread.is_alive(), "the proxy did not stop"


class _ForwardingServer(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True
    block_on_close = True  # server_close() joins the connection threads

    def __init__(self, address: tuple[str, int], upstream: tuple[str, int]) -> None:
        self.upstream = upstream
        self.stopping = threading.Event()
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()
        super().__init__(address, _Forward)

    def track(self, connection: socket.socket) -> None:
        with self._lock:
            self._open.add(connection)

    def cut_all(self) -> None:
        self.stopping.set()
        with self._lock:
            for connection in self._open:
                with contextlib.suppress(OSError):  # already closed by its peer
                    connection.shutdown(socket.SHUT_RDWR)

    def server_close(self) -> None:
        # Cut the forwarded connections first, so that joining their threads cannot wait.
        self.cut_all()
        super().server_close()


class _Forward(socketserver.BaseRequestHandler):
    server: _ForwardingServer
    request: socket.socket

    def handle(self) -> None:
        try:
            upstream = socket.create_connection(self.server.upstream, timeout=5)
        except OSError:
            return
        self.server.track(self.request)
        self.server.track(upstream)
        peers = {self.request: upstream, upstream: self.request}
        with upstream, selectors.DefaultSelector() as selector:
            for end in peers:
                selector.register(end, selectors.EVENT_READ)
            while not self.server.stopping.is_set():
                for key, _ in selector.select(timeout=0.2):
                    source: socket.socket = key.fileobj  # type: ignore[assignment]
                    try:
                        data = source.recv(65536)
                        if not data:
                            return
                        peers[source].sendall(data)
                    except OSError:
                        return
