import pytest
from hypothesis import given
from hypothesis import strategies as st

from api.domain.words import count_words, over_limit


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", 0),
        ("   \n\t ", 0),
        ("Teaching for mastery", 3),
        ("A long-term plan – for Year 7 & Year 8.", 8),
        ("Don't stop; we'll   carry on…", 5),
        ("Maths,English,Science", 1),
        ("St Bede’s (Primary)", 3),
        ("2016/17 was the pilot year", 5),
    ],
)
def test_count_words(text: str, words: int) -> None:
    assert count_words(text) == words


def test_over_limit() -> None:
    assert over_limit("one two three", None) == 0
    assert over_limit("one two three", 3) == 0
    assert over_limit("one two three", 2) == 1


@given(st.lists(st.from_regex(r"[A-Za-z]{1,8}", fullmatch=True), max_size=40))
def test_words_joined_by_spaces_count_one_each(words: list[str]) -> None:
    assert count_words(" ".join(words)) == len(words)
