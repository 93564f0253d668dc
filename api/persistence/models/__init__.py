"""Every table, registered on the one metadata that Alembic compares against."""

from api.persistence.models.access import (
    ApiKey,
    AuditEvent,
    Invitation,
    PasswordReset,
    RecoveryCode,
    RememberedBrowser,
    SignInAttempt,
    UserAccount,
    UserSession,
)
from api.persistence.models.applications import (
    Application,
    ApplicationNumbering,
    IdempotentRequest,
    OutboxAttachment,
    OutboxMessage,
    Signatory,
)
from api.persistence.models.catalogue import AcademicYearRow, Hub, Programme
from api.persistence.models.common import utc_now
from api.persistence.models.grants import (
    GrantClaim,
    GrantEntitlement,
    GrantEvidence,
    GrantStatement,
    GrantStatementAdjustment,
    GrantStatementLine,
)
from api.persistence.models.privacy import SubjectAccessRequest
from api.persistence.models.schools import (
    HubLocalAuthority,
    LocalAuthority,
    Participation,
    Person,
    School,
)
from api.persistence.models.webhooks import (
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
)
from api.persistence.models.work_groups import (
    CalendarFeed,
    DataVersion,
    HubTermDates,
    SessionAttendance,
    WorkGroup,
    WorkGroupParticipant,
    WorkGroupSchool,
    WorkGroupSession,
)

__all__ = [
    "AcademicYearRow",
    "ApiKey",
    "Application",
    "ApplicationNumbering",
    "AuditEvent",
    "CalendarFeed",
    "DataVersion",
    "GrantClaim",
    "GrantEntitlement",
    "GrantEvidence",
    "GrantStatement",
    "GrantStatementAdjustment",
    "GrantStatementLine",
    "Hub",
    "HubLocalAuthority",
    "HubTermDates",
    "IdempotentRequest",
    "Invitation",
    "LocalAuthority",
    "OutboxAttachment",
    "OutboxMessage",
    "Participation",
    "PasswordReset",
    "Person",
    "Programme",
    "RecoveryCode",
    "RememberedBrowser",
    "School",
    "SessionAttendance",
    "SignInAttempt",
    "Signatory",
    "SubjectAccessRequest",
    "UserAccount",
    "UserSession",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookEndpoint",
    "WebhookEvent",
    "WorkGroup",
    "WorkGroupParticipant",
    "WorkGroupSchool",
    "WorkGroupSession",
    "utc_now",
]
