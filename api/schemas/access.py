"""Signing in, the current caller, API keys and the audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import EmailStr, Field, SecretStr

from api.domain.access import Role, Scope
from api.schemas.common import HUB_ID_PATTERN, ApiModel, IsoInstant


class SignInRequest(ApiModel):
    email: EmailStr
    password: SecretStr = Field(min_length=1, max_length=1000)
    code: str | None = Field(
        default=None,
        max_length=40,
        description="With two-factor sign-in on: the authenticator app's code, or a recovery "
        "code. Without it the answer is a 401 of type two-factor-required.",
    )
    remember_browser: bool = Field(
        default=False,
        description="After a right code: do not ask this browser for a code for 30 days.",
    )


class Me(ApiModel):
    kind: Literal["user", "api_key"]
    id: int
    name: str
    email: str | None = None
    role: Role | None = None
    hub_id: str | None = None
    school_urn: str | None = None
    scopes: list[Scope] = Field(default_factory=list)
    csrf_token: str | None = Field(
        default=None,
        description="Signed in with the cookie: send this as X-CSRF-Token on POST, PATCH, DELETE.",
    )
    two_factor: bool = Field(default=False, description="Two-factor sign-in is on.")
    two_factor_due: bool = Field(
        default=False,
        description="An administrator who must set up two-factor sign-in before anything else.",
    )


MAX_RATE_LIMIT = 1_000_000
RATE_LIMIT_TEXT = (
    "Requests a minute this key may make (README's Rate limits); null: the service's default "
    "for keys (RATE_LIMIT_KEY_PER_MINUTE)."
)


class ApiKeyCreate(ApiModel):
    name: str = Field(min_length=1, max_length=200, examples=["North hub timetable sync"])
    hub_id: str | None = Field(
        default=None,
        pattern=HUB_ID_PATTERN,
        max_length=64,
        description="Your hub by default; national administrators may leave it empty.",
    )
    scopes: list[Scope] = Field(min_length=1, max_length=len(Scope))
    expires_at: IsoInstant | None = None
    rate_limit_per_minute: int | None = Field(
        default=None, ge=1, le=MAX_RATE_LIMIT, description=RATE_LIMIT_TEXT
    )


class ApiKeyUpdate(ApiModel):
    rate_limit_per_minute: int | None = Field(
        ge=1, le=MAX_RATE_LIMIT, description=RATE_LIMIT_TEXT, examples=[120, None]
    )


class ApiKey(ApiModel):
    id: int
    name: str
    hub_id: str | None
    prefix: str = Field(description="The public part of the key: mh_<prefix>_…")
    scopes: list[Scope]
    created_by: str
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None
    last_used_at: datetime | None
    rate_limit_per_minute: int | None = Field(description=RATE_LIMIT_TEXT)


class ApiKeyIssued(ApiKey):
    secret: str = Field(description="The whole key. Shown once: store it now.")


AuditActorRole = Literal[
    "national_admin",
    "hub_admin",
    "mastery_specialist",
    "school_contact",
    "api_key",
    "signatory",
    "system",
    "user",
]


class AuditEvent(ApiModel):
    id: int
    at: datetime
    actor: str = Field(examples=["user:12", "api_key:3", "signatory:5", "system"])
    actor_label: str = Field(description="The actor's email address, or a key's name.")
    actor_name: str = Field(
        description="Who, in words: the person's name (or the key's) when they acted.",
        examples=["Ada Lovelace"],
    )
    actor_role: AuditActorRole | None = Field(
        description="Their role when they acted; null for events older than roles in the log."
    )
    action: str
    resource_type: str
    resource_id: str
    resource_title: str | None = Field(
        description="What, in words, when it happened; null where it could not be told.",
        examples=["Session 3 of Year 5 Fractions", "Mastery Readiness (NCP26-01)"],
    )
    hub_id: str | None
    changes: dict[str, dict[str, Any]] = Field(description="Each changed field: {before, after}.")
    field_labels: dict[str, str] = Field(
        description='Each changed field\'s label in words, by field name ("Start time").'
    )
    note: str | None


class AuditActor(ApiModel):
    actor: str = Field(examples=["user:12"], description="Pass as ?actor= to GET /audit.")
    name: str
    role: AuditActorRole | None


class AuditActors(ApiModel):
    items: list[AuditActor]
