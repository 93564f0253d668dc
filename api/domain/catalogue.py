"""The programmes of the source documents with the rules they state: a hub's starting point.

Each entry is the JSON a hub would store on a programme (DOMAIN.md "Eligibility rules, as the
documents state them"); a hub copies and edits it for its own offer. The closing date is the
hub's, so `documented_programme` adds the application window.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from api.domain.academic_year import AcademicYear
from api.domain.eligibility import Programme
from api.domain.journey import ProgrammeType
from api.domain.rules import rules_from_dicts

# The four commitments of the Secondary expression of interest form (002), shortened.
SECONDARY_DEVELOPMENT_COMMITMENTS = (
    "The Work Group teachers will be released to attend four half-day meetings, one per "
    "half-term from January to July.",
    "The Work Group teachers will carry out the tasks agreed with the Mastery Specialist "
    "between each of the meetings.",
    "The head of department and senior leadership will fully support the Work Group teachers "
    "to undertake these development tasks.",
    "The Work Group teachers will contribute to the final reporting and evaluation of the "
    "Work Group.",
)

# Who can apply to Primary Development in 2018/19 (000).
PRIMARY_DEVELOPMENT_COMMITMENTS = (
    "The school is committed to developing a teaching for mastery approach.",
    "The school has the capacity for significant development work over two years.",
)

# Who can take part in Primary Embedding (004).
PRIMARY_EMBEDDING_COMMITMENTS = (
    "At least the lead teacher from the Development Work Group already uses mastery approaches.",
    "The head teacher and the school leadership team are involved in embedding teaching for "
    "mastery.",
)

_STATE_PRIMARY: tuple[dict[str, Any], ...] = (
    {"kind": "state_funded_school_in_england"},
    {"kind": "phase_of_education", "phase": "primary"},
)

DOCUMENTED_RULES: Mapping[ProgrammeType, tuple[dict[str, Any], ...]] = {
    ProgrammeType.PRIMARY_DEVELOPMENT: (
        *_STATE_PRIMARY,
        {"kind": "never_took_part", "stage": "development"},
        {"kind": "people_named", "roles": {"head_teacher": 1, "teacher": 2}},
        {
            "kind": "commitments_confirmed",
            "commitments": list(PRIMARY_DEVELOPMENT_COMMITMENTS),
            "signatories": ["head_teacher"],
        },
    ),
    ProgrammeType.PRIMARY_EMBEDDING: (
        {"kind": "took_part_before", "stage": "development"},
        {
            "kind": "commitments_confirmed",
            "commitments": list(PRIMARY_EMBEDDING_COMMITMENTS),
            "signatories": ["head_teacher"],
        },
    ),
    ProgrammeType.PRIMARY_SUSTAINING: (
        {"kind": "took_part_before", "stage": "development", "since": 2016},
    ),
    ProgrammeType.SECONDARY_DEVELOPMENT: (
        {"kind": "phase_of_education", "phase": "secondary"},
        # "Ideally two teachers" (002): one is enough to apply.
        {
            "kind": "people_named",
            "roles": {"head_teacher": 1, "head_of_department": 1, "teacher": 1},
        },
        {
            "kind": "commitments_confirmed",
            "commitments": list(SECONDARY_DEVELOPMENT_COMMITMENTS),
            "signatories": ["head_teacher", "head_of_department", "teacher"],
        },
    ),
    ProgrammeType.SECONDARY_EMBEDDING: (
        {"kind": "took_part_before", "stage": "development"},
        {"kind": "people_named", "roles": {"mastery_advocate": 1}},
    ),
    ProgrammeType.SECONDARY_SUSTAINING: (
        {"kind": "took_part_before", "stage": "development"},
        {"kind": "people_named", "roles": {"mastery_advocate": 1}},
    ),
    ProgrammeType.SKTM_PRIMARY_TEACHERS_NUMBER: (
        {"kind": "phase_of_education", "phase": "primary"},
        {"kind": "role", "role": "teacher"},
        {"kind": "sktm_pathway_not_taken", "pathway": "number"},
    ),
    ProgrammeType.SKTM_PRIMARY_TEACHERS_SPATIAL_REASONING: (
        {"kind": "phase_of_education", "phase": "primary"},
        {"kind": "role", "role": "teacher"},
        {"kind": "sktm_pathway_not_taken", "pathway": "spatial_reasoning"},
    ),
    ProgrammeType.SKTM_PRIMARY_TEACHING_ASSISTANTS: (
        {"kind": "phase_of_education", "phase": "primary"},
        {"kind": "role", "role": "teaching_assistant"},
    ),
    ProgrammeType.SKTM_PRIMARY_ECT_PHASE_1: (
        {"kind": "phase_of_education", "phase": "primary"},
        {"kind": "role", "role": "early_career_teacher"},
        # "For ECTs who have not yet participated in this project" (004).
        {"kind": "never_took_part", "programme": "sktm_primary_ect_phase_1"},
    ),
    ProgrammeType.SKTM_PRIMARY_ECT_PHASE_2: (
        {"kind": "phase_of_education", "phase": "primary"},
        {"kind": "completed_programme", "programme": "sktm_primary_ect_phase_1"},
    ),
}


def default_rules(
    programme_type: ProgrammeType, commitments: Sequence[str] = ()
) -> list[dict[str, Any]]:
    """The rules a new programme starts with: the documented ones, except that signatories
    confirm the programme's own commitments where it lists some. The documents' wording is a
    stand-in; confirming both would ask for the same promise twice in different words."""
    rules = [dict(rule) for rule in DOCUMENTED_RULES.get(programme_type, ())]
    for rule in rules:
        if rule["kind"] == "commitments_confirmed" and commitments:
            rule["commitments"] = list(commitments)
    return rules


def follow_commitments(
    rules: Sequence[Mapping[str, Any]], before: Sequence[str], after: Sequence[str]
) -> list[dict[str, Any]]:
    """The rules after a hub rewrites its programme's commitments: signatories who confirmed the
    commitments as they were now confirm them as they are, rather than both wordings. A rule
    with commitments of its own is the hub's choice and stays; so does every rule when the new
    list could not be confirmed (empty, a blank one, one twice)."""
    texts = [text.strip() for text in after]
    confirmable = bool(texts) and all(texts) and len(set(texts)) == len(texts)
    followed = []
    for rule in rules:
        copy = dict(rule)
        if (
            confirmable
            and copy.get("kind") == "commitments_confirmed"
            and list(copy.get("commitments", ())) == list(before)
        ):
            copy["commitments"] = list(after)
        followed.append(copy)
    return followed


def documented_programme(
    programme_type: ProgrammeType,
    academic_year: AcademicYear,
    *,
    closes_on: date,
    opens_on: date | None = None,
) -> Programme:
    """The documented rules of a kind of programme, with the hub's application window."""
    window: dict[str, Any] = {"kind": "application_window", "closes_on": closes_on.isoformat()}
    if opens_on is not None:
        window["opens_on"] = opens_on.isoformat()
    rules = rules_from_dicts([*DOCUMENTED_RULES.get(programme_type, ()), window])
    return Programme(programme_type, academic_year, rules)
