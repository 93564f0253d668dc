"""Every table, registered on the one metadata that Alembic compares against."""

from api.persistence.models.access import (
    ApiKey,
    AuditEvent,
    SignInAttempt,
    UserAccount,
    UserSession,
)
from api.persistence.models.catalogue import AcademicYearRow, Hub, Programme
from api.persistence.models.common import utc_now

__all__ = [
    "AcademicYearRow",
    "ApiKey",
    "AuditEvent",
    "Hub",
    "Programme",
    "SignInAttempt",
    "UserAccount",
    "UserSession",
    "utc_now",
]
