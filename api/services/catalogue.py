"""Use cases of the programme catalogue: browse, publish, edit, move along the life cycle."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from api.domain.academic_year import AcademicYear
from api.domain.access import Principal
from api.domain.applicants import Role
from api.domain.catalogue import default_rules, follow_commitments
from api.domain.claims import window_closes
from api.domain.eligibility import Programme as EligibilityProgramme
from api.domain.journey import Phase, ProgrammeType, Stage, programme_type_for
from api.domain.programme_code import EXAMPLE, is_programme_code
from api.domain.programme_defaults import (
    ProgrammeDefaults,
    closes_at,
    every_programme_defaults,
    programme_defaults,
)
from api.domain.programme_rules import programme_problems
from api.domain.programme_status import ProgrammeStatus, change_status
from api.domain.rules import InvalidRule, PeopleNamed, rules_from_dicts
from api.domain.webhooks import EventType
from api.errors import (
    BadField,
    Conflict,
    Forbidden,
    InvalidFields,
    NotFound,
)
from api.persistence import catalogue_repository as repo
from api.persistence import work_groups_repository
from api.persistence.models import AcademicYearRow, Hub, Programme
from api.schemas import catalogue as schemas
from api.schemas.common import ApiModel, Page
from api.services import audit, paging, webhook_events
from api.services.kept_answers import KeptAnswers
from api.services.versioned import Current, Rendered, kept
from api.services.versions import check_version

# The catalogue and the hubs are read far more than written: pages are kept in this process by
# data version, which every change to a programme or a hub raises.
PAGES: KeptAnswers[Rendered] = KeptAnswers(256)

# Columns that hold nested value objects, stored as JSON.
_JSON_FIELDS = (
    "milestones",
    "session_plan",
    "funding",
    "commitments",
    "eligibility_rules",
    "application_form",
)
_REQUIRED = (
    "title",
    "stage",
    "phase",
    "audience",
    "summary",
    "who_can_take_part",
    "funding",
    "application_form",
)


def list_hubs(session: Session, *, cursor: str | None, limit: int) -> tuple[list[Hub], str | None]:
    last = paging.after(cursor, str)
    rows = repo.list_hubs(session, after=last[0] if last else None, limit=limit + 1)
    return paging.page(rows, limit, lambda hub: (hub.id,))


def hubs_page(session: Session, *, cursor: str | None, limit: int, current: Current) -> Rendered:
    """A page of list_hubs() as JSON; `current` is what versioned.current_etag answered."""

    def render() -> bytes:
        rows, next_cursor = list_hubs(session, cursor=cursor, limit=limit)
        items = [schemas.Hub.model_validate(row) for row in rows]
        return Page[schemas.Hub](items=items, next_cursor=next_cursor).model_dump_json().encode()

    return kept(PAGES, current, render)


def get_hub(session: Session, hub_id: str) -> Hub:
    hub = repo.get_hub(session, hub_id)
    if hub is None:
        raise NotFound(f"There is no hub {hub_id!r}.")
    return hub


def list_academic_years(session: Session) -> list[AcademicYearRow]:
    return repo.list_academic_years(session)


def list_programmes(
    session: Session,
    filters: repo.ProgrammeFilters,
    *,
    viewer: Principal | None,
    cursor: str | None,
    limit: int,
) -> tuple[list[Programme], str | None]:
    """Drafts are shown only to those who run the programme's hub."""
    last = paging.after(cursor, str, int)
    drafts = _drafts_visible_to(viewer)
    rows = repo.list_programmes(session, filters, drafts_of=drafts, after=last, limit=limit + 1)
    return paging.page(rows, limit, lambda p: (p.academic_year_id, p.id))


def programmes_key(
    filters: repo.ProgrammeFilters, *, viewer: Principal | None, cursor: str | None, limit: int
) -> tuple[object, ...]:
    """What a page of the catalogue depends on: whose drafts it may show stands for the viewer."""
    return (tuple(asdict(filters).items()), _drafts_visible_to(viewer), cursor, limit)


