from __future__ import annotations

from datetime import date

import pytest

from api.domain.wording import counted, format_date, format_pence, join_words, number_word, ordinal


@pytest.mark.parametrize(
    ("pence", "text"),
    [(100_000, "£1,000"), (200_050, "£2,000.50"), (5, "£0.05"), (0, "£0"), (-150, "-£1.50")],
)
def test_format_pence(pence: int, text: str) -> None:
    assert format_pence(pence) == text


def test_format_date() -> None:
    assert format_date(date(2018, 5, 18)) == "Friday 18 May 2018"
    assert format_date(date(2017, 1, 10)) == "Tuesday 10 January 2017"


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "first"),
        (3, "third"),
        (10, "tenth"),
        (11, "11th"),
        (21, "21st"),
        (22, "22nd"),
        (23, "23rd"),
        (112, "112th"),
    ],
)
def test_ordinal(n: int, text: str) -> None:
    assert ordinal(n) == text


def test_words() -> None:
    assert (number_word(2), number_word(12)) == ("two", "12")
    assert join_words([]) == ""
    assert join_words(["a"]) == "a"
    assert join_words(["a", "b", "c"], "or") == "a, b or c"
    assert counted(1, "early career teacher", "early career teachers") == "an early career teacher"
    assert counted(3, "teacher", "teachers") == "three teachers"
