"""Inviting a person to make an account: a one-time link by email (valid 7 days, only its
hash stored), to a page where they choose a password and are signed in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from api.domain.access import Principal, Role
from api.domain.accounts import INVITATION_LIFETIME, grantable_roles, link_usable, may_grant
from api.errors import BadField, Conflict, Forbidden, InvalidFields, LinkGone
from api.persistence import access_repository, catalogue_repository
from api.persistence import accounts_repository as repo
from api.persistence.models import Invitation, UserAccount
from api.security import hash_password, new_token, password_problem, token_hash
from api.services import applications, audit, auth, mail, schools

_ROLE_WORDS = {
    Role.HUB_ADMIN: "hub administrator",
    Role.MASTERY_SPECIALIST: "Mastery Specialist",
    Role.SCHOOL_CONTACT: "school contact",
}


@dataclass(frozen=True)
class NewInvitation:
    email: str
    name: str
    role: Role
    hub_id: str | None
    school_urn: str | None
    application_id: int | None


def invite(
    session: Session,
    actor: Principal,
    new: NewInvitation,
    *,
    now: datetime,
    base_url: str,
) -> Invitation:
    """Refused for a role the actor may not give, another hub, a school outside the hub, or
    an address that has an account already. A new invitation to the same address replaces
    the old one's link."""
    hub_id, school_urn = new.hub_id or actor.hub_id, new.school_urn
    if new.application_id is not None:
        # Someone named on an application: their school and hub are the application's.
        application = applications.get(session, new.application_id, actor)
        hub_id, school_urn = application.hub_id, application.school_urn
    if new.role not in grantable_roles(actor):
        # A value this inviter may not choose: the field is wrong, as an unknown role would be.
        raise InvalidFields(
            [
                BadField(
                    "body", "/role", f"You cannot invite a {_ROLE_WORDS.get(new.role, new.role)}"
                )
            ]
        )
    if hub_id is None:
        raise InvalidFields([BadField("body", "/hub_id", "Say which hub they will work for")])
    if not may_grant(actor, new.role, hub_id):
        raise Forbidden(
            f"You cannot invite a {_ROLE_WORDS.get(new.role, new.role.value)} to {hub_id}."
        )
    problems = []
    hub = catalogue_repository.get_hub(session, hub_id)
    if hub is None:
        problems.append(BadField("body", "/hub_id", f"There is no hub {hub_id!r}"))
    if new.role is Role.SCHOOL_CONTACT:
        if school_urn is None:
            problems.append(BadField("body", "/school_urn", "Say which school they work at"))
        else:
            _, school_hub = schools.get(session, school_urn)
            if school_hub != hub_id:
                problems.append(
                    BadField("body", "/school_urn", f"School {school_urn} is not in {hub_id}")
                )
    elif school_urn is not None:
        problems.append(BadField("body", "/school_urn", "Only a school contact has a school"))
    if problems:
        raise InvalidFields(problems)
    assert hub is not None
    email = new.email.strip().lower()
    if access_repository.user_by_email(session, email) is not None:
        raise Conflict(f"There is already an account for {email}.")
    token = new_token()
    invitation = Invitation(
        token_hash=token_hash(token),
        email=email,
        name=new.name.strip(),
        role=new.role.value,
        hub_id=hub_id,
        school_urn=school_urn,
        application_id=new.application_id,
        invited_by=actor.label,
        created_at=now,
        expires_at=now + INVITATION_LIFETIME,
    )
    for earlier in repo.pending_invitations(session, hub_id=hub_id, all_hubs=False, now=now):
        if earlier.email == email:
            earlier.expires_at = min(earlier.expires_at, now)  # its link stops working
    repo.add(session, invitation)
    mail.queue(
        session,
        to=email,
        template="invitation",
        context={
            "name": invitation.name,
            "role": _ROLE_WORDS[new.role],
            "hub_name": hub.name,
            "inviter": actor.name or actor.label,
            "accept_url": f"{base_url.rstrip('/')}/invitation/{token}",
            "expires_on": invitation.expires_at.date(),
            "two_factor": new.role is Role.HUB_ADMIN,
        },
        now=now,
    )
    audit.record(
        session,
        actor,
        action="create",
        resource_type="invitation",
        resource_id=invitation.id,
        hub_id=hub_id,
        before=None,
        after={"email": email, "name": invitation.name, "role": invitation.role},
    )
    return invitation


def usable(session: Session, token: str, *, now: datetime) -> Invitation:
    """The invitation whose link this is, while it may be used."""
    invitation = repo.invitation_by_token_hash(session, token_hash(token))
    if invitation is None or not link_usable(
        expires_at=invitation.expires_at, used_at=invitation.accepted_at, now=now
    ):
        raise LinkGone(
            "This invitation link has expired or was used already. "
            "Ask your hub administrator to invite you again."
        )
    return invitation


def accept(session: Session, token: str, password: str, *, now: datetime) -> auth.SignedIn:
    """Make the account with the chosen password and sign them in."""
    invitation = usable(session, token, now=now)
    weak = password_problem(password, about=(invitation.email, invitation.name))
    if weak:
        raise InvalidFields([BadField("body", "/password", weak)])
    if access_repository.user_by_email(session, invitation.email) is not None:
        raise Conflict(f"There is already an account for {invitation.email}; sign in instead.")
    user = UserAccount(
        email=invitation.email,
        name=invitation.name,
        password_hash=hash_password(password),
        role=invitation.role,
        hub_id=invitation.hub_id,
        school_urn=invitation.school_urn,
    )
    repo.add(session, user)
    invitation.accepted_at, invitation.user_id = now, user.id
    audit.record(
        session,
        None,
        action="create",
        resource_type="user",
        resource_id=user.id,
        hub_id=user.hub_id,
        before=None,
        after={"email": user.email, "name": user.name, "role": user.role},
        note=f"Accepted the invitation from {invitation.invited_by}",
    )
    return auth.start_session(session, user, now)
