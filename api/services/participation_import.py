"""Import past years' participations, kept until now in other systems (schools have been in
Development Work Groups since 2016), so that the journey rules know each school's history.

The file is our own CSV format: UTF-8, with or without a byte order mark (Excel's "CSV UTF-8"
adds one), comma-separated, a header line naming the columns in any order and any case:

    urn,person_email,programme_type,academic_year,hub,outcome
    100001,,primary_development,2019/20,north-maths-hub,completed
    ,jo.bloggs@school.example,sktm_primary_teachers_number,2021-22,north-maths-hub,

- `urn` or `person_email`: exactly one per row. A school's participation names its URN, which
  must be in the school register (import GIAS first); an individual's (SKTM) names the email of
  a person already recorded, matched without regard to case. Whole-school programmes take a
  URN, SKTM programmes an email. A file may leave out the column it never uses.
- `programme_type`: the national kind of programme, e.g. `primary_development`,
  `secondary_embedding`, `sktm_primary_teaching_assistants` (api.domain.journey.ProgrammeType).
- `academic_year`: `2019/20` or `2019-20`, from 2014/15 (when Maths Hubs began) to this year.
- `hub`: the id of the hub that ran it, e.g. `north-maths-hub`. A hub administrator may import
  only their own hub's rows, and may not change a participation another hub recorded; a national
  administrator, or the command line, may import any hub's.
- `outcome`: `completed`, `withdrawn` or `taking_part`; blank, or the column left out, means
  `completed`.

Other columns are ignored. Rows upsert by (school or person, programme type, year): a new one
is created, a different hub or outcome updates it (and marks it `source="import"`), the same one
is unchanged. Rows that cannot be imported are rejected with their line and reason; the rest are
imported. A file without the needed columns, or not CSV, or not UTF-8, imports nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, BinaryIO

from sqlalchemy.orm import Session

from api.domain.academic_year import AcademicYear, InvalidAcademicYear
from api.domain.access import Principal
from api.domain.journey import Audience, ParticipationOutcome, ProgrammeType
from api.errors import Forbidden, MalformedFile
from api.persistence import catalogue_repository, work_groups_repository
from api.persistence import import_repository as repo
from api.persistence.models import utc_now
from api.services import audit
from api.services.csv_import import (
    CsvFile,
    ImportReport,
    Row,
    RowRejected,
    Tally,
    batches,
    check_width,
)

URN = "urn"
PERSON_EMAIL = "person_email"
PROGRAMME_TYPE = "programme_type"
ACADEMIC_YEAR = "academic_year"
HUB = "hub"
OUTCOME = "outcome"

REQUIRED_COLUMNS = (PROGRAMME_TYPE, ACADEMIC_YEAR, HUB)
OPTIONAL_COLUMNS = (URN, PERSON_EMAIL, OUTCOME)  # but one of the first two is needed

# Maths Hubs began in 2014; nothing was recorded before.
FIRST_YEAR = AcademicYear(2014)

OWN_HUB_ONLY = "You can import participations only for your own hub."
_WHAT = "a participations file (urn,person_email,programme_type,academic_year,hub,outcome)"
_URN = re.compile(r"\d{6}")
_OUTCOMES = ", ".join(o.value for o in ParticipationOutcome)


def import_participations(
    session: Session,
    source: BinaryIO,
    *,
    actor: Principal | None,
    today: date,
    on_progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Upsert each row's participation; `actor` None is the command line (any hub)."""
    if actor is not None and not _may_import(actor):
        raise Forbidden("Only hub and national administrators can import participations.")
    csv_file = CsvFile(source, legacy_encoding=None, on_progress=on_progress)
    positions = csv_file.columns(REQUIRED_COLUMNS, OPTIONAL_COLUMNS, what=_WHAT, ignore_case=True)
    if URN not in positions and PERSON_EMAIL not in positions:
        raise MalformedFile(f"The file needs a {URN} or a {PERSON_EMAIL} column: {_WHAT}.")
    repo.begin_bulk(session, "participation_import")  # before reading anything stored
    reader = _Reader(
        positions,
        width=len(csv_file.header),
        hubs=repo.hub_ids(session),
        actor=actor,
        latest_year=AcademicYear.of(today),
    )
    writer = _Writer(session, actor=actor, now=utc_now())
    tally = Tally()
    for batch in batches(csv_file.rows()):
        entries: list[_Entry] = []
        for row in batch:
            try:
                entries.append(reader.entry(row))
            except RowRejected as rejected:
                tally.reject(row.line, reader.key(row), rejected.reason)
        writer.write(entries, tally)
        tally.end_batch()
        csv_file.report_progress()
    csv_file.report_progress()
    report = tally.report()
    if report.created or report.updated:
        # Coverage and the funnel count participations: their kept answers must be made again.
        work_groups_repository.raise_data_version(session)
    audit.record(
        session,
        actor,
        action="import",
        resource_type="participation_import",
        resource_id=csv_file.sha256,
        hub_id=None if actor is None or actor.is_national else actor.hub_id,
        before=None,
        after=report.counts(),
        note="Participations of past years.",
    )
    return report


