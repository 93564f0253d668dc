"""Signing in and out, and telling who is calling from a session cookie or an API key."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from api.domain.access import Principal, Role, Scope
from api.errors import BadField, Conflict, InvalidFields, TooManyAttempts, Unauthenticated
from api.persistence import access_repository as repo
from api.persistence import catalogue_repository
from api.persistence.models import SignInAttempt, UserAccount, UserSession
from api.security import (
    MIN_PASSWORD_LENGTH,
    hash_password,
    new_token,
    same_secret,
    token_hash,
    verify_password,
)
from api.services import audit

SESSION_LIFETIME = timedelta(hours=12)
# Guessing is slowed per account (protects one person) and per address (protects everyone
# from one machine), over a sliding window; counts live in the database, shared by processes.
THROTTLE_WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_ACCOUNT = 5
MAX_FAILURES_PER_ADDRESS = 20
API_KEY_PREFIX = "mh"
# last_used_at is informative; writing it once an hour keeps reads from writing every time.
KEY_USE_RESOLUTION = timedelta(hours=1)


@dataclass(frozen=True)
class SignedIn:
    token: str
    csrf_token: str
    user: UserAccount


@dataclass(frozen=True)
class SignInRefused:
    """A wrong email or password. Returned, not raised, so that the failure is counted."""

    detail: str = "The email address or password is not right."


@dataclass(frozen=True)
class Caller:
    """Who is calling and how: a cookie session must also prove it is the SPA (CSRF token)."""

    principal: Principal
    csrf_token: str | None  # set when the caller came with a session cookie


def principal_of(user: UserAccount) -> Principal:
    return Principal(
        kind="user",
        id=user.id,
        label=user.email,
        role=Role(user.role),
        hub_id=user.hub_id,
        school_urn=user.school_urn,
    )


def sign_in(
    session: Session, *, email: str, password: str, address: str, now: datetime
) -> SignedIn | SignInRefused:
    email = email.strip().lower()
    since = now - THROTTLE_WINDOW
    if (
        repo.failures_since(session, email=email, address=None, since=since)
        >= MAX_FAILURES_PER_ACCOUNT
        or repo.failures_since(session, email=None, address=address, since=since)
        >= MAX_FAILURES_PER_ADDRESS
    ):
        raise TooManyAttempts(
            "Too many failed sign-in attempts. Wait 15 minutes, then try again.",
            retry_after_seconds=int(THROTTLE_WINDOW.total_seconds()),
        )
    user = repo.user_by_email(session, email)
    if not verify_password(user.password_hash if user else None, password) or (
        user is not None and not user.active
    ):
        repo.add(session, SignInAttempt(email=email, address=address, at=now))
        return SignInRefused()
    assert user is not None
    repo.clear_failures(session, email)
    repo.delete_expired_sessions(session, now)
    token, csrf = new_token(), new_token()
    repo.add(
        session,
        UserSession(
            token_hash=token_hash(token),
            user_id=user.id,
            csrf_token=csrf,
            created_at=now,
            expires_at=now + SESSION_LIFETIME,
        ),
    )
    user.last_signed_in_at = now
    return SignedIn(token=token, csrf_token=csrf, user=user)


def sign_out(session: Session, token: str) -> None:
    repo.delete_session(session, token_hash(token))


def caller_from_cookie(session: Session, token: str, now: datetime) -> Caller | None:
    """The signed-in user, or None when the cookie is unknown or expired (as if signed out)."""
    row = repo.session_by_token_hash(session, token_hash(token))
    if row is None or row.expires_at <= now:
        return None
    user = repo.user_by_id(session, row.user_id)
    if user is None or not user.active:
        return None
    return Caller(principal_of(user), csrf_token=row.csrf_token)


def caller_from_api_key(session: Session, bearer: str, now: datetime) -> Caller:
    """The key's principal; a key that is malformed, unknown, revoked or expired is a 401."""
    parts = bearer.split("_", 2)
    if len(parts) != 3 or parts[0] != API_KEY_PREFIX:
        raise Unauthenticated("The API key is not in the form mh_<prefix>_<secret>.")
    key = repo.api_key_by_prefix(session, parts[1])
    if key is None or not same_secret(key.secret_hash, token_hash(parts[2])):
        raise Unauthenticated("The API key is not known.")
    if key.revoked_at is not None:
        raise Unauthenticated("The API key was revoked; ask the hub for a new one.")
    if key.expires_at is not None and key.expires_at <= now:
        raise Unauthenticated("The API key has expired; ask the hub for a new one.")
    if key.last_used_at is None or now - key.last_used_at >= KEY_USE_RESOLUTION:
        key.last_used_at = now
    principal = Principal(
        kind="api_key",
        id=key.id,
        label=key.name,
        hub_id=key.hub_id,
        scopes=frozenset(Scope(s) for s in key.scopes),
    )
    return Caller(principal, csrf_token=None)


def create_user(
    session: Session,
    *,
    email: str,
    name: str,
    password: str,
    role: Role,
    hub_id: str | None,
    school_urn: str | None = None,
    actor: Principal | None = None,
) -> UserAccount:
    problems = []
    if (role == Role.NATIONAL_ADMIN) != (hub_id is None):
        problems.append(
            BadField(
                "body", "/hub_id", "A national administrator has no hub; everyone else has one"
            )
        )
    elif hub_id is not None and catalogue_repository.get_hub(session, hub_id) is None:
        problems.append(BadField("body", "/hub_id", f"There is no hub {hub_id!r}"))
    if len(password) < MIN_PASSWORD_LENGTH:
        problems.append(
            BadField("body", "/password", f"Use at least {MIN_PASSWORD_LENGTH} characters")
        )
    if problems:
        raise InvalidFields(problems)
    if repo.user_by_email(session, email) is not None:
        raise Conflict(f"There is already an account for {email.lower()}.")
    user = UserAccount(
        email=email.strip().lower(),
        name=name.strip(),
        password_hash=hash_password(password),
        role=role.value,
        hub_id=hub_id,
        school_urn=school_urn,
    )
    repo.add(session, user)
    audit.record(
        session,
        actor,
        action="create",
        resource_type="user",
        resource_id=user.id,
        hub_id=hub_id,
        before=None,
        after={"email": user.email, "name": user.name, "role": user.role, "hub_id": hub_id},
    )
    return user


def user(session: Session, user_id: int) -> UserAccount:
    found = repo.user_by_id(session, user_id)
    if found is None:
        raise Unauthenticated("Your account no longer exists.")
    return found
