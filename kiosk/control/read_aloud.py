"""Read aloud on resident screens: the bar's "Đọc to" button, volume while it reads, auto read, stopping.

It reads the screen models the controller announces and the overlays the shell shows, never a widget:
what is heard is built from the same model as what is seen (`kiosk.speech.spoken`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from kiosk.core.screen_model import Attract, Overlay, ScreenModel, StepScreen
from kiosk.processes.speech import Speaker
from kiosk.speech.speakable import speakable
from kiosk.speech.spoken import ListPage, spoken, spoken_overlay
from kiosk.text.language import Language

START_DELAY_MS = 1500  # the engine opens after the first screen is up, never on the start-up path
VOLUME_STEP = 0.1
MIN_VOLUME = 0.1

ShowButton = Callable[[bool, str, Language], None]  # visible, strings key, language


class ReadAloud(QObject):
    """Reads the resident's current screen through a `Speaker`; owns the button's word and the volume."""

    def __init__(
        self,
        speaker: Speaker,
        show_button: ShowButton,
        volume: float,
        auto_read: bool,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.speaker = speaker
        self.show_button = show_button
        self.default_volume = self.volume = volume
        self.auto_read = auto_read
        self.model: ScreenModel = Attract("vi", "")
        self.page: ListPage | None = None
        self.feedback_split = False  # the step page shows a quiz's verdict without its explanation
        self._shown = ""  # the spoken text of the screen on show
        self._read = ""  # the last text read from the bar (for "Đọc lại")
        self._overlay = False  # reading the idle warning or the help message, not the screen
        self._started = False
        speaker.changed.connect(self.redraw)

    @property
    def language(self) -> Language:
        return self.model.language

    def health_problem(self) -> str | None:
        """For the operator area (`health.check_speech`): None when a Vietnamese voice is ready (or the engine is
        still within its start-up grace), else why, in plain words."""
        if self.speaker.available:
            return None
        problem = self.speaker.health_problem()
        return None if problem is None else problem or "no Vietnamese voice"

    def screen_text(self) -> str:
        """What the screen on show says, as written (before `speakable`)."""
        return spoken(self.model, self.page, self.feedback_split)

    def toggle(self) -> bool:
        """The bar's button: read the screen, or stop if it is being read. True when reading started."""
        if self.speaker.speaking:
            self.stop()
            return False
        self._read = self._shown = self.screen_text()
        self._say(self._read, overlay=False)
        return True

    def screen_shown(self, model: ScreenModel) -> None:
        """After every change: a different screen stops the old speech; auto read reads a new step."""
        if not self._started:
            self._started = True
            QTimer.singleShot(START_DELAY_MS, self, self.speaker.start)  # once the event loop runs: after show
        self.model = model
        self._update(auto=isinstance(model, StepScreen))

    def page_shown(self, first: int, count: int, page: int, pages: int) -> None:
        """The list view turned a page (or laid it out again): read the titles now on show."""
        self.page = ListPage(first, count, page, pages)
        self._update(auto=False)

    def feedback_split_shown(self, split: bool) -> None:
        """The step page split a quiz's feedback ("Vì sao?") or joined it again: read what is on show."""
        self.feedback_split = split
        self._update(auto=isinstance(self.model, StepScreen))  # auto read goes on with the words on show

    def _update(self, auto: bool) -> None:
        text = self.screen_text()
        if text != self._shown:
            self._shown = text
            self.stop()
            if self.auto_read and auto:
                self._read = text
                self._say(text, overlay=False)
        self.redraw()

    def read_overlay(self, overlay: Overlay) -> None:
        """The idle warning or the help message came up: read it over the screen."""
        self._say(spoken_overlay(overlay), overlay=True)

    def change_volume(self, step: float) -> None:
        """Louder or softer, then read the screen again from the start so the resident hears the new level."""
        self.volume = round(min(1.0, max(MIN_VOLUME, self.volume + step)), 2)
        self.speaker.set_volume(self.volume)
        self._say(self._read or self.screen_text(), overlay=False)

    def louder(self) -> None:
        self.change_volume(VOLUME_STEP)

    def softer(self) -> None:
        self.change_volume(-VOLUME_STEP)

    def stop(self) -> None:
        if self.speaker.speaking:
            self.speaker.stop()
        self._overlay = False

    def reset(self) -> None:
        """Idle reset: silence, and the next resident starts at the configured volume."""
        self.stop()
        self.volume = self.default_volume
        self.speaker.set_volume(self.volume)
        self._shown = self._read = ""
        self.redraw()

    def _say(self, text: str, overlay: bool) -> None:
        language = self.language
        if not self.speaker.can_speak(language):
            return
        self._overlay = overlay
        self.speaker.set_volume(self.volume)
        self.speaker.say(speakable(text, language), language)
        self.redraw()

    def redraw(self) -> None:
        language, speaker = self.language, self.speaker
        if speaker.speaking and not self._overlay:
            key = "stop_reading"
        else:
            key = "read_again" if self._read and self._read == self._shown else "read_aloud"
        self.show_button(speaker.available and speaker.can_speak(language), key, language)
