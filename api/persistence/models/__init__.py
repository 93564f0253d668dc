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
    "AuditEvent",
    "Hub",
    "HubLocalAuthority",
    "LocalAuthority",
    "Participation",
    "Person",
    "Programme",
    "School",
    "SignInAttempt",
    "UserAccount",
    "UserSession",
    "utc_now",
]
