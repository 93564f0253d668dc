"""The demo's money: grants claimed, paid and clawed back on past statements, and this year's
claims waiting for the hub, made through the services the API uses so that every rule holds
(a claim only for a grant that is due, within the window, amounts decided by the domain, one
statement per hub and month, a paid statement read-only).

- West Yorkshire, Primary Teaching for Mastery 2018/19 (the Leeds group): the £1000 grant and
  matched funding for textbooks, paid in October 2019; one school's textbook money clawed back
  in November after it returned the books.
- Cheshire and Wirral, Primary Development 2023/24: the £1000 grants paid in September 2024;
  one claim made by mistake was voided and made again, and one school's grant was clawed back
  in January 2025 after it had left the programme.
- Cheshire and Wirral, last year's Primary Development (demo_year.py): two schools paid this
  autumn; one claim approved and waiting for a statement, one just submitted.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy.orm import Session

from api.domain.academic_year import AcademicYear
from api.domain.statements import month_of
from api.errors import AppError
from api.persistence import (
    catalogue_repository,
    grant_claims_repository,
    grant_entitlements_repository,
    grant_statements_repository,
)
from api.persistence import work_groups_repository as groups_repository
from api.persistence.models import GrantClaim, GrantStatement, Programme
from api.services import grant_claims, grant_statements
from api.services.demo_work_groups import LOADER
from api.services.grant_claims import ClaimRequest

log = logging.getLogger(__name__)

# The smallest document a PDF reader opens: the demo's invoices.
_INVOICE_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


@dataclass(frozen=True)
class Spend:
    """What a school spent on textbooks itself, and its invoice."""

    urn: str
    pence: int
    invoice: str


def load_grants(session: Session, offers: dict[str, dict[str, Any]], *, today: date) -> int:
    """Each story runs once: a programme that already has claims is left as it is. Returns the
    claims made."""
    made = 0
    for story in (_leeds_2018, _cheshire_2023, _cheshire_last_year):
        try:
            with session.begin_nested():
                made += story(session, offers, today=today)
        except AppError as exc:  # loaded on a day the story no longer fits: leave it out
            log.warning("The demo left out %s: %s", story.__name__, exc)
    return made


# The stories


def _leeds_2018(session: Session, offers: dict[str, dict[str, Any]], *, today: date) -> int:
    programme = _programme(session, offers["primary-tfm-2018"])
    if _has_claims(session, programme):
        return 0
    programme.claim_deadline = date(2019, 12, 31)
    schools = _member_schools(session, programme)
    spends = {
        s.urn: s
        for s in (
            Spend(schools[0], 185_000, "INV-2019-0412"),
            Spend(schools[1], 200_000, "INV-2019-0419"),
            Spend(schools[2], 243_050, "OXF-88231"),  # over the cap: £2,000 is matched
            Spend(schools[3], 96_000, "INV-2019-0503"),
        )
    }
    claims: list[GrantClaim] = []
    for index, urn in enumerate(schools):
        for entitlement in grant_entitlements_repository.of_school_on_programme(
            session, programme.id, urn
        ):
            spend = spends.get(urn) if entitlement.kind == "matched_funding" else None
            if entitlement.kind == "matched_funding" and spend is None:
                continue  # this school bought no textbooks of its own
            claims.append(
                _claim(
                    session,
                    entitlement.id,
                    on=date(2019, 9, 16) + timedelta(index),
                    spend=spend,
                )
            )
    for claim in claims:
        _approve(session, claim, on=date(2019, 10, 1))
    october = _statement(session, programme.hub_id, date(2019, 10, 2))
    for claim in claims:
        _add_line(session, october, claim, on=date(2019, 10, 2))
    grant_statements.add_adjustment(
        session,
        october.id,
        "Delivery charge for the Leeds group's textbooks, agreed with the national centre",
        2_500,
        actor=LOADER,
        expected_version=october.version,
    )
    _pay(session, october, on=date(2019, 10, 25), reference="WY-BACS-2019-10", today=today)
    returned = next(c for c in claims if c.spend_pence == 96_000)
    _claw_back(
        session,
        returned,
        "The school returned the textbooks to the supplier and was refunded.",
        on=date(2019, 11, 12),
    )
    november = _earliest_open(session, programme.hub_id)
    _pay(session, november, on=date(2019, 11, 29), reference="WY-BACS-2019-11", today=today)
    return len(claims)


def _cheshire_2023(session: Session, offers: dict[str, dict[str, Any]], *, today: date) -> int:
    programme = _programme(session, offers["primary-development-2023"])
    if _has_claims(session, programme):
        return 0
    programme.claim_deadline = date(2024, 12, 31)
    claims = []
    for index, urn in enumerate(_member_schools(session, programme)):
        (entitlement,) = grant_entitlements_repository.of_school_on_programme(
            session, programme.id, urn
        )
        claims.append(_claim(session, entitlement.id, on=date(2024, 9, 2) + timedelta(index)))
    mistaken = claims[-1]
    grant_claims.void(
        session,
        mistaken.id,
        "Sent twice by the school's office; the head teacher will claim again.",
        actor=LOADER,
        expected_version=mistaken.version,
        now=_at(date(2024, 9, 10)),
    )
    again = _claim(session, mistaken.entitlement_id, on=date(2024, 9, 23))
    paid_first = claims[:-1]
    for claim in paid_first:
        _approve(session, claim, on=date(2024, 9, 16))
    september = _statement(session, programme.hub_id, date(2024, 9, 17))
    for claim in paid_first:
        _add_line(session, september, claim, on=date(2024, 9, 17))
    _pay(session, september, on=date(2024, 9, 30), reference="CW-BACS-2024-09", today=today)
    _approve(session, again, on=date(2024, 10, 1))
    october = _statement(session, programme.hub_id, date(2024, 10, 2))
    _add_line(session, october, again, on=date(2024, 10, 2))
    _pay(session, october, on=date(2024, 10, 31), reference="CW-BACS-2024-10", today=today)
    _claw_back(
        session,
        paid_first[1],
        "The school left the programme in June and its teachers were not released.",
        on=date(2025, 1, 13),
    )
    january = _earliest_open(session, programme.hub_id)
    _pay(session, january, on=date(2025, 1, 31), reference="CW-BACS-2025-01", today=today)
    return len(claims) + 1


def _cheshire_last_year(session: Session, offers: dict[str, dict[str, Any]], *, today: date) -> int:
    programme = _programme(session, offers["primary-development-2023@last-year"])
    if _has_claims(session, programme):
        return 0
    year = AcademicYear.parse(programme.academic_year_id)
    # Claims stay open until the end of the calendar year the programme's year ends in.
    programme.claim_deadline = date(year.ends_on.year, 12, 31)
    schools = _member_schools(session, programme)
    if not schools or today <= year.ends_on:
        return 0
    # The story's days, kept on or before the day the demo is loaded.
    claimed = min(year.ends_on + timedelta(days=14), today)
    decided = min(claimed + timedelta(days=7), today)
    paid = min(decided + timedelta(days=14), today)
    claims = []
    for index, urn in enumerate(schools):
        (entitlement,) = grant_entitlements_repository.of_school_on_programme(
            session, programme.id, urn
        )
        claims.append(_claim(session, entitlement.id, on=min(claimed + timedelta(index), today)))
    paid_claims, waiting = claims[:2], claims[2:]
    for claim in paid_claims:
        _approve(session, claim, on=decided)
    statement = _statement(session, programme.hub_id, decided)
    for claim in paid_claims:
        _add_line(session, statement, claim, on=decided)
    _pay(session, statement, on=paid, reference=f"CW-BACS-{paid:%Y-%m}", today=today)
    if waiting:
        _approve(session, waiting[0], on=today)  # eligible: the hub puts it on a statement next
    return len(claims)


# Steps


def _programme(session: Session, offer: dict[str, Any]) -> Programme:
    year = AcademicYear.parse(str(offer["academic_year"]))
    found = catalogue_repository.find_programme(
        session, hub_id=offer["hub"], academic_year_id=year.slug, title=offer["title"]
    )
    assert found is not None, offer["key"]
    return found


def _has_claims(session: Session, programme: Programme) -> bool:
    return grant_claims_repository.any_on_programme(session, programme.id)


def _member_schools(session: Session, programme: Programme) -> list[str]:
    return [
        urn
        for group in groups_repository.groups_of_programme(session, programme.id)
        for urn in sorted(groups_repository.member_urns(session, group.id))
    ]


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


def _claim(
    session: Session, entitlement_id: int, *, on: date, spend: Spend | None = None
) -> GrantClaim:
    request = ClaimRequest(entitlement_id=entitlement_id)
    if spend is not None:
        request = ClaimRequest(
            entitlement_id=entitlement_id,
            spend_pence=spend.pence,
            invoice_reference=spend.invoice,
            evidence_filename=f"{spend.invoice}.pdf",
            evidence_content=_INVOICE_PDF,
        )
    # Recorded by the loader for the school, as hub staff may (the demo has no head teachers'
    # accounts; the audit log says so rather than borrowing one).
    return grant_claims.create_claim(session, request, actor=LOADER, now=_at(on))


def _approve(session: Session, claim: GrantClaim, *, on: date) -> None:
    grant_claims.approve(
        session, claim.id, actor=LOADER, expected_version=claim.version, now=_at(on)
    )


def _statement(session: Session, hub_id: str, on: date) -> GrantStatement:
    return grant_statements.create(session, hub_id, str(month_of(on)), actor=LOADER)


def _add_line(session: Session, statement: GrantStatement, claim: GrantClaim, *, on: date) -> None:
    grant_statements.add_line(
        session,
        statement.id,
        claim.id,
        actor=LOADER,
        expected_version=statement.version,
        now=_at(on),
    )


def _pay(
    session: Session, statement: GrantStatement, *, on: date, reference: str, today: date
) -> None:
    grant_statements.close(session, statement.id, actor=LOADER, expected_version=statement.version)
    grant_statements.pay(
        session,
        statement.id,
        paid_on=on,
        payment_reference=reference,
        actor=LOADER,
        expected_version=statement.version,
        now=_at(on, 15),
        today=today,
    )


def _claw_back(session: Session, claim: GrantClaim, reason: str, *, on: date) -> None:
    grant_claims.clawback(
        session, claim.id, reason, actor=LOADER, expected_version=claim.version, now=_at(on)
    )


def _earliest_open(session: Session, hub_id: str) -> GrantStatement:
    found = grant_statements_repository.earliest_open(session, hub_id)
    assert found is not None, "a clawback opens a statement"
    return found
