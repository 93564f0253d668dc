"""Counting words as a person counts them, for the head of department's statement (002)."""

from __future__ import annotations

import re

# A word holds at least one letter or digit: "long-term" and "don't" are one word each,
# "–" or "&" on their own are none, and "Year 7" is two.
_WORD = re.compile(r"[^\W_](?:[^\s]*[^\W_])?")


def count_words(text: str) -> int:
    return sum(1 for _ in _WORD.finditer(text))


def over_limit(text: str, limit: int | None) -> int:
    """How many words too many; 0 when within the limit or there is none."""
    if limit is None:
        return 0
    return max(count_words(text) - limit, 0)
