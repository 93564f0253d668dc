"""A hub's people: their accounts and open invitations, a change of role, deactivating and
reactivating; and each person's own signed-in sessions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from api.domain.access import Principal, Role
from api.domain.accounts import may_grant, may_manage
from api.errors import BadField, Conflict, Forbidden, InvalidFields, NotFound
from api.persistence import access_repository
from api.persistence import accounts_repository as repo
from api.persistence.models import Invitation, UserAccount, UserSession
from api.services import audit


@dataclass(frozen=True)
class People:
    accounts: list[UserAccount]
    invitations: list[Invitation]


def list_people(session: Session, actor: Principal, *, hub_id: str | None, now: datetime) -> People:
    """The actor's hub (a national administrator: `hub_id`'s, or every hub's)."""
    if actor.is_national:
        all_hubs, hub = hub_id is None, hub_id
    else:
        if hub_id is not None and hub_id != actor.hub_id:
            raise Forbidden(f"You can see only your own hub's accounts, not {hub_id}'s.")
        all_hubs, hub = False, actor.hub_id
    return People(
        accounts=repo.users(session, hub_id=hub, all_hubs=all_hubs),
        invitations=repo.pending_invitations(session, hub_id=hub, all_hubs=all_hubs, now=now),
    )


def change(
    session: Session,
    actor: Principal,
    user_id: int,
    *,
    role: Role | None,
    active: bool | None,
    now: datetime,
) -> UserAccount:
    """A new role within what the actor may give, or the account deactivated (its sessions
    and the API keys it issued stop at once) or reactivated."""
    user = access_repository.user_by_id(session, user_id)
    # Another hub's account is as good as not there.
    if user is None or not (actor.is_national or user.hub_id == actor.hub_id):
        raise NotFound(f"There is no account {user_id} in your hub.")
    if actor.kind == "user" and actor.id == user.id:
        raise Conflict("You cannot change your own role or deactivate yourself.")
    if not may_manage(actor, Role(user.role), user.hub_id):
        raise Conflict("You cannot change this account: its role is above what you may give.")
    if role is not None and not may_grant(actor, role, user.hub_id):
        raise InvalidFields(
            [BadField("body", "/role", f"You cannot make someone a {role.value.replace('_', ' ')}")]
        )
    before = {"role": user.role, "active": user.active}
    if role is not None:
        user.role = role.value
        if role is not Role.SCHOOL_CONTACT:
            user.school_urn = None
    if active is not None and active != user.active:
        user.active = active
        if not active:
            repo.end_sessions(session, user.id)
            repo.forget_browsers(session, user.id)
            repo.revoke_keys_made_by(session, user.email, now)
    after = {"role": user.role, "active": user.active}
    if before != after:
        # Every process forgets what it cached of this person's sessions and keys.
        access_repository.credentials_changed(session)
    audit.record(
        session,
        actor,
        action="update",
        resource_type="user",
        resource_id=user.id,
        hub_id=user.hub_id,
        before=before,
        after=after,
    )
    return user


def own_sessions(session: Session, actor: Principal, now: datetime) -> list[UserSession]:
    return repo.sessions_of(session, actor.id, now)


def end_own_session(session: Session, actor: Principal, session_id: str, now: datetime) -> None:
    """`session_id` is the start of the session's token hash, as listed."""
    for row in repo.sessions_of(session, actor.id, now):
        if session_id_of(row) == session_id:
            access_repository.delete_session(session, row.token_hash)
            access_repository.credentials_changed(session)
            return
    raise NotFound(f"You have no signed-in session {session_id}.")


def sign_out_everywhere(session: Session, actor: Principal) -> None:
    """Every session of the person ends, this one too; remembered browsers are forgotten."""
    repo.end_sessions(session, actor.id)
    repo.forget_browsers(session, actor.id)
    access_repository.credentials_changed(session)


def session_id_of(row: UserSession) -> str:
    # The hash of the token, not the token: shown to its owner, it signs nobody in.
    return row.token_hash[:16]
