"""Small shared arithmetic of the reports."""

from __future__ import annotations


def percent(part: int, whole: int) -> float | None:
    """`part` of `whole` as a percentage to one decimal place; None when there is no whole."""
    if whole == 0:
        return None
    return round(100 * part / whole, 1)
