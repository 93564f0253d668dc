"""Optimistic concurrency: an update names the version it read (its If-Match), and a row that
has moved on since is refused, never overwritten.

This check refuses a change made on an old read. Two updates that both pass it at once are
settled by the row's `version_id_col`: the second UPDATE matches no row, SQLAlchemy raises
StaleDataError, and api/errors.py answers it with the same 412 (409 without If-Match).
"""

from __future__ import annotations

from api.errors import PreconditionFailed


def check_version(what: str, *, current: int, expected: int) -> None:
    """Refuse when `what` (e.g. "Programme 12") is no longer at the version the client read."""
    if current != expected:
        raise PreconditionFailed(
            f"{what} has changed since you read it (your version {expected}, now {current}); "
            "read it again and reapply your change."
        )
