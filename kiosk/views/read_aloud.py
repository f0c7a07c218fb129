"""Read aloud on resident screens: the bar's "Đọc to" button, the volume row while it reads, auto read, stopping."""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, QSize, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from kiosk.content.models import Language
from kiosk.navigation import Screen, Visit
from kiosk.spoken import speakable, spoken_help, spoken_idle_warning, spoken_screen
from kiosk.strings import ui_text
from kiosk.theme import Theme
from kiosk.views.icons import icon
from kiosk.views.shell import KioskShell
from kiosk.views.speech import Speaker
from kiosk.views.widgets import label, layout_of

START_DELAY_MS = 1500  # the engine opens after the first screen is up, never on the start-up path
VOLUME_STEP = 0.1
MIN_VOLUME = 0.1


class VolumeRow(QFrame):
    """Two big buttons, "Nhỏ hơn" and "To hơn", above the bar while the screen is being read."""

    softer_requested = Signal()
    louder_requested = Signal()

    def __init__(self, host: QWidget) -> None:
        super().__init__(host)
        self.host = host
        self.setObjectName("OverlayCard")
        self.softer = QPushButton()
        self.louder = QPushButton()
        self.level = label("", "body", wrap=False)
        self.softer.clicked.connect(self.softer_requested)
        self.louder.clicked.connect(self.louder_requested)
        row = QHBoxLayout(self)
        row.addWidget(self.softer)
        row.addWidget(self.level)
        row.addWidget(self.louder)
        self.hide()

    def present(self, theme: Theme, language: Language, volume: float, above: QWidget) -> None:
        pad = theme.px(20)
        layout_of(self).setContentsMargins(pad, pad, pad, pad)
        layout_of(self).setSpacing(theme.gap_px)
        for button, key in ((self.softer, "volume_down"), (self.louder, "volume_up")):
            button.setText(" " + ui_text(key, language))
            button.setIcon(icon(key, theme.palette.button_text))
            button.setIconSize(QSize(theme.icon_px, theme.icon_px))
        self.level.setText(ui_text("volume_level", language, n=round(volume * 10)))
        self.adjustSize()
        corner = above.mapTo(self.host, QPoint(above.width(), 0))
        self.move(max(0, corner.x() - self.width() - theme.margin_px), corner.y() - self.height() - theme.gap_px)
        self.show()
        self.raise_()


class ReadAloud(QObject):
    """Reads the resident's current screen through a `Speaker`; owns the button's word and the volume row."""

    def __init__(self, speaker: Speaker, shell: KioskShell, visit: Visit, volume: float, auto_read: bool) -> None:
        super().__init__(shell)
        self.speaker = speaker
        self.shell = shell
        self.visit = visit
        self.default_volume = self.volume = volume
        self.auto_read = auto_read
        self.volume_row = VolumeRow(shell)
        self._shown = ""  # the spoken text of the screen on show
        self._read = ""  # the last text read from the bar (for "Đọc lại")
        self._overlay = False  # reading the idle warning or the help message, not the screen
        self._started = False
        speaker.changed.connect(self.redraw)
        self.volume_row.softer_requested.connect(lambda: self.change_volume(-VOLUME_STEP))
        self.volume_row.louder_requested.connect(lambda: self.change_volume(VOLUME_STEP))
        shell.idle_warning.appeared.connect(self.read_idle_warning)
        shell.help_message.appeared.connect(self.read_help)
        shell.idle_warning.dismissed.connect(self.stop)
        shell.help_message.dismissed.connect(self.stop)

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
        if speaker.speaking and not self._overlay and self.shell.bar.isVisible():
            self.volume_row.present(self.shell.theme, language, self.volume, self.shell.bar)
        else:
            self.volume_row.hide()
