"""Eligibility rules as data: a kind with parameters, stored as JSON on a programme.

A hub composes a new offer from these kinds without code; `rule_from_dict` and `rule_to_dict`
turn them into and out of plain dicts such as
`{"kind": "took_part_before", "stage": "development", "since": 2016}`.
`eligibility.py` gives them their meaning.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import MISSING, dataclass, fields
from datetime import date
from enum import StrEnum
from typing import Any, ClassVar, TypeVar

from api.domain.applicants import Role
from api.domain.journey import Phase, ProgrammeType, SktmPathway, Stage

# "At any time since 2016" (004) reads as a calendar year; anything outside these bounds is a typo.
EARLIEST_SINCE, LATEST_SINCE = 2000, 2100


class InvalidRule(ValueError):
    """A rule that cannot be read; `pointer` is a JSON pointer to the bad key ("/2/since")."""

    def __init__(self, pointer: str, message: str) -> None:
        self.pointer = pointer
        self.detail = message
        super().__init__(f"{pointer}: {message}")


@dataclass(frozen=True)
class StateFundedSchoolInEngland:
    """An open, state-funded school in England, read from GIAS (004)."""

    kind: ClassVar[str] = "state_funded_school_in_england"


@dataclass(frozen=True)
class PhaseOfEducation:
    """The school teaches this phase; without a phase, the programme's own (004, 002)."""

    phase: Phase | None = None
    kind: ClassVar[str] = "phase_of_education"


@dataclass(frozen=True)
class TookPartBefore:
    """Took part in a stage (or a named programme) in an earlier year, optionally since a
    calendar year (001, 003, 004).

    `since` counts a year that ended in or after it: "completed … at any time since 2016" (004)
    includes 2015/16, completed in July 2016. A stage without a phase means the programme's own
    phase.
    """

    stage: Stage | None = None
    phase: Phase | None = None
    programme: ProgrammeType | None = None
    since: int | None = None
    kind: ClassVar[str] = "took_part_before"

    def __post_init__(self) -> None:
        _check_target(self.stage, self.phase, self.programme, self.since)


@dataclass(frozen=True)
class NeverTookPart:
    """Has not taken part in a stage (or a named programme), in any year or since a calendar
    year (004: "Schools can only take part in this particular Work Group once")."""

    stage: Stage | None = None
    phase: Phase | None = None
    programme: ProgrammeType | None = None
    since: int | None = None
    kind: ClassVar[str] = "never_took_part"

    def __post_init__(self) -> None:
        _check_target(self.stage, self.phase, self.programme, self.since)


@dataclass(frozen=True)
class HasRole:
    """The person taking part has this role; an early career teacher is a teacher in the first
    or second year of teaching in the programme's year (004)."""

    role: Role
    kind: ClassVar[str] = "role"


@dataclass(frozen=True)
class CompletedProgramme:
    """Completed another programme first: ECT Phase 1 before Phase 2 (004)."""

    programme: ProgrammeType
    kind: ClassVar[str] = "completed_programme"


@dataclass(frozen=True)
class SktmPathwayNotTaken:
    """This SKTM pathway not taken before, and no other pathway in the same year (004)."""

    pathway: SktmPathway
    kind: ClassVar[str] = "sktm_pathway_not_taken"


@dataclass(frozen=True)
class ApplicationWindow:
    """Applications open at the start of `opens_on` and close at 23:59:59 on `closes_on`,
    Europe/London (000: Friday 18 May 2018; 002: 10 January 2017)."""

    closes_on: date
    opens_on: date | None = None
    kind: ClassVar[str] = "application_window"

    def __post_init__(self) -> None:
        if self.opens_on is not None and self.opens_on > self.closes_on:
            raise InvalidRule("/opens_on", "applications must open on or before the closing date")


@dataclass(frozen=True)
class PeopleNamed:
    """The application names at least so many people in each role (002: head teacher, head of
    department, two teachers; 003: one lead participant)."""

    roles: tuple[tuple[Role, int], ...]
    kind: ClassVar[str] = "people_named"

    def __post_init__(self) -> None:
        if not self.roles:
            raise InvalidRule("/roles", "name at least one role")
        seen: set[Role] = set()
        for role, count in self.roles:
            if role in seen:
                raise InvalidRule(f"/roles/{role.value}", "each role once")
            seen.add(role)
            if count < 1:
                raise InvalidRule(f"/roles/{role.value}", "must be a whole number, 1 or more")


@dataclass(frozen=True)
class CommitmentsConfirmed:
    """Every person named in a signatory role confirmed every commitment (002's "electronic
    signatures"; 000 and 004's statements of commitment)."""

    commitments: tuple[str, ...]
    signatories: tuple[Role, ...]
    kind: ClassVar[str] = "commitments_confirmed"

    def __post_init__(self) -> None:
        if not self.commitments:
            raise InvalidRule("/commitments", "list at least one commitment")
        for index, text in enumerate(self.commitments):
            if not text.strip():
                raise InvalidRule(f"/commitments/{index}", "a commitment cannot be blank")
        if len(set(self.commitments)) != len(self.commitments):
            raise InvalidRule("/commitments", "each commitment once")
        if not self.signatories:
            raise InvalidRule("/signatories", "list at least one role that signs")
        if len(set(self.signatories)) != len(self.signatories):
            raise InvalidRule("/signatories", "each role once")


Rule = (
    StateFundedSchoolInEngland
    | PhaseOfEducation
    | TookPartBefore
    | NeverTookPart
    | HasRole
    | CompletedProgramme
    | SktmPathwayNotTaken
    | ApplicationWindow
    | PeopleNamed
    | CommitmentsConfirmed
)