def programmes_page(
    session: Session,
    filters: repo.ProgrammeFilters,
    *,
    viewer: Principal | None,
    cursor: str | None,
    limit: int,
    current: Current,
) -> Rendered:
    """A page of list_programmes() as JSON; `current` is what versioned.current_etag answered."""

    def render() -> bytes:
        rows, next_cursor = list_programmes(
            session, filters, viewer=viewer, cursor=cursor, limit=limit
        )
        items = [to_schema(row) for row in rows]
        answer = Page[schemas.Programme](items=items, next_cursor=next_cursor)
        return answer.model_dump_json().encode()

    return kept(PAGES, current, render)


def get_programme(session: Session, programme_id: int, *, viewer: Principal | None) -> Programme:
    programme = repo.get_programme(session, programme_id)
    if programme is None or (
        programme.status == ProgrammeStatus.DRAFT
        and not (viewer and viewer.runs_hub(programme.hub_id))
    ):
        raise NotFound(f"There is no programme {programme_id}.")
    return programme


def _drafts_visible_to(viewer: Principal | None) -> repo.Drafts:
    if viewer is None:
        return repo.Drafts.NONE
    if viewer.is_national:
        return repo.Drafts.ALL
    if viewer.hub_id is not None and viewer.runs_hub(viewer.hub_id):
        return repo.Drafts.of_hub(viewer.hub_id)
    return repo.Drafts.NONE


def _snapshot(programme: Programme) -> dict[str, Any]:
    return to_schema(programme).model_dump(
        mode="json",
        exclude={
            "version",
            "created_at",
            "updated_at",
            "hub",
            "academic_year_label",
            "closes_at",
            "claims_close_at",
        },
    )


def create_programme(
    session: Session, data: schemas.ProgrammeCreate, *, actor: Principal | None
) -> Programme:
    """`actor` None is the system itself (the demo loader)."""
    if actor is not None and not actor.runs_hub(data.hub_id):
        raise Forbidden(f"You can write programmes only for your own hub, not {data.hub_id}.")
    year = AcademicYear.parse(data.academic_year)
    if repo.get_hub(session, data.hub_id) is None:
        raise InvalidFields([BadField("body", "/hub_id", f"There is no hub {data.hub_id!r}")])
    _check(data.code, year, data.applications_open_on, data.closing_date)
    programme_type = _programme_type(data.programme_type, data.phase, data.stage)
    rules = (
        data.eligibility_rules
        if data.eligibility_rules is not None
        else default_rules(programme_type, data.commitments)
    )
    _check_rules(programme_type, year, rules)
    if repo.find_programme(
        session, hub_id=data.hub_id, academic_year_id=year.slug, title=data.title
    ):
        raise Conflict(
            f"{data.hub_id} already has a programme called {data.title!r} in {year.label}.",
        )
    repo.ensure_academic_year(session, year)
    fields = set(schemas.ProgrammeCreate.model_fields) - {"academic_year", "capacity"}
    programme = Programme(
        **_columns(data, fields),
        academic_year_id=year.slug,
        status=ProgrammeStatus.DRAFT.value,
    )
    programme.programme_type = programme_type.value
    programme.eligibility_rules = rules
    programme.application_form = _form_for_rules(
        data.application_form, rules, sent="application_form" in data.model_fields_set
    ).model_dump(mode="json")
    _set_capacity(programme, data.capacity)
    repo.add(session, programme)
    session.refresh(programme)
    # A new draft shows in its hub's lists: kept pages must be made again.
    work_groups_repository.raise_data_version(session)
    audit.record(
        session,
        actor,
        action="create",
        resource_type="programme",
        resource_id=programme.id,
        hub_id=programme.hub_id,
        before=None,
        after=_snapshot(programme),
    )
    return programme


