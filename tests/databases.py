"""Which database the tests run on."""

from __future__ import annotations

import os
from pathlib import Path


def database_url_for(tmp: Path) -> str:
    """TEST_DATABASE_URL (PostgreSQL in CI) or a fresh SQLite file."""
    return os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp / 'test.db'}"


def is_postgres(url: str) -> bool:
    return url.startswith("postgresql")
