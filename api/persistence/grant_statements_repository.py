"""All queries on a hub's monthly statements, their lines and their adjustments."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from api.persistence.models import (
    ApiKey,
    GrantClaim,
    GrantStatement,
    GrantStatementAdjustment,
    GrantStatementLine,
    Programme,
    School,
    UserAccount,
)


@dataclass(frozen=True)
class StatementFilters:
    hub_id: str | None = None  # None: every hub
    status: str | None = None
    updated_since: datetime | None = None


# A line with what it pays: the claim, its school and its programme.
LineRow = tuple[GrantStatementLine, GrantClaim, School, Programme]


def get(session: Session, statement_id: int) -> GrantStatement | None:
    return session.get(GrantStatement, statement_id)


def of_month(session: Session, hub_id: str, month: str) -> GrantStatement | None:
    return session.scalars(
        select(GrantStatement).where(GrantStatement.hub_id == hub_id, GrantStatement.month == month)
    ).first()


def months_of(session: Session, hub_id: str) -> set[str]:
    """Every month the hub has a statement for, whatever its state."""
    return set(session.scalars(select(GrantStatement.month).where(GrantStatement.hub_id == hub_id)))


def earliest_open(session: Session, hub_id: str) -> GrantStatement | None:
    """The hub's open statement for the earliest month ("2026-12" sorts as a date does)."""
    return session.scalars(
        select(GrantStatement)
        .where(GrantStatement.hub_id == hub_id, GrantStatement.status == "open")
        .order_by(GrantStatement.month)
        .limit(1)
    ).first()


def add(
    session: Session, row: GrantStatement | GrantStatementLine | GrantStatementAdjustment
) -> None:
    session.add(row)
    session.flush()


def list_statements(
    session: Session,
    filters: StatementFilters,
    *,
    after: int | tuple[datetime, int] | None,
    limit: int,
) -> list[GrantStatement]:
    """By id; by (updated_at, id) when syncing changes (`updated_since`), so that a statement
    changed during the walk comes again at the end rather than being missed."""
    query = select(GrantStatement).limit(limit)
    if filters.updated_since is not None:
        query = query.where(GrantStatement.updated_at >= filters.updated_since).order_by(
            GrantStatement.updated_at, GrantStatement.id
        )
        if isinstance(after, tuple):
            query = query.where(tuple_(GrantStatement.updated_at, GrantStatement.id) > after)
    else:
        query = query.order_by(GrantStatement.id)
        if isinstance(after, int):
            query = query.where(GrantStatement.id > after)
    for column, value in (
        (GrantStatement.hub_id, filters.hub_id),
        (GrantStatement.status, filters.status),
    ):
        if value is not None:
            query = query.where(column == value)
    return list(session.scalars(query))


def lines_of(session: Session, statement_id: int) -> list[LineRow]:
    rows = session.execute(
        select(GrantStatementLine, GrantClaim, School, Programme)
        .join(GrantClaim, GrantClaim.id == GrantStatementLine.claim_id)
        .join(School, School.urn == GrantClaim.school_urn)
        .join(Programme, Programme.id == GrantClaim.programme_id)
        .where(GrantStatementLine.statement_id == statement_id)
        .order_by(GrantStatementLine.id)
    ).all()
    return [(line, claim, school, programme) for line, claim, school, programme in rows]


def adjustments_of(session: Session, statement_id: int) -> list[GrantStatementAdjustment]:
    return list(
        session.scalars(
            select(GrantStatementAdjustment)
            .where(GrantStatementAdjustment.statement_id == statement_id)
            .order_by(GrantStatementAdjustment.id)
        )
    )


@dataclass(frozen=True)
class Amounts:
    """A statement's lines (claim reference, pence) and adjustments (description, pence)."""

    lines: list[tuple[str, int]]
    adjustments: list[tuple[str, int]]


def amounts_of(session: Session, statement_ids: Sequence[int]) -> dict[int, Amounts]:
    """What each statement of a page holds, in two queries, for its total and line count."""
    found: dict[int, Amounts] = {i: Amounts([], []) for i in statement_ids}
    if not statement_ids:
        return found
    lines = session.execute(
        select(
            GrantStatementLine.statement_id, GrantClaim.reference, GrantStatementLine.amount_pence
        )
        .join(GrantClaim, GrantClaim.id == GrantStatementLine.claim_id)
        .where(GrantStatementLine.statement_id.in_(statement_ids))
        .order_by(GrantStatementLine.id)
    )
    for statement_id, reference, pence in lines:
        found[statement_id].lines.append((reference, pence))
    adjustments = session.execute(
        select(
            GrantStatementAdjustment.statement_id,
            GrantStatementAdjustment.description,
            GrantStatementAdjustment.amount_pence,
        )
        .where(GrantStatementAdjustment.statement_id.in_(statement_ids))
        .order_by(GrantStatementAdjustment.id)
    )
    for statement_id, description, pence in adjustments:
        found[statement_id].adjustments.append((description, pence))
    return found


def claim(session: Session, claim_id: int) -> GrantClaim | None:
    return session.get(GrantClaim, claim_id)


def claims_on(session: Session, statement_id: int) -> list[tuple[GrantStatementLine, GrantClaim]]:
    """Each line's claim, for paying the statement: their states move with it."""
    rows = session.execute(
        select(GrantStatementLine, GrantClaim)
        .join(GrantClaim, GrantClaim.id == GrantStatementLine.claim_id)
        .where(GrantStatementLine.statement_id == statement_id)
        .order_by(GrantStatementLine.id)
    ).all()
    return [(line, claim) for line, claim in rows]


def actor_names(session: Session, actors: set[str]) -> dict[str, str]:
    """Names of people and keys by their audit key ("user:3", "api_key:7")."""
    ids: dict[str, list[int]] = {"user": [], "api_key": []}
    for actor in actors:
        kind, _, number = actor.partition(":")
        if kind in ids and number.isdigit():
            ids[kind].append(int(number))
    names: dict[str, str] = {}
    if ids["user"]:
        for user_id, name in session.execute(
            select(UserAccount.id, UserAccount.name).where(UserAccount.id.in_(ids["user"]))
        ):
            names[f"user:{user_id}"] = name
    if ids["api_key"]:
        for key_id, name in session.execute(
            select(ApiKey.id, ApiKey.name).where(ApiKey.id.in_(ids["api_key"]))
        ):
            names[f"api_key:{key_id}"] = name
    return names
