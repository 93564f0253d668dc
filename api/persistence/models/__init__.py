"""Every table, registered on the one metadata that Alembic compares against."""

from api.persistence.models.access import (
    ApiKey,
    AuditEvent,
    SignInAttempt,
    UserAccount,
    UserSession,
)
from api.persistence.models.applications import (
    Application,
    IdempotentRequest,
    OutboxMessage,
    Signatory,
)
from api.persistence.models.catalogue import AcademicYearRow, Hub, Programme
from api.persistence.models.common import utc_now
from api.persistence.models.schools import (
    HubLocalAuthority,
    LocalAuthority,
    Participation,
    Person,
    School,
)

__all__ = [
    "AcademicYearRow",
    "ApiKey",
    "Application",
    "AuditEvent",
    "Hub",
    "HubLocalAuthority",
    "IdempotentRequest",
    "LocalAuthority",
    "OutboxMessage",
    "Participation",
    "Person",
    "Programme",
    "School",
    "SignInAttempt",
    "Signatory",
    "UserAccount",
    "UserSession",
    "utc_now",
]
