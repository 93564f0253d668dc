"""Milestone reminders: before the day shortlisted or selected schools are to be told, hub
staff are emailed about applications still undecided (002's timeline)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from api.persistence import applications_repository, catalogue_repository, outbox_repository
from api.services import mail

# A reminder goes this many days ahead of the milestone (and on the day itself).
REMIND_DAYS_AHEAD = 3
# Which applications are still undecided at each milestone.
UNDECIDED = {
    "shortlist_told": ("shortlist", ["submitted"]),
    "selection_told": ("selection", ["submitted", "shortlisted"]),
}


@dataclass(frozen=True)
class RemindersSent:
    messages: int


def remind_undecided(
    session: Session, *, today: date, now: datetime, base_url: str
) -> RemindersSent:
    """Queue each reminder once per programme, milestone and hub administrator."""
    sent = 0
    for programme in catalogue_repository.programmes_with_applications(session):
        hub = catalogue_repository.get_hub(session, programme.hub_id)
        for milestone in programme.milestones:
            if milestone["kind"] not in UNDECIDED:
                continue
            due = date.fromisoformat(milestone["date"])
            if not today <= due <= today + timedelta(days=REMIND_DAYS_AHEAD):
                continue
            which, statuses = UNDECIDED[milestone["kind"]]
            undecided = applications_repository.count_with_status(session, programme.id, statuses)
            if not undecided:
                continue
            context = {
                "hub_name": hub.name if hub else programme.hub_id,
                "programme_title": programme.title,
                "milestone": which,
                "due_on": due,
                "undecided": undecided,
                "review_url": f"{base_url.rstrip('/')}/admin/applications?programme={programme.id}",
            }
            subject, _, _ = mail.render("decisions_due", context)
            for admin in applications_repository.hub_admins(session, programme.hub_id):
                if not outbox_repository.is_queued(
                    session, template="decisions_due", to=admin.email, subject=subject
                ):
                    mail.queue(
                        session, to=admin.email, template="decisions_due", context=context, now=now
                    )
                    sent += 1
    return RemindersSent(messages=sent)