RULE_KINDS: Mapping[str, type[Rule]] = {
    cls.kind: cls
    for cls in (
        StateFundedSchoolInEngland,
        PhaseOfEducation,
        TookPartBefore,
        NeverTookPart,
        HasRole,
        CompletedProgramme,
        SktmPathwayNotTaken,
        ApplicationWindow,
        PeopleNamed,
        CommitmentsConfirmed,
    )
}


def _check_target(
    stage: Stage | None, phase: Phase | None, programme: ProgrammeType | None, since: int | None
) -> None:
    if (stage is None) == (programme is None):
        raise InvalidRule("/stage", "give either a stage or a programme")
    if phase is not None and programme is not None:
        raise InvalidRule("/phase", "a programme has its own phase; give a phase with a stage")
    if since is not None and not EARLIEST_SINCE <= since <= LATEST_SINCE:
        raise InvalidRule("/since", f"must be a year from {EARLIEST_SINCE} to {LATEST_SINCE}")


_E = TypeVar("_E", bound=StrEnum)


def _enum(value: object, enum: type[_E], pointer: str) -> _E:
    if isinstance(value, str):
        try:
            return enum(value)
        except ValueError:
            pass
    allowed = ", ".join(member.value for member in enum)
    raise InvalidRule(pointer, f"must be one of: {allowed}")


def _year(value: object, pointer: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidRule(pointer, "must be a year, such as 2016")
    return value


def _date(value: object, pointer: str) -> date:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise InvalidRule(pointer, "must be a date, such as 2018-05-18")


def _strings(value: object, pointer: str) -> list[str]:
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return value
    raise InvalidRule(pointer, "must be a list of text")


def _role_counts(value: object, pointer: str) -> tuple[tuple[Role, int], ...]:
    if not isinstance(value, Mapping):
        raise InvalidRule(pointer, 'must map roles to numbers, such as {"teacher": 2}')
    counts: list[tuple[Role, int]] = []
    for name, count in value.items():
        role = _enum(name, Role, f"{pointer}/{name}")
        if isinstance(count, bool) or not isinstance(count, int):
            raise InvalidRule(f"{pointer}/{name}", "must be a whole number, 1 or more")
        counts.append((role, count))
    return tuple(counts)


def rule_from_dict(data: Mapping[str, Any]) -> Rule:
    """Read one rule; InvalidRule names the bad key as a JSON pointer."""
    if not isinstance(data, Mapping):
        raise InvalidRule("", "a rule must be an object with a kind")
    kind = data.get("kind")
    if not isinstance(kind, str) or kind not in RULE_KINDS:
        raise InvalidRule("/kind", f"must be one of: {', '.join(RULE_KINDS)}")
    cls = RULE_KINDS[kind]
    names = {f.name for f in fields(cls)}
    for key in data:
        if key != "kind" and key not in names:
            raise InvalidRule(f"/{key}", f"is not a parameter of {kind}")
    params: dict[str, Any] = {}
    for key, value in data.items():
        if key == "kind" or value is None:
            continue
        pointer = f"/{key}"
        if key == "stage":
            params[key] = _enum(value, Stage, pointer)
        elif key == "phase":
            params[key] = _enum(value, Phase, pointer)
        elif key == "since":
            params[key] = _year(value, pointer)
        elif key == "role":
            params[key] = _enum(value, Role, pointer)
        elif key == "programme":
            params[key] = _enum(value, ProgrammeType, pointer)
        elif key == "pathway":
            params[key] = _enum(value, SktmPathway, pointer)
        elif key in ("closes_on", "opens_on"):
            params[key] = _date(value, pointer)
        elif key == "roles":
            params[key] = _role_counts(value, pointer)
        elif key == "commitments":
            params[key] = tuple(_strings(value, pointer))
        else:  # signatories: the only list of roles
            params[key] = tuple(
                _enum(item, Role, f"{pointer}/{index}")
                for index, item in enumerate(_strings(value, pointer))
            )
    for f in fields(cls):
        if f.name not in params and f.default is MISSING:
            raise InvalidRule(f"/{f.name}", f"{kind} needs {f.name}")
    return cls(**params)


def rule_to_dict(rule: Rule) -> dict[str, Any]:
    """The JSON form of a rule: its kind, then each parameter that is set."""
    data: dict[str, Any] = {"kind": rule.kind}
    for f in fields(rule):
        value = getattr(rule, f.name)
        if value is None:
            continue
        if isinstance(value, date):
            data[f.name] = value.isoformat()
        elif f.name == "roles":
            data[f.name] = {role.value: count for role, count in value}
        elif isinstance(value, tuple):
            data[f.name] = [str(item) for item in value]
        else:
            data[f.name] = value.value if isinstance(value, StrEnum) else value
    return data


def rules_from_dicts(items: Sequence[Mapping[str, Any]]) -> tuple[Rule, ...]:
    """Read a programme's list of rules; pointers start with the rule's index ("/2/since")."""
    if not isinstance(items, Sequence) or isinstance(items, str):
        raise InvalidRule("", "rules must be a list")
    rules: list[Rule] = []
    for index, item in enumerate(items):
        try:
            rules.append(rule_from_dict(item))
        except InvalidRule as error:
            raise InvalidRule(f"/{index}{error.pointer}", error.detail) from None
    return tuple(rules)


def rules_to_dicts(rules: Iterable[Rule]) -> list[dict[str, Any]]:
    return [rule_to_dict(rule) for rule in rules]