def update_programme(
    session: Session,
    programme_id: int,
    changes: schemas.ProgrammeUpdate,
    *,
    actor: Principal,
    expected_version: int,
    now: datetime | None = None,
) -> Programme:
    programme = get_programme(session, programme_id, viewer=actor)
    if not actor.runs_hub(programme.hub_id):
        raise Forbidden(f"Programme {programme_id} belongs to another hub.")
    before = _snapshot(programme)
    check_version(f"Programme {programme_id}", current=programme.version, expected=expected_version)
    sent = changes.model_fields_set
    nulls = [
        name for name in (*_REQUIRED, "status") if name in sent and getattr(changes, name) is None
    ]
    if nulls:
        raise InvalidFields([BadField("body", f"/{n}", "This field cannot be null") for n in nulls])
    if "status" in sent and changes.status is not None:
        new = change_status(ProgrammeStatus(programme.status), changes.status)
        programme.status = new.value
    if "capacity" in sent:
        _set_capacity(programme, changes.capacity)
    commitments_before = list(programme.commitments)
    for name, value in _columns(changes, sent - {"status", "capacity"}).items():
        setattr(programme, name, value)
    if "commitments" in sent and "eligibility_rules" not in sent:
        programme.eligibility_rules = follow_commitments(
            programme.eligibility_rules, commitments_before, programme.commitments
        )
    year = AcademicYear.parse(programme.academic_year_id)
    _check(programme.code, year, programme.applications_open_on, programme.closing_date)
    if sent & {"programme_type", "phase", "stage", "eligibility_rules"}:
        kind = _programme_type(
            changes.programme_type if "programme_type" in sent else None,
            schemas.Phase(programme.phase),
            schemas.Stage(programme.stage),
            current=programme.programme_type,
        )
        programme.programme_type = kind.value
        _check_rules(kind, year, programme.eligibility_rules)
    session.flush()
    # Timetables show the programme's title and hide drafts: cached copies must be made again.
    work_groups_repository.raise_data_version(session)
    after = _snapshot(programme)
    audit.record(
        session,
        actor,
        action="update",
        resource_type="programme",
        resource_id=programme.id,
        hub_id=programme.hub_id,
        before=before,
        after=after,
    )
    if after != before:  # an update that changed nothing is nobody's news
        _tell_other_systems(session, programme, was=before["status"], now=now)
    return programme


def _tell_other_systems(
    session: Session, programme: Programme, *, was: object, now: datetime | None
) -> None:
    """Published (out of draft), closed, or changed; a draft's changes are nobody's news."""
    if programme.status == ProgrammeStatus.DRAFT:
        return
    if was == ProgrammeStatus.DRAFT:
        event = EventType.PROGRAMME_PUBLISHED
    elif programme.status == ProgrammeStatus.CLOSED and was != ProgrammeStatus.CLOSED:
        event = EventType.PROGRAMME_CLOSED
    else:
        event = EventType.PROGRAMME_CHANGED
    webhook_events.record(
        session,
        event,
        hub_id=programme.hub_id,
        resource_type="programme",
        resource_id=programme.id,
        now=now,
    )


def to_schema(programme: Programme) -> schemas.Programme:
    """One validation of plain values (pydantic's core checks the nested parts in one pass), not
    a model built and checked for each part: lists build fifty of these per page."""
    year = AcademicYear.parse(programme.academic_year_id)
    places = programme.capacity_places
    return schemas.Programme.model_validate(
        {
            "id": programme.id,
            "hub": {"id": programme.hub.id, "name": programme.hub.name},
            "academic_year": year.slug,
            "academic_year_label": year.label,
            "status": programme.status,
            "closes_at": closes_at(programme.closing_date) if programme.closing_date else None,
            "claims_close_at": (
                window_closes(programme.claim_deadline) if programme.claim_deadline else None
            ),
            "version": programme.version,
            "created_at": programme.created_at,
            "updated_at": programme.updated_at,
            "capacity": None
            if places is None
            else {"places": places, "unit": programme.capacity_unit},
            "code": programme.code,
            "title": programme.title,
            "stage": programme.stage,
            "phase": programme.phase,
            "audience": programme.audience,
            "summary": programme.summary,
            "who_can_take_part": programme.who_can_take_part,
            "what_is_involved": programme.what_is_involved,
            "how_to_apply": programme.how_to_apply,
            "applications_open_on": programme.applications_open_on,
            "closing_date": programme.closing_date,
            "claim_deadline": programme.claim_deadline,
            "milestones": programme.milestones,
            "session_plan": programme.session_plan,
            "time_commitment": programme.time_commitment,
            "funding": programme.funding,
            "commitments": programme.commitments,
            "application_form": programme.application_form or {},
            "programme_type": programme.programme_type or None,
            "eligibility_rules": programme.eligibility_rules,
            "contact_name": programme.contact_name,
            "contact_email": programme.contact_email,
        }
    )


