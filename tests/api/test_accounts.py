"""Accounts for real people: invitations, password reset, managing a hub's people, one's own
sessions, two-factor sign-in; and every refusal."""

from __future__ import annotations

import re
from datetime import timedelta

import pyotp
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.clock import FixedClock
from api.domain.access import Role, Scope
from api.domain.accounts import INVITATION_LIFETIME, PASSWORD_RESET_LIFETIME
from api.persistence.models import (
    ApiKey,
    Application,
    AuditEvent,
    Hub,
    HubLocalAuthority,
    OutboxMessage,
    UserAccount,
)
from api.services.auth import MAX_FAILURES_PER_PAIR
from tests.accounts import BASE_URL, PASSWORD, KeyClient, MakeUser, SignIn, code_at
from tests.builders import MakeHub, MakeProgramme, MakeSchool

SIGN_IN = "/api/v1/auth/sign-in"
NEW_PASSWORD = "violet kettle drums at dawn"


@pytest.fixture
def hubs(make_hub: MakeHub, make_school: MakeSchool, db: Session) -> None:
    """Two hubs; school 100001 is in north (by its local authority), 100002 in south."""
    make_hub(id="north")
    make_hub(id="south")
    make_school(urn="100001", la_code="901")
    make_school(urn="100002", la_code="902")
    db.add_all(
        [
            HubLocalAuthority(la_code="901", hub_id="north"),
            HubLocalAuthority(la_code="902", hub_id="south"),
        ]
    )
    db.flush()


def _link(db: Session, to: str, path: str) -> str:
    """The token of the newest link to `path` emailed to `to`."""
    message = db.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.to_address == to)
        .order_by(OutboxMessage.id.desc())
    ).first()
    assert message is not None, f"no email to {to}"
    found = re.search(rf"{path}/([A-Za-z0-9_-]+)", message.text_body)
    assert found, message.text_body
    return found.group(1)


def _mails_to(db: Session, to: str) -> int:
    return len(db.scalars(select(OutboxMessage).where(OutboxMessage.to_address == to)).all())


def _fresh(app: FastAPI) -> TestClient:
    return TestClient(app, base_url=BASE_URL, raise_server_exceptions=False)


def _invite(admin: TestClient, **fields: object) -> dict[str, object]:
    body = {"email": "mo@school.example", "name": "Mo Specialist", "role": "mastery_specialist"}
    response = admin.post("/api/v1/accounts/invitations", json={**body, **fields})
    assert response.status_code == 201, response.text
    result: dict[str, object] = response.json()
    return result


def test_an_invited_person_chooses_a_password_and_is_signed_in_once(
    app: FastAPI, db: Session, sign_in: SignIn, hubs: None
) -> None:
    admin = sign_in(role=Role.HUB_ADMIN, hub_id="north")
    invitation = _invite(admin)
    assert (invitation["hub_id"], invitation["role"]) == ("north", "mastery_specialist")
    token = _link(db, "mo@school.example", "/invitation")
    # Only the token's hash is kept.
    assert token not in str(db.execute(select(*UserAccount.__table__.c)).all())
    person = _fresh(app)
    page = person.get(f"/api/v1/accounts/invitations/{token}")
    assert page.status_code == 200
    assert (page.json()["name"], page.json()["two_factor_required"]) == ("Mo Specialist", False)
    weak = person.post(
        f"/api/v1/accounts/invitations/{token}/accept", json={"password": "password1234"}
    )
    assert weak.status_code == 422
    assert weak.json()["errors"][0]["pointer"] == "/password"
    accepted = person.post(
        f"/api/v1/accounts/invitations/{token}/accept", json={"password": NEW_PASSWORD}
    )
    assert accepted.status_code == 200, accepted.text
    me = person.get("/api/v1/auth/me").json()
    assert (me["role"], me["hub_id"], me["two_factor_due"]) == (
        "mastery_specialist",
        "north",
        False,
    )
    again = _fresh(app).post(
        f"/api/v1/accounts/invitations/{token}/accept", json={"password": NEW_PASSWORD}
    )
    assert again.status_code == 410
    assert _fresh(app).get(f"/api/v1/accounts/invitations/{token}").status_code == 410
    signed = _fresh(app).post(
        SIGN_IN, json={"email": "mo@school.example", "password": NEW_PASSWORD}
    )
    assert signed.status_code == 200


