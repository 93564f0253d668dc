"""The retention schedule's dates, redaction, holds on erasure, due dates of subject access
requests and what an evaluation extract may show."""

from __future__ import annotations

from datetime import date

import pytest

from api.domain.privacy import (
    REDACTED,
    REDACTED_EMAIL,
    ClaimFact,
    Redactor,
    erased_email,
    erasure_holds,
    extract_key,
    is_erased_email,
    pseudonym,
    subject_access_due,
    suppressed,
)
from api.domain.retention import (
    DEFAULT_SCHEDULE,
    Action,
    Category,
    Rule,
    Trigger,
    financial_year_end,
    is_due,
    last_due_trigger,
    months_before,
    rule_for,
)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2033, 5, 15), 12, date(2032, 5, 15)),
        (date(2033, 3, 31), 1, date(2033, 2, 28)),
        (date(2032, 3, 31), 1, date(2032, 2, 29)),
        (date(2033, 1, 10), 13, date(2031, 12, 10)),
        (date(2027, 1, 31), -1, date(2027, 2, 28)),
        (date(2027, 12, 5), -1, date(2028, 1, 5)),
    ],
)
def test_months_before(day: date, months: int, expected: date) -> None:
    assert months_before(day, months) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2027, 3, 31), date(2027, 3, 31)),
        (date(2027, 4, 1), date(2028, 3, 31)),
        (date(2027, 1, 1), date(2027, 3, 31)),
    ],
)
def test_financial_year_end(day: date, expected: date) -> None:
    assert financial_year_end(day) == expected


def _rule(months: int, trigger: Trigger) -> Rule:
    return Rule(Category.SENT_EMAIL, months, trigger, Action.DELETE, "test")


@pytest.mark.parametrize(
    ("trigger_date", "due"),
    [(date(2032, 5, 14), True), (date(2032, 5, 15), False), (date(2020, 1, 1), True)],
)
def test_a_plain_trigger_is_due_a_whole_period_after(trigger_date: date, due: bool) -> None:
    assert is_due(_rule(12, Trigger.SENT), trigger_date, date(2033, 5, 15)) is due


@pytest.mark.parametrize(
    ("trigger_date", "today", "due"),
    [
        # Financial year to 31 March 2027, kept six years: due from 1 April 2033.
        (date(2027, 3, 31), date(2033, 3, 31), False),
        (date(2027, 3, 31), date(2033, 4, 1), True),
        (date(2026, 4, 1), date(2033, 4, 1), True),
        (date(2027, 4, 1), date(2033, 4, 1), False),
        (date(2027, 4, 1), date(2034, 4, 1), True),
    ],
)
def test_financial_records_are_kept_six_years_from_their_years_end(
    trigger_date: date, today: date, due: bool
) -> None:
    rule = _rule(72, Trigger.FINANCIAL_YEAR_END)
    assert is_due(rule, trigger_date, today) is due
    assert last_due_trigger(rule, today).month == 3


def test_the_default_schedule_has_one_rule_for_every_kind_of_record() -> None:
    assert sorted(r.category for r in DEFAULT_SCHEDULE) == sorted(Category)
    grants = next(r for r in DEFAULT_SCHEDULE if r.category is Category.GRANT_RECORDS)
    assert (grants.months, grants.trigger) == (72, Trigger.FINANCIAL_YEAR_END)


def test_a_redactor_replaces_whole_words_in_any_case_and_keeps_addresses_as_addresses() -> None:
    redactor = Redactor.of(["Ann Smith", "ann.smith@school.example"])
    assert redactor.text("Dear ANN SMITH, annual Ann Smithers") == (
        f"Dear {REDACTED}, annual Ann Smithers"
    )
    assert redactor.text("Ann.Smith@school.example") == REDACTED_EMAIL
    assert redactor.value({"people": [{"name": "Ann Smith"}]}) == {"people": [{"name": REDACTED}]}
    assert redactor.text("O&#x27;Neil") == "O&#x27;Neil"
    escaped = Redactor.of(["Aoife O'Neil"])
    assert escaped.text("<p>Aoife O&#x27;Neil</p>") == f"<p>{REDACTED}</p>"
    assert Redactor.of([]).text("anything") == "anything"


def test_erasure_waits_for_unsettled_claims_only() -> None:
    claims = [
        ClaimFact("GC-2", "payable", "100001"),
        ClaimFact("GC-1", "paid", "100001"),
        ClaimFact("GC-3", "awaiting_clawback", "100001"),
    ]
    reasons = [h.reason for h in erasure_holds(already_erased=False, claims=claims)]
    assert [r.split()[2] for r in reasons] == ["GC-2", "GC-3"]
    assert erasure_holds(already_erased=False, claims=[claims[1]]) == []
    assert len(erasure_holds(already_erased=True, claims=[])) == 1


def test_a_subject_access_request_is_due_one_month_after_receipt() -> None:
    assert subject_access_due(date(2027, 1, 31)) == date(2027, 2, 28)
    assert subject_access_due(date(2027, 3, 10)) == date(2027, 4, 10)


def test_pseudonyms_are_stable_within_an_extract_and_differ_between_extracts() -> None:
    first, second = extract_key("secret", "a"), extract_key("secret", "b")
    assert pseudonym(first, "person", 7) == pseudonym(first, "person", 7)
    assert pseudonym(first, "person", 7) != pseudonym(second, "person", 7)
    assert pseudonym(first, "person", 7) != pseudonym(first, "person", 8)
    assert pseudonym(first, "person", 7) != pseudonym(extract_key("other", "a"), "person", 7)


@pytest.mark.parametrize(("count", "shown"), [(0, None), (4, None), (5, 5), (12, 12)])
def test_counts_under_five_are_suppressed(count: int, shown: int | None) -> None:
    assert suppressed(count) == shown


def test_an_erased_address_is_recognised_as_one() -> None:
    address = erased_email("person", 12)
    assert is_erased_email(address)
    assert not is_erased_email("ann.jones@school.example")


def test_a_redactor_knows_what_mentions_the_person_and_leaves_other_values() -> None:
    redactor = Redactor.of(["Ann Jones", "ann.jones@school.example"])
    assert redactor.mentions("Notes: ann jones called")
    assert not redactor.mentions("Annual notes")
    assert not Redactor.of([]).mentions("Ann Jones")
    assert redactor.value({"count": 3, "who": ["Ann Jones"]}) == {"count": 3, "who": [REDACTED]}
    assert redactor.value(None) is None


def test_the_rule_for_a_category_is_found_in_a_schedule() -> None:
    for rule in DEFAULT_SCHEDULE:
        assert rule_for(DEFAULT_SCHEDULE, rule.category) is rule
