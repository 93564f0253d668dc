"""All queries on people's accounts as their hub manages them: invitations, password reset
links, recovery codes, remembered browsers, and a person's sessions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from api.persistence.models import (
    ApiKey,
    Invitation,
    PasswordReset,
    RecoveryCode,
    RememberedBrowser,
    UserAccount,
    UserSession,
)


def invitation_by_token_hash(session: Session, hashed: str) -> Invitation | None:
    return session.scalars(select(Invitation).where(Invitation.token_hash == hashed)).first()


def pending_invitations(
    session: Session, *, hub_id: str | None, all_hubs: bool, now: datetime
) -> list[Invitation]:
    """Invitations not yet accepted, newest first (expired ones too: the hub sees them lapse)."""
    query = (
        select(Invitation).where(Invitation.accepted_at.is_(None)).order_by(Invitation.id.desc())
    )
    if not all_hubs:
        query = query.where(Invitation.hub_id == hub_id)
    return list(session.scalars(query))


def users(session: Session, *, hub_id: str | None, all_hubs: bool) -> list[UserAccount]:
    """A hub's accounts (every account for the whole country), by name."""
    query = select(UserAccount).order_by(UserAccount.name, UserAccount.id)
    if not all_hubs:
        query = query.where(UserAccount.hub_id == hub_id)
    return list(session.scalars(query))


def password_reset_by_token_hash(session: Session, hashed: str) -> PasswordReset | None:
    return session.scalars(select(PasswordReset).where(PasswordReset.token_hash == hashed)).first()


def sessions_of(session: Session, user_id: int, now: datetime) -> list[UserSession]:
    return list(
        session.scalars(
            select(UserSession)
            .where(UserSession.user_id == user_id, UserSession.expires_at > now)
            .order_by(UserSession.created_at.desc(), UserSession.token_hash)
        )
    )


def end_sessions(session: Session, user_id: int, *, keep: str | None = None) -> None:
    """End every session of the person, but the one whose token hash is `keep`."""
    statement = delete(UserSession).where(UserSession.user_id == user_id)
    if keep is not None:
        statement = statement.where(UserSession.token_hash != keep)
    session.execute(statement)


def revoke_keys_made_by(session: Session, email: str, now: datetime) -> None:
    session.execute(
        update(ApiKey)
        .where(ApiKey.created_by == email, ApiKey.revoked_at.is_(None))
        .values(revoked_at=now)
        .execution_options(synchronize_session=False)
    )


def unused_recovery_codes(session: Session, user_id: int) -> list[RecoveryCode]:
    return list(
        session.scalars(
            select(RecoveryCode).where(
                RecoveryCode.user_id == user_id, RecoveryCode.used_at.is_(None)
            )
        )
    )


def delete_recovery_codes(session: Session, user_id: int) -> None:
    session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user_id))


def remembered_browser(session: Session, hashed: str) -> RememberedBrowser | None:
    return session.get(RememberedBrowser, hashed)


def forget_browsers(session: Session, user_id: int) -> None:
    session.execute(delete(RememberedBrowser).where(RememberedBrowser.user_id == user_id))


def add(session: Session, row: object) -> None:
    session.add(row)
    session.flush()