def list_programme_type_defaults() -> list[schemas.ProgrammeTypeDefaults]:
    return [_defaults_schema(d) for d in every_programme_defaults()]


def get_programme_type_defaults(programme_type: ProgrammeType) -> schemas.ProgrammeTypeDefaults:
    return _defaults_schema(programme_defaults(programme_type))


def _defaults_schema(defaults: ProgrammeDefaults) -> schemas.ProgrammeTypeDefaults:
    form = defaults.form
    capacity = defaults.capacity
    bounds = defaults.bounds
    return schemas.ProgrammeTypeDefaults(
        id=defaults.programme_type,
        label=defaults.label,
        phase=schemas.Phase(defaults.phase.value),
        stage=schemas.Stage(defaults.stage),
        audience=schemas.Audience(defaults.audience),
        eligibility_rules=defaults.eligibility_rules,
        commitments=list(defaults.commitments),
        session_plan=[
            schemas.SessionPlanItem.model_validate(item) for item in defaults.session_plan
        ],
        time_commitment=defaults.time_commitment,
        funding=schemas.Funding(
            free_to_participate=True,
            grants=[
                schemas.Grant.model_validate(
                    {
                        "kind": grant.kind,
                        "purpose": grant.purpose,
                        "amount": {"amount_pence": grant.amount_pence},
                        "description": grant.description,
                    }
                )
                for grant in defaults.grants
            ],
        ),
        application_form=schemas.ApplicationForm.model_validate(
            {
                "participant_role": form.participant_role,
                "participants_min": form.participants_min,
                "participants_max": form.participants_max,
                "head_of_department": form.head_of_department,
                "statement_word_limit": form.statement_word_limit,
            }
        ),
        capacity=schemas.Capacity.model_validate(capacity) if capacity else None,
        bounds=schemas.WorkGroupBounds.model_validate(bounds),
    )


def _columns(model: ApiModel, fields: set[str]) -> dict[str, Any]:
    """Column values: plain Python for scalar columns, JSON-ready documents for JSON columns."""
    values = model.model_dump(include=fields)
    values.update(model.model_dump(mode="json", include=fields & set(_JSON_FIELDS)))
    return values


def _set_capacity(programme: Programme, capacity: schemas.Capacity | None) -> None:
    programme.capacity_places = capacity.places if capacity else None
    programme.capacity_unit = capacity.unit if capacity else None


def _programme_type(
    given: ProgrammeType | None,
    phase: schemas.Phase,
    stage: schemas.Stage,
    *,
    current: str | None = None,
) -> ProgrammeType:
    """The kind given, else the one phase and stage name; SKTM kinds must be given."""
    if given is not None:
        kind = given
    elif stage is not schemas.Stage.SPECIALIST_KNOWLEDGE:
        kind = programme_type_for(Phase(phase.value), Stage(stage.value))
    elif current is not None:
        kind = ProgrammeType(current)
    else:
        raise InvalidFields(
            [BadField("body", "/programme_type", "Say which SKTM programme this is")]
        )
    if kind.phase.value != phase.value:
        raise InvalidFields(
            [BadField("body", "/programme_type", f"{kind.label} is not a {phase.value} programme")]
        )
    return kind


