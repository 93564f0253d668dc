"""The demo data: the hubs and programmes of the five source documents, and open offers
for the coming academic year dated from the day they are loaded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy.orm import Session

from api.domain.academic_year import AcademicYear
from api.persistence import catalogue_repository as repo
from api.persistence import outbox_repository, schools_repository, work_groups_repository
from api.persistence.models import Hub
from api.schemas.catalogue import ProgrammeCreate
from api.services import catalogue
from api.services.demo_grants import load_grants
from api.services.demo_work_groups import load_work_groups
from api.services.demo_year import load_year
from api.services.gias_import import import_gias
from api.services.participation_import import import_participations

DEMO_DIR = Path(__file__).resolve().parent.parent / "demo"
DEMO_FILE = DEMO_DIR / "catalogue.yaml"
GROUPS_FILE = DEMO_DIR / "work_groups.yaml"
_NOT_FIELDS = ("key", "source", "hub", "status")


@dataclass(frozen=True)
class DemoLoaded:
    hubs_added: int
    programmes_added: int
    schools_added: int
    participations_added: int
    work_groups_added: int
    applications_added: int
    claims_added: int


def load_demo(
    session: Session,
    *,
    today: date,
    path: Path = DEMO_FILE,
    base_url: str = "http://127.0.0.1:8000",
) -> DemoLoaded:
    """Add whatever of the demo is missing; what is already there is left as it is.

    `base_url` starts the links in the email the demo's applications queue; that email stands
    for email sent at the time, so it is marked sent and nobody receives it."""
    queued_before = outbox_repository.highest_id(session)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    hubs_added = 0
    for hub in data["hubs"]:
        if repo.get_hub(session, hub["id"]) is None:
            repo.add(session, Hub(**hub))
            hubs_added += 1

    programmes = {p["key"]: p for p in data["programmes"]}
    groups = yaml.safe_load(GROUPS_FILE.read_text(encoding="utf-8"))
    offers = (
        list(programmes.values())
        + _coming_year(programmes, data["coming_year"], today)
        + _this_year(programmes, groups["this_year"], today)
        + _last_year(programmes, groups["last_year"], today)
    )
    added = 0
    for offer in offers:
        year = AcademicYear.parse(str(offer["academic_year"]))
        if repo.find_programme(
            session, hub_id=offer["hub"], academic_year_id=year.slug, title=offer["title"]
        ):
            continue
        fields = {k: v for k, v in offer.items() if k not in _NOT_FIELDS}
        body = ProgrammeCreate.model_validate({**fields, "hub_id": offer["hub"]})
        programme = catalogue.create_programme(session, body, actor=None)
        # Historical records arrive in their final state; the life cycle governs later changes.
        programme.status = offer["status"]
        session.flush()
        added += 1
    repo.ensure_academic_year(session, AcademicYear.of(today))

    for hub_id, authorities in data["local_authorities"].items():
        for la in authorities:
            schools_repository.add_local_authority(session, la["code"], la["name"])
        # A hub's own edits to its area are kept.
        if not schools_repository.hub_local_authorities(session, hub_id):
            schools_repository.set_hub_local_authorities(
                session, hub_id, [la["code"] for la in authorities]
            )
    with (DEMO_DIR / "schools_gias.csv").open("rb") as gias:
        schools = import_gias(session, gias)
    with (DEMO_DIR / "participations.csv").open("rb") as history:
        taken = import_participations(session, history, actor=None, today=today)
    by_key = {offer["key"]: offer for offer in offers}
    groups_added = load_work_groups(session, groups, by_key, today=today)
    in_motion = load_year(session, by_key, today=today, base_url=base_url)
    claims = load_grants(session, by_key, today=today)
    outbox_repository.mark_sent_after(session, queued_before)
    # Hubs, areas and programmes were written directly: whatever a running process keeps of
    # them must be made again.
    work_groups_repository.raise_data_version(session)
    return DemoLoaded(
        hubs_added=hubs_added,
        programmes_added=added,
        schools_added=schools.created,
        participations_added=taken.created,
        work_groups_added=groups_added + in_motion.work_groups_added,
        applications_added=in_motion.applications_added,
        claims_added=claims,
    )


def _coming_year(
    programmes: dict[str, dict[str, Any]], plan: dict[str, Any], today: date
) -> list[dict[str, Any]]:
    year = AcademicYear.of(today).next()
    offers = []
    for copy in plan["copies"]:
        # Most are open now; a copy with `window: decided` closed weeks ago and is decided.
        window = plan["windows"][copy.get("window", "open")]
        opens = today - timedelta(days=window["applications_open_days_ago"])
        closes = today + timedelta(days=window["closing_in_days"])
        overrides = {k: v for k, v in copy.items() if k not in ("from", "window")}
        offers.append(
            _dated_copy(programmes[copy["from"]], "next-year", year, opens, closes, plan)
            | overrides
        )
    return offers


def _last_year(
    programmes: dict[str, dict[str, Any]], plan: dict[str, Any], today: date
) -> list[dict[str, Any]]:
    """Last academic year's copies, recruited in the spring and summer before it began."""
    year = AcademicYear(AcademicYear.of(today).start_year - 1)
    opens = year.starts_on - timedelta(days=plan["applications_open_days_before_start"])
    closes = year.starts_on - timedelta(days=plan["closing_days_before_start"])
    return [
        _dated_copy(programmes[copy["from"]], "last-year", year, opens, closes, plan)
        | {k: v for k, v in copy.items() if k != "from"}
        for copy in plan["copies"]
    ]


def _dated_copy(
    programme: dict[str, Any],
    which: str,
    year: AcademicYear,
    opens: date,
    closes: date,
    plan: dict[str, Any],
) -> dict[str, Any]:
    milestones = [
        {"kind": "applications_open", "date": opens, "label": "Applications open"},
        {"kind": "closing", "date": closes, "label": "Closing date for applications"},
        {
            "kind": "shortlist_told",
            "date": closes + timedelta(days=plan["shortlist_told_days_after_closing"]),
            "label": "Shortlisted schools are told",
        },
        {
            "kind": "selection_told",
            "date": closes + timedelta(days=plan["selection_told_days_after_closing"]),
            "label": "Selected schools are told",
        },
        {"kind": "programme_starts", "date": year.starts_on, "label": "The programme starts"},
    ]
    return {
        **programme,
        "key": f"{programme['key']}@{which}",
        # A national project code names its own year; a new year's code is not known yet.
        "code": None,
        "academic_year": year.slug,
        "status": "open",
        "applications_open_on": opens,
        "closing_date": closes,
        "milestones": milestones,
    }


def _this_year(
    programmes: dict[str, dict[str, Any]], copies: list[dict[str, Any]], today: date
) -> list[dict[str, Any]]:
    """Copies running this academic year: applications closed, no dates to show."""
    year = AcademicYear.of(today)
    return [
        {
            **programmes[copy["from"]],
            "key": f"{copy['from']}@this-year",
            "code": None,
            "academic_year": year.slug,
            "status": copy["status"],
            "applications_open_on": None,
            "closing_date": None,
            "milestones": [],
            **{k: v for k, v in copy.items() if k != "from"},
        }
        for copy in copies
    ]
