"""The moment the tests run at.

Fixed, so that no verdict depends on the day the suite runs; TEST_NOW moves it, to show that
none depends on the moment chosen either:

    TEST_NOW=2029-06-15T10:00:00+01:00 uv run pytest tests/api

Tests write their dates relative to TODAY (a closing date a month ahead is `TODAY + 30 days`),
and the app of the `app` fixture reads the same moment from its clock (tests/conftest.py).
"""

from __future__ import annotations

import os
from datetime import datetime

from api.clock import today_in_england

# A school day in the spring term: this year's programmes run, next year's open for applications.
DEFAULT_TEST_NOW = "2027-03-10T10:00:00+00:00"

TEST_NOW = datetime.fromisoformat(os.environ.get("TEST_NOW") or DEFAULT_TEST_NOW)
if TEST_NOW.tzinfo is None:
    raise ValueError(f"TEST_NOW needs its offset, such as 2029-06-15T10:00:00+01:00: {TEST_NOW}")
TODAY = today_in_england(TEST_NOW)
