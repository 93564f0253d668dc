"""People's accounts: invitations, "forgotten your password?", a hub's people, and each
person's own sessions and two-factor sign-in."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query, Request, Response

from api.domain.access import Role
from api.domain.accounts import grantable_roles, requires_two_factor
from api.persistence.models import Invitation as InvitationRow
from api.persistence.models import UserAccount
from api.routers.access import (
    ACCOUNTS_ADMIN,
    OWN_ACCOUNT,
    PUBLIC,
    SESSION_COOKIE,
    CurrentPrincipal,
    access,
    signed_in,
)
from api.routers.clock import Now
from api.routers.dependencies import DbSession
from api.routers.feature_router import FeatureRouter
from api.routers.session_cookies import set_session_cookie
from api.schemas.access import Me
from api.schemas.accounts import (
    Account,
    AccountChange,
    CodeEntry,
    Invitation,
    InvitationCreate,
    InvitationPage,
    PasswordChoice,
    PasswordResetPage,
    PasswordResetRequest,
    People,
    RecoveryCodes,
    SignedInSession,
    TwoFactorSetup,
)
from api.security import token_hash
from api.services import accounts, auth, invitations, password_resets, two_factor

router = FeatureRouter(prefix="/accounts", tags=["accounts"])

# The unguessable token is the credential: whoever holds the link may use it, once.
Token = Annotated[str, Path(min_length=20, max_length=100, pattern=r"^[A-Za-z0-9_-]+$")]
UserId = Annotated[int, Path(ge=1, le=2**31 - 1)]


def _base_url(request: Request) -> str:
    return str(request.app.state.settings.public_base_url)


def _invitation(row: InvitationRow) -> Invitation:
    return Invitation.model_validate(row)


def _account(user: UserAccount) -> Account:
    return Account(
        id=user.id,
        name=user.name,
        email=user.email,
        role=Role(user.role),
        hub_id=user.hub_id,
        school_urn=user.school_urn,
        status="active" if user.active else "deactivated",
        two_factor=user.totp_secret is not None,
        last_signed_in_at=user.last_signed_in_at,
    )


@router.get("", **access(ACCOUNTS_ADMIN, 422))
def list_accounts(
    session: DbSession,
    principal: CurrentPrincipal,
    now: Now,
    hub_id: Annotated[str | None, Query(max_length=64)] = None,
) -> People:
    """Your hub's accounts and open invitations (a national administrator: any hub's)."""
    actor = signed_in(principal)
    people = accounts.list_people(session, actor, hub_id=hub_id, now=now)
    return People(
        accounts=[_account(u) for u in people.accounts],
        invitations=[_invitation(i) for i in people.invitations],
        grantable_roles=sorted(grantable_roles(actor)),
    )


@router.patch("/people/{user_id}", **access(ACCOUNTS_ADMIN, 404, 409, 422, own_hub_only=True))
def change_account(
    session: DbSession, principal: CurrentPrincipal, user_id: UserId, body: AccountChange, now: Now
) -> Account:
    """Change a role within what you may give; deactivate (sessions and keys stop at once) or
    reactivate."""
    user = accounts.change(
        session, signed_in(principal), user_id, role=body.role, active=body.active, now=now
    )
    return _account(user)


@router.post("/invitations", status_code=201, **access(ACCOUNTS_ADMIN, 404, 409, 422))
def create_invitation(
    session: DbSession,
    principal: CurrentPrincipal,
    body: InvitationCreate,
    request: Request,
    now: Now,
) -> Invitation:
    """Invite a person of your hub; they get a link by email, valid for 7 days."""
    row = invitations.invite(
        session,
        signed_in(principal),
        invitations.NewInvitation(
            email=str(body.email),
            name=body.name,
            role=body.role,
            hub_id=body.hub_id,
            school_urn=body.school_urn,
            application_id=body.application_id,
        ),
        now=now,
        base_url=_base_url(request),
    )
    return _invitation(row)


@router.get("/invitations/{token}", **access(PUBLIC, 410, 422))
def get_invitation(session: DbSession, token: Token, now: Now) -> InvitationPage:
    """Who the invitation is for, while its link works."""
    row = invitations.usable(session, token, now=now)
    return InvitationPage(
        email=row.email,
        name=row.name,
        role=Role(row.role),
        hub_id=row.hub_id,
        expires_at=row.expires_at,
        two_factor_required=requires_two_factor(Role(row.role)),
    )


@router.post("/invitations/{token}/accept", **access(PUBLIC, 409, 410, 422))
def accept_invitation(
    session: DbSession,
    token: Token,
    body: PasswordChoice,
    request: Request,
    response: Response,
    now: Now,
) -> Me:
    """Choose a password: the account is made and you are signed in."""
    result = invitations.accept(session, token, body.password.get_secret_value(), now=now)
    set_session_cookie(request, response, result.token)
    return auth_me(result.user, result.csrf_token)


@router.post("/password-reset", status_code=202, **access(PUBLIC, 422, 429))
def request_password_reset(
    session: DbSession, body: PasswordResetRequest, request: Request, now: Now
) -> None:
    """Email a reset link if the address has an account; the answer is the same either way."""
    password_resets.request_link(
        session,
        str(body.email),
        address=request.client.host if request.client else "unknown",
        now=now,
        base_url=_base_url(request),
    )


@router.get("/password-reset/{token}", **access(PUBLIC, 410, 422))
def get_password_reset(session: DbSession, token: Token, now: Now) -> PasswordResetPage:
    """Whether the reset link still works, and until when."""
    return PasswordResetPage(expires_at=password_resets.usable(session, token, now=now).expires_at)


@router.post("/password-reset/{token}", status_code=204, **access(PUBLIC, 410, 422))
def reset_password(session: DbSession, token: Token, body: PasswordChoice, now: Now) -> None:
    """Set a new password; every session of the account ends."""
    password_resets.reset(session, token, body.password.get_secret_value(), now=now)


@router.get("/me/sessions", **access(OWN_ACCOUNT, before_two_factor=True))
def list_own_sessions(
    session: DbSession, principal: CurrentPrincipal, request: Request, now: Now
) -> list[SignedInSession]:
    """Where you are signed in, newest first."""
    token = request.cookies.get(SESSION_COOKIE)
    mine = token_hash(token) if token else None
    return [
        SignedInSession(
            id=accounts.session_id_of(row),
            created_at=row.created_at,
            expires_at=row.expires_at,
            current=row.token_hash == mine,
        )
        for row in accounts.own_sessions(session, signed_in(principal), now)
    ]


@router.delete(
    "/me/sessions/{session_id}",
    status_code=204,
    **access(OWN_ACCOUNT, 404, 422, before_two_factor=True),
)
def end_own_session(
    session: DbSession,
    principal: CurrentPrincipal,
    session_id: Annotated[str, Path(min_length=16, max_length=16, pattern=r"^[0-9a-f]+$")],
    now: Now,
) -> None:
    """Sign out one of your sessions."""
    accounts.end_own_session(session, signed_in(principal), session_id, now)


@router.post(
    "/me/sign-out-everywhere", status_code=204, **access(OWN_ACCOUNT, before_two_factor=True)
)
def sign_out_everywhere(
    session: DbSession, principal: CurrentPrincipal, response: Response
) -> None:
    """End every session of yours, this one too."""
    accounts.sign_out_everywhere(session, signed_in(principal))
    response.delete_cookie(SESSION_COOKIE, path="/")


@router.post("/me/two-factor/setup", **access(OWN_ACCOUNT, 409, before_two_factor=True))
def start_two_factor(session: DbSession, principal: CurrentPrincipal) -> TwoFactorSetup:
    """A new authenticator secret and its QR code; on once a code from it is entered."""
    user = auth.user(session, signed_in(principal).id)
    setup = two_factor.start_setup(session, user)
    return TwoFactorSetup(secret=setup.secret, otpauth_uri=setup.otpauth_uri, qr_code=setup.qr_code)


@router.post("/me/two-factor", **access(OWN_ACCOUNT, 409, 422, before_two_factor=True))
def confirm_two_factor(
    session: DbSession, principal: CurrentPrincipal, body: CodeEntry, now: Now
) -> RecoveryCodes:
    """Turn two-factor sign-in on with a code from the app; the recovery codes, shown once."""
    actor = signed_in(principal)
    user = auth.user(session, actor.id)
    codes = two_factor.confirm_setup(session, user, body.code, actor=actor, now=now)
    return RecoveryCodes(recovery_codes=codes)


@router.post("/me/two-factor/turn-off", status_code=204, **access(OWN_ACCOUNT, 409, 422))
def turn_off_two_factor(
    session: DbSession, principal: CurrentPrincipal, body: CodeEntry, now: Now
) -> None:
    """Turn two-factor sign-in off (not for administrators), with a code."""
    actor = signed_in(principal)
    two_factor.turn_off(session, auth.user(session, actor.id), body.code, actor=actor, now=now)


def auth_me(user: UserAccount, csrf_token: str | None) -> Me:
    return Me(
        kind="user",
        id=user.id,
        name=user.name,
        email=user.email,
        role=auth.principal_of(user).role,
        hub_id=user.hub_id,
        school_urn=user.school_urn,
        csrf_token=csrf_token,
        two_factor=user.totp_secret is not None,
        two_factor_due=auth.two_factor_due(user),
    )