def _form_for_rules(
    form: schemas.ApplicationForm, rules: list[dict[str, Any]], *, sent: bool
) -> schemas.ApplicationForm:
    """A form that can meet the rules: when they need a head of department named (002), the
    default form asks for one; a form the hub wrote that does not ask is refused."""
    needs = any(
        isinstance(rule, PeopleNamed)
        and any(role is Role.HEAD_OF_DEPARTMENT for role, _ in rule.roles)
        for rule in rules_from_dicts(rules)
    )
    if not needs or form.head_of_department:
        return form
    if sent:
        raise InvalidFields(
            [
                BadField(
                    "body",
                    "/application_form/head_of_department",
                    "The eligibility rules need a head of department named; ask for one here",
                )
            ]
        )
    return form.model_copy(update={"head_of_department": True})


def _check_rules(kind: ProgrammeType, year: AcademicYear, rules: list[dict[str, Any]]) -> None:
    try:
        EligibilityProgramme(kind, year, rules_from_dicts(rules))
    except InvalidRule as exc:
        raise InvalidFields(
            [BadField("body", "/eligibility_rules" + exc.pointer, exc.detail)]
        ) from exc


def _check(code: str | None, year: AcademicYear, opens: date | None, closes: date | None) -> None:
    if code is not None and not is_programme_code(code):
        # The schemas refuse this already; a caller that skipped them learns it here, not as
        # the database's IntegrityError.
        raise InvalidFields(
            [BadField("body", "/code", f"Write the project code like {EXAMPLE}, not {code!r}")]
        )
    problems = programme_problems(
        code=code, academic_year=year, applications_open_on=opens, closing_date=closes
    )
    if problems:
        raise InvalidFields([BadField("body", f"/{field}", text) for field, text in problems])


def copy_programme(
    session: Session, programme_id: int, *, into: AcademicYear | None, actor: Principal
) -> Programme:
    """Next year's offer: the same form, rules, commitments and plan, dates moved on by whole
    years, as a draft; a national project code names its own year, so it is left for the hub."""
    source = get_programme(session, programme_id, viewer=actor)
    if not actor.runs_hub(source.hub_id):
        raise Forbidden(f"Programme {programme_id} belongs to another hub.")
    year = into or AcademicYear.parse(source.academic_year_id).next()
    shift = year.start_year - AcademicYear.parse(source.academic_year_id).start_year
    if shift <= 0:
        raise InvalidFields([BadField("body", "/academic_year", "Copy into a later academic year")])
    if repo.find_programme(
        session, hub_id=source.hub_id, academic_year_id=year.slug, title=source.title
    ):
        raise Conflict(f"{source.title} already exists in {year.label}.")
    repo.ensure_academic_year(session, year)
    copy = Programme(
        hub_id=source.hub_id,
        academic_year_id=year.slug,
        code=None,
        title=source.title,
        stage=source.stage,
        phase=source.phase,
        audience=source.audience,
        programme_type=source.programme_type,
        eligibility_rules=list(source.eligibility_rules),
        status=ProgrammeStatus.DRAFT.value,
        summary=source.summary,
        who_can_take_part=source.who_can_take_part,
        what_is_involved=source.what_is_involved,
        how_to_apply=source.how_to_apply,
        applications_open_on=_later(source.applications_open_on, shift),
        closing_date=_later(source.closing_date, shift),
        claim_deadline=_later(source.claim_deadline, shift),
        milestones=[
            {**m, "date": _later(date.fromisoformat(m["date"]), shift).isoformat()}  # type: ignore[union-attr]
            for m in source.milestones
        ],
        capacity_places=source.capacity_places,
        capacity_unit=source.capacity_unit,
        session_plan=list(source.session_plan),
        time_commitment=source.time_commitment,
        funding=dict(source.funding),
        commitments=list(source.commitments),
        application_form=dict(source.application_form or {}),
        contact_name=source.contact_name,
        contact_email=source.contact_email,
    )
    repo.add(session, copy)
    session.refresh(copy)
    work_groups_repository.raise_data_version(session)
    audit.record(
        session,
        actor,
        action="create",
        resource_type="programme",
        resource_id=copy.id,
        hub_id=copy.hub_id,
        before=None,
        after=_snapshot(copy),
        note=f"Copied from programme {source.id} ({source.academic_year_id})",
    )
    return copy


def _later(day: date | None, years: int) -> date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)
