"""Expressions of interest from draft to decision: the form, signatures by emailed link,
submission checked by the rules, review in priority order, places and the waiting list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.domain import eligibility as rules_engine
from api.domain.access import Principal, Role, Scope
from api.domain.applicants import Applicant, ApplicationFacts
from api.domain.applicants import Person as Named
from api.domain.applicants import Role as NamedRole
from api.domain.applications import (
    Actor,
    ApplicationStatus,
    NoFreePlace,
    move,
    reference,
)
from api.domain.priority import Candidate, engaging_with_tfm, rank
from api.domain.programme_status import ProgrammeStatus
from api.domain.rules import CommitmentsConfirmed
from api.domain.webhooks import EventType
from api.domain.wording import format_date
from api.domain.words import count_words, over_limit
from api.errors import (
    BadField,
    Conflict,
    Forbidden,
    InvalidFields,
    LinkGone,
    NotFound,
    SubmissionRefused,
)
from api.persistence import applications_repository as repo
from api.persistence import catalogue_repository, work_groups_repository
from api.persistence.cursor import encode_cursor
from api.persistence.models import Application, Programme, Signatory
from api.schemas import applications as schemas
from api.schemas.catalogue import ApplicationForm
from api.schemas.common import ApiModel
from api.security import new_token, token_hash
from api.services import (
    audit,
    catalogue,
    eligibility,
    group_forming,
    mail,
    paging,
    participations,
    schools,
    webhook_events,
)
from api.services.versions import check_version

SIGNATURE_LINK_LIFETIME = timedelta(days=14)
LIVE = [s.value for s in ApplicationStatus if s is not ApplicationStatus.WITHDRAWN]
SUBMITTED_STATUSES = [
    s.value
    for s in ApplicationStatus
    if s not in (ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN)
]
IN_REVIEW = [
    ApplicationStatus.SUBMITTED.value,
    ApplicationStatus.SHORTLISTED.value,
    ApplicationStatus.WAITLISTED.value,
]


@dataclass(frozen=True)
class Viewer:
    principal: Principal

    def may_see(self, application: Application) -> bool:
        p = self.principal
        if p.role == Role.SCHOOL_CONTACT:
            return p.school_urn == application.school_urn
        return p.acts_for_hub(
            application.hub_id, Scope.APPLICATIONS_READ, Scope.APPLICATIONS_WRITE
        ) or (p.role == Role.MASTERY_SPECIALIST and p.hub_id == application.hub_id)


# Reading


def get(session: Session, application_id: int, viewer: Principal) -> Application:
    application = repo.get(session, application_id)
    if application is None or not Viewer(viewer).may_see(application):
        raise NotFound(f"There is no application {application_id} that you can see.")
    return application


def list_applications(
    session: Session,
    viewer: Principal,
    filters: repo.ApplicationFilters,
    *,
    eligible: bool | None,
    by_priority: bool,
    now: datetime,
    cursor: str | None,
    limit: int,
) -> tuple[list[tuple[Application, int | None, str | None]], str | None]:
    """Your hub's applications (a school contact: their school's), optionally ranked."""
    if viewer.role == Role.SCHOOL_CONTACT:
        filters = repo.ApplicationFilters(
            programme_id=filters.programme_id,
            status=filters.status,
            school_urn=viewer.school_urn or "-",
        )
    elif not viewer.is_national:
        filters = repo.ApplicationFilters(
            programme_id=filters.programme_id,
            status=filters.status,
            local_authority=filters.local_authority,
            school_urn=filters.school_urn,
            hub_id=viewer.hub_id,
        )
    if not by_priority and eligible is None:
        last = paging.after(cursor, int)
        rows = repo.list_applications(
            session, filters, after=last[0] if last else None, limit=limit + 1
        )
        page, next_cursor = paging.page(rows, limit, lambda a: (a.id,))
        return [(a, None, None) for a in page], next_cursor
    # Ranked or filtered by eligibility: the programme's applications (hundreds at most) are
    # ordered in full, then paged by position.
    rows = repo.list_applications(session, filters, after=None, limit=None)
    if eligible is not None:
        rows = [a for a in rows if _decide(session, a, now).eligible is eligible]
    ranked: list[tuple[Application, int | None, str | None]] = (
        _ranked(session, rows) if by_priority else [(a, None, None) for a in rows]
    )
    start = paging.after(cursor, int)
    offset = start[0] if start else 0
    more = len(ranked) > offset + limit
    return ranked[offset : offset + limit], encode_cursor(offset + limit) if more else None


def counts(
    session: Session, viewer: Principal, *, hub_id: str | None, academic_year_id: str | None
) -> list[schemas.ProgrammeApplicationCounts]:
    """Applications submitted, places filled and the waiting list of each programme the viewer
    runs (a hub's staff: their hub's; the national administrator: every hub's, or one)."""
    if not viewer.is_national:
        if hub_id is not None and hub_id != viewer.hub_id:
            raise Forbidden("You can see the applications of your own hub's programmes only.")
        hub_id = viewer.hub_id or "-"
    programmes = repo.programmes_of_hub(session, hub_id, academic_year_id)
    by_status = repo.counts_by_status(session, [p.id for p in programmes])
    answer = []
    for programme in programmes:
        found = by_status.get(programme.id, {})
        places = programme.capacity_places if programme.capacity_unit == "schools" else None
        answer.append(
            schemas.ProgrammeApplicationCounts(
                programme_id=programme.id,
                hub_id=programme.hub_id,
                submitted=sum(found.get(s, 0) for s in SUBMITTED_STATUSES),
                places_filled=found.get(ApplicationStatus.SELECTED.value, 0),
                places=places,
                waiting_list=found.get(ApplicationStatus.WAITLISTED.value, 0),
                drafts=found.get(ApplicationStatus.DRAFT.value, 0),
            )
        )
    return answer


def _ranked(
    session: Session, rows: list[Application]
) -> list[tuple[Application, int | None, str | None]]:
    by_id = {str(a.id): a for a in rows}
    candidates = [
        Candidate(
            application_id=str(a.id),
            urn=a.school_urn,
            submitted_at=a.submitted_at or a.created_at,
            engaging_with_tfm=engaging_with_tfm(
                participations.as_domain(
                    participations.of_subject(session, participations.school_subject(a.school_urn))
                ),
                declared=a.engaging_with_tfm,
            ),
        )
        for a in rows
    ]
    return [(by_id[r.candidate.application_id], r.position, r.reason) for r in rank(candidates)]


# The form


def create_draft(
    session: Session, data: schemas.ApplicationCreate, *, actor: Principal, now: datetime
) -> Application:
    """A draft for an open programme, for a school its rules do not already refuse: a school
    that fails a rule is told each reason now, before anyone fills in the form."""
    programme = catalogue.get_programme(session, data.programme_id, viewer=actor)
    urn = data.urn or actor.school_urn
    if urn is None:
        raise InvalidFields([BadField("body", "/urn", "Say which school is applying")])
    if actor.role == Role.SCHOOL_CONTACT and urn != actor.school_urn:
        raise Forbidden(
            f"You can apply only for your own school (URN {actor.school_urn}); leave out urn "
            "and your school is used."
        )
    if actor.role != Role.SCHOOL_CONTACT and not actor.acts_for_hub(
        programme.hub_id, Scope.APPLICATIONS_WRITE
    ):
        raise Forbidden("Only the school, or the hub that runs the programme, can apply.")
    if programme.status != ProgrammeStatus.OPEN:
        raise Conflict(
            f"{programme.title} is {programme.status.replace('_', ' ')}: it takes no applications."
        )
    schools.get(session, urn)
    decision = eligibility.school_decision(session, programme, urn, now=now)
    if not decision.may_apply:
        failed = [r for r in decision.rules if r.outcome.value == "failed"]
        raise Conflict(
            decision.summary,
            rule="not_eligible",
            failed_rules=[{"kind": r.kind, "code": r.code, "reason": r.reason} for r in failed],
            decision=decision.model_dump(mode="json"),
        )
    application = Application(
        programme_id=programme.id,
        school_urn=urn,
        hub_id=programme.hub_id,
        status=ApplicationStatus.DRAFT.value,
        created_by=audit.actor_key(actor),
        **_form_values(data, data.model_fields_set),
    )
    try:
        with session.begin_nested():
            repo.add(session, application)
    except IntegrityError as exc:
        raise Conflict(
            f"Your school already has an application for {programme.title}; carry on with it.",
            rule="already_applied",
        ) from exc
    audit.record(
        session,
        actor,
        action="create",
        resource_type="application",
        resource_id=application.id,
        hub_id=application.hub_id,
        before=None,
        after={
            "reference": reference_of(programme, application),
            "programme_id": programme.id,
            "school_urn": urn,
            "status": "draft",
        },
    )
    return application


def delete_draft(
    session: Session, application_id: int, *, actor: Principal, expected_version: int | None
) -> None:
    """Delete a draft (never one that was submitted: that is withdrawn, and stays on record)."""
    application = get(session, application_id, actor)
    if expected_version is not None:
        check_version(
            f"Application {application_id}", current=application.version, expected=expected_version
        )
    if application.status != ApplicationStatus.DRAFT:
        raise Conflict(
            "Only a draft can be deleted; withdraw a submitted application instead.",
            rule="not_draft",
        )
    programme = programme_of(session, application)
    reference = reference_of(programme, application)
    for signatory in repo.signatories(session, application.id):
        repo.delete(session, signatory)
    audit.record(
        session,
        actor,
        action="delete",
        resource_type="application",
        resource_id=application.id,
        hub_id=application.hub_id,
        before={
            "reference": reference,
            "programme_id": application.programme_id,
            "school_urn": application.school_urn,
            "status": application.status,
        },
        after=None,
    )
    repo.delete(session, application)


def reference_of(programme: Programme, application: Application) -> str:
    """The reference people quote, such as NCP24-14-0007."""
    return reference(programme.code, programme.id, application.number)


def update_draft(
    session: Session,
    application_id: int,
    changes: schemas.ApplicationUpdate,
    *,
    actor: Principal,
    expected_version: int,
) -> Application:
    application = get(session, application_id, actor)
    check_version(
        f"Application {application_id}", current=application.version, expected=expected_version
    )
    if application.status != ApplicationStatus.DRAFT:
        raise Conflict("Only a draft can be changed; this application has been submitted.")
    for name, value in _form_values(changes, changes.model_fields_set).items():
        setattr(application, name, value)
    _forget_signatures_of_people_removed(session, application)
    session.flush()
    return application


def _form_values(model: ApiModel, fields: set[str]) -> dict[str, Any]:
    names = {"head_teacher", "head_of_department", "participants", "statement", "engaging_with_tfm"}
    values: dict[str, Any] = model.model_dump(mode="json", include=fields & names)
    if values.get("engaging_with_tfm") is None:
        values.pop("engaging_with_tfm", None)
    if "statement" in values and values["statement"] is None:
        values["statement"] = ""
    return values


# Signatures


def _expected_signatories(
    application: Application, form: ApplicationForm
) -> list[tuple[str, str, str]]:
    """(role, name, email) of everyone who must confirm the commitments (002)."""
    people: list[tuple[str, str, str]] = []
    if application.head_teacher:
        people.append(
            ("head_teacher", application.head_teacher["name"], application.head_teacher["email"])
        )
    if form.head_of_department and application.head_of_department:
        hod = application.head_of_department
        people.append(("head_of_department", hod["name"], hod["email"]))
    people += [("participant", p["name"], p["email"]) for p in application.participants]
    return people


def _forget_signatures_of_people_removed(session: Session, application: Application) -> None:
    programme = programme_of(session, application)
    wanted = {(r, e.lower()) for r, _, e in _expected_signatories(application, form_of(programme))}
    for signatory in repo.signatories(session, application.id):
        if (signatory.role, signatory.email.lower()) not in wanted:
            repo.delete(session, signatory)


def send_signature_requests(
    session: Session, application_id: int, *, actor: Principal, base_url: str, now: datetime
) -> Application:
    application = get(session, application_id, actor)
    if application.status != ApplicationStatus.DRAFT:
        raise Conflict("Signatures are asked for while the application is a draft.")
    programme = programme_of(session, application)
    form = form_of(programme)
    expected = _expected_signatories(application, form)
    if not application.head_teacher:
        raise InvalidFields([BadField("body", "/head_teacher", "Name the head teacher first")])
    existing = {(s.role, s.email.lower()): s for s in repo.signatories(session, application.id)}
    school, _ = schools.get(session, application.school_urn)
    hub = catalogue_repository.get_hub(session, application.hub_id)
    for role, name, email in expected:
        signatory = existing.get((role, email.lower()))
        if signatory is not None and signatory.confirmed_at is not None:
            continue
        if signatory is None:
            signatory = Signatory(application_id=application.id, role=role, name=name, email=email)
        token = new_token()
        signatory.name = name
        signatory.token_hash = token_hash(token)
        signatory.token_expires_at = now + SIGNATURE_LINK_LIFETIME
        signatory.sent_at = now
        repo.add(session, signatory)
        mail.queue(
            session,
            to=email,
            template="signature_request",
            context={
                "signatory_name": name,
                "school_name": school.name,
                "programme_title": programme.title,
                "hub_name": hub.name if hub else application.hub_id,
                "commitments": commitments_of(programme),
                "confirm_url": f"{base_url.rstrip('/')}/sign/{token}",
                "reference": reference_of(programme, application),
                "expires_on": (now + SIGNATURE_LINK_LIFETIME).date(),
            },
            now=now,
            about=mail.About("application", application.id),
        )
    return application


def signature_page(session: Session, token: str, *, now: datetime) -> schemas.SignaturePage:
    signatory = _signatory(session, token, now=now, for_confirming=False)
    application = repo.get(session, signatory.application_id)
    assert application is not None
    programme = programme_of(session, application)
    school, _ = schools.get(session, application.school_urn)
    hub = catalogue_repository.get_hub(session, application.hub_id)
    others = [
        f"{s.name} ({_ROLE_WORDS[s.role]})"
        for s in repo.signatories(session, application.id)
        if s.id != signatory.id
    ]
    return schemas.SignaturePage(
        signatory_name=signatory.name,
        role=_ROLE_WORDS[signatory.role],
        school_name=school.name,
        programme_title=programme.title,
        hub_name=hub.name if hub else application.hub_id,
        commitments=commitments_of(programme),
        other_signatories=others,
        confirmed_at=signatory.confirmed_at,
        expires_at=signatory.token_expires_at,
    )


def confirm(
    session: Session, token: str, commitments: list[str], *, now: datetime
) -> schemas.SignaturePage:
    signatory = _signatory(session, token, now=now, for_confirming=True)
    application = repo.get(session, signatory.application_id)
    assert application is not None
    wanted = commitments_of(programme_of(session, application))
    missing = [c for c in wanted if c not in commitments]
    if missing:
        raise InvalidFields(
            [BadField("body", "/commitments", f"Confirm every commitment; not yet: {missing[0]}")]
        )
    signatory.confirmed_at = now
    signatory.confirmed_commitments = wanted
    session.flush()
    audit.record(
        session,
        audit.Signer(id=signatory.id, name=signatory.name, email=signatory.email),
        action="confirm",
        resource_type="application",
        resource_id=application.id,
        hub_id=application.hub_id,
        before=None,
        after={
            "signatory": f"{signatory.name} ({signatory.role})",
            "confirmed_at": now.isoformat(),
        },
        note="Confirmed through the emailed link",
    )
    return signature_page(session, token, now=now)


def _signatory(session: Session, token: str, *, now: datetime, for_confirming: bool) -> Signatory:
    signatory = repo.signatory_by_token_hash(session, token_hash(token))
    if signatory is None:
        raise NotFound("This link is not known. Ask the school for a new one.")
    if for_confirming and signatory.confirmed_at is not None:
        raise LinkGone(
            f"This link was used on {signatory.confirmed_at:%d %B %Y}: you have already confirmed."
        )
    if signatory.confirmed_at is None and (
        signatory.token_expires_at is None or signatory.token_expires_at <= now
    ):
        raise LinkGone("This link has expired. Ask the school to send you a new one.")
    return signatory


# Submission and decisions


def submit(
    session: Session, application_id: int, *, actor: Principal, now: datetime, base_url: str
) -> Application:
    application = get(session, application_id, actor)
    programme = programme_of(session, application)
    form = form_of(programme)
    problems = []
    words_over = over_limit(application.statement, form.statement_word_limit)
    if words_over:
        problems.append(
            BadField(
                "body",
                "/statement",
                f"The statement must be {form.statement_word_limit} words or fewer; it has "
                f"{count_words(application.statement)}",
            )
        )
    if not application.statement.strip():
        problems.append(BadField("body", "/statement", "Write the statement"))
    count = len(application.participants)
    if not form.participants_min <= count <= form.participants_max:
        problems.append(
            BadField(
                "body",
                "/participants",
                f"Name between {form.participants_min} and {form.participants_max} participants",
            )
        )
    if form.head_of_department and not application.head_of_department:
        problems.append(BadField("body", "/head_of_department", "Name the head of department"))
    if problems:
        raise InvalidFields(problems)
    decision = _decide(session, application, now)
    if not decision.may_apply:
        failures = decision.failures
        raise SubmissionRefused(
            "The application cannot be submitted: "
            + " ".join(result.reason for result in failures),
            failed_rules=[{"kind": r.kind, "code": r.code, "reason": r.reason} for r in failures],
        )
    application.status = move(
        ApplicationStatus(application.status),
        ApplicationStatus.SUBMITTED,
        by=Actor.SCHOOL,
        free_places=0,
    ).status.value
    application.submitted_at = now
    session.flush()
    _tell_school(
        session, application, programme, "application_submitted", now=now, base_url=base_url
    )
    _audit_status(session, actor, application, ApplicationStatus.DRAFT)
    _tell_other_systems(session, EventType.APPLICATION_SUBMITTED, application, now=now)
    return application


def _tell_other_systems(
    session: Session, event: EventType, application: Application, *, now: datetime
) -> None:
    webhook_events.record(
        session,
        event,
        hub_id=application.hub_id,
        resource_type="application",
        resource_id=application.id,
        now=now,
    )


def decide_application(
    session: Session,
    application_id: int,
    request: schemas.DecisionRequest,
    *,
    actor: Principal,
    now: datetime,
    base_url: str,
) -> Application:
    application = get(session, application_id, actor)
    if not actor.runs_hub(application.hub_id):
        raise Forbidden("Only the hub that runs the programme decides.")
    programme = repo.lock_programme(session, application.programme_id)
    assert programme is not None
    session.refresh(application)
    before = ApplicationStatus(application.status)
    requested = ApplicationStatus(request.decision.value)
    try:
        done = move(before, requested, by=Actor.HUB, free_places=_free_places(session, programme))
    except NoFreePlace as exc:
        raise Conflict(str(exc)) from exc
    application.status = done.status.value
    application.decided_at = now
    application.decision_note = request.note
    session.flush()
    if done.places_taken:
        _update_booking(session, programme, now)
    if done.status is ApplicationStatus.SELECTED and before is not ApplicationStatus.SELECTED:
        group_forming.join_on_selection(session, application, actor=actor)
    _tell_school(
        session,
        application,
        programme,
        "application_decision",
        now=now,
        base_url=base_url,
        note=request.note,
    )
    _audit_status(session, actor, application, before, note=request.note)
    _tell_other_systems(session, EventType.APPLICATION_DECIDED, application, now=now)
    return application


def withdraw(
    session: Session,
    application_id: int,
    request: schemas.WithdrawRequest,
    *,
    actor: Principal,
    now: datetime,
    base_url: str,
) -> Application:
    application = get(session, application_id, actor)
    programme = repo.lock_programme(session, application.programme_id)
    assert programme is not None
    session.refresh(application)
    before = ApplicationStatus(application.status)
    done = move(before, ApplicationStatus.WITHDRAWN, by=Actor.SCHOOL, free_places=0)
    application.status = done.status.value
    application.decision_note = request.note
    session.flush()
    _audit_status(session, actor, application, before, note=request.note)
    if done.places_freed:
        _offer_freed_place(session, programme, now, base_url)
    return application


def _offer_freed_place(
    session: Session, programme: Programme, now: datetime, base_url: str
) -> None:
    """The place goes to the first on the waiting list, in priority order, who is told."""
    waiting = repo.of_programme(session, programme.id, [ApplicationStatus.WAITLISTED.value])
    ranked = _ranked(session, waiting)
    if ranked:
        first = ranked[0][0]
        first.status = move(
            ApplicationStatus.WAITLISTED,
            ApplicationStatus.SELECTED,
            by=Actor.HUB,
            free_places=_free_places(session, programme),
        ).status.value
        first.decided_at = now
        first.decision_note = "A place came free and was offered to the first on the waiting list."
        session.flush()
        group_forming.join_on_selection(session, first, actor=None)
        _tell_school(session, first, programme, "place_offered", now=now, base_url=base_url)
        _audit_status(session, None, first, ApplicationStatus.WAITLISTED, note=first.decision_note)
    _update_booking(session, programme, now)


def _free_places(session: Session, programme: Programme) -> int:
    if programme.capacity_places is None or programme.capacity_unit != "schools":
        return 1_000_000  # no limit on schools set
    held = repo.count_with_status(session, programme.id, [ApplicationStatus.SELECTED.value])
    return max(programme.capacity_places - held, 0)


def _update_booking(session: Session, programme: Programme, now: datetime) -> None:
    """Full: fully booked; a place free again: open, while its closing date allows."""
    full = _free_places(session, programme) == 0
    status = ProgrammeStatus(programme.status)
    before = programme.status
    if full and status is ProgrammeStatus.OPEN:
        programme.status = ProgrammeStatus.FULLY_BOOKED.value
    elif not full and status is ProgrammeStatus.FULLY_BOOKED:
        programme.status = ProgrammeStatus.OPEN.value
    session.flush()
    if programme.status != before:
        # The catalogue shows the status: kept pages must be made again.
        work_groups_repository.raise_data_version(session)


# Helpers


_ROLE_WORDS = {
    "head_teacher": "head teacher or senior leader",
    "head_of_department": "head of department",
    "participant": "participant",
}


def programme_of(session: Session, application: Application) -> Programme:
    programme = catalogue_repository.get_programme(session, application.programme_id)
    assert programme is not None
    return programme


def form_of(programme: Programme) -> ApplicationForm:
    return ApplicationForm.model_validate(programme.application_form or {})


def commitments_of(programme: Programme) -> list[str]:
    """The programme's commitments and those its rules ask signatories to confirm, once each."""
    texts = list(programme.commitments)
    for rule in eligibility.rules_of(programme).rules:
        if isinstance(rule, CommitmentsConfirmed):
            texts += [c for c in rule.commitments if c not in texts]
    return texts


def _decide(session: Session, application: Application, now: datetime) -> rules_engine.Decision:
    programme = programme_of(session, application)
    school, _ = schools.get(session, application.school_urn)
    signatories = repo.signatories(session, application.id)
    commitments = commitments_of(programme)
    named = _named_people(application)
    confirmations = frozenset(
        (person.id, text)
        for person, role, email in named
        for s in signatories
        if s.role == role and s.email.lower() == email.lower() and s.confirmed_at is not None
        for text in commitments
    )
    facts = ApplicationFacts(people=tuple(p for p, _, _ in named), confirmations=confirmations)
    history = participations.history(session, participations.school_subject(school.urn))
    applicant = Applicant(schools.establishment(school), application=facts)
    return rules_engine.check_eligibility(
        eligibility.rules_of(programme), applicant, history, now=now
    )


def _named_people(application: Application) -> list[tuple[Named, str, str]]:
    """The form's people as the rules see them, with their signatory role and email."""
    people: list[tuple[Named, str, str]] = []
    if application.head_teacher:
        ht = application.head_teacher
        people.append(
            (Named("head_teacher", ht["name"], NamedRole.HEAD_TEACHER), "head_teacher", ht["email"])
        )
    if application.head_of_department:
        hod = application.head_of_department
        people.append(
            (
                Named("head_of_department", hod["name"], NamedRole.HEAD_OF_DEPARTMENT),
                "head_of_department",
                hod["email"],
            )
        )
    for index, p in enumerate(application.participants, 1):
        people.append(
            (
                Named(f"participant-{index}", p["name"], NamedRole(p["role"])),
                "participant",
                p["email"],
            )
        )
    return people


def signatories_of(session: Session, application: Application) -> list[Signatory]:
    return repo.signatories(session, application.id)


def words_in(statement: str) -> int:
    return count_words(statement)


def tasks_of(
    application: Application, form: ApplicationForm, signatories: list[Signatory]
) -> dict[str, str]:
    """The task list of the form (UX.md): not started, in progress or completed."""

    def status(done: bool, started: bool) -> str:
        return "completed" if done else "in_progress" if started else "not_started"

    people_started = bool(application.head_teacher or application.participants)
    people_done = (
        application.head_teacher is not None
        and (application.head_of_department is not None or not form.head_of_department)
        and form.participants_min <= len(application.participants) <= form.participants_max
    )
    words_ok = not over_limit(application.statement, form.statement_word_limit)
    expected = _expected_signatories(application, form)
    confirmed = sum(1 for s in signatories if s.confirmed_at is not None)
    return {
        "school_details": "completed",
        "people": status(people_done, people_started),
        "statement": status(
            bool(application.statement.strip()) and words_ok, bool(application.statement)
        ),
        "commitments": status(
            bool(expected) and confirmed >= len(expected) and people_done, bool(signatories)
        ),
    }


def next_step(application: Application, programme: Programme) -> str:
    milestones = {m["kind"]: m["date"] for m in programme.milestones}
    told = {
        "submitted": milestones.get("shortlist_told") or milestones.get("selection_told"),
        "shortlisted": milestones.get("selection_told"),
    }
    status = ApplicationStatus(application.status)
    if status is ApplicationStatus.DRAFT:
        return (
            "Complete each task, ask everyone named to confirm the commitments, then submit "
            "before the closing date."
        )
    if status in (ApplicationStatus.SUBMITTED, ApplicationStatus.SHORTLISTED):
        when = told[status.value]
        return (
            f"The hub will tell you its decision by {format_date(date.fromisoformat(when))}."
            if when
            else "The hub will tell you its decision by email."
        )
    return {
        ApplicationStatus.SELECTED: "Your school has a place. The hub will send the dates.",
        ApplicationStatus.WAITLISTED: "Your school is on the waiting list; you will hear if a "
        "place comes free.",
        ApplicationStatus.NOT_SELECTED: "Your school was not selected this time.",
        ApplicationStatus.WITHDRAWN: "The application was withdrawn.",
    }[status]


def _tell_school(
    session: Session,
    application: Application,
    programme: Programme,
    template: str,
    *,
    now: datetime,
    base_url: str,
    note: str | None = None,
) -> None:
    school, _ = schools.get(session, application.school_urn)
    hub = catalogue_repository.get_hub(session, application.hub_id)
    recipients = {u.email for u in repo.school_contacts(session, school.urn)}
    if application.head_teacher:
        recipients.add(application.head_teacher["email"])
    milestones = {m["kind"]: m["date"] for m in programme.milestones}
    for to in sorted(recipients):
        mail.queue(
            session,
            to=to,
            template=template,
            context={
                "school_name": school.name,
                "programme_title": programme.title,
                "hub_name": hub.name if hub else application.hub_id,
                "decision": application.status,
                "note": note,
                "shortlist_told_on": _date(milestones.get("shortlist_told")),
                "selection_told_on": _date(milestones.get("selection_told")),
                "application_url": f"{base_url.rstrip('/')}/applications/{application.id}",
                "reference": reference_of(programme, application),
            },
            now=now,
            about=mail.About("application", application.id),
        )


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _audit_status(
    session: Session,
    actor: Principal | None,
    application: Application,
    before: ApplicationStatus,
    *,
    note: str | None = None,
) -> None:
    audit.record(
        session,
        actor,
        action="update",
        resource_type="application",
        resource_id=application.id,
        hub_id=application.hub_id,
        before={"status": before.value},
        after={"status": application.status},
        note=note,
    )
