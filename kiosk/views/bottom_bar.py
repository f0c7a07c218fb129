"""The persistent bottom bar: Back, Home, text size, read aloud, language, help, Next."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QWidget

from kiosk.content.models import Language
from kiosk.strings import ui_text
from kiosk.theme import Theme
from kiosk.views.widgets import BarButton, layout_of


class BottomBar(QWidget):
    back_requested = Signal()
    home_requested = Signal()
    text_size_requested = Signal()
    read_aloud_requested = Signal()
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
        self.language = BarButton("language")
        self.help = BarButton("help", "help")
        self.next = BarButton("next", "primary")
        self.read_aloud.hide()  # read-aloud arrives with the speech engine; no dead button until then
        for button, signal in (
            (self.back, self.back_requested),
            (self.home, self.home_requested),
            (self.text_size, self.text_size_requested),
            (self.read_aloud, self.read_aloud_requested),
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
        return [self.back, self.home, self.text_size, self.read_aloud, self.language, self.help, self.next]

    def apply_theme(self, theme: Theme) -> None:
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
            (self.read_aloud, "read_aloud"),
            (self.language, "other_language"),
            (self.help, "help"),
            (self.next, "next"),
        ):
            button.setText(ui_text(key, language))

    def configure(self, navigation: bool, next_visible: bool, next_label: str) -> None:
        """Back/Home where there is somewhere to go back to; Next only when the resident may go on."""
        self.back.setVisible(navigation)
        self.home.setVisible(navigation)
        self.next.setText(next_label)
        self.next.setVisible(next_visible)