def test_an_invitation_link_expires_after_seven_days(
    app: FastAPI, db: Session, sign_in: SignIn, clock: FixedClock, hubs: None
) -> None:
    admin = sign_in(role=Role.HUB_ADMIN, hub_id="north")
    _invite(admin)
    token = _link(db, "mo@school.example", "/invitation")
    clock.advance(INVITATION_LIFETIME - timedelta(seconds=1))
    assert _fresh(app).get(f"/api/v1/accounts/invitations/{token}").status_code == 200
    clock.advance(timedelta(seconds=1))
    gone = _fresh(app).post(
        f"/api/v1/accounts/invitations/{token}/accept", json={"password": NEW_PASSWORD}
    )
    assert gone.status_code == 410
    assert (
        db.scalars(select(UserAccount).where(UserAccount.email == "mo@school.example")).first()
        is None
    )


def test_a_new_invitation_replaces_the_old_link(
    app: FastAPI, db: Session, sign_in: SignIn, hubs: None
) -> None:
    admin = sign_in(role=Role.HUB_ADMIN, hub_id="north")
    _invite(admin)
    first = _link(db, "mo@school.example", "/invitation")
    _invite(admin)
    second = _link(db, "mo@school.example", "/invitation")
    assert first != second
    assert _fresh(app).get(f"/api/v1/accounts/invitations/{first}").status_code == 410
    assert _fresh(app).get(f"/api/v1/accounts/invitations/{second}").status_code == 200


def test_invitations_refused(sign_in: SignIn, make_user: MakeUser, db: Session, hubs: None) -> None:
    admin = sign_in(role=Role.HUB_ADMIN, hub_id="north")
    national = sign_in(role=Role.NATIONAL_ADMIN)
    invite = "/api/v1/accounts/invitations"
    who = {"email": "x@school.example", "name": "X"}
    # A role the inviter may not give.
    for inviter in (admin, national):
        refused = inviter.post(invite, json={**who, "role": "national_admin"})
        assert refused.status_code == 422
        assert refused.json()["errors"][0]["pointer"] == "/role"
    # Another hub.
    other_hub = admin.post(invite, json={**who, "role": "mastery_specialist", "hub_id": "south"})
    assert other_hub.status_code == 403
    # A school outside the hub, or no school for a school contact.
    outside = admin.post(invite, json={**who, "role": "school_contact", "school_urn": "100002"})
    assert outside.status_code == 422
    assert outside.json()["errors"][0]["pointer"] == "/school_urn"
    assert admin.post(invite, json={**who, "role": "school_contact"}).status_code == 422
    # A person who has an account already.
    existing = make_user(role=Role.MASTERY_SPECIALIST, hub_id="north")
    taken = admin.post(invite, json={**who, "email": existing.email, "role": "mastery_specialist"})
    assert taken.status_code == 409
    # Nobody else may invite: a specialist, a school contact.
    specialist = sign_in(role=Role.MASTERY_SPECIALIST, hub_id="north")
    assert specialist.post(invite, json={**who, "role": "mastery_specialist"}).status_code == 403
    assert _mails_to(db, "x@school.example") == 0
    # A national administrator invites a hub's administrator, who will set up two-factor.
    made = national.post(invite, json={**who, "role": "hub_admin", "hub_id": "south"})
    assert made.status_code == 201, made.text
    assert _mails_to(db, "x@school.example") == 1


def test_a_school_contact_is_invited_for_a_school_of_the_hub(
    app: FastAPI, db: Session, sign_in: SignIn, hubs: None
) -> None:
    admin = sign_in(role=Role.HUB_ADMIN, hub_id="north")
    _invite(admin, email="sam@school.example", role="school_contact", school_urn="100001")
    token = _link(db, "sam@school.example", "/invitation")
    person = _fresh(app)
    person.post(f"/api/v1/accounts/invitations/{token}/accept", json={"password": NEW_PASSWORD})
    me = person.get("/api/v1/auth/me").json()
    assert (me["role"], me["school_urn"]) == ("school_contact", "100001")


