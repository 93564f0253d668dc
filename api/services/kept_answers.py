"""A small, thread-safe least-recently-used store for answers a process keeps between requests
(rendered timetables, reports, a report's denominator). Keys carry the data version they were
made from, so an answer of an older version is never asked for again and simply ages out."""

from __future__ import annotations

import threading
from collections.abc import Hashable
from typing import Generic, TypeVar

from cachetools import LRUCache

V = TypeVar("V")


class KeptAnswers(Generic[V]):
    def __init__(self, size: int) -> None:
        self._items: LRUCache[Hashable, V] = LRUCache(maxsize=size)
        # cachetools' caches are not thread-safe; requests run in a pool of threads.
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> V | None:
        with self._lock:
            return self._items.get(key)

    def put(self, key: Hashable, value: V) -> None:
        with self._lock:
            self._items[key] = value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
