"""The facts an eligibility decision reads: the school, the person, the application, the history."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from api.domain.academic_year import AcademicYear
from api.domain.establishments import Establishment
from api.domain.journey import Participation, ProgrammeType


class Role(StrEnum):
    """What a person is, or what they are named as on an application (002, 004)."""

    HEAD_TEACHER = "head_teacher"  # "Head Teacher/Senior Leader" on the form in 002
    HEAD_OF_DEPARTMENT = "head_of_department"
    MATHS_LEAD = "maths_lead"
    TEACHER = "teacher"
    EARLY_CAREER_TEACHER = "early_career_teacher"
    TEACHING_ASSISTANT = "teaching_assistant"
    MASTERY_ADVOCATE = "mastery_advocate"

    @property
    def label(self) -> str:
        return _ROLE_LABELS[self]

    @property
    def plural(self) -> str:
        return _ROLE_PLURALS.get(self, _ROLE_LABELS[self] + "s")


_ROLE_LABELS = {
    Role.HEAD_TEACHER: "head teacher",
    Role.HEAD_OF_DEPARTMENT: "head of department",
    Role.MATHS_LEAD: "maths lead",
    Role.TEACHER: "teacher",
    Role.EARLY_CAREER_TEACHER: "early career teacher",
    Role.TEACHING_ASSISTANT: "teaching assistant",
    Role.MASTERY_ADVOCATE: "Mastery Advocate",
}

_ROLE_PLURALS = {Role.HEAD_OF_DEPARTMENT: "heads of department"}

# Everyone but a teaching assistant teaches: a maths lead or head of department is a teacher
# for "primary teachers" (SKTM, 004).
TEACHING_ROLES = frozenset(Role) - {Role.TEACHING_ASSISTANT}


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    role: Role
    # The academic year of their first year of teaching; an ECT is in the first or second (004).
    first_year_of_teaching: AcademicYear | None = None


@dataclass(frozen=True)
class ApplicationFacts:
    """What an application holds so far: the people named and who confirmed which commitment."""

    people: tuple[Person, ...] = ()
    # (person id, commitment text): each signatory confirming each commitment (002).
    confirmations: frozenset[tuple[str, str]] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Applicant:
    """A school, and for an SKTM programme the person who would take part.

    `application` is None when a school only asks whether it could apply; the rules about
    people and commitments are then pending rather than failed.
    """

    school: Establishment
    person: Person | None = None
    application: ApplicationFacts | None = None


class History:
    """The applicant's participations (the school's, or for SKTM the person's), indexed by kind.

    Withdrawn participations are left out: see `Participation.counts`.
    """

    __slots__ = ("_by_type",)

    def __init__(self, participations: Iterable[Participation] = ()) -> None:
        by_type: dict[ProgrammeType, list[Participation]] = {}
        for participation in participations:
            if participation.counts:
                by_type.setdefault(participation.programme_type, []).append(participation)
        self._by_type = {
            kind: tuple(sorted(items, key=lambda p: p.academic_year))
            for kind, items in by_type.items()
        }

    def of(self, kind: ProgrammeType) -> tuple[Participation, ...]:
        """Participations in one kind of programme, earliest year first."""
        return self._by_type.get(kind, ())

    def __repr__(self) -> str:
        return f"History({[p for items in self._by_type.values() for p in items]!r})"


EMPTY_HISTORY = History()
