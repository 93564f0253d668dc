"""An extract for evaluators: who took part and how often they came, under pseudonymous ids
(keyed hashes, new for each extract), with counts under five suppressed and statements only
with every name and email address redacted."""

from __future__ import annotations

import re
import secrets
from collections import defaultdict
from datetime import date, datetime

from sqlalchemy.orm import Session

from api.domain.access import Principal
from api.domain.privacy import (
    REDACTED,
    SMALLEST_COUNT_SHOWN,
    Redactor,
    extract_key,
    pseudonym,
    suppressed,
)
from api.errors import BadField, InvalidFields
from api.persistence import privacy_repository as repo
from api.schemas import privacy as schemas
from api.services.reports import viewed_hub

# Any address left in free text after the people named are redacted (someone else's).
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def extract(
    session: Session,
    viewer: Principal,
    *,
    academic_year: str,
    hub: str | None,
    secret: str,
    today: date,
    now: datetime,
) -> schemas.EvaluationExtract:
    hub_id = viewed_hub(viewer, hub)
    if not repo.academic_year_exists(session, academic_year):
        raise InvalidFields([BadField("query", "/academic_year", "No academic year has this id.")])
    extract_id = secrets.token_hex(8)
    key = extract_key(secret, extract_id)
    participants = repo.extract_participants(
        session, hub_id=hub_id, academic_year_id=academic_year, today=today
    )
    statements = repo.extract_statements(session, hub_id=hub_id, academic_year_id=academic_year)
    schools: dict[str | None, set[str]] = defaultdict(set)
    people: dict[str | None, set[int]] = defaultdict(set)
    applications: dict[str | None, int] = defaultdict(int)
    for row in participants:
        people[row.programme_type].add(row.person_id)
        if row.school_urn:
            schools[row.programme_type].add(row.school_urn)
    for statement in statements:
        applications[statement.programme_type] += 1
    kinds = sorted({*people, *applications}, key=lambda k: k or "")
    return schemas.EvaluationExtract(
        extract_id=extract_id,
        academic_year=academic_year,
        hub_id=hub_id,
        made_at=now,
        smallest_count_shown=SMALLEST_COUNT_SHOWN,
        participants=[
            schemas.ExtractParticipant(
                person=pseudonym(key, "person", row.person_id),
                school=pseudonym(key, "school", row.school_urn) if row.school_urn else None,
                work_group=pseudonym(key, "work_group", row.work_group_id),
                programme_type=row.programme_type,
                roles=row.roles,
                sessions_held=row.sessions_held,
                sessions_attended=row.sessions_attended,
            )
            for row in participants
        ],
        counts=[
            schemas.ExtractCount(
                programme_type=kind,
                schools=suppressed(len(schools[kind])),
                participants=suppressed(len(people[kind])),
                applications=suppressed(applications[kind]),
            )
            for kind in kinds
        ],
        statements=[
            schemas.ExtractStatement(
                application=pseudonym(key, "application", row.application_id),
                programme_type=row.programme_type,
                status=row.status,
                statement=_EMAIL.sub(REDACTED, Redactor.of(row.named).text(row.statement)),
            )
            for row in statements
            if row.statement.strip()
        ],
    )
