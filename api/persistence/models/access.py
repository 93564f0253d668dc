"""People who sign in, their sessions, other systems' API keys, sign-in attempts, the audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from api.persistence.base import Base
from api.persistence.models.common import Timestamped, utc_now


class UserAccount(Timestamped, Base):
    __tablename__ = "user_account"
    __table_args__ = (
        CheckConstraint(
            "role IN ('national_admin', 'hub_admin', 'mastery_specialist', 'school_contact')",
            name="role_known",
        ),
        # A hub's people belong to a hub; a national administrator to none.
        CheckConstraint("(role = 'national_admin') = (hub_id IS NULL)", name="hub_matches_role"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)  # stored lower-case
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(32))
    hub_id: Mapped[str | None] = mapped_column(ForeignKey("hub.id"))
    school_urn: Mapped[str | None] = mapped_column(String(6))
    active: Mapped[bool] = mapped_column(default=True)
    last_signed_in_at: Mapped[datetime | None]
    # Two-factor sign-in (api.services.two_factor): the authenticator's shared secret once
    # confirmed, the one being set up meanwhile, and the last time step whose code was used.
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_pending_secret: Mapped[str | None] = mapped_column(String(64))
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger)


class UserSession(Base):
    """A signed-in browser. The cookie holds a random token; only its hash is stored."""

    __tablename__ = "user_session"
    __table_args__ = (Index("ix_user_session_user_id", "user_id"),)

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    expires_at: Mapped[datetime]


class SignInAttempt(Base):
    """Failed sign-ins, counted per account and address pair, per address and per account to
    slow down guessing (api.services.auth); and, counted apart, requests for a password reset
    link (kind "password_reset"), so that nobody floods a mailbox."""

    __tablename__ = "sign_in_attempt"
    __table_args__ = (
        Index("ix_sign_in_attempt_email_address_at", "email", "address", "at"),
        Index("ix_sign_in_attempt_email_at", "email", "at"),
        Index("ix_sign_in_attempt_address_at", "address", "at"),
        CheckConstraint("kind IN ('sign_in', 'password_reset')", name="kind_known"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), default="sign_in", server_default="sign_in")
    email: Mapped[str] = mapped_column(String(320))
    address: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(default=utc_now)


class ApiKey(Base):
    """Another system's key, `mh_<prefix>_<secret>`: the prefix finds it, the hash proves it."""

    __tablename__ = "api_key"
    __table_args__ = (
        Index("ix_api_key_hub_id", "hub_id"),
        CheckConstraint(
            "rate_limit_per_minute IS NULL OR rate_limit_per_minute >= 1",
            name="rate_limit_positive",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    prefix: Mapped[str] = mapped_column(String(16), unique=True)
    secret_hash: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    hub_id: Mapped[str | None] = mapped_column(ForeignKey("hub.id"))
    scopes: Mapped[list[str]] = mapped_column(JSON)
    created_by: Mapped[str] = mapped_column(String(320))
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    expires_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    last_used_at: Mapped[datetime | None]
    # Requests a minute (api/rate_limits.py); None: the service's default for keys.
    rate_limit_per_minute: Mapped[int | None]


class AuditEvent(Base):
    """One change: who made it, when, to what, and each changed field before and after."""

    __tablename__ = "audit_event"
    __table_args__ = (
        Index("ix_audit_event_resource", "resource_type", "resource_id"),
        # Keyset pages by actor, and the list of who appears in the log (a skip scan over
        # actors, one index seek per person: api.persistence.access_repository.audit_actors).
        Index("ix_audit_event_actor_id", "actor", "id"),
        Index("ix_audit_event_hub_id_id", "hub_id", "id"),
        Index("ix_audit_event_hub_id_actor_id", "hub_id", "actor", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utc_now)
    actor: Mapped[str] = mapped_column(String(64))  # user:12, api_key:3, signatory:5, system
    actor_label: Mapped[str] = mapped_column(String(320))  # email address or key name
    # Who, in words, as they were when they acted: a person's name (a key's name) and role
    # (a user's role, "api_key", "signatory" or "system"). Null only where no backfill could say.
    actor_name: Mapped[str | None] = mapped_column(String(200))
    actor_role: Mapped[str | None] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(32))
    resource_type: Mapped[str] = mapped_column(String(64))
    resource_id: Mapped[str] = mapped_column(String(64))
    # What, in words, as it was then: "Session 3 of Year 5 Fractions"
    # (api.persistence.audit_titles).
    resource_title: Mapped[str | None] = mapped_column(String(300))
    hub_id: Mapped[str | None] = mapped_column(String(64))
    changes: Mapped[dict[str, Any]] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)
    # Set when a person's values in it were redacted (an erasure, the retention schedule).
    redacted_at: Mapped[datetime | None]


class Invitation(Base):
    """A person invited to make an account; the emailed link holds a token, only its hash is
    here. Once accepted it points at the account made."""

    __tablename__ = "invitation"
    __table_args__ = (
        CheckConstraint(
            "role IN ('hub_admin', 'mastery_specialist', 'school_contact')", name="role_known"
        ),
        Index("ix_invitation_hub_id", "hub_id"),
        Index("ix_invitation_email", "email"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    email: Mapped[str] = mapped_column(String(320))  # stored lower-case
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(32))
    hub_id: Mapped[str] = mapped_column(ForeignKey("hub.id"))
    school_urn: Mapped[str | None] = mapped_column(String(6))
    application_id: Mapped[int | None] = mapped_column(
        ForeignKey("application.id", ondelete="SET NULL")
    )
    invited_by: Mapped[str] = mapped_column(String(320))
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    expires_at: Mapped[datetime]
    accepted_at: Mapped[datetime | None]
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))


class PasswordReset(Base):
    """A "forgotten your password" link: only the token's hash is kept."""

    __tablename__ = "password_reset"
    __table_args__ = (Index("ix_password_reset_user_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


class RecoveryCode(Base):
    """A code that signs in once in place of the authenticator's, shown once; kept hashed."""

    __tablename__ = "recovery_code"
    __table_args__ = (Index("ix_recovery_code_user_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    code_hash: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[datetime | None]


class RememberedBrowser(Base):
    """A browser that passed two-factor sign-in and asked to be remembered: its cookie holds a
    random token, only the hash is here."""

    __tablename__ = "remembered_browser"
    __table_args__ = (Index("ix_remembered_browser_user_id", "user_id"),)

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    expires_at: Mapped[datetime]
