"""Two-factor sign-in: a time-based one-time code from an authenticator app (RFC 6238, by
pyotp), set up by scanning a QR code (segno), with recovery codes shown once."""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

import pyotp
import segno
from sqlalchemy.orm import Session

from api.domain.access import Principal, Role
from api.domain.accounts import (
    RECOVERY_CODE_COUNT,
    TOTP_STEP_SECONDS,
    requires_two_factor,
    step_is_fresh,
    totp_steps,
)
from api.errors import BadField, Conflict, InvalidFields
from api.persistence import access_repository
from api.persistence import accounts_repository as repo
from api.persistence.models import RecoveryCode, UserAccount
from api.security import token_hash
from api.services import audit
from api.services.mail import SERVICE_NAME

_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread


@dataclass(frozen=True)
class Setup:
    secret: str
    otpauth_uri: str
    qr_code: str  # an SVG image as a data: URI, for an <img>


def start_setup(session: Session, user: UserAccount) -> Setup:
    """A new secret to scan; it replaces the account's only once a code from it is entered."""
    if user.totp_secret is not None:
        raise Conflict("Two-factor sign-in is already on. Turn it off first to set it up again.")
    secret = pyotp.random_base32()
    user.totp_pending_secret = secret
    uri = pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=SERVICE_NAME)
    qr = segno.make(uri, error="m").svg_data_uri(scale=5, border=4)
    return Setup(secret=secret, otpauth_uri=uri, qr_code=qr)


def confirm_setup(
    session: Session, user: UserAccount, code: str, *, actor: Principal, now: datetime
) -> list[str]:
    """Turn two-factor sign-in on with a code from the app just set up; the recovery codes,
    which are shown this once."""
    pending = user.totp_pending_secret
    if pending is None:
        raise Conflict("Start setting up two-factor sign-in first: scan the QR code.")
    step = _matching_step(pending, code, now, last_used_step=None)
    if step is None:
        raise InvalidFields([BadField("body", "/code", _WRONG_CODE)])
    user.totp_secret, user.totp_pending_secret, user.totp_last_step = pending, None, step
    codes = _new_recovery_codes(session, user)
    access_repository.credentials_changed(session)  # a session due to set it up is free now
    audit.record(
        session,
        actor,
        action="update",
        resource_type="user",
        resource_id=user.id,
        hub_id=user.hub_id,
        before={"two_factor": False},
        after={"two_factor": True},
    )
    return codes


def turn_off(
    session: Session, user: UserAccount, code: str, *, actor: Principal, now: datetime
) -> None:
    """For roles that may do without it, proven with a current code or a recovery code."""
    if requires_two_factor(Role(user.role)):
        raise Conflict("Administrators must keep two-factor sign-in on.")
    if user.totp_secret is None:
        raise Conflict("Two-factor sign-in is not on.")
    if not check_code(session, user, code, now=now):
        raise InvalidFields([BadField("body", "/code", _WRONG_CODE)])
    clear(session, user)
    audit.record(
        session,
        actor,
        action="update",
        resource_type="user",
        resource_id=user.id,
        hub_id=user.hub_id,
        before={"two_factor": True},
        after={"two_factor": False},
    )


def clear(session: Session, user: UserAccount) -> None:
    user.totp_secret = user.totp_pending_secret = user.totp_last_step = None
    repo.delete_recovery_codes(session, user.id)
    repo.forget_browsers(session, user.id)


_WRONG_CODE = "The code is not right, or it was used already. Enter the newest code your app shows"


def check_code(session: Session, user: UserAccount, code: str, *, now: datetime) -> bool:
    """Whether `code` is the authenticator's current code, unused, or an unused recovery code;
    either is used up by this."""
    if user.totp_secret is None:
        return False
    code = "".join(code.split()).lower()
    if code.isdigit():
        step = _matching_step(user.totp_secret, code, now, last_used_step=user.totp_last_step)
        if step is None:
            return False
        user.totp_last_step = step
        return True
    hashed = token_hash(code.replace("-", ""))
    for row in repo.unused_recovery_codes(session, user.id):
        if hmac.compare_digest(row.code_hash, hashed):
            row.used_at = now
            return True
    return False


def _matching_step(
    secret: str, code: str, now: datetime, *, last_used_step: int | None
) -> int | None:
    # Only six plain digits can be a code (and compare_digest refuses text beyond ASCII).
    if not (code.isascii() and code.isdigit()):
        return None
    totp = pyotp.TOTP(secret)
    for step in totp_steps(now):
        if hmac.compare_digest(totp.at(step * TOTP_STEP_SECONDS), code):
            return step if step_is_fresh(step, last_used_step) else None
    return None


def _new_recovery_codes(session: Session, user: UserAccount) -> list[str]:
    repo.delete_recovery_codes(session, user.id)
    codes = []
    for _ in range(RECOVERY_CODE_COUNT):
        raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(10))
        repo.add(session, RecoveryCode(user_id=user.id, code_hash=token_hash(raw)))
        codes.append(f"{raw[:5]}-{raw[5:]}")
    return codes
