"""RFC 9457 problem details, the body of every error response."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from api.schemas.schools import Decision

PROBLEM_MEDIA_TYPE = "application/problem+json"


class FieldError(BaseModel):
    location: Literal["body", "query", "path", "header", "cookie"] = Field(
        description="Which part of the request holds the bad value."
    )
    pointer: str = Field(
        description="JSON pointer (RFC 6901) to the bad value inside that part, e.g. /closing_date",
        examples=["/closing_date"],
    )
    detail: str = Field(description="What is wrong with it, in plain English.")


class FailedRule(BaseModel):
    kind: str = Field(
        description="The rule, as `kind` in an eligibility decision's rules.",
        examples=["application_window"],
    )
    code: str = Field(
        description="Why it refuses, as a stable code for programs.", examples=["window_closed"]
    )
    reason: str = Field(description="Why it refuses, in plain English.")


class NonSchoolDay(BaseModel):
    pointer: str = Field(description="JSON pointer to the date in the request body")
    date: str = Field(examples=["2027-03-13"])
    reason: str = Field(
        description="What the day is: a Saturday, a Sunday, a bank holiday (…), in the school "
        "holiday between … and …",
        examples=["a Saturday"],
    )


class Problem(BaseModel):
    # Extension members (RFC 9457 section 3.2) are described below; a client may meet others.
    model_config = ConfigDict(extra="allow")

    type: str = Field(default="about:blank", description="A URI naming the kind of problem.")
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    errors: list[FieldError] | None = Field(
        default=None, description="For validation problems: every bad field."
    )
    failed_rules: list[FailedRule] | None = Field(
        default=None,
        description="For /problems/not-eligible: each rule that refuses the application.",
    )
    decision: Decision | None = Field(
        default=None,
        description=(
            "With rule not_eligible (a draft refused): the programme's rules decided for the "
            "school, as the eligibility endpoint answers them."
        ),
    )
    rule: str | None = Field(
        default=None,
        description=(
            "For a conflict with one of the service's rules: which one, as a stable code "
            "(such as max_schools, max_participants, already_member, selected_application, "
            "session_cancelled, completed, not_completed, no_school_continues, not_eligible, "
            "already_applied, not_draft, non_school_day, already_cancelled)."
        ),
        examples=["max_schools"],
    )
    limit: int | None = Field(
        default=None,
        description="With rule max_schools or max_participants: the most the group takes.",
        examples=[7],
    )
    max_bytes: int | None = Field(
        default=None,
        description="For /problems/content-too-large: the largest body this endpoint takes.",
        examples=[1048576],
    )
    days: list[NonSchoolDay] | None = Field(
        default=None,
        description="With rule non_school_day: each date that is not a school day, and why.",
    )
    claim: str | None = Field(
        default=None,
        description="With rule already_claimed: the claim that holds the grant; with rule "
        "claim_move_refused: the claim refused.",
        examples=["GC-000042"],
    )
    current_status: str | None = Field(
        default=None,
        description="With rule claim_move_refused: the claim's status now.",
        examples=["paid"],
    )
    allowed_moves: list[str] | None = Field(
        default=None,
        description="With rule claim_move_refused: the statuses the claim may move to now.",
        examples=[["awaiting_clawback"]],
    )
    missing: list[str] | None = Field(
        default=None,
        description="With rule not_due or conditions_not_met: each condition not met, in words.",
    )
    closed_at: str | None = Field(
        default=None,
        description="With rule claim_window_closed: when claims closed (23:59:59 in England).",
        examples=["2027-07-31T23:59:59+01:00"],
    )


def problem_responses(*statuses: int) -> dict[int | str, dict[str, object]]:
    """`responses=` entries so the OpenAPI document (and the generated client) know each error."""
    return {
        status: {"description": _TEXT[status]}
        if status < 400
        else {"model": Problem, "content": {PROBLEM_MEDIA_TYPE: {}}, "description": _TEXT[status]}
        for status in statuses
    }


_TEXT = {
    304: "Not modified: the ETag given in If-None-Match is current",
    400: "Bad request",
    401: "Sign in, or send an API key as Authorization: Bearer",
    403: "Signed in, but not allowed to do this",
    429: "Too many requests or attempts: wait for Retry-After seconds",
    404: "Not found",
    409: "Conflict with the resource's current state",
    410: "Gone: the link expired or was used",
    413: "Too large: see max_bytes",
    412: "Precondition failed: the resource changed since the ETag given in If-Match",
    422: "Validation problem: see errors",
    428: "Precondition required: send If-Match with the ETag you read",
    503: "Service unavailable",
}
