""" "Forgotten your password?": a one-time link by email (valid 1 hour, only its hash stored).
The answer is the same whether or not the address has an account, and requests are throttled
as sign-in failures are, so that nobody learns who has an account or floods a mailbox."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from api.domain.accounts import PASSWORD_RESET_LIFETIME, link_usable
from api.errors import BadField, InvalidFields, LinkGone
from api.persistence import access_repository
from api.persistence import accounts_repository as repo
from api.persistence.models import PasswordReset, SignInAttempt
from api.security import hash_password, new_token, password_problem, token_hash
from api.services import audit, auth, mail

KIND = "password_reset"


def request_link(
    session: Session, email: str, *, address: str, now: datetime, base_url: str
) -> None:
    """Email a link if the address has an active account; either way the request is counted."""
    email = email.strip().lower()
    place = auth.throttle_address(address)
    auth.refuse_while_throttled(session, email=email, address=place, now=now, kind=KIND)
    access_repository.add(session, SignInAttempt(email=email, address=place, at=now, kind=KIND))
    user = access_repository.user_by_email(session, email)
    if user is None or not user.active:
        return
    token = new_token()
    repo.add(
        session,
        PasswordReset(
            token_hash=token_hash(token),
            user_id=user.id,
            created_at=now,
            expires_at=now + PASSWORD_RESET_LIFETIME,
        ),
    )
    mail.queue(
        session,
        to=user.email,
        template="password_reset",
        context={
            "name": user.name,
            "reset_url": f"{base_url.rstrip('/')}/reset-password/{token}",
            "minutes": int(PASSWORD_RESET_LIFETIME.total_seconds() // 60),
        },
        now=now,
    )


def usable(session: Session, token: str, *, now: datetime) -> PasswordReset:
    reset = repo.password_reset_by_token_hash(session, token_hash(token))
    if reset is None or not link_usable(
        expires_at=reset.expires_at, used_at=reset.used_at, now=now
    ):
        raise LinkGone(
            "This password reset link has expired or was used already. Ask for a new one."
        )
    return reset


def reset(session: Session, token: str, password: str, *, now: datetime) -> None:
    """Set the new password and end every session of the person: whoever knew the old
    password is signed out. Remembered browsers are forgotten too; recovery codes stay."""
    row = usable(session, token, now=now)
    user = access_repository.user_by_id(session, row.user_id)
    if user is None or not user.active:
        raise LinkGone("This account is closed. Ask your hub administrator.")
    weak = password_problem(password, about=(user.email, user.name))
    if weak:
        raise InvalidFields([BadField("body", "/password", weak)])
    user.password_hash = hash_password(password)
    row.used_at = now
    repo.end_sessions(session, user.id)
    repo.forget_browsers(session, user.id)
    access_repository.credentials_changed(session)
    audit.record(
        session,
        None,
        action="reset",
        resource_type="user",
        resource_id=user.id,
        hub_id=user.hub_id,
        before=None,
        after={"password": "changed"},
        note="Password reset by email link",
    )