def test_someone_named_on_an_application_is_invited_for_its_school(
    app: FastAPI,
    db: Session,
    sign_in: SignIn,
    make_hub: MakeHub,
    make_programme: MakeProgramme,
    hubs: None,
) -> None:
    """The school and hub come from the application; another hub's application is hidden."""
    ours = make_programme(hub=db.get(Hub, "north"), status="open")
    theirs = make_programme(hub=db.get(Hub, "south"), status="open")
    applied = [
        Application(
            programme_id=programme.id,
            school_urn=urn,
            hub_id=programme.hub_id,
            status="submitted",
            created_by="test",
        )
        for programme, urn in ((ours, "100001"), (theirs, "100002"))
    ]
    db.add_all(applied)
    db.flush()
    admin = sign_in(role=Role.HUB_ADMIN, hub_id="north")
    head = {"email": "head@school.example", "name": "Hana Head", "role": "school_contact"}

    invitation = _invite(admin, **head, application_id=applied[0].id)
    assert (invitation["hub_id"], invitation["school_urn"]) == ("north", "100001")
    person = _fresh(app)
    token = _link(db, "head@school.example", "/invitation")
    accepted = person.post(
        f"/api/v1/accounts/invitations/{token}/accept", json={"password": NEW_PASSWORD}
    )
    assert accepted.status_code == 200, accepted.text
    me = person.get("/api/v1/auth/me").json()
    assert (me["role"], me["hub_id"], me["school_urn"]) == ("school_contact", "north", "100001")

    other = {**head, "email": "other.head@school.example", "application_id": applied[1].id}
    refused = admin.post("/api/v1/accounts/invitations", json=other)
    assert refused.status_code == 404, refused.text
    assert _mails_to(db, "other.head@school.example") == 0


def test_password_reset_answers_the_same_and_works_once_for_an_hour(
    app: FastAPI, db: Session, make_user: MakeUser, clock: FixedClock, hubs: None
) -> None:
    user = make_user(role=Role.SCHOOL_CONTACT, hub_id="north", school_urn="100001")
    elsewhere = _fresh(app)
    assert (
        elsewhere.post(SIGN_IN, json={"email": user.email, "password": PASSWORD}).status_code == 200
    )
    ask = _fresh(app)
    known = ask.post("/api/v1/accounts/password-reset", json={"email": user.email})
    unknown = ask.post("/api/v1/accounts/password-reset", json={"email": "nobody@school.example"})
    assert known.status_code == unknown.status_code == 202
    assert known.content == unknown.content
    assert _mails_to(db, "nobody@school.example") == 0
    token = _link(db, user.email, "/reset-password")
    weak = ask.post(f"/api/v1/accounts/password-reset/{token}", json={"password": "qwertyuiop123"})
    assert weak.status_code == 422
    done = ask.post(f"/api/v1/accounts/password-reset/{token}", json={"password": NEW_PASSWORD})
    assert done.status_code == 204
    # The session signed in with the old password has ended; the old password no longer works.
    assert elsewhere.get("/api/v1/auth/me").status_code == 401
    assert (
        _fresh(app).post(SIGN_IN, json={"email": user.email, "password": PASSWORD}).status_code
        == 401
    )
    assert (
        _fresh(app).post(SIGN_IN, json={"email": user.email, "password": NEW_PASSWORD}).status_code
        == 200
    )
    # Used once.
    reused = ask.post(
        f"/api/v1/accounts/password-reset/{token}", json={"password": "another strong pass phrase"}
    )
    assert reused.status_code == 410
    # A new link lasts an hour.
    ask.post("/api/v1/accounts/password-reset", json={"email": user.email})
    later = _link(db, user.email, "/reset-password")
    clock.advance(PASSWORD_RESET_LIFETIME)
    assert ask.get(f"/api/v1/accounts/password-reset/{later}").status_code == 410
    expired = ask.post(f"/api/v1/accounts/password-reset/{later}", json={"password": NEW_PASSWORD})
    assert expired.status_code == 410


