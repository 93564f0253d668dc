"""Accounts for real people: who may give which role, how long a link lasts, when a one-time
code is fresh. Pure rules: the caller passes `now`."""

from __future__ import annotations

from datetime import datetime, timedelta

from api.domain.access import Principal, Role

INVITATION_LIFETIME = timedelta(days=7)
PASSWORD_RESET_LIFETIME = timedelta(hours=1)
# A browser that has passed two-factor sign-in is not asked again for this long (NCSC: do not
# ask for a second factor at every sign-in from a device already known).
REMEMBERED_BROWSER_LIFETIME = timedelta(days=30)
RECOVERY_CODE_COUNT = 10
TOTP_STEP_SECONDS = 30
# A code of the step before or after now is accepted too: phones' clocks drift.
TOTP_DRIFT_STEPS = 1

# Administrators change every school's data in their hub (or every hub's): a password alone
# is not enough for them. Others may turn two-factor sign-in on.
TWO_FACTOR_REQUIRED = frozenset({Role.NATIONAL_ADMIN, Role.HUB_ADMIN})

# The roles a person may give; national administrators themselves are made on the server
# (`mathshubs create-user`).
_GRANTS: dict[Role, frozenset[Role]] = {
    Role.NATIONAL_ADMIN: frozenset({Role.HUB_ADMIN, Role.MASTERY_SPECIALIST, Role.SCHOOL_CONTACT}),
    Role.HUB_ADMIN: frozenset({Role.HUB_ADMIN, Role.MASTERY_SPECIALIST, Role.SCHOOL_CONTACT}),
}


def grantable_roles(actor: Principal) -> frozenset[Role]:
    """The roles `actor` may give to someone: none for a key or a person who runs no hub."""
    if actor.kind != "user" or actor.role is None:
        return frozenset()
    return _GRANTS.get(actor.role, frozenset())


def may_grant(actor: Principal, role: Role, hub_id: str | None) -> bool:
    """Whether `actor` may give `role` in hub `hub_id` (an invitation, or a change of role)."""
    if role not in grantable_roles(actor) or hub_id is None:
        return False
    return actor.is_national or actor.hub_id == hub_id


def may_manage(actor: Principal, role: Role, hub_id: str | None) -> bool:
    """Whether `actor` may change or deactivate an account of `role` in `hub_id`: only accounts
    whose role they could have given, so no hub administrator touches a national one."""
    return may_grant(actor, role, hub_id)


def requires_two_factor(role: Role) -> bool:
    return role in TWO_FACTOR_REQUIRED


def link_usable(*, expires_at: datetime, used_at: datetime | None, now: datetime) -> bool:
    """A one-time link works once, and only until it expires."""
    return used_at is None and now < expires_at


def totp_steps(now: datetime) -> list[int]:
    """The time steps whose codes are accepted at `now`, latest first."""
    current = int(now.timestamp()) // TOTP_STEP_SECONDS
    return [current + d for d in range(TOTP_DRIFT_STEPS, -TOTP_DRIFT_STEPS - 1, -1)]


def step_is_fresh(step: int, last_used_step: int | None) -> bool:
    """A code is used once: once a step's code has signed someone in, neither it nor an
    earlier step's code is accepted again (RFC 6238 section 5.2)."""
    return last_used_step is None or step > last_used_step
