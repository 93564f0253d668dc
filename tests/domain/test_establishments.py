"""GIAS facts: state-funded in England, open, and the phases a school teaches."""

from __future__ import annotations

import pytest

from api.domain.establishments import Standing, phases_taught_of, standing_of
from api.domain.journey import Phase

FUNDED = Standing.STATE_FUNDED_IN_ENGLAND
NOT_FUNDED = Standing.NOT_STATE_FUNDED


@pytest.mark.parametrize(
    ("group", "type_", "standing", "description"),
    [
        ("Academies", "Academy converter", FUNDED, "a state-funded school"),
        ("Free Schools", "Free schools", FUNDED, "a state-funded school"),
        ("Local authority maintained schools", "Community school", FUNDED, "a state-funded school"),
        ("Special schools", "Community special school", FUNDED, "a state-funded school"),
        ("Special schools", "Foundation special school", FUNDED, "a state-funded school"),
        ("Other types", "Pupil referral unit", FUNDED, "a state-funded school"),
        ("Independent schools", "City technology college", FUNDED, "a state-funded school"),
        (
            "Special schools",
            "Non-maintained special school",
            NOT_FUNDED,
            "a non-maintained special school",
        ),
        ("Independent schools", "Other independent school", NOT_FUNDED, "an independent school"),
        ("Independent schools", "Something new", NOT_FUNDED, "an independent school"),
        ("Other types", "Secure units", NOT_FUNDED, "a secure unit"),
        (
            "Other types",
            "Miscellaneous",
            NOT_FUNDED,
            "not a state-funded school (GIAS lists it as “Miscellaneous”)",
        ),
        ("Colleges", "Further education", NOT_FUNDED, "a college"),
        ("Universities", "Higher education institutions", NOT_FUNDED, "a university"),
        (
            "A new group",
            "A new type",
            NOT_FUNDED,
            "not a state-funded school (GIAS lists it as “A new type”)",
        ),
        ("Welsh schools", "Welsh establishment", Standing.NOT_IN_ENGLAND, "Wales"),
    ],
)
def test_state_funded_by_group_then_type(
    group: str, type_: str, standing: Standing, description: str
) -> None:
    found = standing_of(group, type_, "Open", "")
    assert (found.standing, found.description) == (standing, description)


@pytest.mark.parametrize(
    ("status", "standing", "description"),
    [
        ("Open", FUNDED, "a state-funded school"),
        ("Open, but proposed to close", FUNDED, "a state-funded school"),
        ("Closed", Standing.NOT_OPEN, "closed"),
        ("Proposed to open", Standing.NOT_OPEN, "proposed to open"),
        ("", Standing.NOT_OPEN, "not open"),
    ],
)
def test_a_school_must_be_open(status: str, standing: Standing, description: str) -> None:
    found = standing_of("Academies", "Academy converter", status, "")
    assert (found.standing, found.description) == (standing, description)


@pytest.mark.parametrize(
    ("country", "standing"),
    [
        ("", FUNDED),
        ("England", FUNDED),
        ("United Kingdom", FUNDED),
        (" Spain ", Standing.NOT_IN_ENGLAND),
    ],
)
def test_a_school_must_be_in_england(country: str, standing: Standing) -> None:
    assert standing_of("Academies", "Academy converter", "Open", country).standing is standing


def test_a_closed_school_is_refused_for_that_before_anything_else() -> None:
    assert (
        standing_of("Welsh schools", "Welsh establishment", "Closed", "").standing
        is Standing.NOT_OPEN
    )


P, S = Phase.PRIMARY, Phase.SECONDARY


@pytest.mark.parametrize(
    ("phase", "ages", "phases"),
    [
        ("Primary", None, {P}),
        ("Secondary", None, {S}),
        ("Middle deemed primary", None, {P, S}),
        ("Middle deemed secondary", None, {P, S}),
        ("All-through", None, {P, S}),
        ("16 plus", None, set()),
        ("Nursery", None, set()),
        ("Not applicable", (4, 11), {P}),
        ("Not applicable", (11, 16), {S}),
        ("Not applicable", (2, 19), {P, S}),
        ("Not applicable", (2, 5), set()),
        ("Not applicable", (16, 19), set()),
        ("Not applicable", None, None),
        ("Not applicable", (None, 11), None),
    ],
)
def test_phases_taught(
    phase: str, ages: tuple[int | None, int | None] | None, phases: set[Phase] | None
) -> None:
    low, high = ages or (None, None)
    taught = phases_taught_of(phase, low, high).phases
    assert taught == (None if phases is None else frozenset(phases))
