"""The one check for every `next` a link or form carries: only a path on this site is ever followed."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from flask import request

MAX_LENGTH = 2000
# Every C0 and C1 control and DEL: browsers drop tabs and newlines inside a URL, so `/\t/evil` becomes `//evil`.
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def same_site_path(raw: str | None, default: str) -> str:
    """`raw` if it is a path on this site (one leading slash, no controls, no backslash, no scheme), else `default`."""
    target = raw or ""
    if len(target) > MAX_LENGTH or CONTROL.search(target) or "\\" in target:
        return default
    if not target.startswith("/") or target.startswith("//"):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return default
    return target


def safe_next(default: str) -> str:
    """The request's `next` (query or form) when it stays on this site, else `default`."""
    return same_site_path(request.values.get("next"), default)