def test_password_reset_requests_are_throttled(
    app: FastAPI, db: Session, make_user: MakeUser, hubs: None
) -> None:
    user = make_user(role=Role.MASTERY_SPECIALIST, hub_id="north")
    client = _fresh(app)
    answers = [
        client.post("/api/v1/accounts/password-reset", json={"email": user.email}).status_code
        for _ in range(MAX_FAILURES_PER_PAIR + 1)
    ]
    assert answers == [202] * MAX_FAILURES_PER_PAIR + [429]
    assert _mails_to(db, user.email) == MAX_FAILURES_PER_PAIR
    # An unknown address is throttled alike: the answers tell nothing.
    unknown = [
        client.post(
            "/api/v1/accounts/password-reset", json={"email": "no@school.example"}
        ).status_code
        for _ in range(MAX_FAILURES_PER_PAIR + 1)
    ]
    assert unknown == answers
    # Reset requests are not sign-in failures: the person can still sign in.
    assert client.post(SIGN_IN, json={"email": user.email, "password": PASSWORD}).status_code == 200


def test_a_hub_admin_manages_their_hub_s_people(
    app: FastAPI, db: Session, sign_in: SignIn, make_user: MakeUser, hubs: None
) -> None:
    admin = sign_in(role=Role.HUB_ADMIN, hub_id="north")
    specialist = make_user(role=Role.MASTERY_SPECIALIST, hub_id="north", name="Mo")
    southerner = make_user(role=Role.MASTERY_SPECIALIST, hub_id="south")
    national = make_user(role=Role.NATIONAL_ADMIN)
    _invite(admin, email="new@school.example", name="Newcomer")
    people = admin.get("/api/v1/accounts").json()
    emails = {a["email"] for a in people["accounts"]}
    assert specialist.email in emails
    assert southerner.email not in emails
    assert national.email not in emails
    assert [i["email"] for i in people["invitations"]] == ["new@school.example"]
    assert set(people["grantable_roles"]) == {"hub_admin", "mastery_specialist", "school_contact"}
    assert admin.get("/api/v1/accounts?hub_id=south").status_code == 403

    session = _fresh(app)
    signed = session.post(SIGN_IN, json={"email": specialist.email, "password": PASSWORD})
    assert signed.status_code == 200
    session.headers["X-CSRF-Token"] = signed.json()["csrf_token"]
    account = f"/api/v1/accounts/people/{specialist.id}"
    # A role they may not give; another hub's person; a national administrator.
    assert admin.patch(account, json={"role": "national_admin"}).status_code == 422
    assert (
        admin.patch(f"/api/v1/accounts/people/{southerner.id}", json={"active": False}).status_code
        == 404
    )
    assert (
        admin.patch(f"/api/v1/accounts/people/{national.id}", json={"active": False}).status_code
        == 404
    )
    me_id = admin.get("/api/v1/auth/me").json()["id"]
    assert (
        admin.patch(f"/api/v1/accounts/people/{me_id}", json={"active": False}).status_code == 409
    )

    changed = admin.patch(account, json={"role": "hub_admin"})
    assert changed.status_code == 200
    assert changed.json()["role"] == "hub_admin"
    assert admin.patch(account, json={"role": "mastery_specialist"}).status_code == 200
    deactivated = admin.patch(account, json={"active": False})
    assert deactivated.json()["status"] == "deactivated"
    assert session.get("/api/v1/auth/me").status_code == 401
    assert (
        _fresh(app)
        .post(SIGN_IN, json={"email": specialist.email, "password": PASSWORD})
        .status_code
        == 401
    )
    assert admin.patch(account, json={"active": True}).json()["status"] == "active"
    assert (
        _fresh(app)
        .post(SIGN_IN, json={"email": specialist.email, "password": PASSWORD})
        .status_code
        == 200
    )
    events = db.scalars(
        select(AuditEvent).where(
            AuditEvent.resource_type == "user", AuditEvent.resource_id == str(specialist.id)
        )
    ).all()
    changes = [e.changes for e in events if e.action == "update"]
    assert [next(iter(c)) for c in changes] == ["role", "role", "active", "active"]


