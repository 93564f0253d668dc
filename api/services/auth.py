"""Signing in and out, and accounts (api/services/credentials.py tells who is calling)."""

from __future__ import annotations

import ipaddress
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from api.domain.access import Principal, Role
from api.domain.accounts import REMEMBERED_BROWSER_LIFETIME, requires_two_factor
from api.errors import BadField, Conflict, InvalidFields, TooManyAttempts, Unauthenticated
from api.persistence import access_repository as repo
from api.persistence import accounts_repository, catalogue_repository
from api.persistence.models import RememberedBrowser, SignInAttempt, UserAccount, UserSession
from api.security import (
    hash_password,
    new_token,
    password_problem,
    token_hash,
    verify_password,
)
from api.services import audit, two_factor

SESSION_LIFETIME = timedelta(hours=12)
# Guessing is slowed where it comes from, never by refusing the owner's correct password from a
# place with no failures (so a stranger cannot lock anyone out). Over a sliding window: an
# account's failures from one address (one person, or one attacker on one account); an
# address's failures for any accounts (one machine trying many, generous for a school's shared
# network); and when an account fails from many addresses at once, each of them gets fewer
# guesses. Counts live in the database, shared by processes (README "Limits").
THROTTLE_WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_PAIR = 5
MAX_FAILURES_PER_ADDRESS = 50
ACCOUNT_UNDER_ATTACK = 100
MAX_FAILURES_PER_PAIR_UNDER_ATTACK = 2
API_KEY_PREFIX = "mh"


@dataclass(frozen=True)
class SignedIn:
    token: str
    csrf_token: str
    user: UserAccount
    # Set when the browser asked to be remembered after entering a code: its cookie's token.
    browser_token: str | None = None


@dataclass(frozen=True)
class SignInRefused:
    """A wrong email, password or code. Returned, not raised, so that the failure is counted."""

    detail: str = "The email address or password is not right."


@dataclass(frozen=True)
class CodeNeeded:
    """The password was right; the account also needs a code from the authenticator app."""

    detail: str = "Enter the 6-digit code from your authenticator app, or a recovery code."


@dataclass(frozen=True)
class Caller:
    """Who is calling and how: a cookie session must also prove it is the SPA (CSRF token)."""

    principal: Principal
    csrf_token: str | None  # set when the caller came with a session cookie
    # A key's requests a minute (None: the service's default, RATE_LIMIT_KEY_PER_MINUTE).
    rate_limit_per_minute: int | None = None
    # An administrator who has not yet set up two-factor sign-in may do nothing else.
    two_factor_due: bool = False


def two_factor_due(user: UserAccount) -> bool:
    return requires_two_factor(Role(user.role)) and user.totp_secret is None


def principal_of(user: UserAccount) -> Principal:
    return Principal(
        kind="user",
        id=user.id,
        label=user.email,
        role=Role(user.role),
        name=user.name,
        hub_id=user.hub_id,
        school_urn=user.school_urn,
    )


def sign_in(
    session: Session,
    *,
    email: str,
    password: str,
    address: str,
    now: datetime,
    code: str | None = None,
    browser_token: str | None = None,
    remember_browser: bool = False,
) -> SignedIn | SignInRefused | CodeNeeded:
    """With two-factor sign-in on, a code is needed too, unless this browser was remembered;
    a wrong code counts as a failure, as a wrong password does."""
    email = email.strip().lower()
    place = throttle_address(address)
    refuse_while_throttled(session, email=email, address=place, now=now)
    user = repo.user_by_email(session, email)
    if not verify_password(user.password_hash if user else None, password) or (
        user is not None and not user.active
    ):
        repo.add(session, SignInAttempt(email=email, address=place, at=now))
        return SignInRefused()
    assert user is not None
    remembered = None
    if user.totp_secret is not None and not _remembered(session, user, browser_token, now):
        if not code:
            return CodeNeeded()
        if not two_factor.check_code(session, user, code, now=now):
            repo.add(session, SignInAttempt(email=email, address=place, at=now))
            return SignInRefused(
                "The code is not right, or it was used already. "
                "Enter the newest code your app shows, or a recovery code."
            )
        if remember_browser:
            remembered = new_token()
            accounts_repository.add(
                session,
                RememberedBrowser(
                    token_hash=token_hash(remembered),
                    user_id=user.id,
                    created_at=now,
                    expires_at=now + REMEMBERED_BROWSER_LIFETIME,
                ),
            )
    # Only this place's failures: the owner signing in gives a guesser elsewhere no fresh start.
    repo.clear_failures(session, email=email, address=place)
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
    return SignedIn(token=token, csrf_token=csrf, user=user, browser_token=remembered)


