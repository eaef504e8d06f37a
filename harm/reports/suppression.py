"""The small-cell rule: no count from 1 to 10 is ever shown, nor can one be worked out from what is shown.

A single count from 1 to 10 is replaced by "fewer than 11". A breakdown (groups that add up to a
total) is shown only when every one of its cells passes; otherwise the whole breakdown is withheld,
so no hidden cell can be recovered as the total minus the other cells, or by comparing two
breakdowns of the same families.
"""
from __future__ import annotations

from dataclasses import dataclass

SMALLEST_SHOWN = 11


def passes(count: int) -> bool:
    return count == 0 or count >= SMALLEST_SHOWN


def safe(count: int) -> int | None:
    """The count if it may be shown, else None (shown as "fewer than 11")."""
    return count if passes(count) else None


@dataclass
class Breakdown:
    """Groups of one population; cells is None when the breakdown is withheld."""

    labels: list[tuple[str, str]]
    cells: list[int] | None

    @classmethod
    def of(cls, labels: list[tuple[str, str]], counts: list[int]) -> Breakdown:
        return cls(labels, counts if all(passes(n) for n in counts) else None)

    @property
    def pairs(self) -> list[tuple[str, int]]:
        """(shown label, count) for each group; empty when withheld."""
        if not self.cells:
            return []
        return [(label, n) for (_key, label), n in zip(self.labels, self.cells, strict=True)]
