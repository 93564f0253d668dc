"""The PostgreSQL listener that keeps each process's data version current: it hears every
committed raise (and change of credentials), never a rolled-back one, and vouches for nothing
while it cannot listen."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker

from api.persistence.access_repository import credentials_changed
from api.persistence.data_version_watch import DataVersionWatch
from api.persistence.database import unit_of_work
from api.persistence.work_groups_repository import data_version, raise_data_version

pytestmark = pytest.mark.postgres_only


def _until(condition: Callable[[], bool], seconds: float = 30) -> bool:
    """Whether `condition` holds within `seconds`: generous, as it is only waited for in full
    when something is wrong."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def test_the_listener_hears_each_committed_raise_and_not_a_rolled_back_one(
    engine: Engine,
) -> None:
    factory = sessionmaker(engine)
    watch = DataVersionWatch(engine.url.render_as_string(hide_password=False))
    watch.start()
    try:
        assert _until(lambda: watch.current() is not None), "the listener never connected"
        before = watch.current()
        with unit_of_work(factory) as session:
            raise_data_version(session)
        assert _until(lambda: watch.current() != before)
        with unit_of_work(factory, writes=False) as session:
            assert watch.current() == data_version(session)

        heard = watch.current()
        with pytest.raises(RuntimeError), unit_of_work(factory) as session:  # noqa: PT012
            raise_data_version(session)
            raise RuntimeError("the change fails")
        assert not _until(lambda: watch.current() != heard, seconds=0.5)
    finally:
        watch.stop()
    assert watch.current() is None


def test_a_listener_that_cannot_connect_vouches_for_nothing(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger=DataVersionWatch.__module__)
    watch = DataVersionWatch("postgresql://postgres@127.0.0.1:1/nowhere?connect_timeout=1")
    watch.start()
    try:
        # It tried and failed (a listener that never started would pass what follows too).
        assert _until(lambda: "data version listener" in caplog.text), "it never tried"
        assert watch.current() is None
    finally:
        watch.stop()
    assert watch.current() is None
    assert watch.credentials_generation() is None


def test_credentials_cached_before_a_committed_change_are_no_longer_trusted(
    engine: Engine,
) -> None:
    factory = sessionmaker(engine)
    watch = DataVersionWatch(engine.url.render_as_string(hide_password=False))
    watch.start()
    try:
        assert _until(lambda: watch.credentials_generation() is not None), "never connected"
        before = watch.credentials_generation()
        with unit_of_work(factory) as session:
            credentials_changed(session)
        assert _until(lambda: watch.credentials_generation() != before)

        heard = watch.credentials_generation()
        with pytest.raises(RuntimeError), unit_of_work(factory) as session:  # noqa: PT012
            credentials_changed(session)
            raise RuntimeError("the revocation fails")
        assert not _until(lambda: watch.credentials_generation() != heard, seconds=0.5)
    finally:
        watch.stop()
    assert watch.credentials_generation() is None
