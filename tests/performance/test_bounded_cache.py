"""The bounded cache behind kept page parts and signed CSRF tokens: never more than its size, oldest use out."""
from __future__ import annotations

from harm.bounded_cache import BoundedCache


def test_it_keeps_at_most_its_size_and_drops_the_least_recently_used():
    cache = BoundedCache[str](2)
    cache.put("a", "first")
    cache.put("b", "second")
    assert cache.get("a") == "first"  # "a" is now the most recently used
    cache.put("c", "third")
    assert cache.get("b") is None
    assert (cache.get("a"), cache.get("c")) == ("first", "third")


def test_putting_again_replaces_and_counts_as_a_use():
    cache = BoundedCache[str](2)
    cache.put("a", "old")
    cache.put("b", "second")
    cache.put("a", "new")
    cache.put("c", "third")
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == ("new", None, "third")
    cache.clear()
    assert cache.get("a") is None


def test_a_weight_limit_drops_the_oldest_until_the_rest_fits():
    cache = BoundedCache[str](100, max_weight=10, weigh=len)
    cache.put("a", "12345")
    cache.put("b", "1234")
    cache.put("a", "123")  # replaced: its old weight no longer counts
    cache.put("c", "123")
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == ("123", "1234", "123")
    cache.put("d", "12345678")
    assert (cache.get("a"), cache.get("b"), cache.get("c"), cache.get("d")) == (None, None, None, "12345678")
    cache.put("huge", "x" * 11)  # more than the whole limit: kept by nobody
    assert cache.get("huge") is None and cache.get("d") is None
