"""Plain-English pieces for sentences a hub sends to a school (UX.md "Words")."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_ORDINALS = (
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
)


def format_date(day: date) -> str:
    """Friday 18 May 2018."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def format_pence(pence: int) -> str:
    """£1,000 for whole pounds, £1,000.50 otherwise; a minus sign before the pound sign."""
    sign = "-" if pence < 0 else ""
    pounds, rest = divmod(abs(pence), 100)
    return f"{sign}£{pounds:,}" + (f".{rest:02d}" if rest else "")


def number_word(n: int) -> str:
    """Words for small counts, as GOV.UK style writes them in running text."""
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


def ordinal(n: int) -> str:
    if 1 <= n <= len(_ORDINALS):
        return _ORDINALS[n - 1]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def join_words(items: Sequence[str], conjunction: str = "and") -> str:
    """a; a and b; a, b and c."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def counted(n: int, singular: str, plural: str) -> str:
    """a teacher, two teachers."""
    if n == 1:
        article = "an" if singular[:1] in "aeiou" else "a"
        return f"{article} {singular}"
    return f"{number_word(n)} {plural}"
