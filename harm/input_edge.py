"""Text a database or a page cannot hold is refused at the edge, before any view sees it.

A lone surrogate (U+D800-U+DFFF) is valid JSON and passes marshmallow, then breaks at encode time on
every page that shows it; a NUL breaks PostgreSQL. Deep JSON makes the parser recurse until it fails.
"""
from __future__ import annotations

import json
import re
from typing import Any

from flask import Flask, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from harm.errors import api_error, error_page
from harm.security import is_api_request

MAX_JSON_DEPTH = 64
WRITES = {"POST", "PUT", "PATCH", "DELETE"}
UNSAVABLE = re.compile("[\x00\ud800-\udfff]")
# An escape pair is one token, so an escaped quote never ends a string (and the scan stays linear).
JSON_TOKEN = re.compile(r'\\.|["\[\]{}]', re.DOTALL)


def has_unsavable(text: str) -> bool:
    return UNSAVABLE.search(text) is not None


def json_depth(raw: str) -> int:
    """How deeply arrays and objects nest, counted without parsing (no recursion); brackets in strings do not count."""
    depth = deepest = 0
    in_string = False
    for match in JSON_TOKEN.finditer(raw):
        piece = match.group()
        if piece == '"':
            in_string = not in_string
        elif in_string or len(piece) == 2:
            continue
        elif piece in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def unsavable_in_json(value: Any) -> bool:
    """Any key or string, at any depth, that holds a lone surrogate or a NUL (walked without recursion)."""
    waiting = [value]
    while waiting:
        item = waiting.pop()
        if isinstance(item, str):
            if has_unsavable(item):
                return True
        elif isinstance(item, dict):
            waiting.extend(item.keys())
            waiting.extend(item.values())
        elif isinstance(item, list):
            waiting.extend(item)
    return False


def unsavable_in_pairs(pairs: Any) -> bool:
    return any(has_unsavable(key) or has_unsavable(value) for key, value in pairs.items(multi=True))


def _refuse(code: int, message: object) -> Any:
    if is_api_request():
        return api_error(code, str(message))
    return error_page(code, str(message))


def check_request() -> Any:
    """Refuse a request with unsavable text in its query or body (422) or JSON nested too deeply (400)."""
    # Lazy: translated only when a request is refused, not on every request.
    unsavable = _l("Some of the text has characters we cannot save. Please take them out and try again.")
    if unsavable_in_pairs(request.args):  # a search word or a `next` reaches the database or a page too
        return _refuse(422, unsavable)
    if request.method not in WRITES:
        return None
    if request.is_json:
        raw = request.get_data(cache=True, as_text=True)
        if json_depth(raw) > MAX_JSON_DEPTH:
            return _refuse(400, _("That request has too many levels inside each other."))
        try:
            body = json.loads(raw) if raw.strip() else None
        except (ValueError, RecursionError):
            return None  # the view's own parser answers a malformed body with its 400
        if unsavable_in_json(body):
            return _refuse(422, unsavable)
    elif unsavable_in_pairs(request.form):
        return _refuse(422, unsavable)
    return None


def init_app(app: Flask) -> None:
    # Registered right after the sign-in check, before any feature's own before-request function.
    app.before_request(check_request)
