"""The tutorial player as a pure state machine: what step, what the resident did, may they go on."""

from __future__ import annotations

import enum
import time
from dataclasses import dataclass, replace

from kiosk.content.models import InfoStep, PracticeStep, QuizStep, Screen, Step, TryStep, Tutorial
from kiosk.core.try_it import TryRun
from kiosk.system.clock import MonotonicClock

PULSE_AFTER_WRONG_TAPS = 2


class Phase(enum.Enum):
    """Where the resident is within one step."""

    SHOWING = "showing"
    SOLVED = "solved"  # practice: right element tapped
    ANSWERED = "answered"  # quiz: an answer chosen, feedback shown


class TapResult(enum.Enum):
    CORRECT = "correct"
    WRONG = "wrong"
    IGNORED = "ignored"


@dataclass(frozen=True)
class StepState:
    index: int
    phase: Phase = Phase.SHOWING
    wrong_taps: int = 0
    chosen_answer: int | None = None
    why_open: bool = False  # an answered quiz's "Vì sao?" page (explanation and flags) is on show


class TutorialSession:
    """One resident's walk through one tutorial; views draw `state` and call the intents."""

    def __init__(self, tutorial: Tutorial, clock: MonotonicClock = time.monotonic) -> None:
        self.tutorial = tutorial
        self.clock = clock
        self.finished = False
        self.first_answers: dict[int, bool] = {}
        self.try_run: TryRun | None = None
        self._enter(0)

    def _enter(self, index: int) -> None:
        """Every move to a step goes through here: a Tự làm step starts a fresh attempt."""
        self.state = StepState(index)
        step = self.tutorial.steps[index]
        stages = [s for s in self.tutorial.steps[:index] if isinstance(s, PracticeStep)]
        self.try_run = TryRun(stages, self.clock) if isinstance(step, TryStep) and stages else None

    @property
    def screen(self) -> Screen | None:
        """The phone screen on display: the step's own, or the current stage's in a Tự làm step."""
        if self.try_run is not None:
            return self.try_run.current.screen
        return self.step.screen

    @property
    def step(self) -> Step:
        return self.tutorial.steps[self.state.index]

    @property
    def step_count(self) -> int:
        return len(self.tutorial.steps)

    @property
    def can_go_next(self) -> bool:
        if self.finished:
            return False
        if isinstance(self.step, PracticeStep):
            return self.state.phase is Phase.SOLVED
        if isinstance(self.step, QuizStep):
            return self.state.phase is Phase.ANSWERED
        if self.try_run is not None:
            return self.try_run.done
        return True

    @property
    def target_pulses(self) -> bool:
        if self.try_run is not None:
            return self.try_run.blinking
        return isinstance(self.step, PracticeStep) and self.state.wrong_taps >= PULSE_AFTER_WRONG_TAPS

    @property
    def quiz_score(self) -> tuple[int, int]:
        """(answered right the first time, quiz steps in the tutorial)."""
        return sum(self.first_answers.values()), self.tutorial.quiz_count

    def next(self) -> bool:
        """Go on; from the last step this finishes the tutorial."""
        if not self.can_go_next:
            return False
        if self.state.index + 1 >= self.step_count:
            self.finished = True
        else:
            self._enter(self.state.index + 1)
        return True

    def back(self) -> bool:
        """Previous step; False on the first step (the view then leaves the tutorial)."""
        if self.finished:
            self.finished = False
            self._enter(self.state.index)
            return True
        if self.state.index == 0:
            return False
        self._enter(self.state.index - 1)
        return True

    def restart(self) -> None:
        self.finished = False
        self.first_answers = {}
        self._enter(0)

    def jump(self, index: int) -> None:
        if not 0 <= index < self.step_count:
            raise IndexError(f"step {index} is outside 0..{self.step_count - 1}")
        self._enter(index)
        self.finished = False

    def tap(self, element_id: str | None) -> TapResult:
        """A tap on the simulated screen (`None` = outside every element)."""
        step = self.step
        if self.try_run is not None:
            return self._try_tap(element_id)
        if not isinstance(step, PracticeStep) or self.state.phase is not Phase.SHOWING:
            return TapResult.IGNORED
        if element_id == step.target:
            self.state = replace(self.state, phase=Phase.SOLVED)
            return TapResult.CORRECT
        self.state = replace(self.state, wrong_taps=self.state.wrong_taps + 1)
        return TapResult.WRONG

    def _try_tap(self, element_id: str | None) -> TapResult:
        run = self.try_run
        if run is None or run.done:
            return TapResult.IGNORED
        if run.tap(element_id):
            if run.done:
                self.state = replace(self.state, phase=Phase.SOLVED)
            return TapResult.CORRECT
        self.state = replace(self.state, wrong_taps=self.state.wrong_taps + 1)
        return TapResult.WRONG

    def answer(self, choice: int) -> bool | None:
        """Choose a quiz answer; returns whether it was right, None if not a quiz or already answered."""
        step = self.step
        if not isinstance(step, QuizStep) or self.state.phase is not Phase.SHOWING:
            return None
        if not 0 <= choice < len(step.answers):
            raise IndexError(f"answer {choice} is outside 0..{len(step.answers) - 1}")
        correct = step.answers[choice].correct
        self.first_answers.setdefault(self.state.index, correct)
        self.state = replace(self.state, phase=Phase.ANSWERED, chosen_answer=choice)
        return correct

    def toggle_why(self) -> bool:
        """Between an answered quiz's verdict and its "Vì sao?" page; False when there is no answer yet."""
        if self.state.phase is not Phase.ANSWERED:
            return False
        self.state = replace(self.state, why_open=not self.state.why_open)
        return True


def highlighted_element(session: TutorialSession) -> str | None:
    """The element ringed on the phone: the info highlight, or the practice target once solved or pulsing."""
    step = session.step
    if session.try_run is not None:
        return session.try_run.ringed
    if isinstance(step, InfoStep):
        return step.highlight
    if isinstance(step, PracticeStep) and (session.state.phase is Phase.SOLVED or session.target_pulses):
        return step.target
    return None
