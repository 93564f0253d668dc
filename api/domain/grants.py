"""Grants: what a school is entitled to under a programme's funding rules, in whole pence.

DOMAIN.md "Grants and funding": a fixed grant (£1000 towards release time, 000, 001, 004),
matched funding (equal to the school's own spend, up to £2000, for textbooks, 000), or nothing
(002, 003, 004). A hub adds payment conditions; an entitlement is payable when all are met.
Funding rules are data, stored as JSON on a programme: see `funding_from_dict`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from api.domain.wording import format_date, format_pence, join_words


class InvalidFunding(ValueError):
    """Funding rules that cannot be read; `pointer` is a JSON pointer to the bad key."""

    def __init__(self, pointer: str, message: str) -> None:
        self.pointer = pointer
        self.detail = message
        super().__init__(f"{pointer}: {message}")


@dataclass(frozen=True)
class SessionsAttended:
    """Paid once the school has attended at least this many sessions."""

    minimum: int
    kind: ClassVar[str] = "sessions_attended"


@dataclass(frozen=True)
class SpendEvidenced:
    """Paid once the school has shown what it spent (invoices for textbooks, say)."""

    kind: ClassVar[str] = "spend_evidenced"


@dataclass(frozen=True)
class NotBefore:
    """Paid on or after a date (the end of the year, say)."""

    on: date
    kind: ClassVar[str] = "not_before"


PaymentCondition = SessionsAttended | SpendEvidenced | NotBefore


@dataclass(frozen=True)
class FixedGrant:
    amount_pence: int
    purpose: str  # completes "… towards <purpose>"
    conditions: tuple[PaymentCondition, ...] = ()
    kind: ClassVar[str] = "fixed_grant"

    def describe(self) -> str:
        return f"a {format_pence(self.amount_pence)} grant towards {self.purpose}"


@dataclass(frozen=True)
class MatchedFunding:
    """The hub pays what the school spends itself, up to the cap (000)."""

    cap_pence: int
    purpose: str  # completes "… for <purpose>"
    conditions: tuple[PaymentCondition, ...] = ()
    kind: ClassVar[str] = "matched_funding"

    def describe(self) -> str:
        return f"matched funding of up to {format_pence(self.cap_pence)} for {self.purpose}"


Grant = FixedGrant | MatchedFunding


@dataclass(frozen=True)
class Funding:
    """A programme's grants; none means free to take part with no grant (002, 003)."""

    grants: tuple[Grant, ...] = ()

    def describe(self) -> str:
        if not self.grants:
            return "Free to take part; no grant."
        text = join_words([grant.describe() for grant in self.grants])
        return f"Free to take part, with {text}."


NO_FUNDING = Funding()


@dataclass(frozen=True)
class GrantFacts:
    """What the hub knows about one school's year on the programme."""

    today: date
    sessions_attended: int = 0
    spend_pence: int = 0  # what the school spent itself, for matched funding
    spend_evidenced: bool = False


@dataclass(frozen=True)
class ConditionResult:
    code: str
    met: bool
    reason: str


@dataclass(frozen=True)
class Entitlement:
    grant: Grant
    amount_pence: int
    conditions: tuple[ConditionResult, ...]

    @property
    def payable(self) -> bool:
        return all(condition.met for condition in self.conditions)


def matched_amount(spend_pence: int, cap_pence: int) -> int:
    """Equal to the school's own spend, capped."""
    if spend_pence < 0:
        raise ValueError("spend cannot be negative")
    return min(spend_pence, cap_pence)


def _condition(condition: PaymentCondition, facts: GrantFacts) -> ConditionResult:
    if isinstance(condition, SessionsAttended):
        met = facts.sessions_attended >= condition.minimum
        return ConditionResult(
            condition.kind,
            met,
            f"Paid once the school has attended {condition.minimum} sessions; it has attended "
            f"{facts.sessions_attended}.",
        )
    if isinstance(condition, SpendEvidenced):
        return ConditionResult(
            condition.kind,
            facts.spend_evidenced,
            "Paid once the school has sent evidence of what it spent"
            + ("; it has." if facts.spend_evidenced else "; it has not yet."),
        )
    return ConditionResult(
        condition.kind,
        facts.today >= condition.on,
        f"Paid on or after {format_date(condition.on)}.",
    )


def entitlements(funding: Funding, facts: GrantFacts) -> tuple[Entitlement, ...]:
    """Each grant's amount for this school and whether it can be paid yet."""
    out: list[Entitlement] = []
    for grant in funding.grants:
        if isinstance(grant, FixedGrant):
            amount = grant.amount_pence
        else:
            amount = matched_amount(facts.spend_pence, grant.cap_pence)
        checked = tuple(_condition(condition, facts) for condition in grant.conditions)
        out.append(Entitlement(grant, amount, checked))
    return tuple(out)


def total_pence(items: Iterable[Entitlement]) -> int:
    return sum(item.amount_pence for item in items)


def split_pence(amount_pence: int, parts: int) -> tuple[int, ...]:
    """Instalments that add up to the amount exactly; the first ones take the odd pence."""
    if parts < 1:
        raise ValueError("split into at least one part")
    if amount_pence < 0:
        raise ValueError("amount cannot be negative")
    base, rest = divmod(amount_pence, parts)
    return tuple(base + (1 if index < rest else 0) for index in range(parts))


