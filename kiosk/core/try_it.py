"""The "Tự làm" finale as a pure state machine: the whole task again, help only when it is needed.

The stages are the tutorial's practice steps, in order, shown with no highlight. Help escalates one level after
`HELP_AFTER_S` seconds without a tap or after a wrong tap: a word (the hint), then a ring round the place to tap,
then a blink. A right tap moves to the next stage with no help shown. Time comes from an injected clock.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from kiosk.content.models import PracticeStep
from kiosk.system.clock import MonotonicClock

HELP_AFTER_S = 10.0


class Help(enum.IntEnum):
    """How much help is on screen; the numbers are what the usage log stores (0–3)."""

    NONE = 0
    WORD = 1
    RING = 2
    BLINK = 3


@dataclass
class TryRun:
    """One attempt at the whole task; `unaided` once finished with no help ever shown."""

    stages: Sequence[PracticeStep]
    clock: MonotonicClock = time.monotonic
    stage: int = 0
    help: Help = Help.NONE
    most_help: Help = Help.NONE
    wrong_taps: int = 0
    last_tap: float = field(default=0.0)

    def __post_init__(self) -> None:
        if not self.stages:
            raise ValueError("a 'try' step needs at least one practice step before it")
        self.last_tap = self.clock()

    @property
    def done(self) -> bool:
        return self.stage >= len(self.stages)

    @property
    def current(self) -> PracticeStep:
        return self.stages[min(self.stage, len(self.stages) - 1)]

    @property
    def unaided(self) -> bool:
        return self.most_help is Help.NONE

    def _escalate(self) -> None:
        if self.help < Help.BLINK:
            self.help = Help(self.help + 1)
            self.most_help = max(self.most_help, self.help)

    def tick(self) -> bool:
        """Called every second; True when help went up a level (the view redraws)."""
        if self.done or self.help is Help.BLINK or self.clock() - self.last_tap < HELP_AFTER_S:
            return False
        self._escalate()
        self.last_tap = self.clock()
        return True

    def tap(self, element_id: str | None) -> bool:
        """A tap on the phone: True if it was the right place (the next stage opens, help starts again)."""
        if self.done:
            return False
        self.last_tap = self.clock()
        if element_id == self.current.target:
            self.stage += 1
            self.help = Help.NONE
            return True
        self.wrong_taps += 1
        self._escalate()
        return False

    @property
    def ringed(self) -> str | None:
        """The element ringed on the phone: only from the second level of help."""
        return None if self.done or self.help < Help.RING else self.current.target

    @property
    def blinking(self) -> bool:
        return not self.done and self.help is Help.BLINK
