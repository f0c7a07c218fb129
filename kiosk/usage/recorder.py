"""What the GUI controller calls to log anonymous usage; it fills ids, time, language, text size and assisted.

Every call builds at most a few events and hands each to `sink` (normally `EventWriter.record`: a queue put).
Wiring, one call per thing the resident does (app.wire connects the controllers' past-tense signals to these):
- attract screen touched → `start_session()`; idle reset → `end_session(idle=True)`, any other end of the visit
  (operator area, a new visit) → `end_session()`: an open tutorial is left where it was, then `idle_reset` or
  `session_ended` marks the end of the visit (that is when unfinished attempts count as abandoned:
  kiosk/usage/visits.py), then the session id is forgotten and language, text size and assisted go back to defaults.
- language / text-size buttons → `set_language(lang)` / `set_text_size(size)`: they record `language_changed` /
  `text_size_changed` when the value changes during a session (do not record those yourself).
- volunteer PIN accepted → `set_assisted(True)`: records `volunteer_mode_started`; the rest of the session is
  marked assisted.
- tutorial opened → `tutorial_opened(tutorial_id)`; every step drawn (Next, Back, jump, reopening) →
  `step_shown(tutorial_id, step_id, index)`: this records `step_viewed` for the step shown BEFORE it, with how
  long that step was on screen (`dwell_ms`, from a monotonic clock). Showing the same step again (a reflow after a
  text-size change) is ignored.
- completion screen → `tutorial_left(completed=True)`; Home or Back out of the player → `tutorial_left(False)`:
  `step_viewed` for the last step, then `tutorial_completed` or `tutorial_abandoned` at that step. The latter only
  says the resident left it unfinished (Home, Back): it may be resumed in the same visit, so it is not a figure.
- `record("practice_tap", correct=…)`, `record("quiz_answered", correct=…)`, `record("help_requested")`,
  `record("read_aloud_used")`: while a step is on screen its tutorial id, step id and index are filled in.
- operator area: `record("operator_login_failed")`, `record("operator_locked_out")` (no session needed).
A clock before 2024-01-01 (a kiosk that booted without the time) stamps events with `clock_unset=True`.
"""

from __future__ import annotations

import secrets
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC
from typing import TypedDict, Unpack

from kiosk.system.clock import MonotonicClock, WallClock
from kiosk.usage.events import EPOCH, EventName, HelpReason, Language, UsageEvent, clock_is_unset, utc_now

Sink = Callable[[UsageEvent], None]
STEP_CONTEXT: frozenset[str] = frozenset(
    {"practice_tap", "quiz_answered", "help_requested", "read_aloud_used", "try_finished", "slip_printed"}
)


class LearningFields(TypedDict, total=False):
    """The issue-17 fields: Tự làm help, the reason of a help call, the two confidence faces."""

    unaided: bool
    help_level: int
    help_reason: HelpReason
    confidence_before: int | None
    confidence_after: int | None


@dataclass(frozen=True)
class _Showing:
    """The step on screen and when it appeared (monotonic seconds)."""

    tutorial_id: str
    step_id: str | None
    index: int
    since: float


