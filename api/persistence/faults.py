"""Which database errors mean "busy or out of reach, try again" rather than a fault in the
request or the code: the one place that knows the drivers' codes for them."""

from __future__ import annotations

import sqlite3

import psycopg
from sqlalchemy import exc

# SQLSTATE classes: 08 the connection failed, 53 the server is out of connections, memory or
# disk, 57 an operator or a timeout stopped the statement (statement_timeout, shutdown, restart).
_UNAVAILABLE_CLASSES = frozenset({"08", "53", "57"})
# 55P03 lock_timeout ran out; 40001 and 40P01 a serialization failure or a deadlock, which
# roll back a transaction that would succeed when tried again.
_UNAVAILABLE_STATES = frozenset({"55P03", "40001", "40P01"})
# "database is locked": another connection held the write lock past the busy timeout.
_SQLITE_BUSY_CODES = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})


def is_database_unavailable(error: BaseException) -> bool:
    """True for a full pool, a lock or statement timeout, and a database that cannot be
    reached; such a transaction changed nothing and may simply be tried again."""
    if isinstance(error, exc.TimeoutError | exc.DisconnectionError):
        return True
    if not isinstance(error, exc.DBAPIError):
        return False
    if error.connection_invalidated:
        return True
    cause = error.orig
    if isinstance(cause, sqlite3.Error):
        # The primary code is the low byte (SQLITE_BUSY_SNAPSHOT is SQLITE_BUSY | 2 << 8).
        return getattr(cause, "sqlite_errorcode", 0) & 0xFF in _SQLITE_BUSY_CODES
    if isinstance(cause, psycopg.Error):
        state = cause.sqlstate
        if state is None:
            # No SQLSTATE: the server never answered (refused, timed out, connection lost).
            return isinstance(cause, psycopg.OperationalError)
        return state[:2] in _UNAVAILABLE_CLASSES or state in _UNAVAILABLE_STATES
    return False
