"""All queries on accounts, sessions, sign-in attempts, API keys and the audit log."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, delete, event, func, or_, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from api.persistence.data_version_watch import CREDENTIALS_CHANNEL
from api.persistence.models import ApiKey, AuditEvent, SignInAttempt, UserAccount, UserSession

# Session.info flag: this transaction changed credentials (a key revoked, a session ended).
_CREDENTIALS_CHANGED = "mathshubs_credentials_changed"


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
    session: Session,
    n: int,
    *,
    since: datetime,
    email: str | None,
    address: str | None,
    kind: str = "sign_in",
) -> datetime | None:
    """When the n-th most recent counted attempt of `kind` since `since` (for the account,
    from the address, or both) happened; None when there were fewer than n."""
    query = (
        select(SignInAttempt.at)
        .where(SignInAttempt.at >= since, SignInAttempt.kind == kind)
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
        delete(SignInAttempt).where(
            SignInAttempt.email == email,
            SignInAttempt.address == address,
            SignInAttempt.kind == "sign_in",
        )
    )


def api_key_by_prefix(session: Session, prefix: str) -> ApiKey | None:
    return session.scalars(select(ApiKey).where(ApiKey.prefix == prefix)).first()


def api_key_by_id(session: Session, key_id: int) -> ApiKey | None:
    return session.get(ApiKey, key_id)


def record_key_uses(session: Session, uses: Mapping[int, datetime]) -> None:
    """Each key's last use, never moved back (another process may have written a later one)."""
    if not uses:
        return
    statement = (
        update(ApiKey)
        .where(
            ApiKey.id == bindparam("key_id"),
            or_(ApiKey.last_used_at.is_(None), ApiKey.last_used_at < bindparam("at")),
        )
        .values(last_used_at=bindparam("at"))
        .execution_options(synchronize_session=False)
    )
    session.connection().execute(
        statement, [{"key_id": key_id, "at": at} for key_id, at in uses.items()]
    )


def credentials_changed(session: Session) -> None:
    """Tell every process, once this transaction commits, to trust no credentials it cached:
    by notification on PostgreSQL; this process at once, through `on_credentials_committed`."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_notify(CREDENTIALS_CHANNEL, "")))
    session.info[_CREDENTIALS_CHANGED] = True


def on_credentials_committed(factory: sessionmaker[Session], callback: Callable[[], None]) -> None:
    """Call `callback` after each commit of a transaction that changed credentials."""

    @event.listens_for(factory, "after_commit")
    def _committed(session: Session) -> None:
        if session.info.pop(_CREDENTIALS_CHANGED, False):
            callback()

    @event.listens_for(factory, "after_rollback")
    def _rolled_back(session: Session) -> None:
        session.info.pop(_CREDENTIALS_CHANGED, None)


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


@dataclass(frozen=True)
class AuditActor:
    actor: str
    name: str | None
    role: str | None


# Who appears in the log, without reading the log: a skip scan. Each step is one seek on the
# (hub_id, actor, id) or (actor, id) index for the next actor after the last one found, so the
# cost grows with the number of people, not of events. PostgreSQL and SQLite both run it.
_ACTORS = """
WITH RECURSIVE seen(actor) AS (
    SELECT MIN(actor) FROM audit_event WHERE {scope}
    UNION ALL
    SELECT (SELECT MIN(e.actor) FROM audit_event e WHERE {e_scope} AND e.actor > seen.actor)
    FROM seen WHERE seen.actor IS NOT NULL
)
SELECT seen.actor,
    (SELECT e.actor_name FROM audit_event e
        WHERE e.actor = seen.actor AND {e_scope} ORDER BY e.id DESC LIMIT 1) AS name,
    (SELECT e.actor_role FROM audit_event e
        WHERE e.actor = seen.actor AND {e_scope} ORDER BY e.id DESC LIMIT 1) AS role
FROM seen WHERE seen.actor IS NOT NULL
LIMIT :limit
"""


def audit_actors(
    session: Session, *, hub_id: str | None, all_hubs: bool, limit: int
) -> list[AuditActor]:
    """Each actor in the events one may read, with their latest name and role."""
    if all_hubs:
        sql = _ACTORS.format(scope="1 = 1", e_scope="1 = 1")
    else:
        sql = _ACTORS.format(scope="hub_id = :hub_id", e_scope="e.hub_id = :hub_id")
    rows = session.execute(text(sql), {"hub_id": hub_id, "limit": limit})
    return [AuditActor(actor=row.actor, name=row.name, role=row.role) for row in rows]


def add(session: Session, row: object) -> None:
    session.add(row)
    session.flush()
