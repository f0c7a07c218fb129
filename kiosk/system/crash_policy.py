"""When an unhandled error is survivable: after start-up, and not more than N times in a minute."""

from __future__ import annotations

import time
from collections import deque

from kiosk.system.clock import MonotonicClock


class CrashBudget:
    """Counts unhandled errors in a sliding window; `record()` says when the kiosk must give up and restart."""

    def __init__(self, limit: int, window_s: float = 60.0, clock: MonotonicClock = time.monotonic) -> None:
        self.limit = limit
        self.window_s = window_s
        self.started = False
        self._clock = clock
        self._times: deque[float] = deque()

    def mark_started(self) -> None:
        """The first screen is up: from now on an error is recovered from instead of being fatal."""
        self.started = True

    def recent(self) -> int:
        now = self._clock()
        while self._times and now - self._times[0] >= self.window_s:
            self._times.popleft()
        return len(self._times)

    def record(self) -> bool:
        """Count one error; True when it is fatal (during start-up, or more than `limit` in the window)."""
        self._times.append(self._clock())
        return not self.started or self.recent() > self.limit
