"""Webhook endpoints, their deliveries and each delivery's attempts."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from api.domain.webhooks import EventType
from api.schemas.common import HUB_ID_PATTERN, ApiModel, IsoInstant

_URL = Field(
    min_length=1,
    max_length=2000,
    examples=["https://sync.northmaths.example/webhooks/mathshubs"],
    description="HTTPS (plain HTTP in development only); never a private or loopback address.",
)


class WebhookEndpointCreate(ApiModel):
    url: str = _URL
    events: list[EventType] = Field(min_length=1, max_length=len(EventType))
    description: str = Field(default="", max_length=200)
    enabled: bool = True
    hub_id: str | None = Field(
        default=None,
        pattern=HUB_ID_PATTERN,
        max_length=64,
        description="Your hub by default; national administrators name the hub.",
    )


class WebhookEndpointUpdate(ApiModel):
    url: str | None = Field(default=None, min_length=1, max_length=2000)
    events: list[EventType] | None = Field(default=None, min_length=1, max_length=len(EventType))
    description: str | None = Field(default=None, max_length=200)
    enabled: bool | None = Field(
        default=None, description="Enabling again clears the failures that disabled it."
    )


class WebhookEndpoint(ApiModel):
    id: int
    hub_id: str
    url: str
    description: str
    events: list[EventType]
    enabled: bool
    disabled_reason: Literal["gone", "failing"] | None = Field(
        description="Why the service disabled it: it answered 410 Gone, or failed for a day."
    )
    failing_since: datetime | None
    previous_secret_until: datetime | None = Field(
        description="After a rotation, the old secret signs too until then."
    )
    created_by: str
    created_at: datetime
    updated_at: datetime
    version: int


class WebhookEndpointIssued(WebhookEndpoint):
    secret: str = Field(
        description="The signing secret (whsec_…). Shown once, here: store it now.",
        examples=["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"],
    )


class WebhookAttempt(ApiModel):
    attempted_at: datetime
    status_code: int | None = Field(description="The receiver's status; null if none came.")
    error: str | None
    duration_ms: int


class WebhookDelivery(ApiModel):
    id: int
    message_id: str = Field(description="The webhook-id header, the same at every attempt.")
    event_type: EventType
    resource_type: str
    resource_id: int
    occurred_at: datetime
    status: Literal["pending", "delivered", "failed"]
    next_attempt_at: datetime | None = Field(description="When it is tried next, if pending.")
    delivered_at: datetime | None
    attempts: list[WebhookAttempt] = Field(description="Every attempt, oldest first.")


class WebhookRedelivery(ApiModel):
    since: IsoInstant = Field(description="Send again the deliveries made from this instant…")
    until: IsoInstant = Field(description="…up to (not including) this one.")


class WebhookRedelivered(ApiModel):
    count: int = Field(description="How many deliveries are due again now.")
