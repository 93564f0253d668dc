"""Cells of the CSVs people open in a spreadsheet."""

from __future__ import annotations


def as_text(text: str) -> str:
    """Text a spreadsheet would run as a formula (=, +, -, @ first) is kept as text."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
