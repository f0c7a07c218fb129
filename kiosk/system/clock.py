"""The clocks the kiosk injects, named apart so a timer clock is never passed where a wall clock is meant."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

MonotonicClock = Callable[[], float]  # seconds from an arbitrary start: timers, idle, crash budget
WallClock = Callable[[], datetime]  # aware UTC time: event records, reports, update checks, PIN lockout
LocalCalendar = Callable[[], date]  # today in the ward's time zone: report periods, content reviews, bulletins

# Earlier than this, the kiosk's clock was never set (a board without a battery boots in 1970).
CLOCK_SANE_FROM = datetime(2024, 1, 1, tzinfo=UTC)


def utc_now() -> datetime:
    return datetime.now(UTC)