def test_deactivating_an_administrator_revokes_the_keys_they_issued(
    app: FastAPI, db: Session, sign_in: SignIn, hubs: None
) -> None:
    admin = sign_in(role=Role.HUB_ADMIN, hub_id="north")
    colleague = sign_in(role=Role.HUB_ADMIN, hub_id="north")
    issued = colleague.post(
        "/api/v1/api-keys", json={"name": "sync", "scopes": ["programmes:read"]}
    )
    assert issued.status_code == 201, issued.text
    key = _fresh(app)
    key.headers["Authorization"] = f"Bearer {issued.json()['secret']}"
    assert key.get("/api/v1/auth/me").status_code == 200
    colleague_id = colleague.get("/api/v1/auth/me").json()["id"]
    assert (
        admin.patch(f"/api/v1/accounts/people/{colleague_id}", json={"active": False}).status_code
        == 200
    )
    assert key.get("/api/v1/auth/me").status_code == 401
    assert db.scalars(select(ApiKey.revoked_at)).first() is not None


def test_a_person_sees_and_ends_their_own_sessions(
    app: FastAPI, make_user: MakeUser, hubs: None
) -> None:
    user = make_user(role=Role.MASTERY_SPECIALIST, hub_id="north")
    browsers = []
    for _ in range(3):
        browser = _fresh(app)
        signed = browser.post(SIGN_IN, json={"email": user.email, "password": PASSWORD})
        browser.headers["X-CSRF-Token"] = signed.json()["csrf_token"]
        browsers.append(browser)
    first, second, third = browsers
    listed = first.get("/api/v1/accounts/me/sessions").json()
    assert len(listed) == 3
    assert sum(s["current"] for s in listed) == 1
    other = next(s["id"] for s in listed if not s["current"])
    assert first.delete(f"/api/v1/accounts/me/sessions/{other}").status_code == 204
    assert first.delete(f"/api/v1/accounts/me/sessions/{other}").status_code == 404
    alive = [b.get("/api/v1/auth/me").status_code for b in (second, third)]
    assert sorted(alive) == [200, 401]
    assert first.post("/api/v1/accounts/me/sign-out-everywhere").status_code == 204
    assert [b.get("/api/v1/auth/me").status_code for b in browsers] == [401, 401, 401]


def test_an_administrator_sets_up_two_factor_before_anything_else(
    app: FastAPI, make_user: MakeUser, clock: FixedClock, hubs: None
) -> None:
    user = make_user(role=Role.HUB_ADMIN, hub_id="north", totp_secret=None)
    browser = _fresh(app)
    signed = browser.post(SIGN_IN, json={"email": user.email, "password": PASSWORD})
    assert signed.status_code == 200
    assert signed.json()["two_factor_due"] is True
    browser.headers["X-CSRF-Token"] = signed.json()["csrf_token"]
    assert browser.get("/api/v1/accounts").status_code == 403
    assert browser.get("/api/v1/auth/me").status_code == 200
    setup = browser.post("/api/v1/accounts/me/two-factor/setup").json()
    assert setup["qr_code"].startswith("data:image/svg+xml")
    assert setup["otpauth_uri"].startswith("otpauth://totp/")
    totp = pyotp.TOTP(setup["secret"])
    for garbled in ("n\u001b[\u00f3", "\u0661\u0662\u0663\u0664\u0665\u0666"):
        # Not a code at all (Arabic-Indic digits included): refused as a wrong one, not a 500.
        refused = browser.post("/api/v1/accounts/me/two-factor", json={"code": garbled})
        assert refused.status_code == 422, refused.text
    wrong = browser.post("/api/v1/accounts/me/two-factor", json={"code": "000000"})
    assert wrong.status_code == 422
    on = browser.post("/api/v1/accounts/me/two-factor", json={"code": totp.at(clock.now())})
    assert on.status_code == 200, on.text
    recovery = on.json()["recovery_codes"]
    assert len(recovery) == 10
    assert len(set(recovery)) == 10
    assert browser.get("/api/v1/accounts").status_code == 200
    # Administrators keep it on.
    assert (
        browser.post(
            "/api/v1/accounts/me/two-factor/turn-off", json={"code": recovery[0]}
        ).status_code
        == 409
    )

    # Signing in now needs a code; the one used to set up cannot be used again.
    again = {"email": user.email, "password": PASSWORD}
    needed = _fresh(app).post(SIGN_IN, json=again)
    assert needed.status_code == 401
    assert needed.json()["type"].endswith("/two-factor-required")
    reused = _fresh(app).post(SIGN_IN, json={**again, "code": totp.at(clock.now())})
    assert reused.status_code == 401
    assert reused.json()["type"].endswith("/sign-in-refused")
    clock.advance(timedelta(seconds=30))
    fresh = _fresh(app).post(SIGN_IN, json={**again, "code": totp.at(clock.now())})
    assert fresh.status_code == 200
    # A code from before the last one used is refused too.
    older = _fresh(app).post(
        SIGN_IN, json={**again, "code": totp.at(clock.now() - timedelta(seconds=30))}
    )
    assert older.status_code == 401
    # A recovery code signs in once.
    assert _fresh(app).post(SIGN_IN, json={**again, "code": recovery[1]}).status_code == 200
    assert _fresh(app).post(SIGN_IN, json={**again, "code": recovery[1]}).status_code == 401


