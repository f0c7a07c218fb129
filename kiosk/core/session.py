"""The tutorial player as a pure state machine: what step, what the resident did, may they go on."""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace

from kiosk.content.models import InfoStep, PracticeStep, QuizStep, Step, Tutorial

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

    def __init__(self, tutorial: Tutorial) -> None:
        self.tutorial = tutorial
        self.state = StepState(0)
        self.finished = False
        self.first_answers: dict[int, bool] = {}

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
        return True

    @property
    def target_pulses(self) -> bool:
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
            self.state = StepState(self.state.index + 1)
        return True

    def back(self) -> bool:
        """Previous step; False on the first step (the view then leaves the tutorial)."""
        if self.finished:
            self.finished = False
            self.state = StepState(self.state.index)
            return True
        if self.state.index == 0:
            return False
        self.state = StepState(self.state.index - 1)
        return True

    def restart(self) -> None:
        self.state = StepState(0)
        self.finished = False
        self.first_answers = {}

    def jump(self, index: int) -> None:
        if not 0 <= index < self.step_count:
            raise IndexError(f"step {index} is outside 0..{self.step_count - 1}")
        self.state = StepState(index)
        self.finished = False

    def tap(self, element_id: str | None) -> TapResult:
        """A tap on the simulated screen (`None` = outside every element)."""
        step = self.step
        if not isinstance(step, PracticeStep) or self.state.phase is not Phase.SHOWING:
            return TapResult.IGNORED
        if element_id == step.target:
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
    if isinstance(step, InfoStep):
        return step.highlight
    if isinstance(step, PracticeStep) and (session.state.phase is Phase.SOLVED or session.target_pulses):
        return step.target
    return None
