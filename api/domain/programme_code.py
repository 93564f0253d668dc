"""The national project code a programme may carry: NCP<yy>-<nn>, like NCP21-11 (003).

One shape for every layer, so that nothing is stored that a list could not answer with: the
request and response schemas take PATTERN, the services check with `is_programme_code`, and the
database's CHECK constraint `ck_programme_code_shape` (api.persistence.models.catalogue) spells
the same shape in SQL that SQLite and PostgreSQL both run. Digits are ASCII: a regex `\\d`
would also take the digits of other scripts, which the database refuses.
"""

from __future__ import annotations

import re

PATTERN = r"^NCP[0-9]{2}-[0-9]{2}$"
EXAMPLE = "NCP21-11"

_CODE = re.compile(PATTERN)


def is_programme_code(text: str) -> bool:
    # fullmatch, not match: Python's `$` also matches before a final newline.
    return _CODE.fullmatch(text) is not None
