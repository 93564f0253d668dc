import pytest

from api.domain.access import Policy, Principal, Role, Scope, Verdict, decide

HUB_WRITE = Policy("hub-write", roles=frozenset({Role.HUB_ADMIN}), scopes=frozenset({Scope.ADMIN}))
NATIONAL = Policy(
    "national",
    roles=frozenset({Role.NATIONAL_ADMIN}),
    scopes=frozenset({Scope.ADMIN}),
    national_only=True,
)


def user(role: Role, hub: str | None = "north") -> Principal:
    return Principal(kind="user", id=1, label="someone", role=role, hub_id=hub)


def key(*scopes: Scope, hub: str | None = "north") -> Principal:
    return Principal(kind="api_key", id=2, label="a key", hub_id=hub, scopes=frozenset(scopes))


@pytest.mark.parametrize(
    ("policy", "principal", "verdict"),
    [
        (Policy("open", public=True), None, Verdict.ALLOWED),
        (HUB_WRITE, None, Verdict.UNAUTHENTICATED),
        (HUB_WRITE, user(Role.HUB_ADMIN), Verdict.ALLOWED),
        (HUB_WRITE, user(Role.SCHOOL_CONTACT), Verdict.FORBIDDEN),
        (HUB_WRITE, key(Scope.ADMIN), Verdict.ALLOWED),
        (HUB_WRITE, key(Scope.TIMETABLE_READ), Verdict.FORBIDDEN),
        (NATIONAL, user(Role.NATIONAL_ADMIN, hub=None), Verdict.ALLOWED),
        (NATIONAL, key(Scope.ADMIN, hub=None), Verdict.ALLOWED),
        (NATIONAL, key(Scope.ADMIN), Verdict.FORBIDDEN),
        (NATIONAL, user(Role.HUB_ADMIN), Verdict.FORBIDDEN),
    ],
)
def test_decide(policy: Policy, principal: Principal | None, verdict: Verdict) -> None:
    assert decide(policy, principal) is verdict


@pytest.mark.parametrize(
    ("principal", "runs_north", "runs_south", "national"),
    [
        (user(Role.NATIONAL_ADMIN, hub=None), True, True, True),
        (user(Role.HUB_ADMIN), True, False, False),
        (user(Role.MASTERY_SPECIALIST), False, False, False),
        (key(Scope.ADMIN), True, False, False),
        (key(Scope.ADMIN, hub=None), True, True, True),
        (key(Scope.PROGRAMMES_READ), False, False, False),
    ],
)
def test_hub_boundaries(
    principal: Principal, runs_north: bool, runs_south: bool, national: bool
) -> None:
    assert principal.runs_hub("north") is runs_north
    assert principal.runs_hub("south") is runs_south
    assert principal.is_national is national


def test_a_hub_key_acts_for_its_hub_within_its_scopes() -> None:
    reader = key(Scope.APPLICATIONS_READ)
    assert reader.acts_for_hub("north", Scope.APPLICATIONS_READ)
    assert not reader.acts_for_hub("north", Scope.APPLICATIONS_WRITE)
    assert not reader.acts_for_hub("south", Scope.APPLICATIONS_READ)
    assert user(Role.HUB_ADMIN).acts_for_hub("north")
    assert not user(Role.MASTERY_SPECIALIST).acts_for_hub("north", Scope.APPLICATIONS_READ)
