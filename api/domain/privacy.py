"""Personal data: what redacting a value means, when erasure must wait, when a subject access
request is due, and what an evaluation extract may show."""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from api.domain.retention import months_before

REDACTED = "[redacted]"
ERASED_NAME = "Erased person"
# Email addresses of erased records: unique per record (the columns are unique) and of a
# domain that can never receive mail (RFC 2606).
ERASED_EMAIL_DOMAIN = "erased.example"
# An email address redacted where the record must still hold an address (an application's
# people are read back as email addresses).
REDACTED_EMAIL = f"redacted@{ERASED_EMAIL_DOMAIN}"
# Counts under this are shown as suppressed in extracts, so nobody is singled out by them.
SMALLEST_COUNT_SHOWN = 5
# A subject access request is answered within one month of its receipt (UK GDPR Art. 12(3)).
SUBJECT_ACCESS_MONTHS = 1

# Claim states whose money is not settled: the claim, and the people it rests on, are needed.
UNSETTLED_CLAIM_STATUSES = frozenset({"submitted", "eligible", "payable", "awaiting_clawback"})


def erased_email(kind: str, record_id: int) -> str:
    return f"erased-{kind}-{record_id}@{ERASED_EMAIL_DOMAIN}"


def is_erased_email(value: str) -> bool:
    return value.endswith("@" + ERASED_EMAIL_DOMAIN)


def _variants(value: str) -> set[str]:
    """How a value may be written in stored text: as is, HTML-escaped and JSON-escaped."""
    html = (
        value.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )
    escaped = value.encode("ascii", "backslashreplace").decode("ascii").replace("\\x", "\\u00")
    return {value, html, html.replace("&#x27;", "&#39;"), escaped}


@dataclass(frozen=True)
class Redactor:
    """Replaces every occurrence of a person's values (any case) with REDACTED."""

    values: tuple[str, ...]

    @classmethod
    def of(cls, values: Iterable[str]) -> Redactor:
        kept = {v.strip() for v in values if v and len(v.strip()) >= 3}
        every = {variant for value in kept for variant in _variants(value)}
        # Longest first, so that an email is replaced whole before the name inside it.
        return cls(tuple(sorted(every, key=len, reverse=True)))

    @property
    def _pattern(self) -> re.Pattern[str] | None:
        if not self.values:
            return None
        # Whole words only: "Ann" is redacted, "annual" is not.
        alternatives = "|".join(re.escape(v) for v in self.values)
        return re.compile(rf"(?<![\w.@])(?:{alternatives})(?![\w@])", re.IGNORECASE)

    def mentions(self, text: str) -> bool:
        pattern = self._pattern
        return pattern is not None and pattern.search(text) is not None

    def text(self, text: str) -> str:
        pattern = self._pattern
        if pattern is None:
            return text
        if pattern.fullmatch(text) and "@" in text:
            return REDACTED_EMAIL  # a field that holds just the address stays an address
        return pattern.sub(lambda m: REDACTED_EMAIL if "@" in m.group(0) else REDACTED, text)

    def value(self, value: Any) -> Any:
        """`value` with the person's values redacted in every string of it, keys included."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list):
            return [self.value(v) for v in value]
        if isinstance(value, dict):
            return {self.text(str(k)): self.value(v) for k, v in value.items()}
        return value


@dataclass(frozen=True)
class ClaimFact:
    reference: str
    status: str
    school_urn: str


@dataclass(frozen=True)
class Hold:
    """Why a person's data cannot be erased yet."""

    reason: str


def erasure_holds(*, already_erased: bool, claims: Iterable[ClaimFact]) -> list[Hold]:
    """What stops an erasure: a claim on a grant for a programme the person took part in, not
    yet settled (its evidence and the audit of who claimed rest on them; accounting law needs
    them until the money is paid or clawed back)."""
    if already_erased:
        return [Hold("This person has already been erased.")]
    return [
        Hold(
            f"Grant claim {claim.reference} of school {claim.school_urn} is {claim.status}, "
            "not yet settled; erase this person once it is paid, voided or clawed back."
        )
        for claim in sorted(claims, key=lambda c: c.reference)
        if claim.status in UNSETTLED_CLAIM_STATUSES
    ]


def subject_access_due(received_on: date) -> date:
    """One calendar month after receipt (the corresponding day, or the month's last day)."""
    return months_before(received_on, -SUBJECT_ACCESS_MONTHS)


def pseudonym(key: bytes, kind: str, record_id: int | str) -> str:
    """A keyed hash of a record's id: the same within one extract, unlinkable without the key."""
    digest = hmac.new(key, f"{kind}:{record_id}".encode(), hashlib.sha256).hexdigest()
    return f"{kind[0]}-{digest[:16]}"


def extract_key(secret: str, extract_id: str) -> bytes:
    """Each extract's own key, from the service's secret and the extract's id: two extracts'
    pseudonyms cannot be joined, and nobody without the secret can recompute them."""
    return hmac.new(secret.encode(), extract_id.encode(), hashlib.sha256).digest()


def suppressed(count: int) -> int | None:
    """A count as an extract may show it: None (suppressed) when under SMALLEST_COUNT_SHOWN."""
    return count if count >= SMALLEST_COUNT_SHOWN else None
