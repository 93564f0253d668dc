"""People who sign in, their sessions, other systems' API keys, sign-in attempts, the audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, Integer, String, Text
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
    slow down guessing (api.services.auth)."""

    __tablename__ = "sign_in_attempt"
    __table_args__ = (
        Index("ix_sign_in_attempt_email_address_at", "email", "address", "at"),
        Index("ix_sign_in_attempt_email_at", "email", "at"),
        Index("ix_sign_in_attempt_address_at", "address", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
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
