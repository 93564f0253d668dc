"""Import the school register from Get Information about Schools (GIAS).

The file is the public establishment extract, `edubasealldataYYYYMMDD.csv`, exactly as
published: Windows-1252 text, one establishment a row, about 140 columns, coded fields as
`(code)`/`(name)` pairs. These columns are read (all must be present, in any order):

    URN                            six digits; the key the import upserts by
    EstablishmentName              required
    TypeOfEstablishment (name)     EstablishmentTypeGroup (name)    EstablishmentStatus (name)
    PhaseOfEducation (name)        stored as GIAS writes them; with Country (name) they decide
                                   `state_funded` (api.domain.establishments)
    LA (code)  LA (name)           three digits and a name; upserted into local authorities too
    Street  Town  Postcode  TelephoneNum  HeadFirstName  HeadLastName  Country (name)
    OpenDate  CloseDate  LastChangedDate     dd-mm-yyyy, or blank
    StatutoryLowAge  StatutoryHighAge        whole numbers, or blank; read when present

The rest are ignored. Blank text is stored as NULL (the five names above as ""). A UTF-8 file
(with a byte order mark, or valid UTF-8 throughout, as when the extract has been re-saved) is
read as UTF-8; see api.services.csv_import. A file whose lines are in both encodings, or that
is cut off (no final line break, an open quote, a short last row), is refused whole, so that a
scheduled import fails rather than storing garbled names or a part of the register; see
api.services.csv_integrity.

Schools absent from the file are left alone: GIAS keeps closed establishments in the extract
with their status "Closed", which is how a school leaves the register.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, BinaryIO, cast

from sqlalchemy.orm import Session

from api.domain.access import Principal
from api.domain.establishments import Standing, standing_of
from api.errors import Forbidden
from api.persistence import import_repository as repo
from api.persistence import work_groups_repository
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
from api.services.csv_integrity import CheckedSource, complete_rows

URN = "URN"
NAME = "EstablishmentName"
TYPE = "TypeOfEstablishment (name)"
GROUP = "EstablishmentTypeGroup (name)"
STATUS = "EstablishmentStatus (name)"
PHASE = "PhaseOfEducation (name)"
LA_CODE = "LA (code)"
LA_NAME = "LA (name)"
COUNTRY = "Country (name)"

# GIAS column -> school column.
_NAMES = {
    TYPE: "type_of_establishment",
    GROUP: "type_group",
    STATUS: "status",
    PHASE: "phase_of_education",
}
_OPTIONAL_TEXT = {
    "Street": "street",
    "Town": "town",
    "Postcode": "postcode",
    "TelephoneNum": "telephone",
    "HeadFirstName": "head_first_name",
    "HeadLastName": "head_last_name",
    COUNTRY: "country",
}
_DATES = {
    "OpenDate": "open_date",
    "CloseDate": "close_date",
    "LastChangedDate": "last_changed_date",
}
_AGES = {"StatutoryLowAge": "statutory_low_age", "StatutoryHighAge": "statutory_high_age"}

REQUIRED_COLUMNS = (URN, NAME, *_NAMES, LA_CODE, LA_NAME, *_OPTIONAL_TEXT, *_DATES)
OPTIONAL_COLUMNS = tuple(_AGES)

_URN = re.compile(r"\d{6}")
_LA_CODE = re.compile(r"\d{3}")
_DATE = re.compile(r"(\d{2})-(\d{2})-(\d{4})")
_WHOLE_NUMBER = re.compile(r"\d{1,3}")
_LA_NAME_LIMIT = repo.text_limits("local_authority")["name"]


def import_gias(
    session: Session,
    source: BinaryIO,
    *,
    on_progress: Callable[[int], None] | None = None,
    actor: Principal | None = None,
) -> ImportReport:
    """Upsert every establishment of the extract by URN; rows that cannot be read are rejected
    with their line, the rest imported. `actor` None is the command line."""
    if actor is not None and not actor.is_national:
        raise Forbidden("Only a national administrator can import the school register.")
    # A file in two encodings or cut off is refused whole (api.services.csv_integrity).
    checked = CheckedSource(source, legacy_encoding="cp1252")
    with checked.explaining_a_cut_off_end():
        # CsvFile reads its source with readline() alone, which CheckedSource provides.
        csv_file = CsvFile(
            cast(BinaryIO, checked), legacy_encoding="cp1252", on_progress=on_progress
        )
        return _import(session, csv_file, actor)


def _import(session: Session, csv_file: CsvFile, actor: Principal | None) -> ImportReport:
    reader = _Reader(csv_file.columns(REQUIRED_COLUMNS, OPTIONAL_COLUMNS, what=_WHAT), csv_file)
    repo.begin_bulk(session, "school_import")  # before reading anything stored
    authorities = _LocalAuthorities(repo.local_authorities(session))
    tally = Tally()
    now = utc_now()
    # One byte per possible URN: duplicates are found in constant memory, whatever the file.
    seen = bytearray(1_000_000)
    for batch in batches(complete_rows(csv_file.rows(), reader.width)):
        schools: list[dict[str, Any]] = []
        for row in batch:
            try:
                school = reader.school(row)
                if seen[int(school["urn"])]:
                    raise RowRejected(_AGAIN)
                authorities.see(school["la_code"], row.fields[reader.la_name].strip())
            except RowRejected as rejected:
                tally.reject(row.line, reader.key(row), rejected.reason)
                continue
            seen[int(school["urn"])] = 1
            schools.append(school)
        authorities.write(session)
        _write(session, schools, reader.fields, tally, now)
        tally.end_batch()
        csv_file.report_progress()
    csv_file.report_progress()
    report = tally.report()
    if report.created or report.updated:
        # Timetables name their host schools, and coverage counts the register: cached copies
        # must be made again.
        work_groups_repository.raise_data_version(session)
    audit.record(
        session,
        actor,
        action="import",
        resource_type="school_import",
        resource_id=csv_file.sha256,
        hub_id=None,
        before=None,
        after=report.counts(),
        note=f"GIAS establishment extract; local authorities: {authorities.summary()}.",
    )
    return report


_WHAT = "the GIAS establishment extract (edubasealldataYYYYMMDD.csv)"
_AGAIN = "This URN appears more than once in the file; its first row was imported."


class _Reader:
    """Turns one row of the extract into the school's column values, or rejects it."""

    def __init__(self, positions: dict[str, int], csv_file: CsvFile) -> None:
        self.width = len(csv_file.header)
        self.urn = positions[URN]
        self.name = positions[NAME]
        self.la_code = positions[LA_CODE]
        self.la_name = positions[LA_NAME]
        limits = repo.text_limits("school")
        self._names = [(positions[c], c, a, limits[a]) for c, a in _NAMES.items()]
        self._texts = [(positions[c], c, a, limits[a]) for c, a in _OPTIONAL_TEXT.items()]
        self._name_limit = limits["name"]
        self._dates = [(positions[c], c, a) for c, a in _DATES.items()]
        # Ages only when the file has them, so an extract without leaves stored ages alone.
        self._ages = [(positions[c], c, a) for c, a in _AGES.items() if c in positions]
        # The columns compared with the stored school, in a fixed order.
        self.fields: tuple[str, ...] = (
            "name",
            *(a for *_, a, _limit in self._names),
            "la_code",
            *(a for *_, a, _limit in self._texts),
            *(a for *_, a in self._dates),
            *(a for *_, a in self._ages),
            "state_funded",
        )

    def key(self, row: Row) -> str | None:
        return row.fields[self.urn].strip() if len(row.fields) > self.urn else None

    def school(self, row: Row) -> dict[str, Any]:
        check_width(row, self.width)
        fields = row.fields
        urn = fields[self.urn].strip()
        if not _URN.fullmatch(urn):
            raise RowRejected("URN must be six digits.")
        name = fields[self.name].strip()
        if not name:
            raise RowRejected(f"{NAME} is missing.")
        values: dict[str, Any] = {"urn": urn, "name": _fits(NAME, name, self._name_limit)}
        for index, column, attribute, limit in self._names:
            values[attribute] = _fits(column, fields[index].strip(), limit)
        la_code = fields[self.la_code].strip()
        if la_code and not _LA_CODE.fullmatch(la_code):
            raise RowRejected(f"{LA_CODE} must be three digits, not “{la_code}”.")
        values["la_code"] = la_code or None
        for index, column, attribute, limit in self._texts:
            values[attribute] = _fits(column, fields[index].strip(), limit) or None
        for index, column, attribute in self._dates:
            values[attribute] = _date(column, fields[index].strip())
        for index, column, attribute in self._ages:
            values[attribute] = _age(column, fields[index].strip())
        standing = standing_of(
            values["type_group"],
            values["type_of_establishment"],
            values["status"],
            values["country"] or "",
        )
        values["state_funded"] = standing.standing is Standing.STATE_FUNDED_IN_ENGLAND
        return values


