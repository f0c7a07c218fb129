"""Idle tracking with an injected clock, so the reset rule is tested without waiting."""

from __future__ import annotations

import enum
import math
import time
from dataclasses import dataclass

from kiosk.system.clock import MonotonicClock


class IdlePhase(enum.Enum):
    ACTIVE = "active"
    WARNING = "warning"
    EXPIRED = "expired"


@dataclass(frozen=True)
class IdleStatus:
    phase: IdlePhase
    seconds_left: int  # of the warning countdown; 0 unless WARNING


class IdleTracker:
    """No touch for `timeout` s → warning; `countdown` s more → expired (the session is cleared)."""

    def __init__(self, timeout: float, countdown: float, clock: MonotonicClock = time.monotonic) -> None:
        self.timeout = timeout
        self.countdown = countdown
        self._clock = clock
        self._last_activity = clock()

    def activity(self) -> None:
        self._last_activity = self._clock()

    def pretend_quiet(self, seconds: float) -> None:
        """As if the last touch was `seconds` ago (the screenshot tour shows the countdown this way)."""
        self._last_activity = self._clock() - seconds

    def status(self) -> IdleStatus:
        quiet = self._clock() - self._last_activity
        if quiet < self.timeout:
            return IdleStatus(IdlePhase.ACTIVE, 0)
        remaining = self.timeout + self.countdown - quiet
        if remaining > 0:
            return IdleStatus(IdlePhase.WARNING, math.ceil(remaining))
        return IdleStatus(IdlePhase.EXPIRED, 0)
