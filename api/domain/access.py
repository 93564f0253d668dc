"""Who may do what: roles, API key scopes, and the decision for one operation."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import Literal


class Role(StrEnum):
    NATIONAL_ADMIN = "national_admin"
    HUB_ADMIN = "hub_admin"
    MASTERY_SPECIALIST = "mastery_specialist"
    SCHOOL_CONTACT = "school_contact"


class Scope(StrEnum):
    PROGRAMMES_READ = "programmes:read"
    SCHOOLS_READ = "schools:read"
    TIMETABLE_READ = "timetable:read"
    APPLICATIONS_READ = "applications:read"
    APPLICATIONS_WRITE = "applications:write"
    GRANTS_READ = "grants:read"
    GRANTS_WRITE = "grants:write"
    REPORTS_READ = "reports:read"
    ADMIN = "admin"


# Roles that run a hub: with `hub_id` None (national) they act for every hub.
HUB_STAFF = frozenset({Role.NATIONAL_ADMIN, Role.HUB_ADMIN})
ALL_ROLES = frozenset(Role)
ALL_SCOPES = frozenset(Scope)


@dataclass(frozen=True)
class Principal:
    """Whoever is calling: a signed-in person or another system's API key."""

    kind: Literal["user", "api_key"]
    id: int
    label: str
    role: Role | None = None
    hub_id: str | None = None
    school_urn: str | None = None
    scopes: frozenset[Scope] = frozenset()
    name: str | None = None  # a person's name; a key's name is its label

    @property
    def is_national(self) -> bool:
        if self.kind == "user":
            return self.role == Role.NATIONAL_ADMIN
        return self.hub_id is None and Scope.ADMIN in self.scopes

    def runs_hub(self, hub_id: str) -> bool:
        """May act as this hub's administrator: a national admin, the hub's admin, its admin key."""
        if self.is_national:
            return True
        if self.hub_id != hub_id:
            return False
        return self.role == Role.HUB_ADMIN or Scope.ADMIN in self.scopes

    def acts_for_hub(self, hub_id: str, *scopes: Scope) -> bool:
        """Runs the hub, or is that hub's key with one of these narrower scopes."""
        if self.runs_hub(hub_id):
            return True
        return self.kind == "api_key" and self.hub_id == hub_id and bool(self.scopes & set(scopes))


@dataclass(frozen=True)
class Policy:
    """Who may call an operation; hub boundaries are checked again on the resource itself."""

    name: str
    public: bool = False
    roles: frozenset[Role] = frozenset()
    scopes: frozenset[Scope] = frozenset()
    # For the whole country's data (the GIAS register): national administrators and keys only.
    national_only: bool = False


class Verdict(Enum):
    ALLOWED = "allowed"
    UNAUTHENTICATED = "unauthenticated"
    FORBIDDEN = "forbidden"


def decide(policy: Policy, principal: Principal | None) -> Verdict:
    if policy.public:
        return Verdict.ALLOWED
    if principal is None:
        return Verdict.UNAUTHENTICATED
    if principal.kind == "user":
        allowed = principal.role in policy.roles
    else:
        allowed = bool(principal.scopes & policy.scopes)
    if policy.national_only and not principal.is_national:
        allowed = False
    return Verdict.ALLOWED if allowed else Verdict.FORBIDDEN
