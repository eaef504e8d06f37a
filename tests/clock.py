"""Stop the app's clock at a chosen moment: every harm module that reads `utcnow` reads the frozen one."""
from __future__ import annotations

import sys
from datetime import datetime

import pytest

from harm import models_base


class Clock:
    """`clock.at(moment)` moves the frozen time; the app sees it at once."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def at(self, moment: datetime) -> None:
        self.moment = moment

    def now(self) -> datetime:
        return self.moment


def freeze(monkeypatch: pytest.MonkeyPatch, moment: datetime) -> Clock:
    """Freeze `harm.models_base.utcnow` and every module's own imported name for it (the tests' usual way)."""
    clock = Clock(moment)
    real = models_base.utcnow
    for name, module in list(sys.modules.items()):
        if (name == "harm" or name.startswith("harm.")) and getattr(module, "utcnow", None) is real:
            monkeypatch.setattr(module, "utcnow", clock.now)
    return clock