def _may_import(actor: Principal) -> bool:
    return actor.is_national or (actor.hub_id is not None and actor.runs_hub(actor.hub_id))


@dataclass(frozen=True)
class _Entry:
    """A row read and checked on its own; the database checks follow per batch."""

    line: int
    key: str  # the URN or the email, as the rejections name the row
    urn: str | None
    email: str | None
    programme_type: ProgrammeType
    year: AcademicYear
    hub_id: str
    outcome: ParticipationOutcome


@dataclass(frozen=True)
class _Subject:
    """Whose participation: `key` is the table's `subject`, "school:<urn>" or "person:<id>"."""

    key: str
    urn: str | None = None
    person_id: int | None = None


class _Reader:
    def __init__(
        self,
        positions: dict[str, int],
        *,
        width: int,
        hubs: set[str],
        actor: Principal | None,
        latest_year: AcademicYear,
    ) -> None:
        self._positions = positions
        self._width = width
        self._hubs = hubs
        self._actor = actor
        self._latest_year = latest_year

    def _field(self, row: Row, column: str) -> str:
        index = self._positions.get(column)
        return row.fields[index].strip() if index is not None else ""

    def key(self, row: Row) -> str | None:
        if len(row.fields) != self._width:
            return None
        return self._field(row, URN) or self._field(row, PERSON_EMAIL).lower() or None

    def entry(self, row: Row) -> _Entry:
        check_width(row, self._width)
        urn = self._field(row, URN)
        email = self._field(row, PERSON_EMAIL).lower()
        if urn and email:
            raise RowRejected(f"Give a {URN} or a {PERSON_EMAIL}, not both.")
        if not urn and not email:
            raise RowRejected(f"Give the school's {URN} or the person's {PERSON_EMAIL}.")
        if urn and not _URN.fullmatch(urn):
            raise RowRejected("URN must be six digits.")
        programme_type = self._programme_type(self._field(row, PROGRAMME_TYPE))
        if programme_type.audience is Audience.SCHOOL and email:
            raise RowRejected(
                f"{programme_type.value} is a programme for whole schools: "
                f"give the school's {URN}, not a {PERSON_EMAIL}."
            )
        if programme_type.audience is Audience.INDIVIDUAL and urn:
            raise RowRejected(
                f"{programme_type.value} is a programme for individual people: "
                f"give the person's {PERSON_EMAIL}, not a {URN}."
            )
        return _Entry(
            line=row.line,
            key=urn or email,
            urn=urn or None,
            email=email or None,
            programme_type=programme_type,
            year=self._year(self._field(row, ACADEMIC_YEAR)),
            hub_id=self._hub(self._field(row, HUB)),
            outcome=self._outcome(self._field(row, OUTCOME)),
        )

    @staticmethod
    def _programme_type(text: str) -> ProgrammeType:
        try:
            return ProgrammeType(text.lower())
        except ValueError:
            raise RowRejected(
                f"{PROGRAMME_TYPE} “{text}” is not a programme type such as "
                "primary_development or sktm_primary_teachers_number."
            ) from None

    def _year(self, text: str) -> AcademicYear:
        try:
            year = AcademicYear.parse(text)
        except InvalidAcademicYear:
            raise RowRejected(
                f"{ACADEMIC_YEAR} “{text}” is not an academic year like 2019/20."
            ) from None
        if year < FIRST_YEAR:
            raise RowRejected(f"{ACADEMIC_YEAR} {year} is before Maths Hubs began ({FIRST_YEAR}).")
        if year > self._latest_year:
            raise RowRejected(f"{ACADEMIC_YEAR} {year} has not begun yet.")
        return year

    def _hub(self, hub_id: str) -> str:
        if not hub_id:
            raise RowRejected(f"{HUB} is missing.")
        if hub_id not in self._hubs:
            raise RowRejected(f"There is no hub “{hub_id}”.")
        if self._actor is not None and not self._actor.runs_hub(hub_id):
            raise RowRejected(OWN_HUB_ONLY)
        return hub_id

    @staticmethod
    def _outcome(text: str) -> ParticipationOutcome:
        if not text:
            return ParticipationOutcome.COMPLETED
        try:
            return ParticipationOutcome(text.lower())
        except ValueError:
            raise RowRejected(f"{OUTCOME} “{text}” must be one of {_OUTCOMES}.") from None


