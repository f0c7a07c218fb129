"""How much more confident residents felt after each tutorial: the confidence faces, paired within one visit.

Only `confidence_rated` events with both faces count (a face skipped at the start leaves no pair). Faces are
1 chưa tự tin, 2 tạm được, 3 tự tin; the change is the mean after minus the mean before.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from kiosk.usage.events import UsageEvent
from kiosk.usage.schema import MAX_US, to_us
from kiosk.usage.store import UsageStore


@dataclass(frozen=True)
class ConfidenceChange:
    tutorial_id: str
    pairs: int
    before_sum: int
    after_sum: int

    @property
    def mean_before(self) -> float:
        return self.before_sum / self.pairs

    @property
    def mean_after(self) -> float:
        return self.after_sum / self.pairs

    @property
    def change(self) -> float:
        return (self.after_sum - self.before_sum) / self.pairs


def _ordered(figures: dict[str, list[int]]) -> tuple[ConfidenceChange, ...]:
    changes = [ConfidenceChange(tutorial, *numbers) for tutorial, numbers in figures.items()]
    return tuple(sorted(changes, key=lambda c: (-c.pairs, c.tutorial_id)))


def confidence_changes(
    events: Iterable[UsageEvent], start: datetime | None, end: datetime | None
) -> tuple[ConfidenceChange, ...]:
    """From any stream of events (JSON Lines of several kiosks, or the store), most pairs first."""
    figures: dict[str, list[int]] = {}
    for event in events:
        if event.name != "confidence_rated" or event.tutorial_id is None:
            continue
        if event.confidence_before is None or event.confidence_after is None:
            continue
        if (start is not None and event.time < start) or (end is not None and event.time >= end):
            continue
        numbers = figures.setdefault(event.tutorial_id, [0, 0, 0])
        numbers[0] += 1
        numbers[1] += event.confidence_before
        numbers[2] += event.confidence_after
    return _ordered(figures)


CONFIDENCE_SQL = (
    "SELECT tutorial_id, COUNT(*), SUM(confidence_before), SUM(confidence_after) FROM events "
    "WHERE name = 'confidence_rated' AND time >= ? AND time < ? AND tutorial_id IS NOT NULL "
    "AND confidence_before IS NOT NULL AND confidence_after IS NOT NULL GROUP BY tutorial_id"
)


def confidence_from_store(
    store: UsageStore, start: datetime | None, end: datetime | None
) -> tuple[ConfidenceChange, ...]:
    """The same figures with one SQL query on the partial index of confidence events."""
    low = max(to_us(start), 0) if start is not None else 0
    high = min(to_us(end), MAX_US) if end is not None else MAX_US
    rows = store.connection.execute(CONFIDENCE_SQL, (low, high)).fetchall()
    return _ordered({row[0]: [int(row[1]), int(row[2]), int(row[3])] for row in rows})
