"""Idempotency-Key: a repeated POST answers the first result again and creates nothing twice.

The key is claimed before the request runs: its row is inserted first, in the request's
transaction, and given the answer once the request has run. A request sent again while the first
is still running waits on that row (PostgreSQL holds a second insert of the same key until the
first transaction ends; SQLite runs one writer at a time), then replays the committed answer; if
the first failed, nothing of it was kept and the second runs in its place.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.errors import BadField, Conflict, InvalidFields
from api.persistence.models import IdempotentRequest

# An insert of a claimed key fails only once its claim is committed, so the next read finds
# it; more attempts are for a key whose row was deleted in between.
_CLAIM_ATTEMPTS = 3


@dataclass(frozen=True)
class Answer:
    status_code: int
    body: str  # JSON
    replayed: bool


def request_hash(method: str, path: str, body: str) -> str:
    return hashlib.sha256(f"{method} {path}\n{body}".encode()).hexdigest()


def run_once(
    session: Session,
    *,
    key: str,
    caller: str,
    fingerprint: str,
    run: Callable[[], tuple[int, str]],
) -> Answer:
    """The stored answer for (key, caller), or run and store it in the same transaction."""
    claimed = _claim(session, key=key, caller=caller, fingerprint=fingerprint)
    if isinstance(claimed, Answer):
        return claimed
    claimed.status_code, claimed.body = run()
    session.flush()
    return Answer(claimed.status_code, claimed.body, replayed=False)


def _claim(
    session: Session, *, key: str, caller: str, fingerprint: str
) -> IdempotentRequest | Answer:
    """This request's claim on the key (a row without its answer yet), or the answer of the
    request that claimed it first and committed."""
    for _ in range(_CLAIM_ATTEMPTS):
        earlier = session.get(IdempotentRequest, (key, caller))
        if earlier is not None:
            return _replay(earlier, fingerprint)
        claim = IdempotentRequest(
            key=key, caller=caller, request_hash=fingerprint, status_code=0, body=""
        )
        try:
            with session.begin_nested():
                session.add(claim)
        except IntegrityError:
            continue  # claimed by a request that has committed since: read its answer
        return claim
    raise Conflict(
        "A request with this Idempotency-Key was being handled at the same moment; "
        "send it again to get its answer."
    )


def _replay(earlier: IdempotentRequest, fingerprint: str) -> Answer:
    if earlier.request_hash != fingerprint:
        raise InvalidFields(
            [
                BadField(
                    "header",
                    "/Idempotency-Key",
                    "This key was used for a different request; use a new key",
                )
            ]
        )
    return Answer(earlier.status_code, earlier.body, replayed=True)
