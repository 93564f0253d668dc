"""Who sees which grants: a school contact their own school's, hub staff and keys their hub's,
national administrators every hub's. Entitlements, claims and statements ask the same rules."""

from __future__ import annotations

from dataclasses import dataclass

from api.domain.access import Principal, Role, Scope
from api.errors import Forbidden

READ_SCOPES = (Scope.GRANTS_READ, Scope.GRANTS_WRITE)


@dataclass(frozen=True)
class Visible:
    """The hub and school a caller's list is bound to (None: not bound)."""

    hub_id: str | None
    school_urn: str | None


def is_school_contact(actor: Principal) -> bool:
    return actor.kind == "user" and actor.role == Role.SCHOOL_CONTACT


def visible(actor: Principal, *, hub_id: str | None, school_urn: str | None) -> Visible:
    """The bounds of a list the caller asked for with these filters; 403 for what they may
    not see."""
    if is_school_contact(actor):
        if actor.school_urn is None:
            raise Forbidden("Your account is not linked to a school, so it has no grants.")
        if school_urn is not None and school_urn != actor.school_urn:
            raise Forbidden(f"You can see only the grants of your own school, {actor.school_urn}.")
        return Visible(hub_id, actor.school_urn)
    if actor.is_national:
        return Visible(hub_id, school_urn)
    if actor.hub_id is None or (hub_id is not None and hub_id != actor.hub_id):
        raise Forbidden(f"You can see only the grants of your own hub, {actor.hub_id}.")
    return Visible(actor.hub_id, school_urn)


def may_see(actor: Principal, *, hub_id: str, school_urn: str) -> bool:
    if is_school_contact(actor):
        return actor.school_urn == school_urn
    return actor.acts_for_hub(hub_id, *READ_SCOPES)


def may_decide(actor: Principal, hub_id: str) -> bool:
    """May approve, refuse, void and claw back the hub's claims, and run its statements."""
    return actor.acts_for_hub(hub_id, Scope.GRANTS_WRITE)
