from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from api.domain.academic_year import AcademicYear, InvalidAcademicYear


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (date(2016, 9, 1), "2016/17"),
        (date(2017, 1, 10), "2016/17"),
        (date(2017, 8, 31), "2016/17"),
        (date(2018, 5, 18), "2017/18"),
        (date(2099, 12, 31), "2099/00"),
    ],
)
def test_academic_year_of_a_date(day: date, label: str) -> None:
    assert AcademicYear.of(day).label == label


@pytest.mark.parametrize("text", ["2023-24", "2023/24", " 2023-24 "])
def test_parse_accepts_url_and_text_forms(text: str) -> None:
    year = AcademicYear.parse(text)
    assert (year.slug, year.label, str(year)) == ("2023-24", "2023/24", "2023/24")


@pytest.mark.parametrize("text", ["2023-25", "23/24", "2023", "2023-2024", "abcd-ef"])
def test_parse_refuses_what_is_not_a_year(text: str) -> None:
    with pytest.raises(InvalidAcademicYear):
        AcademicYear.parse(text)


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2200, 12, 31)))
def test_every_day_lies_inside_its_academic_year(day: date) -> None:
    year = AcademicYear.of(day)
    assert year.starts_on <= day <= year.ends_on
    assert AcademicYear.parse(year.slug) == year
    assert year.next().starts_on == date(year.ends_on.year, 9, 1)
