import pytest

from api.domain.programme_status import ProgrammeStatus as S
from api.domain.programme_status import StatusChangeRefused, change_status


@pytest.mark.parametrize(
    ("current", "requested"),
    [
        (S.DRAFT, S.OPEN),
        (S.OPEN, S.FULLY_BOOKED),
        (S.FULLY_BOOKED, S.CLOSED),
        (S.FULLY_BOOKED, S.OPEN),
        (S.OPEN, S.CLOSED),
        (S.DRAFT, S.CLOSED),
        (S.OPEN, S.OPEN),
    ],
)
def test_allowed_moves(current: S, requested: S) -> None:
    assert change_status(current, requested) == requested


@pytest.mark.parametrize(
    ("current", "requested"),
    [(S.CLOSED, S.OPEN), (S.OPEN, S.DRAFT), (S.DRAFT, S.FULLY_BOOKED), (S.CLOSED, S.DRAFT)],
)
def test_refused_moves_say_what_is_possible(current: S, requested: S) -> None:
    with pytest.raises(StatusChangeRefused) as refused:
        change_status(current, requested)
    assert refused.value.current == current
    assert requested.value in str(refused.value)
    assert "can become" in str(refused.value)
