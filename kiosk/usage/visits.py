"""What residents did, from what the kiosk recorded: tutorial attempts per visit. The one definition of the figures.

The recorder writes facts as they happen (a tutorial opened, a step left after so many seconds, a tutorial
finished, the visit over). Whether a tutorial was *abandoned* can only be known when the visit ends: a resident who
goes Home at step 5 and resumes it later has not given up. This module turns one visit's events into attempts:
- an attempt begins the first time a tutorial is opened in the visit; opening it again (resume, "Đang học: bước
  5 / 9") continues the same attempt, however often;
- a finished attempt that is shown again from its first step (Làm lại / opened again) is a new attempt; coming back
  to a later step (Back from the completion screen) is still the finished one;
- when the visit ends (idle reset, the operator area, the next resident), every unfinished attempt is abandoned at
  the furthest step it reached;
- a step is reached when it was on screen (its `step_viewed`, or the step a tutorial was left at); the funnel
  counts each step once per attempt, with the time spent on it summed over the attempt;
- an attempt belongs to the moment it began (so a period's started = completed + abandoned, once its visits ended).
A visit that has not ended yet (a resident at the screen now) has no attempts yet: it is counted when it ends.
The dashboard, every export and the CLI get their tutorial and funnel figures from here (the store keeps the
attempts of ended visits, computed by `fold_visit`; merged exports are folded by `VisitFolds`).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

# The events this module reads; every other event is ignored.
OPENED, VIEWED, FINISHED = "tutorial_started", "step_viewed", "tutorial_completed"
LEFT = "tutorial_abandoned"  # left unfinished (Home, Back): the step on screen was reached; not an outcome
STARTED = "session_started"
ENDS = frozenset({"idle_reset", "session_ended"})
FOLDED_NAMES = (OPENED, VIEWED, FINISHED, LEFT, STARTED, *sorted(ENDS))

# How attempts appear in tallies and in the store's `attempts` table (never as events).
ATTEMPT_STARTED, ATTEMPT_COMPLETED, ATTEMPT_ABANDONED, ATTEMPT_STEP = (
    "attempt_started",
    "attempt_completed",
    "attempt_abandoned",
    "attempt_step",
)
ATTEMPT_NAMES = (ATTEMPT_STARTED, ATTEMPT_COMPLETED, ATTEMPT_ABANDONED, ATTEMPT_STEP)
REMEMBERED = 64  # ended visits per kiosk whose late events are recognised (and ignored)


class Mark(Protocol):
    """What is read of an event (a `UsageEvent`, or a light row from the store)."""

    @property
    def kiosk_id(self) -> str: ...
    @property
    def session_id(self) -> str | None: ...
    @property
    def time(self) -> datetime: ...
    @property
    def name(self) -> str: ...
    @property
    def tutorial_id(self) -> str | None: ...
    @property
    def step_index(self) -> int | None: ...
    @property
    def step_id(self) -> str | None: ...
    @property
    def dwell_ms(self) -> int | None: ...


@dataclass
class StepReached:
    """One step of one attempt: reached once, with the time spent on it over every view."""

    step_id: str | None
    dwell_ms: int = 0
    timed: bool = False


@dataclass
class Attempt:
    """One tutorial attempt in one visit."""

    kiosk_id: str
    session_id: str
    number: int  # 1, 2 … within the visit
    tutorial_id: str
    started: datetime
    completed: bool = False
    steps: dict[int, StepReached] = field(default_factory=dict)

    @property
    def furthest(self) -> tuple[int, str | None] | None:
        """(index, step id) of the furthest step reached, or None if no step was recorded."""
        if not self.steps:
            return None
        index = max(self.steps)
        return index, self.steps[index].step_id

    def facts(self) -> list[tuple[str, int | None, str | None, int, int]]:
        """(name, step index, step id, dwell sum, dwell samples) rows: started, the outcome, one per step."""
        rows: list[tuple[str, int | None, str | None, int, int]] = [(ATTEMPT_STARTED, None, None, 0, 0)]
        if self.completed:
            rows.append((ATTEMPT_COMPLETED, None, None, 0, 0))
        else:
            furthest = self.furthest
            index, step = furthest if furthest is not None else (None, None)
            rows.append((ATTEMPT_ABANDONED, index, step, 0, 0))
        for index, reached in sorted(self.steps.items()):
            rows.append((ATTEMPT_STEP, index, reached.step_id, reached.dwell_ms, int(reached.timed)))
        return rows


class _Visit:
    """The attempts of one visit so far, fed in time order."""

    def __init__(self, kiosk_id: str, session_id: str) -> None:
        self.kiosk_id, self.session_id = kiosk_id, session_id
        self.attempts: list[Attempt] = []
        self.current: dict[str, Attempt] = {}  # tutorial → its latest attempt
        self.reopened: dict[str, datetime] = {}  # finished tutorials opened again: when

    def _begin(self, tutorial: str, at: datetime) -> Attempt:
        attempt = Attempt(self.kiosk_id, self.session_id, len(self.attempts) + 1, tutorial, at)
        self.attempts.append(attempt)
        self.current[tutorial] = attempt
        return attempt

    def feed(self, mark: Mark) -> None:
        tutorial = mark.tutorial_id
        if tutorial is None or mark.name not in (OPENED, VIEWED, FINISHED, LEFT):
            return
        attempt = self.current.get(tutorial)
        if mark.name == OPENED:
            if attempt is None:
                self._begin(tutorial, mark.time)
            elif attempt.completed:
                self.reopened.setdefault(tutorial, mark.time)
            return
        if attempt is None:  # its opening is gone (retention) or was never recorded: it began here
            attempt = self._begin(tutorial, mark.time)
        elif attempt.completed and mark.name == VIEWED and mark.step_index == 0:
            attempt = self._begin(tutorial, self.reopened.pop(tutorial, mark.time))
        if mark.name == FINISHED:
            attempt.completed = True
            self.reopened.pop(tutorial, None)
        elif mark.step_index is not None:
            reached = attempt.steps.setdefault(mark.step_index, StepReached(mark.step_id))
            if mark.dwell_ms is not None:
                reached.dwell_ms += mark.dwell_ms
                reached.timed = True


def fold_visit(marks: Iterable[Mark]) -> list[Attempt]:
    """The attempts of one ended visit, from its events in time order (all of one session)."""
    visit: _Visit | None = None
    for mark in marks:
        if mark.session_id is None:
            continue
        if visit is None:
            visit = _Visit(mark.kiosk_id, mark.session_id)
        visit.feed(mark)
    return [] if visit is None else visit.attempts


@dataclass
class _Open:
    visit: _Visit
    began: datetime


class VisitFolds:
    """Attempts from a stream of events of many kiosks, in time order per kiosk (a store, merged exports).

    A visit ends with its `idle_reset` or `session_ended`, or when the next visit starts on the same kiosk
    (a power cut leaves no end event). `add` returns the attempts of the visits that event ended. Events of a
    visit that came after its end (only a wrong clock does that) are ignored, so nothing is counted twice.
    """

    def __init__(self) -> None:
        self._open: dict[str, _Open] = {}
        self._by_kiosk: dict[str, set[str]] = {}
        self._ended: dict[str, deque[str]] = {}  # per kiosk, the last visits that ended

    def add(self, mark: Mark) -> list[Attempt]:
        session = mark.session_id
        if session is None:
            return []
        ended: list[Attempt] = []
        if session not in self._open and session in self._ended.get(mark.kiosk_id, ()):
            return ended
        on_kiosk = self._by_kiosk.setdefault(mark.kiosk_id, set())
        if mark.name == STARTED:
            for other in [s for s in on_kiosk if s != session and self._open[s].began < mark.time]:
                ended += self._end(other)
        if session not in self._open:
            self._open[session] = _Open(_Visit(mark.kiosk_id, session), mark.time)
            on_kiosk.add(session)
        self._open[session].visit.feed(mark)
        if mark.name in ENDS:
            ended += self._end(session)
        return ended

    def _end(self, session: str) -> list[Attempt]:
        state = self._open.pop(session)
        self._by_kiosk[state.visit.kiosk_id].discard(session)
        self._ended.setdefault(state.visit.kiosk_id, deque(maxlen=REMEMBERED)).append(session)
        return state.visit.attempts

    def still_open(self) -> list[tuple[str, str, datetime]]:
        """(session id, kiosk id, first event time) of the visits not ended yet: not counted."""
        return [(session, state.visit.kiosk_id, state.began) for session, state in self._open.items()]
