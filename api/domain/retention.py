"""How long each kind of personal data is kept, from when, and what happens to it then.

The schedule is data: one rule per kind of record. A record is due when its trigger date lies
before the rule's cut-off for `today`; anonymising keeps the record (its counts, URNs and
amounts) and redacts the names, emails and free text in it, deleting removes it. Which
records each kind covers, and how their trigger date is read, is the shell's part
(api.persistence.retention_repository); the periods are the hub's policy, documented in README.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class Action(StrEnum):
    ANONYMISE = "anonymise"
    DELETE = "delete"


class Category(StrEnum):
    UNSUCCESSFUL_APPLICATIONS = "unsuccessful_applications"
    COMPLETED_APPLICATIONS = "completed_applications"
    INACTIVE_PEOPLE = "inactive_people"
    ATTENDANCE = "attendance"
    AUDIT_ENTRIES = "audit_entries"
    SENT_EMAIL = "sent_email"
    GRANT_RECORDS = "grant_records"


class Trigger(StrEnum):
    DECIDED = "decided"  # an application's decision (or withdrawal)
    LAST_ACTIVE = "last_active"  # a person's last change, group membership or session attended
    SESSION_HELD = "session_held"  # the day of the session the register is for
    RECORDED = "recorded"  # when the audit entry was written
    SENT = "sent"  # when the email was sent
    FINANCIAL_YEAR_END = "financial_year_end"  # the end of the financial year a claim was made in


TRIGGER_WORDS = {
    Trigger.DECIDED: "the date of the decision or withdrawal",
    Trigger.LAST_ACTIVE: "the person's last activity (a change, a group, a session attended)",
    Trigger.SESSION_HELD: "the day the session was held",
    Trigger.RECORDED: "the day the entry was written",
    Trigger.SENT: "the day the email was sent",
    Trigger.FINANCIAL_YEAR_END: "the end of the financial year (31 March) of the claim",
}

# The financial year of the Department for Education, which funds the hubs, ends on 31 March.
FINANCIAL_YEAR_END_MONTH = 3
FINANCIAL_YEAR_END_DAY = 31


@dataclass(frozen=True)
class Rule:
    category: Category
    months: int
    trigger: Trigger
    action: Action
    why: str


DEFAULT_SCHEDULE: tuple[Rule, ...] = (
    Rule(
        Category.UNSUCCESSFUL_APPLICATIONS,
        12,
        Trigger.DECIDED,
        Action.ANONYMISE,
        "Long enough to answer questions about the year's selection; the counts stay.",
    ),
    Rule(
        Category.COMPLETED_APPLICATIONS,
        36,
        Trigger.DECIDED,
        Action.ANONYMISE,
        "A school's journey reads its past phases; the people named need not stay.",
    ),
    Rule(
        Category.INACTIVE_PEOPLE,
        36,
        Trigger.LAST_ACTIVE,
        Action.ANONYMISE,
        "Three years without a group or session: they are erased, their counts kept.",
    ),
    Rule(
        Category.ATTENDANCE,
        72,
        Trigger.SESSION_HELD,
        Action.DELETE,
        "Registers evidence the release-time grants, kept as long as the grants are.",
    ),
    Rule(
        Category.AUDIT_ENTRIES,
        72,
        Trigger.RECORDED,
        Action.DELETE,
        "The trail of changes to grant claims and payments is kept as long as they are.",
    ),
    Rule(
        Category.SENT_EMAIL,
        12,
        Trigger.SENT,
        Action.DELETE,
        "A sent email's copy answers questions about the year; nothing needs it after.",
    ),
    Rule(
        Category.GRANT_RECORDS,
        72,
        Trigger.FINANCIAL_YEAR_END,
        Action.ANONYMISE,
        "Accounting records: six years from the end of the financial year they relate to "
        "(Companies Act 2006 s.388, academy trusts; HMRC's six years). Amounts stay.",
    ),
)


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier, or the month's last day when it has fewer days."""
    total = day.year * 12 + (day.month - 1) - months
    year, month = divmod(total, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def financial_year_end(day: date) -> date:
    """The 31 March that ends the financial year `day` falls in."""
    end = date(day.year, FINANCIAL_YEAR_END_MONTH, FINANCIAL_YEAR_END_DAY)
    return (
        end if day <= end else date(day.year + 1, FINANCIAL_YEAR_END_MONTH, FINANCIAL_YEAR_END_DAY)
    )


def last_due_trigger(rule: Rule, today: date) -> date:
    """The latest trigger date that is due today: records whose trigger date is on or before it
    have been kept their whole period."""
    kept_until = months_before(today, rule.months)  # a trigger on this day is due tomorrow
    if rule.trigger is Trigger.FINANCIAL_YEAR_END:
        # Due once the year's end plus the period has passed: every trigger up to the last
        # financial year end strictly before the cut-off (the year's end it falls in is on or
        # after it).
        end = financial_year_end(kept_until)
        return date(end.year - 1, FINANCIAL_YEAR_END_MONTH, FINANCIAL_YEAR_END_DAY)
    return kept_until - timedelta(days=1)


def is_due(rule: Rule, trigger_date: date, today: date) -> bool:
    return trigger_date <= last_due_trigger(rule, today)


def rule_for(schedule: tuple[Rule, ...], category: Category) -> Rule:
    return next(rule for rule in schedule if rule.category is category)
