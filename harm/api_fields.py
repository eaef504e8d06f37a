"""Marshmallow fields shared by the JSON API."""
from __future__ import annotations

from typing import Any

from marshmallow import fields


class StrictBoolean(fields.Boolean):
    """Only JSON true or false: marshmallow's Boolean also takes 0, 1, "yes" and "on", which hide mistakes."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> bool:
        if not isinstance(value, bool):
            raise self.make_error("invalid")
        return value
