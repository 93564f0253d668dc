"""Sign-in throttling slows whoever guesses, from where they guess, and never locks the owner
out: their correct password from a place with no failures is always taken.

Through HTTP each client comes from its own address; the timing of the Retry-After is shown
on the service with the moment given, so that no verdict depends on how fast the test runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.domain.access import Role
from api.errors import TooManyAttempts
from api.persistence.models import SignInAttempt, UserAccount
from api.services import auth
from api.services.auth import (
    ACCOUNT_UNDER_ATTACK,
    MAX_FAILURES_PER_ADDRESS,
    MAX_FAILURES_PER_PAIR,
    MAX_FAILURES_PER_PAIR_UNDER_ATTACK,
    THROTTLE_WINDOW,
)
from tests.accounts import BASE_URL, PASSWORD, MakeUser

SIGN_IN = "/api/v1/auth/sign-in"
HOME = "198.51.100.20"
ATTACKER = "203.0.113.7"
NOW = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)


ClientFrom = Callable[[str], TestClient]


@pytest.fixture
def client_from(app: FastAPI) -> Iterator[ClientFrom]:
    """A client whose requests come from the address given."""
    clients: list[TestClient] = []

    def build(address: str) -> TestClient:
        client = TestClient(
            app, base_url=BASE_URL, raise_server_exceptions=False, client=(address, 50000)
        )
        clients.append(client)
        return client

    yield build
    for client in clients:
        client.close()


def _guess(client: TestClient, email: str, times: int) -> list[int]:
    return [
        client.post(SIGN_IN, json={"email": email, "password": f"guess {n}"}).status_code
        for n in range(times)
    ]


def test_the_owner_signs_in_from_home_while_their_account_is_guessed_elsewhere(
    make_user: MakeUser, client_from: ClientFrom
) -> None:
    owner = make_user(role=Role.NATIONAL_ADMIN, totp_secret=None)
    attacker = client_from(ATTACKER)
    guesses = _guess(attacker, owner.email, MAX_FAILURES_PER_PAIR + 3)
    assert guesses == [401] * MAX_FAILURES_PER_PAIR + [429] * 3

    home = client_from(HOME)
    assert home.post(SIGN_IN, json={"email": owner.email, "password": PASSWORD}).status_code == 200

    # The attacker's address stays throttled for this account, with its password or without.
    again = attacker.post(SIGN_IN, json={"email": owner.email, "password": PASSWORD})
    assert again.status_code == 429
    assert again.headers["content-type"] == "application/problem+json"
    assert 0 < int(again.headers["Retry-After"]) <= THROTTLE_WINDOW.total_seconds()


def test_an_address_guessing_many_accounts_is_throttled_and_no_one_else(
    make_user: MakeUser, client_from: ClientFrom
) -> None:
    owner = make_user(role=Role.NATIONAL_ADMIN, totp_secret=None)
    school = client_from(ATTACKER)  # one address for a whole school's network
    # Existing accounts: an unknown email costs a full-strength hash check (the tests' are light).
    others = iter(
        make_user(role=Role.NATIONAL_ADMIN, totp_secret=None).email
        for _ in range(MAX_FAILURES_PER_ADDRESS)
    )

    def fail_for_others(failures: int) -> None:
        # A few for each account, never enough to throttle one of them.
        while failures > 0:
            times = min(MAX_FAILURES_PER_PAIR - 1, failures)
            assert _guess(school, next(others), times) == [401] * times
            failures -= times

    fail_for_others(MAX_FAILURES_PER_ADDRESS - 1)
    # A colleague who never failed signs in from the same place.
    assert (
        school.post(SIGN_IN, json={"email": owner.email, "password": PASSWORD}).status_code == 200
    )

    fail_for_others(1)
    refused = school.post(SIGN_IN, json={"email": owner.email, "password": PASSWORD})
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 0
    assert "Try again in" in refused.json()["detail"]

    home = client_from(HOME)
    assert home.post(SIGN_IN, json={"email": owner.email, "password": PASSWORD}).status_code == 200


def test_a_success_clears_that_place_s_failures_and_no_other(
    make_user: MakeUser, client_from: ClientFrom
) -> None:
    owner = make_user(role=Role.NATIONAL_ADMIN, totp_secret=None)
    attacker, home = client_from(ATTACKER), client_from(HOME)
    assert _guess(attacker, owner.email, MAX_FAILURES_PER_PAIR + 1)[-1] == 429

    # The owner mistypes at home a few times, then gets it right: home starts afresh.
    mistakes = MAX_FAILURES_PER_PAIR - 1
    assert _guess(home, owner.email, mistakes) == [401] * mistakes
    assert home.post(SIGN_IN, json={"email": owner.email, "password": PASSWORD}).status_code == 200
    assert _guess(home, owner.email, mistakes) == [401] * mistakes

    # Their success gives the attacker no fresh guesses.
    assert _guess(attacker, owner.email, 1) == [429]


def _failures(db: Session, email: str, address: str, ago: list[timedelta]) -> None:
    db.add_all(SignInAttempt(email=email, address=address, at=NOW - age) for age in ago)
    db.flush()


def _retry_after(db: Session, user: UserAccount, address: str) -> int:
    with pytest.raises(TooManyAttempts) as refused:
        auth.sign_in(db, email=user.email, password=PASSWORD, address=address, now=NOW)
    return refused.value.retry_after_seconds


def test_retry_after_is_when_the_oldest_counted_failure_leaves_the_window(
    db: Session, make_user: MakeUser
) -> None:
    owner = make_user(role=Role.NATIONAL_ADMIN, totp_secret=None)
    # Five failures from 10 to 6 minutes ago: the pair is free again 5 minutes from now.
    ages = [timedelta(minutes=m) for m in (10, 9, 8, 7, 6)]
    _failures(db, owner.email, ATTACKER, ages)
    assert _retry_after(db, owner, ATTACKER) == 5 * 60
    # A failure older than the window counts for nothing.
    _failures(db, owner.email, HOME, [THROTTLE_WINDOW + timedelta(seconds=1), *ages[1:]])
    assert isinstance(
        auth.sign_in(db, email=owner.email, password=PASSWORD, address=HOME, now=NOW),
        auth.SignedIn,
    )


def test_an_account_guessed_from_many_places_gives_each_place_fewer_guesses(
    db: Session, make_user: MakeUser
) -> None:
    owner = make_user(role=Role.NATIONAL_ADMIN, totp_secret=None)
    # One failure each from many addresses within the last two minutes.
    for n in range(ACCOUNT_UNDER_ATTACK):
        _failures(db, owner.email, f"192.0.2.{n}", [timedelta(seconds=n + 1)])
    one_place = "203.0.113.99"
    _failures(
        db, owner.email, one_place, [timedelta(minutes=3)] * MAX_FAILURES_PER_PAIR_UNDER_ATTACK
    )
    assert _retry_after(db, owner, one_place) == THROTTLE_WINDOW.total_seconds() - 3 * 60
    # A place with no failures is never refused.
    signed = auth.sign_in(db, email=owner.email, password=PASSWORD, address=HOME, now=NOW)
    assert isinstance(signed, auth.SignedIn)


def test_ipv6_addresses_of_one_network_count_as_one_place(db: Session, make_user: MakeUser) -> None:
    owner = make_user(role=Role.NATIONAL_ADMIN, totp_secret=None)
    for n in range(MAX_FAILURES_PER_PAIR):
        refused = auth.sign_in(
            db, email=owner.email, password="guess", address=f"2001:db8:1:2::{n + 1:x}", now=NOW
        )
        assert isinstance(refused, auth.SignInRefused)
    assert _retry_after(db, owner, "2001:db8:1:2:ffff::1") > 0
    other_network = "2001:db8:1:3::1"
    signed = auth.sign_in(db, email=owner.email, password=PASSWORD, address=other_network, now=NOW)
    assert isinstance(signed, auth.SignedIn)
    assert set(db.scalars(select(SignInAttempt.address))) == {"2001:db8:1:2::/64"}
