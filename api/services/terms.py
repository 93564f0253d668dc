"""A hub's term dates: the defaults for England, with the hub's own dates where it sets them."""

from __future__ import annotations

from sqlalchemy.orm import Session

from api.domain.academic_year import AcademicYear
from api.domain.access import Principal
from api.domain.calendar import (
    DateRange,
    HalfTerm,
    InvalidTermDates,
    SchoolCalendar,
    bank_holidays,
    school_calendar,
)
from api.errors import BadField, Forbidden, InvalidFields, Location, NotFound
from api.persistence import catalogue_repository
from api.persistence import work_groups_repository as repo
from api.persistence.models import HubTermDates
from api.schemas import work_groups as schemas
from api.services import audit

EARLIEST, LATEST = 2000, 2099


def _known(year: AcademicYear, pointer: tuple[Location, str]) -> AcademicYear:
    if not EARLIEST <= year.start_year <= LATEST:
        raise InvalidFields(
            [BadField(*pointer, f"Give an academic year between {EARLIEST} and {LATEST}")]
        )
    return year


def _overrides(session: Session, hub_id: str, year: AcademicYear) -> dict[HalfTerm, DateRange]:
    return {
        HalfTerm(row.half_term): DateRange(row.starts_on, row.ends_on)
        for row in repo.term_overrides(session, hub_id, year.slug)
    }


def calendar_for(session: Session, hub_id: str, year: AcademicYear) -> SchoolCalendar:
    """The school calendar a hub's sessions are planned on."""
    return school_calendar(year, overrides=_overrides(session, hub_id, year))


def get_terms(session: Session, hub_id: str, year: AcademicYear) -> schemas.HubTerms:
    _known(year, ("query", "/academic_year"))
    if catalogue_repository.get_hub(session, hub_id) is None:
        raise NotFound(f"There is no hub {hub_id!r}.")
    own = _overrides(session, hub_id, year)
    terms = calendar_for(session, hub_id, year).terms
    return schemas.HubTerms(
        hub_id=hub_id,
        academic_year=year.slug,
        half_terms=[
            schemas.HalfTermDatesShown(
                half_term=half_term,
                starts_on=terms[half_term].starts_on,
                ends_on=terms[half_term].ends_on,
                source="hub" if half_term in own else "default",
            )
            for half_term in HalfTerm
        ],
        bank_holidays=list(bank_holidays(year)),
    )


def set_terms(
    session: Session, hub_id: str, body: schemas.HubTermsUpdate, *, actor: Principal
) -> schemas.HubTerms:
    if catalogue_repository.get_hub(session, hub_id) is None:
        raise NotFound(f"There is no hub {hub_id!r}.")
    if not actor.runs_hub(hub_id):
        raise Forbidden(f"Only hub {hub_id}'s staff may set its term dates.")
    year = _known(AcademicYear.parse(body.academic_year), ("body", "/academic_year"))
    given = [h.half_term for h in body.half_terms]
    if len(set(given)) != len(given):
        raise InvalidFields([BadField("body", "/half_terms", "Give each half-term once")])
    overrides = {h.half_term: DateRange(h.starts_on, h.ends_on) for h in body.half_terms}
    try:
        school_calendar(year, overrides=overrides)
    except InvalidTermDates as exc:
        index = given.index(exc.half_term) if exc.half_term in given else None
        pointer = f"/half_terms/{index}" if index is not None else "/half_terms"
        raise InvalidFields([BadField("body", pointer, str(exc))]) from exc
    before = {
        h.value: [str(d.starts_on), str(d.ends_on)]
        for h, d in _overrides(session, hub_id, year).items()
    }
    catalogue_repository.ensure_academic_year(session, year)
    repo.replace_term_overrides(
        session,
        hub_id,
        year.slug,
        [
            HubTermDates(
                hub_id=hub_id,
                academic_year_id=year.slug,
                half_term=h.value,
                starts_on=d.starts_on,
                ends_on=d.ends_on,
            )
            for h, d in overrides.items()
        ],
    )
    audit.record(
        session,
        actor,
        action="update",
        resource_type="hub_terms",
        resource_id=f"{hub_id}/{year.slug}",
        hub_id=hub_id,
        before=before,
        after={h.value: [str(d.starts_on), str(d.ends_on)] for h, d in overrides.items()},
    )
    return get_terms(session, hub_id, year)
