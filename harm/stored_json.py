"""Stored JSON, read so that a lone surrogate saved by an older version can never break a page."""
from __future__ import annotations

import json
import re
from typing import Any

# A surrogate pair in JSON text decodes to one character, so any surrogate left in a str is a lone one.
LONE_SURROGATE = re.compile("[\\ud800-\\udfff]")
# In JSON text a surrogate is an escape (\ud83d) or the character itself; text with neither needs no walk.
MAY_HOLD_SURROGATE = re.compile("\\\\u[dD][89a-fA-F]|[\\ud800-\\udfff]")


def without_lone_surrogates(value: Any) -> Any:
    """The value with every lone surrogate replaced by U+FFFD (a pair in JSON already decodes to one character)."""
    if isinstance(value, str):
        return LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {without_lone_surrogates(key): without_lone_surrogates(item) for key, item in value.items()}
    if isinstance(value, list):
        return [without_lone_surrogates(item) for item in value]
    return value


def load_stored_json(text: str | bytes) -> Any:
    """Stored JSON, read safely: an older version may have saved a lone surrogate, which no page can encode."""
    value = json.loads(text)
    if isinstance(text, str) and not MAY_HOLD_SURROGATE.search(text):
        return value  # most stored text: the walk would cost more than the parse
    return without_lone_surrogates(value)
