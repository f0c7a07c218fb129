"""The persistent bottom bar: Back, Home, text size, read aloud (with volume while reading), language, help, Next."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QWidget

from kiosk.content.models import Language
from kiosk.text.strings import ui_text
from kiosk.text.theme import Theme
from kiosk.views.widgets import BarButton, layout_of


class BottomBar(QWidget):
    back_requested = Signal()
    home_requested = Signal()
    text_size_requested = Signal()
    read_aloud_requested = Signal()
    volume_down_requested = Signal()
    volume_up_requested = Signal()
    language_requested = Signal()
    help_requested = Signal()
    next_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("BottomBar")
        self.back = BarButton("back")
        self.home = BarButton("home")
        self.text_size = BarButton("text_size")
        self.read_aloud = BarButton("read_aloud")
        self.volume_down = BarButton("volume_down")
        self.volume_up = BarButton("volume_up")
        self.language = BarButton("language")
        self.help = BarButton("help", "help")
        self.next = BarButton("next", "primary")
        self.read_aloud.hide()  # shown by `show_read_aloud` once a voice exists: no dead button
        self.volume_down.hide()  # "Nhỏ hơn" / "To hơn" take the places of text size and language while reading
        self.volume_up.hide()
        self._read_key = "read_aloud"
        self._theme: Theme | None = None
        for button, signal in (
            (self.back, self.back_requested),
            (self.home, self.home_requested),
            (self.text_size, self.text_size_requested),
            (self.read_aloud, self.read_aloud_requested),
            (self.volume_down, self.volume_down_requested),
            (self.volume_up, self.volume_up_requested),
            (self.language, self.language_requested),
            (self.help, self.help_requested),
            (self.next, self.next_requested),
        ):
            button.clicked.connect(signal)
        row = QHBoxLayout(self)
        for button in self.buttons():
            row.addWidget(button, 1)
        row.setStretchFactor(self.next, 2)
        policy = self.next.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.next.setSizePolicy(policy)

    def buttons(self) -> list[BarButton]:
        return [
            self.back,
            self.home,
            self.text_size,
            self.volume_down,
            self.read_aloud,
            self.volume_up,
            self.language,
            self.help,
            self.next,
        ]

    def apply_theme(self, theme: Theme) -> None:
        self._theme = theme
        palette = theme.palette
        self.setFixedHeight(theme.bar_height)
        margin = theme.px(24)
        layout_of(self).setContentsMargins(margin, theme.px(14), margin, theme.px(14))
        layout_of(self).setSpacing(theme.gap_px)
        for button in self.buttons():
            colour = {"help": palette.help_text, "primary": palette.primary_text}.get(
                button.property("role"), palette.button_text
            )
            button.apply_theme(theme, colour)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_language(self, language: Language) -> None:
        for button, key in (
            (self.back, "back"),
            (self.home, "home"),
            (self.text_size, "text_size"),
            (self.read_aloud, self._read_key),
            (self.volume_down, "volume_down"),
            (self.volume_up, "volume_up"),
            (self.language, "other_language"),
            (self.help, "help"),
            (self.next, "next"),
        ):
            button.setText(ui_text(key, language))

    def show_read_aloud(self, visible: bool, key: str, language: Language) -> None:
        """The read-aloud button: "Đọc to", "Dừng đọc" while reading, "Đọc lại" after; hidden without a voice."""
        self._read_key = key
        self.read_aloud.setVisible(visible)
        self.read_aloud.setText(ui_text(key, language))
        reading = visible and key == "stop_reading"
        for button in (self.text_size, self.language):
            button.setVisible(not reading)
        for button in (self.volume_down, self.volume_up):
            button.setVisible(reading)
        icon_name = "stop_reading" if key == "stop_reading" else "read_aloud"
        if icon_name != self.read_aloud.icon_name:
            self.read_aloud.icon_name = icon_name
            if self._theme is not None:
                self.read_aloud.apply_theme(self._theme, self._theme.palette.button_text)

    def configure(self, navigation: bool, next_visible: bool, next_label: str) -> None:
        """Back/Home where there is somewhere to go back to; Next only when the resident may go on."""
        self.back.setVisible(navigation)
        self.home.setVisible(navigation)
        self.next.setText(next_label)
        self.next.setVisible(next_visible)
