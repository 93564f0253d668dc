"""The reports: coverage, the journey funnel, recruitment, attendance and grants, for one hub
or all.

Hub staff and their hub's keys see their own hub; a national administrator (or a key of no hub)
sees every hub side by side, or one. Coverage and the funnel read the whole register and years
of history, so each answer is kept in this process by (data version, question): every change
they count raises the data version in its own transaction (groups, members, completions,
participations, register imports), so a kept answer is never stale."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache

from sqlalchemy.orm import Session

from api.clock import ENGLAND, today_in_england
from api.domain.academic_year import AcademicYear
from api.domain.access import Principal
from api.domain.applications import ApplicationStatus
from api.domain.grant_summary import total
from api.domain.journey import (
    Audience,
    Participation,
    ParticipationOutcome,
    ProgrammeType,
    Stage,
)
from api.domain.release_time import (
    Attendance,
    Attended,
    minimum_days,
    release_by_school,
    session_days,
)
from api.domain.reports import attendance as attendance_rules
from api.domain.reports import coverage as coverage_rules
from api.domain.reports import funnel as funnel_rules
from api.domain.reports import grants as grants_rules
from api.domain.reports import recruitment as recruitment_rules
from api.domain.statements import Month
from api.errors import BadField, Forbidden, InvalidFields, NotFound
from api.persistence import reports_repository as repo
from api.persistence import work_groups_repository
from api.schemas import reports as schemas
from api.services.grant_summary import figures_of
from api.services.kept_answers import KeptAnswers

CACHE_SIZE = 128
FUNNEL_STAGES = (Stage.DEVELOPMENT, Stage.EMBEDDING, Stage.SUSTAINING)
STAGE_TYPES = tuple(
    t.value
    for t in ProgrammeType
    if t.info.stage in FUNNEL_STAGES and t.audience is Audience.SCHOOL
)
PHASE_LABELS = {
    coverage_rules.PhaseKey.PRIMARY: "Primary",
    coverage_rules.PhaseKey.SECONDARY: "Secondary",
    coverage_rules.PhaseKey.NEITHER: "Neither primary nor secondary",
}
NO_HUB = "Not in any hub's area"
NO_AUTHORITY = "No local authority"


@dataclass(frozen=True)
class Rendered:
    """A report kept with its JSON, so that a kept answer costs no rendering."""

    report: schemas.CoverageReport | schemas.FunnelReport
    body: bytes
    etag: str


CACHE: KeptAnswers[Rendered] = KeptAnswers(CACHE_SIZE)


def etag_of(body: bytes) -> str:
    return f'"report-{hashlib.sha256(body).hexdigest()[:24]}"'


def viewed_hub(viewer: Principal, asked: str | None) -> str | None:
    """The hub a report is of: the one asked for, for a national viewer (None: every hub);
    the viewer's own otherwise, and asking for another hub's is refused."""
    if viewer.hub_id is None:
        return asked
    if asked is not None and asked != viewer.hub_id:
        raise Forbidden("You can see your own hub's reports only.")
    return viewer.hub_id


def _known_hub(session: Session, hub_id: str | None) -> None:
    if hub_id is not None and not repo.hub_exists(session, hub_id):
        raise InvalidFields([BadField("query", "/hub", "No hub has this id.")])


def _as_at(day: date | None, now: datetime) -> coverage_rules.AsAt:
    today = today_in_england(now)
    if day is not None and day > today:
        raise InvalidFields(
            [
                BadField(
                    "query", "/as_at", "Give today or a day before it: figures are not forecast."
                )
            ]
        )
    return coverage_rules.as_at_of(day, now=now, today=today)


def _kept(
    session: Session,
    known_version: tuple[int, str] | None,
    key: tuple[object, ...],
    build: Callable[[], schemas.CoverageReport | schemas.FunnelReport],
) -> Rendered:
    version = known_version or work_groups_repository.data_version(session)
    full_key = (*version, *key)
    found = CACHE.get(full_key)
    if found is not None:
        return found
    report = build()
    body = report.model_dump_json().encode()
    rendered = Rendered(report, body, etag_of(body))
    CACHE.put(full_key, rendered)
    return rendered


# Coverage


@dataclass(frozen=True)
class CoverageQuestion:
    by: schemas.CoverageBy
    hub: str | None
    phase: coverage_rules.PhaseKey | None
    local_authority: str | None
    as_at: date | None
    completed_within_years: int


def coverage(
    session: Session,
    viewer: Principal,
    question: CoverageQuestion,
    *,
    now: datetime,
    known_version: tuple[int, str] | None = None,
) -> Rendered:
    hub_id = viewed_hub(viewer, question.hub)
    as_at = _as_at(question.as_at, now)
    key = ("coverage", hub_id, question, as_at.on)
    return _kept(session, known_version, key, lambda: _coverage(session, hub_id, question, as_at))


def kept_coverage(
    viewer: Principal, question: CoverageQuestion, *, now: datetime, version: tuple[int, str]
) -> Rendered | None:
    """The answer kept for this data version, if any, without asking the database. As at
    today the instant is now; the day stands for it in the key, since any change since the
    answer was kept would have raised the data version."""
    hub_id = viewed_hub(viewer, question.hub)
    as_at = _as_at(question.as_at, now)
    return CACHE.get((*version, "coverage", hub_id, question, as_at.on))


def _coverage(
    session: Session, hub_id: str | None, question: CoverageQuestion, as_at: coverage_rules.AsAt
) -> schemas.CoverageReport:
    _known_hub(session, hub_id)
    year = as_at.academic_year
    within = question.completed_within_years
    memberships = [
        coverage_rules.Membership(urn, year, added_at)
        for urn, added_at in repo.memberships_of_year(session, year.slug)
    ]
    years = [AcademicYear(year.start_year - back).slug for back in range(within + 1)]
    participations = [
        coverage_rules.RecordedParticipation(
            row.urn,
            _participation(row),
            row.created_at,
        )
        for row in repo.school_participations(
            session, academic_year_ids=years, completed_unless_in=year.slug
        )
    ]
    engaged = coverage_rules.engaged_urns(
        memberships, participations, as_at=as_at, completed_within_years=within
    )
    keyed = []
    for urn, la_code, school_hub, phases in _denominator(session, as_at):
        if hub_id is not None and school_hub != hub_id:
            continue
        if question.local_authority is not None and la_code != question.local_authority:
            continue
        if question.phase is not None and question.phase not in phases:
            continue
        if question.by is schemas.CoverageBy.HUB:
            keys: tuple[str, ...] = (school_hub or "",)
        elif question.by is schemas.CoverageBy.LOCAL_AUTHORITY:
            keys = (la_code or "",)
        else:
            keys = tuple(p.value for p in phases if question.phase in (None, p))
        keyed.append((urn, keys))
    found = coverage_rules.count_by(keyed, engaged)
    labels = _labels(session, question.by)
    snapshot = coverage_rules.register_snapshot(repo.school_import_times(session), as_at)
    return schemas.CoverageReport(
        as_at=as_at.on,
        counted_up_to=as_at.at,
        academic_year=year.slug,
        by=question.by,
        hub_id=hub_id,
        phase=question.phase.value if question.phase else None,
        local_authority=question.local_authority,
        completed_within_years=within,
        register_snapshot_imported_at=snapshot,
        definitions=schemas.CoverageDefinitions(
            engaged=coverage_rules.ENGAGED_DEFINITION.format(years=within),
            denominator=coverage_rules.DENOMINATOR_DEFINITION,
        ),
        rows=[_coverage_row(r, labels) for r in found.rows],
        total=_coverage_row(found.total, {"total": "All schools"}),
    )


# Read once: a national report turns thousands of rows' text into these.
_KINDS = {kind.value: kind for kind in ProgrammeType}
_OUTCOMES = {outcome.value: outcome for outcome in ParticipationOutcome}


@lru_cache(maxsize=64)
def _year(slug: str) -> AcademicYear:
    return AcademicYear.parse(slug)


def _participation(row: repo.ParticipationRow) -> Participation:
    return Participation(
        _KINDS[row.programme_type], _year(row.academic_year_id), _OUTCOMES[row.outcome]
    )


# The schools in the denominator on a day, with their authority, hub and phases, kept apart
# from the answers: the register changes with an import or a hub's area, seldom, while the
# groups and participations coverage counts change daily. Reading and classifying 24,000
# schools is most of a national report's work.
Counted = tuple[str, str | None, str | None, tuple[coverage_rules.PhaseKey, ...]]
_DENOMINATORS: KeptAnswers[list[Counted]] = KeptAnswers(4)


def _denominator(session: Session, as_at: coverage_rules.AsAt) -> list[Counted]:
    # As at today every school registered so far counts, so the day alone decides; as at a
    # past day, its last instant, which the day also decides.
    key = (repo.register_fingerprint(session), as_at.on, as_at.past)
    found = _DENOMINATORS.get(key)
    if found is not None:
        return found
    counted = [
        (school.urn, la_code, hub_id, coverage_rules.phases_of(school))
        for school, la_code, hub_id in repo.register(session)
        if coverage_rules.in_denominator(school, as_at)
    ]
    _DENOMINATORS.put(key, counted)
    return counted


def clear_caches() -> None:
    """Forget every kept answer and denominator (for tests, which write around the
    services)."""
    CACHE.clear()
    _DENOMINATORS.clear()


def _labels(session: Session, by: schemas.CoverageBy) -> dict[str, str]:
    if by is schemas.CoverageBy.HUB:
        return {**repo.hub_names(session), "": NO_HUB}
    if by is schemas.CoverageBy.LOCAL_AUTHORITY:
        return {**repo.local_authority_names(session), "": NO_AUTHORITY}
    return {key.value: label for key, label in PHASE_LABELS.items()}


def _coverage_row(row: coverage_rules.CoverageRow, labels: dict[str, str]) -> schemas.CoverageRow:
    return schemas.CoverageRow(
        key=row.key,
        label=labels.get(row.key, row.key),
        schools=row.schools,
        engaged=row.engaged,
        coverage_percent=row.coverage_percent,
    )


# The journey funnel


@dataclass(frozen=True)
class FunnelQuestion:
    hub: str | None
    phase: str | None
    cohort: str | None
    as_at: date | None


def funnel(
    session: Session,
    viewer: Principal,
    question: FunnelQuestion,
    *,
    now: datetime,
    known_version: tuple[int, str] | None = None,
) -> Rendered:
    hub_id = viewed_hub(viewer, question.hub)
    as_at = _as_at(question.as_at, now)
    key = ("funnel", hub_id, question, as_at.on)
    return _kept(session, known_version, key, lambda: _funnel(session, hub_id, question, as_at))


def kept_funnel(
    viewer: Principal, question: FunnelQuestion, *, now: datetime, version: tuple[int, str]
) -> Rendered | None:
    """As kept_coverage, for the funnel."""
    hub_id = viewed_hub(viewer, question.hub)
    as_at = _as_at(question.as_at, now)
    return CACHE.get((*version, "funnel", hub_id, question, as_at.on))


def _funnel(
    session: Session, hub_id: str | None, question: FunnelQuestion, as_at: coverage_rules.AsAt
) -> schemas.FunnelReport:
    _known_hub(session, hub_id)
    records: list[funnel_rules.StageYear] = []
    for row in repo.school_participations(session, programme_types=STAGE_TYPES):
        taken = _participation(row)
        if as_at.recorded_by(row.created_at) and taken.counts:
            records.append(
                _stage_year(row.urn, row.programme_type, row.academic_year_id, row.hub_id)
            )
    for member in repo.completed_memberships(session, STAGE_TYPES):
        completed_on = member.completed_on or as_at.on
        recorded = as_at.recorded_by(member.added_at) and completed_on <= as_at.on
        if recorded and member.programme_type:
            records.append(
                _stage_year(
                    member.urn, member.programme_type, member.academic_year_id, member.hub_id
                )
            )
    names = repo.hub_names(session)
    rows = [
        schemas.FunnelRow(
            cohort=row.cohort.slug,
            phase=row.phase.value,
            hub_id=row.hub_id,
            hub_name=names.get(row.hub_id, row.hub_id),
            development=row.development,
            embedding=row.embedding,
            sustaining=row.sustaining,
            embedding_percent=row.embedding_percent,
            sustaining_percent=row.sustaining_percent,
        )
        for row in funnel_rules.funnel(records)
        if hub_id in (None, row.hub_id)
        and question.phase in (None, row.phase.value)
        and question.cohort in (None, row.cohort.slug)
    ]
    return schemas.FunnelReport(
        as_at=as_at.on,
        counted_up_to=as_at.at,
        academic_year=as_at.academic_year.slug,
        hub_id=hub_id,
        phase=question.phase,
        cohort=question.cohort,
        definition=funnel_rules.FUNNEL_DEFINITION,
        rows=rows,
    )


def _stage_year(urn: str, programme_type: str, year: str, hub_id: str) -> funnel_rules.StageYear:
    info = ProgrammeType(programme_type).info
    assert info.stage is not None  # STAGE_TYPES are all stages
    return funnel_rules.StageYear(urn, info.phase, info.stage, AcademicYear.parse(year), hub_id)


# Recruitment


def recruitment(
    session: Session, viewer: Principal, programme_id: int, *, now: datetime
) -> schemas.RecruitmentReport:
    programme = repo.programme(session, programme_id)
    if programme is None:
        raise NotFound("There is no programme with this id.")
    if viewer.hub_id is not None and viewer.hub_id != programme.hub_id:
        raise Forbidden("You can see your own hub's reports only.")
    today = today_in_england(now)
    submitted_on = [
        at.astimezone(ENGLAND).date() for at in repo.submission_times(session, programme.id)
    ]
    days = recruitment_rules.days(
        submitted_on,
        opens_on=programme.applications_open_on,
        closes_on=programme.closing_date,
        today=today,
    )
    statuses = repo.statuses(session, programme.id)
    filled = statuses.count(ApplicationStatus.SELECTED.value)
    places = programme.capacity_places if programme.capacity_unit == "schools" else None
    return schemas.RecruitmentReport(
        programme_id=programme.id,
        title=programme.title,
        hub_id=programme.hub_id,
        academic_year=programme.academic_year_id,
        applications_open_on=programme.applications_open_on,
        closing_date=programme.closing_date,
        as_at=today,
        definition=recruitment_rules.RECRUITMENT_DEFINITION,
        days=[
            schemas.RecruitmentDay(date=d.on, submitted=d.submitted, cumulative=d.cumulative)
            for d in days
        ],
        submitted=len(submitted_on),
        capacity_places=programme.capacity_places,
        capacity_unit=programme.capacity_unit,
        places_filled=filled,
        places_left=recruitment_rules.places_left(places, filled),
        waiting_list=statuses.count(ApplicationStatus.WAITLISTED.value),
    )


# Attendance and release time


@dataclass(frozen=True)
class AttendanceQuestion:
    hub: str | None
    academic_year: str | None
    programme: int | None
    work_group: int | None


def attendance(
    session: Session, viewer: Principal, question: AttendanceQuestion, *, now: datetime
) -> schemas.AttendanceReport:
    """Each group's sessions not cancelled; without a year, programme or group asked for, the
    groups of this academic year."""
    hub_id = viewed_hub(viewer, question.hub)
    _known_hub(session, hub_id)
    year = question.academic_year
    if year is None and question.programme is None and question.work_group is None:
        year = AcademicYear.of(today_in_england(now)).slug
    groups = repo.work_groups(
        session,
        hub_id=hub_id,
        academic_year_id=year,
        programme_id=question.programme,
        work_group_id=question.work_group,
    )
    group_ids = [g.id for g in groups]
    held = repo.sessions_held(session, group_ids)
    marks_of: dict[int, list[tuple[Attendance, str | None]]] = defaultdict(list)
    for session_id, status, urn in repo.marks(session, [s.id for s in held]):
        marks_of[session_id].append((Attendance(status), urn))
    members: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for group_id, urn, name in repo.members(session, group_ids):
        members[group_id].append((urn, name))
    sessions_of: dict[int, list[repo.SessionRow]] = defaultdict(list)
    for row in held:
        sessions_of[row.work_group_id].append(row)
    return schemas.AttendanceReport(
        hub_id=hub_id,
        academic_year=year,
        programme_id=question.programme,
        work_group_id=question.work_group,
        definition=attendance_rules.ATTENDANCE_DEFINITION,
        groups=[_group(g, sessions_of[g.id], marks_of, members[g.id]) for g in groups],
    )


def _group(
    group: repo.GroupRow,
    held: list[repo.SessionRow],
    marks_of: dict[int, list[tuple[Attendance, str | None]]],
    members: list[tuple[str, str]],
) -> schemas.GroupAttendance:
    sessions = []
    total = attendance_rules.Tally()
    attended: list[Attended] = []
    for row in held:
        marks = marks_of.get(row.id, [])
        found = attendance_rules.tally(status for status, _ in marks)
        total += found
        days = session_days(row.on, row.start_time, row.end_time)
        attended.extend(Attended(urn, days, status) for status, urn in marks if urn is not None)
        sessions.append(
            schemas.SessionAttendanceRate(
                session_id=row.id, number=row.number, date=row.on, **_figures(found)
            )
        )
    minimum = minimum_days(group.programme_type)
    names = dict(members)
    short = attendance_rules.short_of_minimum(release_by_school(names, attended, minimum))
    return schemas.GroupAttendance(
        work_group_id=group.id,
        name=group.name,
        hub_id=group.hub_id,
        academic_year=group.academic_year_id,
        programme_id=group.programme_id,
        programme_title=group.programme_title,
        minimum_days=_days(minimum) if minimum is not None else None,
        sessions=sessions,
        short_of_minimum=[
            schemas.SchoolShortfall(
                urn=r.urn,
                name=names[r.urn],
                days=_days(r.days),
                shortfall_days=_days(r.shortfall or Decimal(0)),
            )
            for r in short
        ],
        **_figures(total),
    )


def _figures(tally: attendance_rules.Tally) -> dict[str, int | float | None]:
    return {
        "present": tally.present,
        "absent_with_apologies": tally.absent_with_apologies,
        "absent": tally.absent,
        "recorded": tally.recorded,
        "rate_percent": tally.rate_percent,
    }


def _days(days: Decimal) -> float:
    return float(days)


# Grants


@dataclass(frozen=True)
class GrantsQuestion:
    hub: str | None
    academic_year: str | None
    programme: int | None
    from_month: str | None
    to_month: str | None


def _months(question: GrantsQuestion) -> grants_rules.Months:
    first = Month.parse(question.from_month) if question.from_month else None
    last = Month.parse(question.to_month) if question.to_month else None
    if first is not None and last is not None and last < first:
        raise InvalidFields([BadField("query", "/to", "Give a month no earlier than `from`.")])
    return grants_rules.Months(first, last)


def grants(session: Session, viewer: Principal, question: GrantsQuestion) -> schemas.GrantsReport:
    """Committed, claimed, paid and clawed back by hub, programme and month, added up by month
    and in all; each amount in the month grants_rules says (its definitions)."""
    hub_id = viewed_hub(viewer, question.hub)
    _known_hub(session, hub_id)
    months = _months(question)
    filters = repo.GrantFilters(hub_id, question.academic_year, question.programme)
    rows = grants_rules.by_month(
        repo.grant_entitlements(session, filters), repo.grant_claims(session, filters), months
    )
    hubs = repo.hub_names(session)
    programmes = repo.programmes(session, {key.programme_id for key in rows})
    listed = sorted(
        rows.items(),
        key=lambda item: (
            hubs[item[0].hub_id],
            programmes[item[0].programme_id].title,
            item[0].programme_id,
            item[0].month,
        ),
    )
    return schemas.GrantsReport.model_validate(
        {
            "hub_id": hub_id,
            "academic_year": question.academic_year,
            "programme_id": question.programme,
            "from_month": question.from_month,
            "to_month": question.to_month,
            "definitions": {
                "committed": grants_rules.COMMITTED_DEFINITION,
                "claimed": grants_rules.CLAIMED_DEFINITION,
                "paid": grants_rules.PAID_DEFINITION,
                "clawed_back": grants_rules.CLAWED_BACK_DEFINITION,
            },
            "rows": [
                {
                    "hub": {"id": key.hub_id, "name": hubs[key.hub_id]},
                    "programme": _programme_brief(programmes[key.programme_id]),
                    **_month(key.month),
                    **figures_of(found),
                }
                for key, found in listed
            ],
            "months": [
                {**_month(month), **figures_of(found)}
                for month, found in grants_rules.month_totals(rows)
            ],
            "totals": figures_of(total(rows.values())),
        }
    )


def _month(month: Month) -> dict[str, str]:
    return {"month": str(month), "month_label": month.label()}


def _programme_brief(programme: repo.ProgrammeRow) -> dict[str, object]:
    year = _year(programme.academic_year_id)
    return {
        "id": programme.id,
        "title": programme.title,
        "code": programme.code,
        "academic_year": year.slug,
        "academic_year_label": year.label,
    }
