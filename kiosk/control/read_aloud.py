"""Read aloud on resident screens: the bar's "Đọc to" button, volume while it reads, auto read, stopping."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from kiosk.core.navigation import Screen, Visit
from kiosk.processes.speech import Speaker
from kiosk.speech.spoken import speakable, spoken_help, spoken_idle_warning, spoken_screen
from kiosk.views.shell import KioskShell

START_DELAY_MS = 1500  # the engine opens after the first screen is up, never on the start-up path
VOLUME_STEP = 0.1
MIN_VOLUME = 0.1


class ReadAloud(QObject):
    """Reads the resident's current screen through a `Speaker`; owns the button's word and the volume."""

    def __init__(self, speaker: Speaker, shell: KioskShell, visit: Visit, volume: float, auto_read: bool) -> None:
        super().__init__(shell)
        self.speaker = speaker
        self.shell = shell
        self.visit = visit
        self.default_volume = self.volume = volume
        self.auto_read = auto_read
        self._shown = ""  # the spoken text of the screen on show
        self._read = ""  # the last text read from the bar (for "Đọc lại")
        self._overlay = False  # reading the idle warning or the help message, not the screen
        self._started = False
        speaker.changed.connect(self.redraw)
        shell.bar.volume_down_requested.connect(lambda: self.change_volume(-VOLUME_STEP))
        shell.bar.volume_up_requested.connect(lambda: self.change_volume(VOLUME_STEP))
        shell.idle_warning.appeared.connect(self.read_idle_warning)
        shell.help_message.appeared.connect(self.read_help)
        shell.idle_warning.dismissed.connect(self.stop)
        shell.help_message.dismissed.connect(self.stop)

    def health_problem(self) -> str | None:
        """For the operator area (`health.check_speech`): None when a Vietnamese voice is ready (or the engine is
        still within its start-up grace), else why, in plain words."""
        if self.speaker.available:
            return None
        problem = self.speaker.health_problem()
        return None if problem is None else problem or "no Vietnamese voice"

    def screen_text(self) -> str:
        """What the screen on show says, as written (before `speakable`)."""
        cards = self.shell.tutorial_list.visible_cards()
        titles = [card.tutorial.title.get(self.visit.language) for card in cards]
        pages = self.shell.tutorial_list.pages
        return spoken_screen(self.visit, titles, (self.shell.tutorial_list.page + 1, max(1, len(pages))))

    def toggle(self) -> bool:
        """The bar's button: read the screen, or stop if it is being read. True when reading started."""
        if self.speaker.speaking:
            self.stop()
            return False
        self._read = self._shown = self.screen_text()
        self._say(self._read, overlay=False)
        return True

    def screen_shown(self, _screen: str = "") -> None:
        """After every redraw: a different screen stops the old speech; auto read reads a new step."""
        if not self._started:
            self._started = True
            QTimer.singleShot(START_DELAY_MS, self, self.speaker.start)  # once the event loop runs: after show
        text = self.screen_text()
        if text != self._shown:
            self._shown = text
            self.stop()
            if self.auto_read and self.visit.route.screen is Screen.PLAYER:
                self._read = text
                self._say(text, overlay=False)
        self.redraw()

    def read_idle_warning(self) -> None:
        language = self.visit.language
        self._say(spoken_idle_warning(language, self.shell.idle_warning.seconds_left), overlay=True)

    def read_help(self) -> None:
        self._say(spoken_help(self.visit.language), overlay=True)

    def change_volume(self, step: float) -> None:
        """Louder or softer, then read the screen again from the start so the resident hears the new level."""
        self.volume = round(min(1.0, max(MIN_VOLUME, self.volume + step)), 2)
        self.speaker.set_volume(self.volume)
        self._say(self._read or self.screen_text(), overlay=False)

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
        language = self.visit.language
        if not self.speaker.can_speak(language):
            return
        self._overlay = overlay
        self.speaker.set_volume(self.volume)
        self.speaker.say(speakable(text, language), language)
        self.redraw()

    def redraw(self) -> None:
        language, speaker = self.visit.language, self.speaker
        if speaker.speaking and not self._overlay:
            key = "stop_reading"
        else:
            key = "read_again" if self._read and self._read == self._shown else "read_aloud"
        self.shell.bar.show_read_aloud(speaker.available and speaker.can_speak(language), key, language)