class PaymentRefused(Exception):
    """A payment the entitlement does not allow."""


def check_payment(entitlement: Entitlement, *, paid_pence: int, amount_pence: int) -> int:
    """The amount still owed after this payment; refuses one that is not due or too much."""
    if amount_pence <= 0:
        raise PaymentRefused("A payment must be more than £0.")
    if not entitlement.payable:
        unmet = [c.reason for c in entitlement.conditions if not c.met]
        raise PaymentRefused("This grant cannot be paid yet. " + " ".join(unmet))
    owed = entitlement.amount_pence - paid_pence
    if amount_pence > owed:
        raise PaymentRefused(
            f"Only {format_pence(max(owed, 0))} is still owed, so "
            f"{format_pence(amount_pence)} cannot be paid."
        )
    return owed - amount_pence


# JSON: {"grants": [{"kind": "fixed_grant", "amount_pence": 100000,
#                    "purpose": "teacher release time",
#                    "conditions": [{"kind": "sessions_attended", "minimum": 4}]}, …]}


def _pence(value: object, pointer: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidFunding(pointer, "must be a whole number of pence, 0 or more")
    return value


def _text(value: object, pointer: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidFunding(pointer, "must be text")
    return value


def _only(data: Mapping[str, Any], keys: set[str], pointer: str) -> None:
    for key in data:
        if key not in keys:
            raise InvalidFunding(f"{pointer}/{key}", f"is not a parameter of {data.get('kind')}")


def _condition_from_dict(data: object, pointer: str) -> PaymentCondition:
    if not isinstance(data, Mapping):
        raise InvalidFunding(pointer, "a condition must be an object with a kind")
    kind = data.get("kind")
    if kind == SessionsAttended.kind:
        _only(data, {"kind", "minimum"}, pointer)
        minimum = data.get("minimum")
        if isinstance(minimum, bool) or not isinstance(minimum, int) or minimum < 1:
            raise InvalidFunding(f"{pointer}/minimum", "must be a whole number, 1 or more")
        return SessionsAttended(minimum)
    if kind == SpendEvidenced.kind:
        _only(data, {"kind"}, pointer)
        return SpendEvidenced()
    if kind == NotBefore.kind:
        _only(data, {"kind", "on"}, pointer)
        on = data.get("on")
        if isinstance(on, str):
            try:
                return NotBefore(date.fromisoformat(on))
            except ValueError:
                pass
        raise InvalidFunding(f"{pointer}/on", "must be a date, such as 2019-07-01")
    raise InvalidFunding(
        f"{pointer}/kind", "must be one of: sessions_attended, spend_evidenced, not_before"
    )


def _grant_from_dict(data: object, pointer: str) -> Grant:
    if not isinstance(data, Mapping):
        raise InvalidFunding(pointer, "a grant must be an object with a kind")
    kind = data.get("kind")
    raw_conditions = data.get("conditions", [])
    if not isinstance(raw_conditions, list):
        raise InvalidFunding(f"{pointer}/conditions", "must be a list")
    conditions = tuple(
        _condition_from_dict(item, f"{pointer}/conditions/{index}")
        for index, item in enumerate(raw_conditions)
    )
    purpose = _text(data.get("purpose"), f"{pointer}/purpose")
    if kind == FixedGrant.kind:
        _only(data, {"kind", "amount_pence", "purpose", "conditions"}, pointer)
        return FixedGrant(
            _pence(data.get("amount_pence"), f"{pointer}/amount_pence"), purpose, conditions
        )
    if kind == MatchedFunding.kind:
        _only(data, {"kind", "cap_pence", "purpose", "conditions"}, pointer)
        return MatchedFunding(
            _pence(data.get("cap_pence"), f"{pointer}/cap_pence"), purpose, conditions
        )
    raise InvalidFunding(f"{pointer}/kind", "must be one of: fixed_grant, matched_funding")


def funding_from_dict(data: Mapping[str, Any]) -> Funding:
    """Read a programme's funding rules; InvalidFunding names the bad key."""
    if not isinstance(data, Mapping):
        raise InvalidFunding("", 'funding must be an object such as {"grants": []}')
    _only(data, {"grants"}, "")
    grants = data.get("grants", [])
    if not isinstance(grants, list):
        raise InvalidFunding("/grants", "must be a list")
    return Funding(tuple(_grant_from_dict(item, f"/grants/{i}") for i, item in enumerate(grants)))


def _condition_to_dict(condition: PaymentCondition) -> dict[str, Any]:
    if isinstance(condition, SessionsAttended):
        return {"kind": condition.kind, "minimum": condition.minimum}
    if isinstance(condition, NotBefore):
        return {"kind": condition.kind, "on": condition.on.isoformat()}
    return {"kind": condition.kind}


def funding_to_dict(funding: Funding) -> dict[str, Any]:
    grants: list[dict[str, Any]] = []
    for grant in funding.grants:
        data: dict[str, Any] = {"kind": grant.kind}
        if isinstance(grant, FixedGrant):
            data["amount_pence"] = grant.amount_pence
        else:
            data["cap_pence"] = grant.cap_pence
        data["purpose"] = grant.purpose
        data["conditions"] = [_condition_to_dict(c) for c in grant.conditions]
        grants.append(data)
    return {"grants": grants}
