"""Queueing an email: both bodies from the templates, in the caller's transaction."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy.orm import Session

from api.persistence import outbox_repository
from api.persistence.models import OutboxMessage
from api.services import mail
from api.services.mail import MailTemplateError

NOW = datetime(2030, 5, 17, 9, 30, tzinfo=UTC)
SCHOOL = "St Bede’s <Primary>"
APPLICATION: dict[str, object] = {
    "school_name": SCHOOL,
    "programme_title": "Primary Teaching for Mastery – Development",
    "hub_name": "North West Maths Hub",
    "application_url": "https://mathshubs.example/applications/7?tab=status&x=1",
    "reference": "NCP24-14-0007",
}
CONTEXTS: dict[str, dict[str, object]] = {
    "signature_request": {
        **APPLICATION,
        "signatory_name": "Ann Lee",
        "commitments": ["Release two teachers for six sessions", "Share the work with colleagues"],
        "confirm_url": "https://mathshubs.example/confirm/abc123",
        "expires_on": date(2030, 5, 31),
    },
    "application_submitted": {
        **APPLICATION,
        "shortlist_told_on": date(2030, 6, 14),
        "selection_told_on": date(2030, 7, 5),
    },
    "application_decision": {**APPLICATION, "decision": "selected", "note": None},
    "place_offered": APPLICATION,
    "decisions_due": {
        "hub_name": "North West Maths Hub",
        "programme_title": "Primary Teaching for Mastery – Development",
        "milestone": "shortlist",
        "due_on": date(2030, 6, 14),
        "undecided": 3,
        "review_url": "https://mathshubs.example/hub/applications",
    },
    "session_changed": {
        "session_title": "TRG meeting 2",
        "group_name": "Leeds <Development> Group",
        "programme_title": "Primary Teaching for Mastery – Development",
        "hub_name": "North West Maths Hub",
        "calendar_url": "https://mathshubs.example/calendar",
        "when": "Tuesday 16 November 2027, 2pm to 4:30pm",
        "place": "At Lead Primary, Leeds",
        "changes": ["Date: was Wednesday 10 November 2027, now Tuesday 16 November 2027"],
        "reason_for_email": "you take part in Leeds <Development> Group",
    },
    "session_cancelled": {
        "session_title": "TRG meeting 2",
        "group_name": "Leeds <Development> Group",
        "programme_title": "Primary Teaching for Mastery – Development",
        "hub_name": "North West Maths Hub",
        "calendar_url": "https://mathshubs.example/calendar",
        "when": "Wednesday 10 November 2027, 1:30pm to 4pm",
        "reason": "The school is closed for snow",
        "reason_for_email": "you take part in Leeds <Development> Group",
    },
    "invitation": {
        "name": "Ann <Lee>",
        "role": "Mastery Specialist",
        "hub_name": "North West Maths Hub",
        "inviter": "Hana Admin",
        "accept_url": "https://mathshubs.example/invitation/abc123",
        "expires_on": date(2030, 5, 31),
        "two_factor": True,
    },
    "password_reset": {
        "name": "Ann <Lee>",
        "reset_url": "https://mathshubs.example/reset-password/abc123",
        "minutes": 60,
    },
    "webhook_disabled": {
        "hub_name": "North West Maths Hub",
        "endpoint_url": "https://hooks.example/<maths>",
        "reason": "failing",
        "manage_url": "https://mathshubs.example/admin/webhooks/1",
    },
}


def test_queue_renders_both_bodies_and_escapes_names_in_html(db: Session) -> None:
    message = mail.queue(
        db,
        to="ann.lee@stbedes.example",
        template="signature_request",
        context=CONTEXTS["signature_request"],
        now=NOW,
    )

    assert message.id is not None  # flushed into the caller's transaction, not committed
    assert db.get(OutboxMessage, message.id) is message
    assert message.subject == (
        "Confirm your school’s commitments for Primary Teaching for Mastery – Development"
    )
    assert (message.to_address, message.template) == (
        "ann.lee@stbedes.example",
        "signature_request",
    )
    assert (message.attempts, message.sent_at, message.last_error) == (0, None, None)
    assert message.created_at == message.next_attempt_at == NOW

    text, html = message.text_body, message.html_body
    assert f"{SCHOOL} has applied to take part in" in text  # plain text is not escaped
    assert "* Release two teachers for six sessions" in text
    assert "https://mathshubs.example/confirm/abc123" in text
    assert "It expires on Friday 31 May 2030." in text
    assert "St Bede’s &lt;Primary&gt; has applied" in html
    assert "<Primary>" not in html
    assert "<li>Share the work with colleagues</li>" in html
    assert '<a href="https://mathshubs.example/confirm/abc123"' in html
    assert "personal to you and works only once. It expires on Friday 31 May 2030." in html


@pytest.mark.parametrize("template", sorted(CONTEXTS))
def test_every_template_has_a_subject_a_text_and_an_accessible_html_body(template: str) -> None:
    subject, text, html = mail.render(template, CONTEXTS[template])

    assert subject
    assert "\n" not in subject
    assert "{" not in text + html  # nothing left unrendered
    assert text == text.lstrip()
    assert text.endswith("\n")
    assert "\n\n\n" not in text
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert f"<title>{subject}</title>" in html.replace("&lt;", "<").replace("&gt;", ">")
    assert html.count("<h1") == 1
    assert "<img" not in html
    assert "<style" not in html
    for body in (text, html):
        assert "Maths Hubs Programmes" in body
        assert "You’re getting this email because" in body
        assert "Do not reply to this email." in body


def test_every_template_is_covered_here() -> None:
    assert mail.template_names() == sorted(CONTEXTS)


@pytest.mark.parametrize(
    ("decision", "subject", "sentence"),
    [
        ("shortlisted", f"{SCHOOL} has been shortlisted for", "has been shortlisted."),
        ("selected", f"{SCHOOL} has a place on", f"We’re pleased to offer {SCHOOL} a place"),
        ("waitlisted", f"{SCHOOL} is on the waiting list for", "on the waiting list."),
        ("not_selected", f"We cannot offer {SCHOOL} a place on", "We’re sorry, but we cannot"),
    ],
)
def test_each_decision_has_its_own_words(decision: str, subject: str, sentence: str) -> None:
    context = {**CONTEXTS["application_decision"], "decision": decision}
    rendered_subject, text, _ = mail.render("application_decision", context)
    assert rendered_subject.startswith(subject)
    assert sentence in text
    assert "A note from" not in text


def test_a_decision_note_keeps_its_lines_and_is_escaped() -> None:
    context = {**CONTEXTS["application_decision"], "note": "Full this year.\n<b>Try</b> again."}
    _, text, html = mail.render("application_decision", context)
    assert "A note from North West Maths Hub:\n\nFull this year.\n<b>Try</b> again." in text
    assert "Full this year.\n&lt;b&gt;Try&lt;/b&gt; again." in html


@pytest.mark.parametrize(
    ("undecided", "sentence"),
    [
        (0, "Every application now has a decision."),
        (1, "There is still an application without a decision."),
        (3, "There are still three applications without a decision."),
        (12, "There are still 12 applications without a decision."),
    ],
)
def test_decisions_due_counts_what_is_undecided(undecided: int, sentence: str) -> None:
    subject, text, html = mail.render(
        "decisions_due", {**CONTEXTS["decisions_due"], "undecided": undecided}
    )
    assert subject == (
        "Shortlist for Primary Teaching for Mastery – Development due by Friday 14 June 2030"
    )
    assert sentence in text
    assert sentence in html


def test_application_submitted_says_when_they_will_hear() -> None:
    _, text, _ = mail.render("application_submitted", CONTEXTS["application_submitted"])
    assert "We’ll tell you by Friday 14 June 2030 whether your school has been shortlisted." in text
    assert "We’ll tell you by Friday 5 July 2030 whether your school has a place." in text
    undated = {**CONTEXTS["application_submitted"], "shortlist_told_on": None}
    _, text, _ = mail.render("application_submitted", {**undated, "selection_told_on": None})
    assert "We’ll email you when we’ve decided whether your school has a place." in text


def test_a_name_cannot_break_the_subject_line_apart() -> None:
    context = {**CONTEXTS["place_offered"], "school_name": "Evil\r\nBcc: all@example.com"}
    subject, _, _ = mail.render("place_offered", context)
    assert subject == (
        "Evil Bcc: all@example.com now has a place on Primary Teaching for Mastery – Development"
    )


@pytest.mark.parametrize(
    ("template", "context", "problem"),
    [
        ("no_such_message", {}, "no email template 'no_such_message'"),
        ("../settings", {}, "not an email template name"),
        ("_layout", {}, "not an email template name"),
        ("place_offered", {"school_name": "x"}, "'programme_title' is undefined"),
        ("application_decision", {**APPLICATION, "decision": "maybe"}, "unknown decision"),
        (
            "decisions_due",
            {**CONTEXTS["decisions_due"], "due_on": "2030-06-14"},
            "expected a date, got '2030-06-14'",
        ),
    ],
)
def test_a_template_that_cannot_be_rendered_is_a_clear_error(
    db: Session, template: str, context: dict[str, object], problem: str
) -> None:
    with pytest.raises(MailTemplateError, match=problem):
        mail.queue(db, to="someone@school.example", template=template, context=context)
    assert not db.new


def test_the_unknown_template_error_lists_the_templates() -> None:
    with pytest.raises(MailTemplateError) as caught:
        mail.render("signature", {})
    assert "application_decision, application_submitted, decisions_due" in str(caught.value)


@pytest.mark.parametrize(
    "to", ["", "no-at-sign", "a@b\r\nBcc: all@example.com", "Ann <ann@school.example>", "a@b, c@d"]
)
def test_only_a_single_plain_address_can_be_queued(db: Session, to: str) -> None:
    with pytest.raises(ValueError, match="is not an email address"):
        mail.queue(db, to=to, template="place_offered", context=CONTEXTS["place_offered"])


def test_a_message_queued_before_can_be_found(db: Session) -> None:
    message = mail.queue(
        db, to="hub@nw.example", template="decisions_due", context=CONTEXTS["decisions_due"]
    )
    found = {"template": "decisions_due", "to": "hub@nw.example", "subject": message.subject}
    assert outbox_repository.is_queued(db, **found)
    assert not outbox_repository.is_queued(db, **{**found, "to": "other@nw.example"})
