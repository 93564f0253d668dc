"""The audit log's field labels: known labels, labels of one kind of record, and names in words."""

from __future__ import annotations

import pytest

from api.domain.audit_wording import field_label


@pytest.mark.parametrize(
    ("kind", "field", "label"),
    [
        ("session", "start_time", "Start time"),
        ("session", "cancellation_reason", "Reason for cancelling"),
        ("session", "status", "Session status"),
        ("programme", "status", "Programme status"),
        ("work_group", "host_urn", "Host school (URN)"),
        ("person", "school_urn", "School (URN)"),
        # Not listed: the name in words, its abbreviations spelt out, "id" dropped.
        ("person", "first_name", "First name"),
        ("school", "la_name", "Local authority name"),
        ("programme", "ks_stage", "Key Stage stage"),
        ("work_group", "continued_from_id", "Continued from"),
        # Nothing left to say in words: the name as it is.
        ("work_group", "id", "id"),
    ],
)
def test_a_field_reads_in_words(kind: str, field: str, label: str) -> None:
    assert field_label(kind, field) == label
