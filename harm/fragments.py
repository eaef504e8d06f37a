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

from collections.abc import Callable, Hashable

from flask import Flask, current_app, request
from flask_babel import get_locale
from markupsafe import Markup

from harm.bounded_cache import BoundedCache
from harm.dates import reader_zone

MAX_FRAGMENTS = 4096  # a section card is about 2 KB
MAX_FRAGMENT_TEXT = 16_000_000  # characters in all (a caseload's list is some 1.5 KB a family): 16-64 MB at most
# A page's top holds its address seven times (the language links): an address longer than this, which only a
# made-up link has, renders every time instead of filling the cache with copies of it.
MAX_KEY_TEXT = 300


class FragmentCache(BoundedCache[Markup]):
    def get_or_render(self, key: tuple[Hashable, ...], render: Callable[[], str]) -> Markup:
        found = self.get(key)
        if found is not None:
            return found
        html = _escaped(render())
        self.put(key, html)
        return html


def _escaped(html: str) -> Markup:
    if not isinstance(html, Markup):
        raise TypeError("cached_fragment is for autoescaped templates only")
    return html


def cached_fragment(*key: Hashable, caller: Callable[[], str]) -> Markup:
    # The language and the address the app is mounted at change every link and word inside; the reader's time
    # zone changes every stored time shown inside.
    if any(isinstance(part, str) and len(part) > MAX_KEY_TEXT for part in key):
        return _escaped(caller())
    cache: FragmentCache = current_app.extensions["fragments"]
    return cache.get_or_render((str(get_locale()), str(reader_zone()), request.script_root, *key), caller)


def init_app(app: Flask) -> None:
    app.extensions["fragments"] = FragmentCache(MAX_FRAGMENTS, MAX_FRAGMENT_TEXT, len)
    app.jinja_env.globals["cached_fragment"] = cached_fragment
