from datetime import date

import pytest

from api.domain.academic_year import AcademicYear
from api.domain.programme_rules import programme_problems

Y2122 = AcademicYear(2021)


def test_a_consistent_programme_has_no_problems() -> None:
    assert (
        programme_problems(
            code="NCP21-11",
            academic_year=Y2122,
            applications_open_on=date(2021, 5, 1),
            closing_date=date(2021, 7, 1),
        )
        == []
    )


@pytest.mark.parametrize(
    ("code", "opens", "closes", "field", "words"),
    [
        ("NCP24-14", None, None, "code", "NCP21-"),
        (None, date(2021, 6, 1), date(2021, 5, 31), "closing_date", "on or after"),
        (None, None, date(2022, 9, 1), "closing_date", "31 August 2022"),
    ],
)
def test_inconsistent_programmes_name_the_field(
    code: str | None, opens: date | None, closes: date | None, field: str, words: str
) -> None:
    problems = programme_problems(
        code=code, academic_year=Y2122, applications_open_on=opens, closing_date=closes
    )
    assert len(problems) == 1
    assert problems[0][0] == field
    assert words in problems[0][1]
