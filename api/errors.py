"""Every error the service answers, as RFC 9457 problem details, from one table."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any, Literal

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.domain.academic_year import InvalidAcademicYear
from api.domain.applications import MoveRefused
from api.domain.programme_status import StatusChangeRefused
from api.persistence.faults import is_database_unavailable
from api.schemas.problems import PROBLEM_MEDIA_TYPE

log = logging.getLogger(__name__)

Location = Literal["body", "query", "path", "header", "cookie"]


@dataclass(frozen=True)
class BadField:
    location: Location
    pointer: str
    detail: str


class AppError(Exception):
    """An error raised by services: carries what went wrong, never an HTTP status."""

    def __init__(self, detail: str, **extensions: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extensions = extensions


class NotFound(AppError):
    pass


class Conflict(AppError):
    pass


class PreconditionFailed(AppError):
    pass


class PreconditionRequired(AppError):
    pass


class TryAgainLater(AppError):
    """Not an answer yet, through no fault of the request: it says when to ask again."""

    def __init__(self, detail: str, *, retry_after_seconds: int) -> None:
        super().__init__(detail)
        self.retry_after_seconds = retry_after_seconds


class NotReady(TryAgainLater):
    pass


class DatabaseUnavailable(TryAgainLater):
    """The database is busy (a lock or the pool ran past its bound) or out of reach."""

    def __init__(self, *, retry_after_seconds: int) -> None:
        super().__init__(
            f"The service is busy or cannot reach its database, so nothing was changed; "
            f"try again in {retry_after_seconds} seconds.",
            retry_after_seconds=retry_after_seconds,
        )


class MalformedFile(AppError):
    """An uploaded file that cannot be read at all: not CSV, columns missing, undecodable."""


class LinkGone(AppError):
    """A signature link that expired or was already used."""


class SubmissionRefused(AppError):
    """The rules refuse an application; `failed_rules` names each rule and its reason."""


class Unauthenticated(AppError):
    pass


class Forbidden(AppError):
    pass


class TooManyAttempts(AppError):
    def __init__(self, detail: str, *, retry_after_seconds: int) -> None:
        super().__init__(detail)
        self.retry_after_seconds = retry_after_seconds


class RateLimited(AppError):
    """A key, or an address on public reads, past its requests a minute (api/rate_limits.py)."""

    def __init__(self, detail: str, *, retry_after_seconds: int) -> None:
        super().__init__(detail)
        self.retry_after_seconds = retry_after_seconds


class InvalidFields(AppError):
    def __init__(self, errors: list[BadField], detail: str | None = None) -> None:
        super().__init__(detail or f"{len(errors)} field(s) are not valid; see errors.")
        self.errors = errors


class ErasureRefused(Conflict):
    """A person's data is still needed (an unsettled grant claim); `reasons` says what."""


class ContentTooLarge(AppError):
    """A request body over the limit for its kind of endpoint (api/request_limits.py)."""


class EvidenceTooLarge(AppError):
    """A claim's evidence file over the size a claim takes (api/services/grant_claims.py)."""


class BodyTooSlow(AppError):
    """A request body sent slower than the set pace (api/request_limits.py)."""


@dataclass(frozen=True)
class ProblemType:
    status: int
    slug: str
    title: str


# Error class -> (status, problem type). Domain exceptions are mapped here, not in the domain.
PROBLEM_TYPES: dict[type[Exception], ProblemType] = {
    Unauthenticated: ProblemType(401, "sign-in-required", "Sign in required"),
    Forbidden: ProblemType(403, "forbidden", "Not allowed"),
    TooManyAttempts: ProblemType(429, "too-many-attempts", "Too many attempts"),
    RateLimited: ProblemType(429, "rate-limited", "Too many requests"),
    NotFound: ProblemType(404, "not-found", "Not found"),
    Conflict: ProblemType(409, "conflict", "Conflict"),
    ErasureRefused: ProblemType(409, "erasure-refused", "This person cannot be erased yet"),
    StatusChangeRefused: ProblemType(409, "status-change-refused", "Status change not allowed"),
    PreconditionFailed: ProblemType(412, "stale-etag", "The resource has changed"),
    PreconditionRequired: ProblemType(428, "if-match-required", "If-Match required"),
    MalformedFile: ProblemType(422, "malformed-file", "The file cannot be imported"),
    LinkGone: ProblemType(410, "link-gone", "This link can no longer be used"),
    SubmissionRefused: ProblemType(422, "not-eligible", "The application cannot be submitted"),
    MoveRefused: ProblemType(409, "application-move-refused", "Not possible for this application"),
    NotReady: ProblemType(503, "not-ready", "Not ready"),
    DatabaseUnavailable: ProblemType(503, "database-unavailable", "Busy, or the database is down"),
    InvalidFields: ProblemType(422, "validation", "Your request has invalid fields"),
    InvalidAcademicYear: ProblemType(422, "validation", "Your request has invalid fields"),
    ContentTooLarge: ProblemType(413, "content-too-large", "The request body is too large"),
    EvidenceTooLarge: ProblemType(413, "evidence-too-large", "The evidence file is too large"),
    BodyTooSlow: ProblemType(408, "body-too-slow", "The request body came too slowly"),
}

