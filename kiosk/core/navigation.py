"""A resident's visit as a pure state machine: which screen, which language, which text size."""

from __future__ import annotations

import enum
import random
import time
from dataclasses import dataclass

from kiosk.content.loader import Catalog
from kiosk.content.models import Bulletin, Language, QuizStep
from kiosk.core.session import TutorialSession
from kiosk.learning.rules import ConfidenceBook, original_step_id, trainer_tutorial
from kiosk.system.clock import MonotonicClock

TEXT_SIZES: tuple[int, ...] = (100, 125, 150)


class Screen(enum.Enum):
    ATTRACT = "attract"
    HOME = "home"
    LIST = "list"
    PLAYER = "player"
    COMPLETE = "complete"
    CONFIDENCE = "confidence"  # the optional faces before a tutorial starts
    SCAM_HELP = "scam_help"  # "Tôi nghĩ mình bị lừa": what to do right now


@dataclass(frozen=True)
class Route:
    screen: Screen
    category_id: str | None = None
    tutorial_id: str | None = None


class Visit:
    """Everything one resident changed; `reset` forgets all of it (idle reset)."""

    def __init__(
        self,
        catalog: Catalog,
        language: Language = "vi",
        text_size: int = 100,
        clock: MonotonicClock = time.monotonic,
        rng: random.Random | None = None,
        ask_confidence: bool = False,
    ) -> None:
        self.catalog = catalog
        self.ask_confidence = ask_confidence
        self.clock = clock
        self.rng = rng or random.Random()
        self.bulletin: Bulletin | None = None  # set at each visit's start from the calendar (controller)
        self.default_language: Language = language
        self.default_text_size = text_size
        self.reset()

    def reset(self) -> None:
        self.route = Route(Screen.ATTRACT)
        self.language: Language = self.default_language
        self.text_size = self.default_text_size
        self.assisted = False
        self._progress: dict[str, TutorialSession] = {}
        self.confidence = ConfidenceBook()
        self.last_answered: str | None = None
        self.scam_call_made = False  # the emergency page's volunteer call went out in this visit
        self._before_scam_help = Route(Screen.HOME)

    @property
    def player(self) -> TutorialSession | None:
        tutorial_id = self.route.tutorial_id
        return self._progress.get(tutorial_id) if tutorial_id else None

    def categories_with_tutorials(self) -> list[str]:
        return [category.id for category in self.catalog.categories if self.catalog.published(category.id)]

    def progress_of(self, tutorial_id: str) -> TutorialSession | None:
        return self._progress.get(tutorial_id)

    def go_home(self) -> None:
        self.route = Route(Screen.HOME)

    def open_category(self, category_id: str) -> None:
        self.route = Route(Screen.LIST, category_id=category_id)

    def open_tutorial(self, tutorial_id: str) -> TutorialSession:
        """Open a tutorial where the resident left it; a finished one starts again; a new one asks the faces first."""
        tutorial = self.catalog.tutorial(tutorial_id)
        session = self._progress.get(tutorial_id)
        if session is None:
            runs = trainer_tutorial(self.catalog, tutorial, self.bulletin, self.last_answered, self.rng)
            session = self._progress[tutorial_id] = TutorialSession(runs, self.clock)
        elif session.finished:
            session.restart()
        asking = self.ask_confidence and not self.confidence.asked_before(tutorial_id)
        self.route = Route(Screen.CONFIDENCE if asking else Screen.PLAYER, tutorial.category, tutorial_id)
        return session

    def rate_before(self, level: int | None) -> None:
        """A face tapped (or "Bỏ qua") before the tutorial: the tutorial starts."""
        if self.route.screen is Screen.CONFIDENCE and self.route.tutorial_id is not None:
            self.confidence.rate_before(self.route.tutorial_id, level)
            self.route = Route(Screen.PLAYER, self.route.category_id, self.route.tutorial_id)

    def rate_after(self, level: int) -> tuple[int | None, int] | None:
        """A face tapped on the completion screen: the pair to log, once per tutorial and visit."""
        tutorial_id = self.route.tutorial_id
        if self.route.screen is not Screen.COMPLETE or tutorial_id is None:
            return None
        if self.confidence.rated_after(tutorial_id) is not None:
            return None
        return self.confidence.rate_after(tutorial_id, level)

    def answer(self, choice: int) -> bool | None:
        """A quiz answer; remembered (by content id) so the next warm-up is never the same scenario."""
        session = self.player
        if session is None:
            return None
        correct = session.answer(choice)
        if correct is not None and isinstance(session.step, QuizStep):
            self.last_answered = original_step_id(session.step.id)
        return correct

    def open_scam_help(self) -> None:
        """ "Tôi nghĩ mình bị lừa": from Home or from "Gọi hỗ trợ"; Back returns where the resident was."""
        if self.route.screen is not Screen.SCAM_HELP:
            self._before_scam_help = self.route if self.route.screen is not Screen.ATTRACT else Route(Screen.HOME)
        self.route = Route(Screen.SCAM_HELP)

    def next(self) -> bool:
        session = self.player
        if session is None or not session.next():
            return False
        if session.finished:
            self.route = Route(Screen.COMPLETE, self.route.category_id, self.route.tutorial_id)
        return True

    def restart(self) -> None:
        session = self.player
        if session is not None:
            session.restart()
            self.route = Route(Screen.PLAYER, self.route.category_id, self.route.tutorial_id)

    def back(self) -> None:
        """Back is always safe: one step, one screen, never out of the visit."""
        screen = self.route.screen
        session = self.player
        if screen is Screen.SCAM_HELP:
            self.route = self._before_scam_help
        elif screen is Screen.CONFIDENCE:
            self.route = Route(Screen.LIST, category_id=self.route.category_id)
        elif screen in (Screen.PLAYER, Screen.COMPLETE) and session is not None and session.back():
            self.route = Route(Screen.PLAYER, self.route.category_id, self.route.tutorial_id)
        elif screen in (Screen.PLAYER, Screen.COMPLETE):
            self.route = Route(Screen.LIST, category_id=self.route.category_id)
        elif screen is Screen.LIST:
            self.go_home()

    def cycle_text_size(self) -> int:
        position = TEXT_SIZES.index(self.text_size) if self.text_size in TEXT_SIZES else 0
        self.text_size = TEXT_SIZES[(position + 1) % len(TEXT_SIZES)]
        return self.text_size

    def toggle_language(self) -> Language:
        self.language = "en" if self.language == "vi" else "vi"
        return self.language
