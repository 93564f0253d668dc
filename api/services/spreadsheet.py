"""Cells of the CSVs people open in a spreadsheet."""

from __future__ import annotations

import re

# A plain number, such as a clawback of -12.50: a spreadsheet reads it as the number it is.
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


def as_text(text: str) -> str:
    """Text a spreadsheet would run as a formula (=, +, -, @ first) is kept as text."""
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _NUMBER.match(text):
        return "'" + text
    return text
