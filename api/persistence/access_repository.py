"""All queries on accounts, sessions, sign-in attempts, API keys and the audit log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from api.persistence.models import ApiKey, AuditEvent, SignInAttempt, UserAccount, UserSession


def user_by_email(session: Session, email: str) -> UserAccount | None:
    return session.scalars(select(UserAccount).where(UserAccount.email == email.lower())).first()


def user_by_id(session: Session, user_id: int) -> UserAccount | None:
    return session.get(UserAccount, user_id)


def session_by_token_hash(session: Session, token_hash: str) -> UserSession | None:
    return session.get(UserSession, token_hash)


def delete_session(session: Session, token_hash: str) -> None:
    session.execute(delete(UserSession).where(UserSession.token_hash == token_hash))


def delete_expired_sessions(session: Session, now: datetime) -> None:
    session.execute(delete(UserSession).where(UserSession.expires_at < now))


def nth_latest_failure(
    session: Session, n: int, *, since: datetime, email: str | None, address: str | None
) -> datetime | None:
    """When the n-th most recent failed sign-in since `since` (for the account, from the
    address, or both) happened; None when there were fewer than n."""
    query = (
        select(SignInAttempt.at)
        .where(SignInAttempt.at >= since)
        .order_by(SignInAttempt.at.desc())
        .offset(n - 1)
        .limit(1)
    )
    if email is not None:
        query = query.where(SignInAttempt.email == email)
    if address is not None:
        query = query.where(SignInAttempt.address == address)
    return session.scalar(query)


def clear_failures(session: Session, *, email: str, address: str) -> None:
    session.execute(
        delete(SignInAttempt).where(SignInAttempt.email == email, SignInAttempt.address == address)
    )


def api_key_by_prefix(session: Session, prefix: str) -> ApiKey | None:
    return session.scalars(select(ApiKey).where(ApiKey.prefix == prefix)).first()


def api_key_by_id(session: Session, key_id: int) -> ApiKey | None:
    return session.get(ApiKey, key_id)


def list_api_keys(
    session: Session, *, hub_id: str | None, all_hubs: bool, after: int | None, limit: int
) -> list[ApiKey]:
    query = select(ApiKey).order_by(ApiKey.id.desc()).limit(limit)
    if not all_hubs:
        query = query.where(ApiKey.hub_id == hub_id)
    if after is not None:
        query = query.where(ApiKey.id < after)
    return list(session.scalars(query))


@dataclass(frozen=True)
class AuditFilters:
    resource_type: str | None = None
    resource_id: str | None = None
    actor: str | None = None
    since: datetime | None = None
    until: datetime | None = None


def list_audit_events(
    session: Session,
    filters: AuditFilters,
    *,
    hub_id: str | None,
    all_hubs: bool,
    after: int | None,
    limit: int,
) -> list[AuditEvent]:
    """Newest first; a hub's staff see only events on their own hub's resources."""
    query = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
    if not all_hubs:
        query = query.where(AuditEvent.hub_id == hub_id)
    if after is not None:
        query = query.where(AuditEvent.id < after)
    for column, value in (
        (AuditEvent.resource_type, filters.resource_type),
        (AuditEvent.resource_id, filters.resource_id),
        (AuditEvent.actor, filters.actor),
    ):
        if value is not None:
            query = query.where(column == value)
    if filters.since is not None:
        query = query.where(AuditEvent.at >= filters.since)
    if filters.until is not None:
        query = query.where(AuditEvent.at < filters.until)
    return list(session.scalars(query))


def add(session: Session, row: object) -> None:
    session.add(row)
    session.flush()
