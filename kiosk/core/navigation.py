"""A resident's visit as a pure state machine: which screen, which language, which text size."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from kiosk.content.loader import Catalog
from kiosk.content.models import Language
from kiosk.core.session import TutorialSession

TEXT_SIZES: tuple[int, ...] = (100, 125, 150)


class Screen(enum.Enum):
    ATTRACT = "attract"
    HOME = "home"
    LIST = "list"
    PLAYER = "player"
    COMPLETE = "complete"


@dataclass(frozen=True)
class Route:
    screen: Screen
    category_id: str | None = None
    tutorial_id: str | None = None


class Visit:
    """Everything one resident changed; `reset` forgets all of it (idle reset)."""

    def __init__(self, catalog: Catalog, language: Language = "vi", text_size: int = 100) -> None:
        self.catalog = catalog
        self.default_language: Language = language
        self.default_text_size = text_size
        self.reset()

    def reset(self) -> None:
        self.route = Route(Screen.ATTRACT)
        self.language: Language = self.default_language
        self.text_size = self.default_text_size
        self.assisted = False
        self._progress: dict[str, TutorialSession] = {}

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
        """Open a tutorial where the resident left it; a finished one starts again."""
        tutorial = self.catalog.tutorial(tutorial_id)
        session = self._progress.get(tutorial_id)
        if session is None:
            session = self._progress[tutorial_id] = TutorialSession(tutorial)
        elif session.finished:
            session.restart()
        self.route = Route(Screen.PLAYER, tutorial.category, tutorial_id)
        return session

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
        if screen in (Screen.PLAYER, Screen.COMPLETE) and session is not None and session.back():
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