def _fits(column: str, text: str, limit: int) -> str:
    if len(text) > limit:
        raise RowRejected(f"{column} is longer than {limit} characters.")
    return text


def _date(column: str, text: str) -> date | None:
    if not text:
        return None
    match = _DATE.fullmatch(text)
    if match:
        try:
            return date(int(match[3]), int(match[2]), int(match[1]))
        except ValueError:
            pass
    raise RowRejected(f"{column} must be a date written dd-mm-yyyy, not “{text}”.")


def _age(column: str, text: str) -> int | None:
    if not text:
        return None
    if not _WHOLE_NUMBER.fullmatch(text):
        raise RowRejected(f"{column} must be a whole number of years, not “{text}”.")
    return int(text)


class _LocalAuthorities:
    """The authorities named in the file, written ahead of the schools that refer to them."""

    def __init__(self, stored: dict[str, str]) -> None:
        self._known = stored  # code -> name, as it will be once the pending writes are done
        self._new: dict[str, str] = {}
        self._renamed: dict[str, str] = {}
        self.added = 0
        self.renamed = 0

    def see(self, code: str | None, name: str) -> None:
        if code is None:
            return
        known = self._known.get(code)
        if not name:
            if known is None:
                raise RowRejected(f"{LA_NAME} is missing for the new authority {code}.")
            return
        if len(name) > _LA_NAME_LIMIT:
            raise RowRejected(f"{LA_NAME} is longer than {_LA_NAME_LIMIT} characters.")
        if known is None or code in self._new:
            self._new[code] = name
        elif known != name:
            self._renamed[code] = name
        self._known[code] = name

    def write(self, session: Session) -> None:
        repo.insert_local_authorities(
            session, [{"code": code, "name": name} for code, name in self._new.items()]
        )
        repo.update_local_authorities(
            session, [{"code": code, "name": name} for code, name in self._renamed.items()]
        )
        self.added += len(self._new)
        self.renamed += len(self._renamed)
        self._new.clear()
        self._renamed.clear()

    def summary(self) -> str:
        return f"{self.added} added, {self.renamed} renamed"


def _write(
    session: Session,
    schools: list[dict[str, Any]],
    fields: tuple[str, ...],
    tally: Tally,
    now: datetime,
) -> None:
    stored = repo.schools_by_urn(session, [s["urn"] for s in schools], fields)
    new: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    for school in schools:
        before = stored.get(school["urn"])
        if before is None:
            new.append({**school, "created_at": now, "updated_at": now})
            tally.created += 1
        elif before == tuple(school[name] for name in fields):
            tally.unchanged += 1
        else:
            changed.append({**school, "updated_at": now})
            tally.updated += 1
    repo.insert_schools(session, new)
    repo.update_schools(session, changed)
