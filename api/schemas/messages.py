"""The emails about one record, and whether each has gone."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field

from api.schemas.common import ApiModel


class MessageStatus(StrEnum):
    QUEUED = "queued"
    SENT = "sent"
    FAILING = "failing"


class Message(ApiModel):
    id: int
    to: str = Field(description="The recipient's address")
    subject: str
    template: str = Field(examples=["signature_request", "session_changed"])
    status: MessageStatus = Field(
        description="queued: not yet accepted by the mail server; sent: accepted; failing: "
        "the last attempt failed and it will be tried again at next_attempt_at"
    )
    queued_at: dt.datetime
    sent_at: dt.datetime | None
    attempts: int
    next_attempt_at: dt.datetime | None = Field(description="When it is tried again, unless sent")
    last_error: str | None = Field(description="What the mail server said at the last failure")


class Messages(ApiModel):
    items: list[Message] = Field(description="Oldest first")
