"""The audit log in words: each changed field's label ("Start time", not `start_time`)."""

from __future__ import annotations

# Fields whose label is not simply their name in words; the same field reads the same in
# every kind of record unless the kind says otherwise below.
_FIELD_LABELS: dict[str, str] = {
    "urn": "URN",
    "host_urn": "Host school (URN)",
    "host_school_urn": "Host school (URN)",
    "school_urn": "School (URN)",
    "hub_id": "Hub",
    "person_id": "Person",
    "programme_id": "Programme",
    "work_group_id": "Work Group",
    "lead_person_id": "Lead Mastery Specialist",
    "lead": "Lead Mastery Specialist",
    "online_url": "Online link",
    "url": "Link",
    "on": "Date",
    "date": "Date",
    "starts_at": "Starts",
    "ends_at": "Ends",
    "start_time": "Start time",
    "end_time": "End time",
    "closing_date": "Closing date",
    "closes_at": "Closes",
    "claim_deadline": "Claim deadline",
    "academic_year_id": "Academic year",
    "academic_year": "Academic year",
    "la_code": "Local authority",
    "la_codes": "Local authorities",
    "local_authorities": "Local authorities",
    "email": "Email address",
    "dfe_number": "DfE number",
    "ukprn": "UKPRN",
    "sha256": "File fingerprint (SHA-256)",
    "confirmed_at": "Confirmed",
    "expires_at": "Expires",
    "revoked_at": "Revoked",
    "submitted_at": "Submitted",
    "cancelled_reason": "Reason for cancelling",
    "cancel_reason": "Reason for cancelling",
    "cancellation_reason": "Reason for cancelling",
    "sequence": "Calendar sequence",
    "type": "Programme type",
    "programme_type": "Programme type",
}

_BY_KIND: dict[str, dict[str, str]] = {
    "application": {"status": "Application status", "signatory": "Signed by"},
    "programme": {"status": "Programme status", "title": "Title", "code": "Code"},
    "session": {"status": "Session status", "kind": "Kind of session", "number": "Session number"},
    "api_key": {"name": "Key name", "scopes": "What it may do"},
    "webhook_endpoint": {
        "url": "Address",
        "events": "Events sent",
        "previous_secret_until": "Old secret signs until",
    },
    "user": {
        "name": "Name",
        "role": "Role",
        "active": "Can sign in",
        "two_factor": "Two-factor sign-in",
        "password": "Password",
    },
    "invitation": {"email": "Email address", "name": "Name", "role": "Role"},
    "calendar_feed": {"subject": "Whose calendar"},
    "grant_claim": {
        "status": "Claim status",
        "reason": "Why it is ineligible",
        "reason_detail": "Reason in words",
        "duplicate_of_id": "Duplicate of claim",
    },
}

_WORDS = {"id": "", "url": "link", "urn": "URN", "la": "local authority", "ks": "Key Stage"}


def field_label(resource_type: str, field: str) -> str:
    """The field's label in words: a known label, else its name in words ("Start time")."""
    known = _BY_KIND.get(resource_type, {}).get(field) or _FIELD_LABELS.get(field)
    if known:
        return known
    words = [_WORDS.get(part, part) for part in field.split("_")]
    text = " ".join(word for word in words if word).strip()
    if not text:
        return field
    return text[0].upper() + text[1:]