class _Writer:
    """Checks a batch against the database (schools, people, stored participations), then
    writes it: one query per kind of lookup, one statement per kind of write."""

    def __init__(self, session: Session, *, actor: Principal | None, now: datetime) -> None:
        self._session = session
        self._actor = actor
        self._now = now
        self._years: set[str] = set()
        # Which row gave each participation: a second row for it is rejected, not applied.
        self._lines: dict[str, int] = {}

    def write(self, entries: list[_Entry], tally: Tally) -> None:
        session = self._session
        urns = repo.registered_urns(session, {e.urn for e in entries if e.urn})
        people = repo.person_ids_by_email(session, {e.email for e in entries if e.email})
        resolved: list[tuple[_Entry, _Subject]] = []
        for entry in entries:
            try:
                subject = self._subject(entry, urns, people)
            except RowRejected as rejected:
                tally.reject(entry.line, entry.key, rejected.reason)
                continue
            key = f"{subject.key}|{entry.programme_type.value}|{entry.year.slug}"
            first = self._lines.setdefault(key, entry.line)
            if first != entry.line:
                tally.reject(
                    entry.line, entry.key, f"Line {first} already gives this participation."
                )
                continue
            resolved.append((entry, subject))
        stored = repo.participations_of(session, {subject.key for _, subject in resolved})
        new: list[dict[str, Any]] = []
        changed: list[dict[str, Any]] = []
        for entry, subject in resolved:
            before = stored.get((subject.key, entry.programme_type.value, entry.year.slug))
            if before is None:
                self._ensure_year(entry.year)
                new.append(
                    {
                        "subject": subject.key,
                        "school_urn": subject.urn,
                        "person_id": subject.person_id,
                        "programme_type": entry.programme_type.value,
                        "academic_year_id": entry.year.slug,
                        "hub_id": entry.hub_id,
                        "outcome": entry.outcome.value,
                        "source": "import",
                        "created_at": self._now,
                        "updated_at": self._now,
                    }
                )
                tally.created += 1
            elif self._actor is not None and not self._actor.runs_hub(before.hub_id):
                tally.reject(
                    entry.line,
                    entry.key,
                    f"Hub “{before.hub_id}” recorded this participation; "
                    "only that hub or a national administrator can change it.",
                )
            elif (before.hub_id, before.outcome) == (entry.hub_id, entry.outcome.value):
                tally.unchanged += 1
            else:
                changed.append(
                    {
                        "id": before.id,
                        "hub_id": entry.hub_id,
                        "outcome": entry.outcome.value,
                        "source": "import",
                        "updated_at": self._now,
                    }
                )
                tally.updated += 1
        repo.insert_participations(session, new)
        repo.update_participations(session, changed)

    @staticmethod
    def _subject(entry: _Entry, urns: set[str], people: dict[str, int]) -> _Subject:
        if entry.urn is not None:
            if entry.urn not in urns:
                raise RowRejected(
                    f"URN {entry.urn} is not in the school register; import GIAS first."
                )
            return _Subject(f"school:{entry.urn}", urn=entry.urn)
        person_id = people.get(entry.email or "")
        if person_id is None:
            raise RowRejected(f"Nobody is recorded with the email {entry.email}.")
        return _Subject(f"person:{person_id}", person_id=person_id)

    def _ensure_year(self, year: AcademicYear) -> None:
        if year.slug not in self._years:
            catalogue_repository.ensure_academic_year(self._session, year)
            self._years.add(year.slug)