class UsageRecorder:
    """The session's anonymous state, and the one place events are made."""

    def __init__(
        self,
        sink: Sink,
        kiosk_id: str,
        clock: WallClock = utc_now,
        *,
        language: Language = "vi",
        text_size: int = 100,
        monotonic: MonotonicClock = time.monotonic,
    ) -> None:
        self._sink = sink
        self.kiosk_id = kiosk_id
        self._clock = clock
        self._monotonic = monotonic
        self._default_language: Language = language
        self._default_text_size = text_size
        self.session_id: str | None = None
        self._tutorial_id: str | None = None
        self._showing: _Showing | None = None
        self._reset_state()

    def _reset_state(self) -> None:
        self.language: Language = self._default_language
        self.text_size = self._default_text_size
        self.assisted = False

    # --- sessions -----------------------------------------------------------

    def start_session(self) -> str:
        """A new random session id (never derived from anything about the visitor); records session_started."""
        if self.session_id is not None:
            self.end_session()
        self.session_id = secrets.token_hex(16)
        self.record("session_started")
        return self.session_id

    def end_session(self, *, idle: bool = False) -> None:
        """Leave an open tutorial, record the end of the visit (idle_reset or session_ended), forget the session."""
        if self._tutorial_id is not None:
            self.tutorial_left(completed=False)
        self.record("idle_reset" if idle else "session_ended")
        self.session_id = None
        self._reset_state()

    def set_language(self, language: Language) -> None:
        if language != self.language:
            self.language = language
            if self.session_id is not None:
                self.record("language_changed")

    def set_text_size(self, text_size: int) -> None:
        if text_size != self.text_size:
            self.text_size = text_size
            if self.session_id is not None:
                self.record("text_size_changed")

    def set_assisted(self, assisted: bool) -> None:
        if assisted and not self.assisted:
            self.assisted = True
            self.record("volunteer_mode_started")
        self.assisted = assisted

    # --- tutorials and dwell --------------------------------------------------

    @property
    def in_tutorial(self) -> str | None:
        """The open tutorial's id, or None."""
        return self._tutorial_id

    def tutorial_opened(self, tutorial_id: str) -> None:
        if self._tutorial_id is not None:
            self.tutorial_left(completed=False)
        self._tutorial_id = tutorial_id
        self.record("tutorial_started", tutorial_id=tutorial_id)

    def step_shown(self, tutorial_id: str, step_id: str | None, index: int) -> None:
        """A step is on screen now: the step shown before it gets its step_viewed with dwell time."""
        showing = self._showing
        if showing is not None and (showing.tutorial_id, showing.step_id, showing.index) == (
            tutorial_id,
            step_id,
            index,
        ):
            return
        self._step_viewed()
        self._tutorial_id = tutorial_id
        self._showing = _Showing(tutorial_id, step_id, index, self._monotonic())

    def tutorial_left(self, completed: bool) -> None:
        """Leaving the tutorial: step_viewed for the last step, then completed or abandoned at that step."""
        showing = self._showing
        self._step_viewed()
        tutorial_id = self._tutorial_id or (showing.tutorial_id if showing else None)
        self._tutorial_id = None
        if tutorial_id is None:
            return
        name: EventName = "tutorial_completed" if completed else "tutorial_abandoned"
        if showing is not None and showing.tutorial_id == tutorial_id:
            self.record(name, tutorial_id=tutorial_id, step_id=showing.step_id, step_index=showing.index)
        else:
            self.record(name, tutorial_id=tutorial_id)

    def _step_viewed(self) -> None:
        showing, self._showing = self._showing, None
        if showing is None:
            return
        dwell = max(round((self._monotonic() - showing.since) * 1000), 0)
        self.record(
            "step_viewed",
            tutorial_id=showing.tutorial_id,
            step_id=showing.step_id,
            step_index=showing.index,
            dwell_ms=dwell,
        )

    # --- what the controllers announce (each a slot, connected in app.wire) ------

    def visit_ended(self, idle: bool) -> None:
        """The visit was cleared (idle, or a new one, or the operator area): ends the session if one is open."""
        if self.session_id is not None:
            self.end_session(idle=idle)

    def quiz_answered(self, correct: bool) -> None:
        self.record("quiz_answered", correct=correct)

    def practice_tapped(self, correct: bool) -> None:
        self.record("practice_tap", correct=correct)

    def try_finished(self, unaided: bool, help_level: int) -> None:
        self.record("try_finished", unaided=unaided, help_level=help_level)

    def help_called(self, reason: HelpReason) -> None:
        self.record("help_requested", help_reason=reason)

    def scam_help_opened(self) -> None:
        self.record("scam_help_opened")

    def read_aloud_used(self) -> None:
        self.record("read_aloud_used")

    def confidence_rated(self, tutorial_id: str | None, before: int | None, after: int) -> None:
        self.record("confidence_rated", tutorial_id=tutorial_id, confidence_before=before, confidence_after=after)

    def slip_printed(self, problem: str | None) -> None:
        """A slip went to the printer: recorded when it printed (None), not when it failed."""
        if problem is None:
            self.record("slip_printed")

    def pin_refused(self, locked_out: bool) -> None:
        """A wrong operator PIN; the one that locks the pad is recorded as that too."""
        self.record("operator_login_failed")
        if locked_out:
            self.record("operator_locked_out")

    # --- the one place an event is made ---------------------------------------

    def record(
        self,
        name: EventName,
        *,
        tutorial_id: str | None = None,
        step_id: str | None = None,
        step_index: int | None = None,
        correct: bool | None = None,
        dwell_ms: int | None = None,
        text_size: int | None = None,
        **learning: Unpack[LearningFields],
    ) -> UsageEvent:
        """Make one event from the arguments and the current state, hand it to the sink, and return it."""
        showing = self._showing
        if tutorial_id is None and showing is not None and name in STEP_CONTEXT:
            tutorial_id, step_id, step_index = showing.tutorial_id, showing.step_id, showing.index
        now = self._clock().astimezone(UTC)
        event = UsageEvent(
            event_id=uuid.uuid4(),
            kiosk_id=self.kiosk_id,
            session_id=self.session_id,
            time=max(now, EPOCH),
            name=name,
            tutorial_id=tutorial_id,
            step_id=step_id,
            step_index=step_index,
            language=self.language,
            assisted=self.assisted,
            correct=correct,
            dwell_ms=dwell_ms,
            text_size=self.text_size if text_size is None else text_size,
            clock_unset=clock_is_unset(now),
            **learning,
        )
        self._sink(event)
        return event