def test_wrong_codes_are_throttled_as_wrong_passwords_are(
    app: FastAPI, make_user: MakeUser, hubs: None
) -> None:
    user = make_user(role=Role.HUB_ADMIN, hub_id="north")
    client = _fresh(app)
    answers = [
        client.post(
            SIGN_IN, json={"email": user.email, "password": PASSWORD, "code": "000000"}
        ).status_code
        for _ in range(MAX_FAILURES_PER_PAIR + 1)
    ]
    assert answers == [401] * MAX_FAILURES_PER_PAIR + [429]
    # Even the right code waits now.
    right = client.post(
        SIGN_IN, json={"email": user.email, "password": PASSWORD, "code": code_at(app)}
    )
    assert right.status_code == 429


def test_a_remembered_browser_is_not_asked_for_a_code(
    app: FastAPI, make_user: MakeUser, clock: FixedClock, hubs: None
) -> None:
    user = make_user(role=Role.HUB_ADMIN, hub_id="north")
    browser = _fresh(app)
    credentials = {"email": user.email, "password": PASSWORD}
    first = browser.post(
        SIGN_IN, json={**credentials, "code": code_at(app), "remember_browser": True}
    )
    assert first.status_code == 200
    assert "mh_browser" in browser.cookies
    # The same step again, without a code: this browser was remembered.
    assert browser.post(SIGN_IN, json=credentials).status_code == 200
    # Another browser is asked.
    assert _fresh(app).post(SIGN_IN, json=credentials).status_code == 401
    # A wrong password is still wrong.
    assert browser.post(SIGN_IN, json={**credentials, "password": "nope"}).status_code == 401


def test_other_roles_may_turn_two_factor_on_and_off(
    app: FastAPI, make_user: MakeUser, clock: FixedClock, hubs: None
) -> None:
    user = make_user(role=Role.SCHOOL_CONTACT, hub_id="north", school_urn="100001")
    browser = _fresh(app)
    signed = browser.post(SIGN_IN, json={"email": user.email, "password": PASSWORD})
    assert signed.json()["two_factor_due"] is False
    browser.headers["X-CSRF-Token"] = signed.json()["csrf_token"]
    totp = pyotp.TOTP(browser.post("/api/v1/accounts/me/two-factor/setup").json()["secret"])
    assert (
        browser.post(
            "/api/v1/accounts/me/two-factor", json={"code": totp.at(clock.now())}
        ).status_code
        == 200
    )
    assert browser.post("/api/v1/accounts/me/two-factor/setup").status_code == 409
    # The code that turned it on is used: turning off needs a new one.
    stale = browser.post(
        "/api/v1/accounts/me/two-factor/turn-off", json={"code": totp.at(clock.now())}
    )
    assert stale.status_code == 422
    clock.advance(timedelta(seconds=30))
    off = browser.post(
        "/api/v1/accounts/me/two-factor/turn-off", json={"code": totp.at(clock.now())}
    )
    assert off.status_code == 204
    assert (
        _fresh(app).post(SIGN_IN, json={"email": user.email, "password": PASSWORD}).status_code
        == 200
    )


def test_keys_have_no_accounts_to_manage(key_client: KeyClient, hubs: None) -> None:
    admin_key = key_client(Scope.ADMIN, hub_id="north")
    assert admin_key.get("/api/v1/accounts").status_code == 403
    assert admin_key.get("/api/v1/accounts/me/sessions").status_code == 403