PROBLEM_BASE = "/problems/"


def problem_response(
    status: int,
    *,
    title: str,
    detail: str | None,
    type_: str = "about:blank",
    instance: str | None = None,
    errors: list[BadField] | None = None,
    headers: dict[str, str] | None = None,
    **extensions: Any,
) -> JSONResponse:
    body: dict[str, Any] = {"type": type_, "title": title, "status": status}
    if detail is not None:
        body["detail"] = detail
    if instance is not None:
        body["instance"] = instance
    if errors is not None:
        body["errors"] = [e.__dict__ for e in errors]
    body.update(extensions)
    return JSONResponse(body, status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


def problem_for(
    exc: AppError, *, instance: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    """The problem for an error raised outside the app's handlers (an ASGI middleware)."""
    kind = next(PROBLEM_TYPES[c] for c in type(exc).__mro__ if c in PROBLEM_TYPES)
    return problem_response(
        kind.status,
        type_=PROBLEM_BASE + kind.slug,
        title=kind.title,
        detail=exc.detail,
        instance=instance,
        headers=headers,
        **exc.extensions,
    )


def _pointer(parts: tuple[int | str, ...]) -> str:
    return "/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def _validation_errors(exc: RequestValidationError) -> list[BadField]:
    errors = []
    for error in exc.errors():
        loc = tuple(error.get("loc", ()))
        where = str(loc[0]) if loc else "body"
        location: Location = where if where in ("query", "path", "header", "cookie") else "body"  # type: ignore[assignment]
        rest = loc[1:] if loc and loc[0] == where else loc
        # Pydantic names the failing union member or validator in the location; not a field.
        rest = tuple(p for p in rest if not (isinstance(p, str) and ("[" in p or "-" in p)))
        message = str(error.get("msg", "Invalid value"))
        if error.get("type") == "missing":
            message = "This field is required"
        elif error.get("type") == "json_invalid":
            message = "The body is not valid JSON: " + str(error.get("ctx", {}).get("error", ""))
        errors.append(BadField(location, _pointer(rest) if rest else "", message))
    return errors


def _allowed_methods(request: Request) -> list[str]:
    """Every method the API documents on this path (Starlette names only the first route's)."""
    methods: set[str] = set()
    for template, operations in request.app.openapi()["paths"].items():
        if re.match(_path_pattern(template, operations), request.url.path):
            methods |= {method.upper() for method in operations}
    return sorted(methods)


def _path_pattern(template: str, operations: dict[str, Any]) -> str:
    """A regex for a path template, each parameter matching only what its schema allows."""
    patterns = {
        parameter["name"]: parameter.get("schema", {}).get("pattern", "")
        for operation in operations.values()
        for parameter in operation.get("parameters", [])
        if parameter.get("in") == "path"
    }

    def part(match: re.Match[str]) -> str:
        own = patterns.get(match.group(1), "").removeprefix("^").removesuffix("$")
        return f"(?:{own})" if own else "[^/]+"

    pieces = re.split(r"(\{[^}]+\})", template)
    return (
        "^"
        + "".join(
            part(m) if (m := re.fullmatch(r"\{([^}]+)\}", piece)) else re.escape(piece)
            for piece in pieces
        )
        + "$"
    )


def changed_meanwhile(request: Request) -> AppError:
    """A row this request changed was changed by a parallel request after it was read (the
    ORM's version check matched no row, at a flush or at commit); the unit of work has rolled
    back all of this request. With If-Match, the client's precondition lost the race (412);
    without, the resource moved on under it (409)."""
    if request.headers.get("if-match"):
        return PreconditionFailed(
            "This was changed by another request at the same moment, after you read it; "
            "nothing of yours was saved. Read it again and reapply your change."
        )
    return Conflict(
        "This was changed by another request at the same moment; nothing of yours was saved. "
        "Read it again to see where it stands, then retry if you still need to."
    )


NotFoundFallback = Callable[[Request], Response | None]


def install_error_handlers(
    app: FastAPI,
    *,
    not_found_fallback: NotFoundFallback | None = None,
    database_retry_after_seconds: int,
) -> None:
    """`not_found_fallback` may answer a 404 instead (the SPA's client-side routes);
    `database_retry_after_seconds` is the Retry-After of a busy or unreachable database."""

    @app.exception_handler(RequestValidationError)
    async def on_validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = _validation_errors(exc)
        return problem_response(
            422,
            type_=PROBLEM_BASE + "validation",
            title="Your request has invalid fields",
            detail="; ".join(f"{e.location} {e.pointer or '/'}: {e.detail}" for e in errors),
            instance=request.url.path,
            errors=errors,
        )

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404 and not_found_fallback is not None:
            fallback = not_found_fallback(request)
            if fallback is not None:
                return fallback
        phrase = HTTPStatus(exc.status_code).phrase
        detail = exc.detail if isinstance(exc.detail, str) and exc.detail != phrase else None
        if exc.status_code == 400:
            # Only the framework answers 400, for a body it cannot parse (bad JSON bytes, broken
            # multipart): as invalid as bad JSON, so one 422 for all.
            bad = BadField("body", "", f"The request body cannot be read: {exc.detail}")
            return problem_response(
                422,
                type_=PROBLEM_BASE + "validation",
                title="Your request has invalid fields",
                detail=bad.detail,
                instance=request.url.path,
                errors=[bad],
            )
        if exc.status_code == 404 and detail is None:
            detail = f"There is nothing at {request.url.path}."
        headers = dict(exc.headers) if exc.headers else {}
        if exc.status_code == 405:
            allowed = _allowed_methods(request)
            headers["Allow"] = ", ".join(allowed)
            detail = (
                f"{request.method} is not allowed on {request.url.path}; "
                f"use {' or '.join(allowed)}."
            )
        return problem_response(
            exc.status_code,
            title=phrase,
            detail=detail,
            instance=request.url.path,
            headers=headers or None,
        )

    @app.exception_handler(AppError)
    @app.exception_handler(MoveRefused)
    @app.exception_handler(StatusChangeRefused)
    @app.exception_handler(InvalidAcademicYear)
    async def on_app_error(request: Request, exc: Exception) -> JSONResponse:
        kind = next(PROBLEM_TYPES[c] for c in type(exc).__mro__ if c in PROBLEM_TYPES)
        extensions = exc.extensions if isinstance(exc, AppError) else {}
        errors = exc.errors if isinstance(exc, InvalidFields) else None
        headers = None
        if isinstance(exc, TooManyAttempts | TryAgainLater | RateLimited):
            headers = {"Retry-After": str(exc.retry_after_seconds)}
        elif isinstance(exc, Unauthenticated):
            headers = {"WWW-Authenticate": 'Bearer realm="mathshubs"'}
        return problem_response(
            kind.status,
            type_=PROBLEM_BASE + kind.slug,
            title=kind.title,
            detail=str(exc),
            instance=request.url.path,
            errors=errors,
            headers=headers,
            **extensions,
        )

    @app.exception_handler(StaleDataError)
    async def on_changed_meanwhile(request: Request, exc: Exception) -> JSONResponse:
        return await on_app_error(request, changed_meanwhile(request))

    @app.exception_handler(SQLAlchemyError)
    async def on_database_error(request: Request, exc: Exception) -> JSONResponse:
        # Wherever it was raised (a service, a dependency, the commit), the transaction was
        # rolled back: a busy or unreachable database is worth another try, anything else is a bug.
        if not is_database_unavailable(exc):
            raise exc  # to the 500 path, which logs it
        # The driver's message, not SQLAlchemy's, which would log the statement's parameters.
        cause = getattr(exc, "orig", None) or exc
        log.warning(
            "Database busy or unreachable on %s %s: %s: %s",
            request.method,
            request.url.path,
            type(cause).__name__,
            str(cause).strip(),
        )
        unavailable = DatabaseUnavailable(retry_after_seconds=database_retry_after_seconds)
        return await on_app_error(request, unavailable)

    # Last resort: api/unexpected_errors.py answers first and keeps the connection open;
    # Starlette's ServerErrorMiddleware only reaches here for errors outside it.
    @app.exception_handler(Exception)
    async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("Unhandled error on %s %s", request.method, request.url.path)
        return unexpected_error_response(request.url.path)


def unexpected_error_response(path: str) -> JSONResponse:
    """The 500 problem: says nothing of the cause, which goes to the log."""
    return problem_response(
        500,
        title="Internal Server Error",
        detail="Something went wrong on our side. Nothing was changed; please try again.",
        instance=path,
    )
