"""The national project code's one shape, which the schemas and the database also hold to."""

from __future__ import annotations

import pytest

from api.domain.programme_code import EXAMPLE, is_programme_code


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        (EXAMPLE, True),
        ("NCP24-14", True),
        ("NCP2-14", False),  # two digits for the year
        ("NCP24-1", False),
        ("ncp24-14", False),
        ("NCP24-14\n", False),  # `$` alone would let a final newline through
        ("NCP٢٤-١٤", False),  # digits of another script, which the database refuses
        ("40-26-2027", False),  # what the national benchmark data once wrote
        ("", False),
    ],
)
def test_a_code_is_ncp_two_digits_dash_two_digits(text: str, valid: bool) -> None:
    assert is_programme_code(text) is valid
