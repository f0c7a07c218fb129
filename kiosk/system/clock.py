"""The two clocks the kiosk injects, named apart so a timer clock is never passed where a wall clock is meant."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

MonotonicClock = Callable[[], float]  # seconds from an arbitrary start: timers, idle, crash budget
WallClock = Callable[[], datetime]  # aware UTC time: event records, reports, update checks


def utc_now() -> datetime:
    return datetime.now(UTC)
