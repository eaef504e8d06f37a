"""Everything the app holds about a family, for the parent: one registry each feature joins.

A feature adds its part with::

    from harm.export import contributor

    @contributor("checkins", tier3=False)
    def _checkins(family: Family) -> list[dict[str, Any]]: ...

The function returns JSON-ready data (dates as ISO text). ``tier3=True`` marks parts that hold
use details: those carry the 42 CFR part 2 notice and each export is written to the access log.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from harm.families.models import Family

Part = Callable[[Family], Any]


@dataclass(frozen=True)
class Contributor:
    name: str
    build: Part
    tier3: bool


CONTRIBUTORS: list[Contributor] = []


def contributor(name: str, *, tier3: bool = False) -> Callable[[Part], Part]:
    def register(build: Part) -> Part:
        if any(c.name == name for c in CONTRIBUTORS):
            raise ValueError(f"an export part named {name!r} already exists")
        CONTRIBUTORS.append(Contributor(name, build, tier3))
        return build

    return register
