"""Deadlines for the speech engine, and what a stuck one means in plain words; no Qt, so tests need no event loop.

The kiosk talks to the engine through a child process. Every call it sends must be answered within a deadline,
opening the engine too, and speech must end within a time plausible for its length. A missed deadline means the
engine is stuck (speech-dispatcher hung, the audio device gone mid-sentence): the kiosk stops the child, hides
"Đọc to" and tells the operator why, in the words below.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from kiosk.text.strings import UI_STRINGS

OPEN_DEADLINE_S = 20.0  # first start of speech-dispatcher + espeak-ng on a slow kiosk PC takes a few seconds
CALL_DEADLINE_S = 3.0  # say, stop, volume: speech-dispatcher answers these in milliseconds
SPEAK_BASE_S = 6.0  # silence before the first word, plus the audio device's buffer
SPEAK_PER_CHAR_S = 0.25  # Vietnamese at the kiosk's slow rate is ~10 characters a second: 2.5 times that
SPEAK_MAX_S = 180.0


class SpeechProblem(StrEnum):
    """Why read-aloud is off, as a stable code (logs, tests) with words for the operator in `PROBLEM_WORDS`."""

    NO_ANSWER_OPENING = "no_answer_opening"
    NO_ANSWER = "no_answer"
    STUCK_SPEAKING = "stuck_speaking"
    NO_ENGINE = "no_engine"
    NO_VOICE = "no_voice"
    ENGINE_FAILED = "engine_failed"
    PROCESS_ENDED = "process_ended"


# Vietnamese first (the operator's page is Vietnamese), then English for the journal and for support staff.
PROBLEM_WORDS: dict[SpeechProblem, tuple[str, str]] = {
    problem: UI_STRINGS[f"speech_{problem}"] for problem in SpeechProblem
}


def describe(problem: SpeechProblem, detail: str = "") -> str:
    """One line for the operator's health page and the journal: Vietnamese, then the English or technical detail."""
    words, english = PROBLEM_WORDS[problem]
    return f"{words} ({detail or english})"


def speaking_deadline_s(text: str, base_s: float = SPEAK_BASE_S, per_char_s: float = SPEAK_PER_CHAR_S) -> float:
    """How long speaking `text` may plausibly take before the engine counts as stuck."""
    return min(SPEAK_MAX_S, base_s + per_char_s * len(text))


@dataclass
class SpeechWatch:
    """The engine's deadlines against a clock the caller passes in: `overdue(now)` says which one was missed."""

    open_deadline_s: float = OPEN_DEADLINE_S
    call_deadline_s: float = CALL_DEADLINE_S
    speak_base_s: float = SPEAK_BASE_S
    speak_per_char_s: float = SPEAK_PER_CHAR_S
    opening_since: float | None = None
    speaking_until: float | None = None
    calls: dict[int, float] = field(default_factory=dict)  # call id -> when it must have been answered
    _next_id: int = 0

    def opening(self, now: float) -> None:
        self.opening_since = now

    def opened(self) -> None:
        self.opening_since = None

    def starting(self) -> bool:
        """Still within the open deadline: not a problem yet (the health page stays quiet)."""
        return self.opening_since is not None

    def call(self, now: float) -> int:
        self._next_id += 1
        self.calls[self._next_id] = now + self.call_deadline_s
        return self._next_id

    def answered(self, call_id: int) -> None:
        self.calls.pop(call_id, None)

    def speaking(self, now: float, text: str) -> None:
        self.speaking_until = now + speaking_deadline_s(text, self.speak_base_s, self.speak_per_char_s)

    def silent(self) -> None:
        self.speaking_until = None

    def overdue(self, now: float) -> SpeechProblem | None:
        if self.opening_since is not None and now - self.opening_since > self.open_deadline_s:
            return SpeechProblem.NO_ANSWER_OPENING
        if any(now > deadline for deadline in self.calls.values()):
            return SpeechProblem.NO_ANSWER
        if self.speaking_until is not None and now > self.speaking_until:
            return SpeechProblem.STUCK_SPEAKING
        return None

    def clear(self) -> None:
        self.opening_since = self.speaking_until = None
        self.calls.clear()
