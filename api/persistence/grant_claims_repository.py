"""Queries on grant claims, their evidence, and the statement lines that pay or claw them back."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select, tuple_, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, defer
from sqlalchemy.orm.attributes import flag_modified

from api.persistence.models import (
    GrantClaim,
    GrantEvidence,
    GrantStatement,
    GrantStatementLine,
    Hub,
    School,
)


@dataclass(frozen=True)
class ClaimScope:
    """Which claims a caller may see, with the filters they asked for."""

    hub_id: str | None = None
    school_urn: str | None = None
    programme_id: int | None = None
    statuses: tuple[str, ...] = ()
    updated_since: datetime | None = None


class AlreadyHeld(Exception):
    """The entitlement is held by another live claim (the unique holds_entitlement_id)."""


def insert_claim(session: Session, claim: GrantClaim) -> None:
    """Insert a new claim in a savepoint; AlreadyHeld if a live claim holds its entitlement,
    even one committed by a parallel request a moment ago."""
    try:
        with session.begin_nested():
            session.add(claim)
            session.flush()
    except IntegrityError as exc:
        raise AlreadyHeld from exc


def set_reference(session: Session, claim: GrantClaim, reference: str) -> None:
    """Give a new claim its reference (from its id) without counting it as a change."""
    session.execute(
        update(GrantClaim)
        .where(GrantClaim.id == claim.id)
        # updated_at as it is: the column's onupdate would stamp the system clock's time.
        .values(reference=reference, updated_at=claim.updated_at)
        .execution_options(synchronize_session=False)
    )
    session.refresh(claim)


def touch(row: GrantClaim | GrantStatement, now: datetime) -> None:
    """Mark the row changed at `now`, the request's clock: even when `now` equals its last
    change (a fixed clock), it is written, rather than the column's onupdate system time."""
    row.updated_at = now
    flag_modified(row, "updated_at")


def get(session: Session, claim_id: int) -> GrantClaim | None:
    return session.get(GrantClaim, claim_id)


def lock(session: Session, claim_id: int) -> GrantClaim | None:
    """The claim, its row locked on PostgreSQL until the transaction ends."""
    return session.scalars(
        select(GrantClaim).where(GrantClaim.id == claim_id).with_for_update()
    ).one_or_none()


def by_reference(session: Session, reference: str) -> GrantClaim | None:
    return session.scalars(select(GrantClaim).where(GrantClaim.reference == reference)).first()


def live_claim(session: Session, entitlement_id: int) -> GrantClaim | None:
    return session.scalars(
        select(GrantClaim).where(GrantClaim.holds_entitlement_id == entitlement_id)
    ).first()


def claims_of(session: Session, entitlement_ids: Sequence[int]) -> dict[int, list[GrantClaim]]:
    """Each entitlement's claims, newest first."""
    found: dict[int, list[GrantClaim]] = {i: [] for i in entitlement_ids}
    if not entitlement_ids:
        return found
    rows = session.scalars(
        select(GrantClaim)
        .where(GrantClaim.entitlement_id.in_(set(entitlement_ids)))
        .order_by(GrantClaim.id.desc())
    )
    for row in rows:
        found[row.entitlement_id].append(row)
    return found


def list_claims(
    session: Session,
    scope: ClaimScope,
    *,
    after: tuple[int] | tuple[str, int] | None,
    limit: int,
) -> list[GrantClaim]:
    """By id; with updated_since, by (updated_at, id) so that a follower misses no change."""
    query = select(GrantClaim).limit(limit)
    if scope.updated_since is not None:
        query = query.where(GrantClaim.updated_at >= scope.updated_since).order_by(
            GrantClaim.updated_at, GrantClaim.id
        )
        if after is not None and len(after) == 2:
            at, last_id = after
            # A row comparison, which the (updated_at, id) index can seek to.
            query = query.where(
                tuple_(GrantClaim.updated_at, GrantClaim.id) > (datetime.fromisoformat(at), last_id)
            )
    else:
        query = query.order_by(GrantClaim.id)
        if after is not None and len(after) == 1:
            query = query.where(GrantClaim.id > after[0])
    if scope.hub_id is not None:
        query = query.where(GrantClaim.hub_id == scope.hub_id)
    if scope.school_urn is not None:
        query = query.where(GrantClaim.school_urn == scope.school_urn)
    if scope.programme_id is not None:
        query = query.where(GrantClaim.programme_id == scope.programme_id)
    if scope.statuses:
        query = query.where(GrantClaim.status.in_(scope.statuses))
    return list(session.scalars(query))


def add_evidence(session: Session, row: GrantEvidence) -> None:
    session.add(row)
    session.flush()


def evidence_meta(session: Session, claim_ids: Sequence[int]) -> dict[int, GrantEvidence]:
    """Each claim's evidence without its bytes (a list shows what it is, not the file)."""
    if not claim_ids:
        return {}
    rows = session.scalars(
        select(GrantEvidence)
        .options(defer(GrantEvidence.content))
        .where(GrantEvidence.claim_id.in_(set(claim_ids)))
    )
    return {row.claim_id: row for row in rows}


def evidence(session: Session, claim_id: int) -> GrantEvidence | None:
    return session.scalars(
        select(GrantEvidence).where(GrantEvidence.claim_id == claim_id)
    ).one_or_none()


def lines_of(
    session: Session, claim_ids: Sequence[int]
) -> list[tuple[GrantStatementLine, GrantStatement]]:
    if not claim_ids:
        return []
    rows = session.execute(
        select(GrantStatementLine, GrantStatement)
        .join(GrantStatement, GrantStatement.id == GrantStatementLine.statement_id)
        .where(GrantStatementLine.claim_id.in_(set(claim_ids)))
    )
    return [(line, statement) for line, statement in rows]


def add(session: Session, row: object) -> None:
    session.add(row)
    session.flush()


def remove_line(session: Session, line_id: int) -> None:
    session.execute(delete(GrantStatementLine).where(GrantStatementLine.id == line_id))


def hubs(session: Session, ids: set[str]) -> dict[str, Hub]:
    if not ids:
        return {}
    return {row.id: row for row in session.scalars(select(Hub).where(Hub.id.in_(ids)))}


def schools(session: Session, urns: set[str]) -> dict[str, School]:
    if not urns:
        return {}
    return {row.urn: row for row in session.scalars(select(School).where(School.urn.in_(urns)))}


def claims_by_id(session: Session, ids: set[int]) -> dict[int, GrantClaim]:
    if not ids:
        return {}
    return {
        row.id: row for row in session.scalars(select(GrantClaim).where(GrantClaim.id.in_(ids)))
    }
