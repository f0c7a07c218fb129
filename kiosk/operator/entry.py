"""The hidden way into the operator area: five taps in the top-left corner within three seconds."""

from __future__ import annotations

import time
from collections import deque

from kiosk.system.clock import MonotonicClock

CORNER_FRACTION = 0.08  # of the screen's height: the corner square a tap must land in


class CornerTaps:
    """Counts taps in the corner; a resident tapping there by chance never gets five in 3 s."""

    def __init__(self, taps: int = 5, window_s: float = 3.0, clock: MonotonicClock = time.monotonic) -> None:
        self.taps = taps
        self.window_s = window_s
        self._clock = clock
        self._times: deque[float] = deque(maxlen=taps)

    @staticmethod
    def in_corner(x: float, y: float, screen_height: float) -> bool:
        size = max(48.0, screen_height * CORNER_FRACTION)
        return 0 <= x <= size and 0 <= y <= size

    def tap(self) -> bool:
        """Record a corner tap; True when it completes the sequence (which then starts over)."""
        now = self._clock()
        self._times.append(now)
        if len(self._times) == self.taps and now - self._times[0] <= self.window_s:
            self._times.clear()
            return True
        return False

    def miss(self) -> None:
        """A tap anywhere else breaks the sequence."""
        self._times.clear()
