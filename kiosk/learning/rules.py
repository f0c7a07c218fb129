"""Pure rules for learning that lasts: the ward's bulletin, the trainer's warm-up, the confidence faces.

No Qt here. Time comes in as arguments, so every rule is tested with the calendar the test chooses.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from kiosk.content.loader import Catalog
from kiosk.content.models import Bulletin, QuizStep, Tutorial
from kiosk.system.clock import CLOCK_SANE_FROM

SCAM_CATEGORY = "luadao"
MIN_ROUND_QUIZZES = 4
CLOCK_SANE_UNTIL = dt.datetime(2100, 1, 1, tzinfo=dt.UTC)
WARMUP_PREFIX = "on-lai-"
BULLETIN_PREFIX = "canh-bao-"


def clock_plausible(now: dt.datetime) -> bool:
    """A kiosk that booted without a set clock (1970) or far in the future shows no dated warning at all."""
    return CLOCK_SANE_FROM <= now < CLOCK_SANE_UNTIL


def current_bulletin(catalog: Catalog, now: dt.datetime, utc_offset: dt.timedelta) -> Bulletin | None:
    """The newest bulletin valid on today's local date; None when none is, or when the clock cannot be trusted."""
    if not clock_plausible(now):
        return None
    today = (now.astimezone(dt.UTC) + utc_offset).date()
    valid = [bulletin for bulletin in catalog.bulletins if bulletin.valid_on(today)]
    return max(valid, key=lambda bulletin: (bulletin.issued, bulletin.id), default=None)


# --- The scam trainer's warm-up ------------------------------------------------


def is_trainer_round(tutorial: Tutorial) -> bool:
    """A round of the "scam or safe?" trainer: scam category, scenarios only, no practice taps."""
    return (
        tutorial.category == SCAM_CATEGORY and tutorial.quiz_count >= MIN_ROUND_QUIZZES and not tutorial.practice_steps
    )


def _quizzes(tutorial: Tutorial) -> list[QuizStep]:
    return [step for step in tutorial.steps if isinstance(step, QuizStep)]


def original_step_id(step_id: str) -> str:
    """The content id of a step, without the warm-up prefix this module adds."""
    return step_id.removeprefix(WARMUP_PREFIX)


def pick_warmup(
    catalog: Catalog, round_id: str, last_answered: str | None, rng: random.Random
) -> tuple[Tutorial, QuizStep] | None:
    """One scenario from a different round (spaced retrieval), never the one the resident answered last."""
    others = [t for t in catalog.published() if is_trainer_round(t) and t.id != round_id]
    choices = [(t, q) for t in others for q in _quizzes(t) if q.id != last_answered]
    return rng.choice(choices) if choices else None


def with_warmup(tutorial: Tutorial, quiz: QuizStep, prefix: str) -> Tutorial:
    """The round with one scenario put first; its step id is prefixed so the log and the screen can tell."""
    step_id = f"{prefix}{quiz.id}"[:64]
    first = quiz.model_copy(update={"id": step_id})
    return tutorial.model_copy(update={"steps": [first, *tutorial.steps]})


def bulletin_quiz(bulletin: Bulletin) -> QuizStep | None:
    """The bulletin's question, titled with the bulletin so the resident sees it is the ward's warning."""
    if bulletin.quiz is None:
        return None
    body = bulletin.quiz.body or bulletin.text
    return bulletin.quiz.model_copy(update={"id": f"{BULLETIN_PREFIX}{bulletin.id}", "body": body})


def warmup_kind(step_id: str) -> str | None:
    """ "bulletin" or "warmup" for a step put first by this module, else None (the view shows a badge)."""
    if step_id.startswith(BULLETIN_PREFIX):
        return "bulletin"
    if step_id.startswith(WARMUP_PREFIX):
        return "warmup"
    return None


def trainer_tutorial(
    catalog: Catalog,
    tutorial: Tutorial,
    bulletin: Bulletin | None,
    last_answered: str | None,
    rng: random.Random,
) -> Tutorial:
    """What the player runs for `tutorial`: a trainer round starts with the bulletin's question, or a warm-up."""
    if not is_trainer_round(tutorial):
        return tutorial
    quiz = bulletin_quiz(bulletin) if bulletin is not None else None
    if quiz is not None:
        return tutorial.model_copy(update={"steps": [quiz, *tutorial.steps]})
    picked = pick_warmup(catalog, tutorial.id, last_answered, rng)
    return with_warmup(tutorial, picked[1], WARMUP_PREFIX) if picked else tutorial


# --- Confidence faces ------------------------------------------------------------

CONFIDENCE_LEVELS = (1, 2, 3)  # chưa tự tin, tạm được, tự tin


@dataclass
class ConfidenceBook:
    """The faces tapped in this visit, per tutorial; forgotten with the visit, so pairs never cross visits."""

    before: dict[str, int | None] = field(default_factory=dict)
    after: dict[str, int] = field(default_factory=dict)

    def asked_before(self, tutorial_id: str) -> bool:
        return tutorial_id in self.before

    def rate_before(self, tutorial_id: str, level: int | None) -> None:
        """`None` is "Bỏ qua": asked, not answered, never asked again in this visit."""
        if level is not None and level not in CONFIDENCE_LEVELS:
            raise ValueError(f"confidence {level} is not 1, 2 or 3")
        self.before[tutorial_id] = level

    def rate_after(self, tutorial_id: str, level: int) -> tuple[int | None, int]:
        """The pair to log: the face before (None if skipped) and this one."""
        if level not in CONFIDENCE_LEVELS:
            raise ValueError(f"confidence {level} is not 1, 2 or 3")
        self.after[tutorial_id] = level
        return self.before.get(tutorial_id), level

    def rated_after(self, tutorial_id: str) -> int | None:
        return self.after.get(tutorial_id)
