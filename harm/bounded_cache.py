"""A cache of at most `size` entries (and, if given, `max_weight` in all) that any thread may use; the least
recently used goes first."""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

Value = TypeVar("Value")


class BoundedCache(Generic[Value]):
    def __init__(self, size: int, max_weight: int | None = None, weigh: Callable[[Value], int] = lambda _: 0) -> None:
        self.size = size
        self.max_weight = max_weight
        self._weigh = weigh
        self._weight = 0
        self._items: OrderedDict[Hashable, Value] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Value | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: Hashable, value: Value) -> None:
        with self._lock:
            if key in self._items:
                self._weight -= self._weigh(self._items[key])
            self._items[key] = value
            self._items.move_to_end(key)
            self._weight += self._weigh(value)
            while len(self._items) > self.size or (self.max_weight is not None and self._weight > self.max_weight):
                _key, oldest = self._items.popitem(last=False)
                self._weight -= self._weigh(oldest)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._weight = 0
