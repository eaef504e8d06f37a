"""Rendered page parts kept in memory, keyed by what they show: a saved plan section renders once a version.

Also the parts of every page that depend on nothing but the language (base.html's head links, header,
footer links). In a template:

    {% call cached_fragment("section-card", family.public_id, section.key, section.version, section.updated_at) %}
      ... HTML that depends on nothing but the key (and the language, added here) ...
    {% endcall %}

Every save gives a section a new version and time, so a changed section never shows an old rendering.
The cache is per process and bounded; the oldest entries go first.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from flask import Flask, current_app, request
from flask_babel import get_locale
from markupsafe import Markup

MAX_FRAGMENTS = 4096  # a section card is about 2 KB: some 8 MB at most


class FragmentCache:
    def __init__(self, size: int = MAX_FRAGMENTS) -> None:
        self.size = size
        self._items: OrderedDict[tuple[Hashable, ...], Markup] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_render(self, key: tuple[Hashable, ...], render: Callable[[], str]) -> Markup:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                return found
        html = render()
        if not isinstance(html, Markup):
            raise TypeError("cached_fragment is for autoescaped templates only")
        with self._lock:
            self._items[key] = html
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return html

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


def cached_fragment(*key: Hashable, caller: Callable[[], str]) -> Markup:
    # The language and the address the app is mounted at change every link and word inside.
    cache: FragmentCache = current_app.extensions["fragments"]
    return cache.get_or_render((str(get_locale()), request.script_root, *key), caller)


def init_app(app: Flask) -> None:
    app.extensions["fragments"] = FragmentCache()
    app.jinja_env.globals["cached_fragment"] = cached_fragment
