"""Who may give which role, how long a link lasts, when a one-time code is fresh."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from api.domain.access import Principal, Role, Scope
from api.domain.accounts import (
    TOTP_STEP_SECONDS,
    grantable_roles,
    link_usable,
    may_grant,
    may_manage,
    requires_two_factor,
    step_is_fresh,
    totp_steps,
)

NOW = datetime(2027, 3, 10, 9, 0, 15, tzinfo=UTC)
NATIONAL = Principal(
    kind="user", id=1, label="national@example.org", role=Role.NATIONAL_ADMIN, hub_id=None
)
NORTH_ADMIN = Principal(
    kind="user", id=2, label="north@example.org", role=Role.HUB_ADMIN, hub_id="north"
)
SPECIALIST = Principal(
    kind="user", id=3, label="ms@example.org", role=Role.MASTERY_SPECIALIST, hub_id="north"
)
ADMIN_KEY = Principal(
    kind="api_key", id=4, label="north key", scopes=frozenset({Scope.ADMIN}), hub_id="north"
)
BELOW_NATIONAL = {Role.HUB_ADMIN, Role.MASTERY_SPECIALIST, Role.SCHOOL_CONTACT}


@pytest.mark.parametrize(
    ("actor", "roles"),
    [
        (NATIONAL, BELOW_NATIONAL),
        (NORTH_ADMIN, BELOW_NATIONAL),
        (SPECIALIST, set()),
        (ADMIN_KEY, set()),
    ],
)
def test_who_may_give_which_role(actor: Principal, roles: set[Role]) -> None:
    assert grantable_roles(actor) == roles
    assert Role.NATIONAL_ADMIN not in grantable_roles(actor)


@pytest.mark.parametrize(
    ("actor", "role", "hub_id", "allowed"),
    [
        (NATIONAL, Role.HUB_ADMIN, "south", True),
        (NATIONAL, Role.HUB_ADMIN, None, False),
        (NATIONAL, Role.NATIONAL_ADMIN, None, False),
        (NORTH_ADMIN, Role.SCHOOL_CONTACT, "north", True),
        (NORTH_ADMIN, Role.SCHOOL_CONTACT, "south", False),
        (NORTH_ADMIN, Role.NATIONAL_ADMIN, "north", False),
        (SPECIALIST, Role.SCHOOL_CONTACT, "north", False),
        (ADMIN_KEY, Role.MASTERY_SPECIALIST, "north", False),
    ],
)
def test_giving_and_managing_stay_within_the_hub_and_the_roles(
    actor: Principal, role: Role, hub_id: str | None, allowed: bool
) -> None:
    assert may_grant(actor, role, hub_id) is allowed
    assert may_manage(actor, role, hub_id) is allowed


def test_administrators_need_two_factor_others_may_choose() -> None:
    assert {role for role in Role if requires_two_factor(role)} == {
        Role.NATIONAL_ADMIN,
        Role.HUB_ADMIN,
    }


@pytest.mark.parametrize(
    ("expires_in", "used", "usable"),
    [
        (timedelta(minutes=1), False, True),
        (timedelta(0), False, False),
        (timedelta(minutes=-1), False, False),
        (timedelta(minutes=1), True, False),
    ],
)
def test_a_link_works_once_until_it_expires(
    expires_in: timedelta, used: bool, usable: bool
) -> None:
    used_at = NOW - timedelta(seconds=5) if used else None
    assert link_usable(expires_at=NOW + expires_in, used_at=used_at, now=NOW) is usable


def test_the_steps_either_side_of_now_are_accepted_latest_first() -> None:
    current = int(NOW.timestamp()) // TOTP_STEP_SECONDS
    assert totp_steps(NOW) == [current + 1, current, current - 1]
    assert totp_steps(NOW + timedelta(seconds=TOTP_STEP_SECONDS)) == [
        current + 2,
        current + 1,
        current,
    ]


@pytest.mark.parametrize(
    ("step", "last_used", "fresh"),
    [(10, None, True), (11, 10, True), (10, 10, False), (9, 10, False)],
)
def test_a_code_signs_in_once(step: int, last_used: int | None, fresh: bool) -> None:
    assert step_is_fresh(step, last_used) is fresh