def start_session(session: Session, user: UserAccount, now: datetime) -> SignedIn:
    """Sign a person in who has just proven who they are another way (an invitation)."""
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


def _remembered(
    session: Session, user: UserAccount, browser_token: str | None, now: datetime
) -> bool:
    if not browser_token:
        return False
    row = accounts_repository.remembered_browser(session, token_hash(browser_token))
    return row is not None and row.user_id == user.id and now < row.expires_at


def throttle_address(address: str) -> str:
    """Where failures are counted from: an IPv4 address, or an IPv6 address's /64 network, which
    one subscriber holds whole (counting single IPv6 addresses would give each guesser 2^64
    fresh places)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address[:64]
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)


def refuse_while_throttled(
    session: Session, *, email: str, address: str, now: datetime, kind: str = "sign_in"
) -> None:
    """TooManyAttempts, saying when to try again, while this account from this address or this
    address for any account has made too many counted attempts of `kind` within the window."""
    since = now - THROTTLE_WINDOW
    under_attack = (
        repo.nth_latest_failure(
            session, ACCOUNT_UNDER_ATTACK, since=since, email=email, address=None, kind=kind
        )
        is not None
    )
    pair_limit = MAX_FAILURES_PER_PAIR_UNDER_ATTACK if under_attack else MAX_FAILURES_PER_PAIR
    # Each limit frees once the oldest failure it counts leaves the window.
    counted = (
        repo.nth_latest_failure(
            session, pair_limit, since=since, email=email, address=address, kind=kind
        ),
        repo.nth_latest_failure(
            session, MAX_FAILURES_PER_ADDRESS, since=since, email=None, address=address, kind=kind
        ),
    )
    free_at = max((at + THROTTLE_WINDOW for at in counted if at is not None), default=None)
    if free_at is None:
        return
    seconds = max(1, math.ceil((free_at - now).total_seconds()))
    minutes = math.ceil(seconds / 60)
    what = "failed sign-in attempts" if kind == "sign_in" else "password reset requests"
    raise TooManyAttempts(
        f"Too many {what} from here. Try again in {minutes} minute{'s' if minutes > 1 else ''}.",
        retry_after_seconds=seconds,
    )


def sign_out(session: Session, token: str) -> None:
    repo.delete_session(session, token_hash(token))
    repo.credentials_changed(session)  # every process forgets the session it may have cached


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
    totp_secret: str | None = None,
) -> UserAccount:
    """`totp_secret` turns two-factor sign-in on from the start, with an authenticator secret
    set up elsewhere (the browser tests' administrators); otherwise an administrator sets it up
    at their first sign-in."""
    problems = []
    if (role == Role.NATIONAL_ADMIN) != (hub_id is None):
        problems.append(
            BadField(
                "body", "/hub_id", "A national administrator has no hub; everyone else has one"
            )
        )
    elif hub_id is not None and catalogue_repository.get_hub(session, hub_id) is None:
        problems.append(BadField("body", "/hub_id", f"There is no hub {hub_id!r}"))
    weak = password_problem(password, about=(email, name))
    if weak:
        problems.append(BadField("body", "/password", weak))
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
        totp_secret=totp_secret,
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
