"""Idempotency-Key: a repeated POST answers the first result again and creates nothing twice."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.errors import BadField, Conflict, InvalidFields
from api.persistence.models import IdempotentRequest


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
    earlier = session.get(IdempotentRequest, (key, caller))
    if earlier is not None:
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
    status_code, body = run()
    try:
        with session.begin_nested():
            session.add(
                IdempotentRequest(
                    key=key,
                    caller=caller,
                    request_hash=fingerprint,
                    status_code=status_code,
                    body=body,
                )
            )
    except IntegrityError as exc:
        # The same key arrived twice at once: the other request won; this one changes nothing.
        raise Conflict(
            "A request with this Idempotency-Key was being handled at the same moment; "
            "send it again to get its answer."
        ) from exc
    return Answer(status_code, body, replayed=False)
