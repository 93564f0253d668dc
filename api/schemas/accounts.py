"""People's accounts: invitations, password reset, managing a hub's people, one's own
sessions, two-factor sign-in."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import EmailStr, Field, SecretStr

from api.domain.access import Role
from api.schemas.common import HUB_ID_PATTERN, ApiModel

URN_PATTERN = r"^\d{6}$"


class InvitationCreate(ApiModel):
    email: EmailStr
    name: str = Field(min_length=1, max_length=200)
    role: Role
    hub_id: str | None = Field(
        default=None,
        pattern=HUB_ID_PATTERN,
        max_length=64,
        description="Your own hub when left out (a national administrator names one).",
    )
    school_urn: str | None = Field(
        default=None, pattern=URN_PATTERN, description="A school contact's school."
    )
    application_id: int | None = Field(
        default=None,
        ge=1,
        le=2**31 - 1,
        description="Inviting someone named on this application: their school and hub are "
        "the application's.",
    )


class Invitation(ApiModel):
    id: int
    email: str
    name: str
    role: Role
    hub_id: str
    school_urn: str | None
    invited_by: str
    created_at: datetime
    expires_at: datetime


class InvitationPage(ApiModel):
    """What the invited person sees before choosing a password."""

    email: str
    name: str
    role: Role
    hub_id: str
    expires_at: datetime
    two_factor_required: bool


class PasswordChoice(ApiModel):
    password: SecretStr = Field(min_length=1, max_length=1000)


class PasswordResetRequest(ApiModel):
    email: EmailStr


class PasswordResetPage(ApiModel):
    expires_at: datetime


class Account(ApiModel):
    id: int
    name: str
    email: str
    role: Role
    hub_id: str | None
    school_urn: str | None
    status: Literal["active", "deactivated"]
    two_factor: bool
    last_signed_in_at: datetime | None


class People(ApiModel):
    accounts: list[Account]
    invitations: list[Invitation] = Field(description="Invited, not yet accepted.")
    grantable_roles: list[Role] = Field(description="The roles you may give.")


class AccountChange(ApiModel):
    role: Role | None = None
    active: bool | None = None


class SignedInSession(ApiModel):
    id: str
    created_at: datetime
    expires_at: datetime
    current: bool = Field(description="The session of the browser asking.")


class TwoFactorSetup(ApiModel):
    secret: str = Field(description="For typing into an app that cannot scan.")
    otpauth_uri: str
    qr_code: str = Field(description="The QR code to scan, an SVG image as a data: URI.")


class CodeEntry(ApiModel):
    code: str = Field(min_length=1, max_length=40)


class RecoveryCodes(ApiModel):
    recovery_codes: list[str] = Field(description="Shown this once: each signs in once.")
