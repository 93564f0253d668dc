"""This process's view of the data version, kept current by PostgreSQL notifications.

Every change to groups, sessions or what the timetable shows raises the data version and, in the
same transaction, sends NOTIFY (delivered only if it commits). A thread in each process listens,
so a cached timetable can be served without asking the database at all. While the listener is
not connected the view is unknown (None) and callers ask the database, as on SQLite.

The same connection hears of changed credentials (a key revoked, a session ended): each such
notice, and each reconnection (notices may have been missed meanwhile), moves this process's
credentials generation on, and what was cached at an older generation is no longer trusted.

The listener holds its connection for as long as the process runs, so behind a transaction
pooler (PgBouncer) it is given a direct connection to PostgreSQL (LISTEN_DATABASE_URL).
"""

from __future__ import annotations

import logging
import threading

import psycopg

CHANNEL = "data_version"
CREDENTIALS_CHANNEL = "credentials"
RETRY_SECONDS = (0.5, 1, 2, 5)

log = logging.getLogger(__name__)


def payload(version: int, stamp: str) -> str:
    return f"{version}:{stamp}"


def _parse(text: str) -> tuple[int, str]:
    version, _, stamp = text.partition(":")
    return int(version), stamp


class DataVersionWatch:
    def __init__(self, url: str) -> None:
        # psycopg takes the libpq form of SQLAlchemy's URL.
        self._url = url.replace("postgresql+psycopg://", "postgresql://", 1)
        self._current: tuple[int, str] | None = None
        self._credentials = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="data-version-watch", daemon=True)

    def current(self) -> tuple[int, str] | None:
        """The latest committed version, or None when it cannot be vouched for."""
        with self._lock:
            return self._current

    def credentials_generation(self) -> int | None:
        """Moves on whenever credentials may have changed; None while not listening."""
        with self._lock:
            return self._credentials if self._current is not None else None

    def credentials_changed(self) -> None:
        """This process committed a change to credentials: trust nothing cached before it,
        without waiting for its own notice to come back."""
        with self._lock:
            self._credentials += 1

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _set(self, value: tuple[int, str] | None, *, reconnected: bool = False) -> None:
        with self._lock:
            self._current = value
            if reconnected:
                self._credentials += 1

    def _run(self) -> None:
        failures = 0
        while not self._stop.is_set():
            try:
                self._listen()
                failures = 0
            except (psycopg.Error, ValueError) as error:
                self._set(None)
                delay = RETRY_SECONDS[min(failures, len(RETRY_SECONDS) - 1)]
                failures += 1
                log.warning("data version listener: %s; again in %s s", error, delay)
                self._stop.wait(delay)
        self._set(None)

    def _listen(self) -> None:
        with psycopg.connect(self._url, autocommit=True) as connection:
            # Listen first, then read: a change committed in between is both read and notified.
            connection.execute(f"LISTEN {CHANNEL}")
            connection.execute(f"LISTEN {CREDENTIALS_CHANNEL}")
            row = connection.execute("SELECT version, stamp FROM data_version").fetchone()
            self._set((int(row[0]), str(row[1])) if row else (0, "none"), reconnected=True)
            while not self._stop.is_set():
                for notice in connection.notifies(timeout=1.0):
                    if notice.channel == CREDENTIALS_CHANNEL:
                        self.credentials_changed()
                    else:
                        self._set(_parse(notice.payload))
