"""Subject access requests: recorded with the day they must be answered by (one month), and
answered with a ZIP of every record that names the person, as JSON and as CSV."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from api.domain.access import Principal
from api.domain.privacy import Redactor, subject_access_due
from api.errors import BadField, Forbidden, InvalidFields, NotFound
from api.persistence import privacy_repository as repo
from api.persistence.models import SubjectAccessRequest
from api.services import audit, paging, people

# Never exported: secrets that prove who someone is, not data about them.
SECRETS = frozenset({"password_hash", "token_hash", "secret_hash", "csrf_token"})
# The export's parts, in the order the ZIP holds them.
PARTS = (
    "people",
    "accounts",
    "applications",
    "signatures",
    "attendance",
    "group_memberships",
    "groups_led",
    "participations",
    "emails",
    "audit_entries",
    "calendar_feeds",
    "subject_access_requests",
)


@dataclass(frozen=True)
class Listed:
    request: SubjectAccessRequest
    person_name: str


def create(session: Session, person_id: int, *, actor: Principal, received_on: date) -> Listed:
    person = people.get(session, person_id, actor)
    if not actor.runs_hub(person.hub_id):
        raise Forbidden(f"Person {person_id} is recorded by another hub.")
    request = SubjectAccessRequest(
        person_id=person.id,
        hub_id=person.hub_id,
        received_on=received_on,
        due_on=subject_access_due(received_on),
        created_by=audit.actor_key(actor),
    )
    repo.add(session, request)
    audit.record(
        session,
        actor,
        action="create",
        resource_type="subject_access_request",
        resource_id=request.id,
        hub_id=person.hub_id,
        before=None,
        after={
            "person_id": person.id,
            "received_on": received_on.isoformat(),
            "due_on": request.due_on.isoformat(),
        },
    )
    return Listed(request, person.name)


def get(session: Session, request_id: int, viewer: Principal) -> Listed:
    request = repo.get_request(session, request_id)
    if request is None or not viewer.runs_hub(request.hub_id):
        raise NotFound(f"There is no subject access request {request_id} that you can see.")
    return Listed(request, repo.person_name(session, request.person_id))


def list_requests(
    session: Session, viewer: Principal, *, open_only: bool, cursor: str | None, limit: int
) -> tuple[list[Listed], str | None]:
    last = paging.after(cursor, str, int)
    after = None
    if last is not None:
        try:
            after = (date.fromisoformat(last[0]), int(last[1]))
        except ValueError as exc:
            raise InvalidFields(
                [BadField("query", "/cursor", "The cursor is not one this API gave out.")]
            ) from exc
    rows = repo.list_requests(
        session,
        hub_id=None if viewer.is_national else viewer.hub_id,
        open_only=open_only,
        after=after,
        limit=limit + 1,
    )
    listed = [Listed(request, name) for request, name in rows]
    return paging.page(listed, limit, lambda r: (r.request.due_on.isoformat(), r.request.id))


def export(
    session: Session, request_id: int, *, actor: Principal, now: datetime
) -> tuple[str, bytes]:
    """The file name and ZIP answering the request; the first export answers it."""
    listed = get(session, request_id, actor)
    request = listed.request
    person = people.get_any(session, request.person_id)
    records = records_of(session, person.id)
    content = _zip(records, person_id=person.id, made_at=now)
    first = request.exported_at is None
    if first:
        request.exported_at = now
    audit.record(
        session,
        actor,
        action="export",
        resource_type="subject_access_request",
        resource_id=request.id,
        hub_id=request.hub_id,
        before={"exported_at": None} if first else None,
        after={"exported_at": now.isoformat()} if first else None,
        note=f"Exported {sum(len(rows) for rows in records.values())} records of person "
        f"{person.id}.",
    )
    return f"subject-access-{request.id}-person-{person.id}.zip", content


def records_of(session: Session, person_id: int) -> dict[str, list[dict[str, Any]]]:
    """Every record that names the person, part by part, as plain rows."""
    person = people.get_any(session, person_id)
    found = repo.records_of(session, person, Redactor.of([person.name, person.email]))
    parts: dict[str, list[Any]] = {
        "people": [found.person],
        "accounts": found.accounts,
        "applications": found.applications,
        "signatures": found.signatures,
        "attendance": found.attendance,
        "group_memberships": found.memberships,
        "groups_led": found.groups_led,
        "participations": found.participations,
        "emails": found.emails,
        "audit_entries": found.audit_entries,
        "calendar_feeds": found.calendar_feeds,
        "subject_access_requests": found.subject_access_requests,
    }
    return {name: [_plain(row) for row in parts[name]] for name in PARTS}


def _plain(row: object) -> dict[str, Any]:
    mapper = inspect(row).mapper
    return {
        attribute.key: getattr(row, attribute.key)
        for attribute in mapper.column_attrs
        if attribute.key not in SECRETS
    }


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return str(value)


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, default=_json_value, ensure_ascii=False)
    if isinstance(value, str | int | bool):
        return value
    return _json_value(value)


def _csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows({key: _cell(value) for key, value in row.items()} for row in rows)
    return out.getvalue()


def _zip(records: dict[str, list[dict[str, Any]]], *, person_id: int, made_at: datetime) -> bytes:
    buffer = io.BytesIO()
    stamp = made_at.timetuple()[:6]
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:

        def write(name: str, text: str) -> None:
            archive.writestr(zipfile.ZipInfo(name, date_time=stamp), text.encode("utf-8"))

        write(
            "records.json",
            json.dumps(
                {"person_id": person_id, "exported_at": made_at.isoformat(), **records},
                default=_json_value,
                indent=2,
                ensure_ascii=False,
            ),
        )
        for name, rows in records.items():
            write(f"csv/{name}.csv", _csv(rows))
    return buffer.getvalue()
